/**
 * The issuer: who Grange Numérique is in a credential, and the controller document (DID
 * document) that publishes its keys so anyone can check a signature is really its own.
 */
import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../contexts/bundled-contexts.ts';
import type { IssuerKey, PublicIssuerKey } from '../keys/issuer-key.ts';

/** What people see of the issuer; becomes the OB 3.0 `Profile` and the OB 2.0 `Issuer`. */
export interface IssuerProfile {
  /** did:web (published by the server), did:key (local runs) or an https URL. */
  id: string;
  name: string;
  /** The issuer's public web site. */
  url: string;
  email?: string;
  description?: string;
  /** PNG or SVG: an https URL or a data: URI. */
  image?: string;
}

export interface Issuer {
  profile: IssuerProfile;
  keys: IssuerKey[];
}

/** A verification method as published: Multikey, retired keys carrying `revoked`. */
export interface VerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
  /** When the key was retired: signatures made from then on are rejected. */
  revoked?: string;
}

export interface ControllerDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
}

/**
 * The DID document (or controller document, for an https issuer) that the server publishes.
 * Every Ed25519 key is listed, the retired ones with `revoked`: what they signed before that
 * date still verifies. Ids are absolute and `assertionMethod` lists ids, as strict verifiers
 * require.
 *
 * @param issuerId the issuer id, which is the document's id and every key's controller.
 * @param keys the issuer's keys (RSA keys are published elsewhere, as JWK and PEM).
 */
export function buildControllerDocument(
  issuerId: string,
  keys: readonly PublicIssuerKey[],
): ControllerDocument {
  const methods = keys
    .filter((key) => key.algorithm === 'Ed25519' && key.publicKeyMultibase)
    .map(
      (key): VerificationMethod => ({
        id: key.id,
        type: 'Multikey',
        controller: issuerId,
        publicKeyMultibase: key.publicKeyMultibase as string,
        ...(key.retiredAt ? { revoked: key.retiredAt } : {}),
      }),
    );
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: issuerId,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

/** `did:key:z6Mk…` for an Ed25519 public key: self-certifying, for local runs without hosting. */
export function didKeyFor(publicKeyMultibase: string): string {
  return `did:key:${publicKeyMultibase}`;
}
