/**
 * The status list credential the server publishes at the list's URL: a signed
 * `BitstringStatusListCredential` whose subject carries the encoded revocation bits. All its
 * terms are defined by the VC 2.0 context, so no other context is needed.
 */
import { VC_V2_CONTEXT } from '../contexts/bundled-contexts.ts';
import type { Issuer } from '../issuer/issuer.ts';
import { signingKey } from '../keys/issuer-key.ts';
import type { DataIntegrityProofValue } from '../ob3/credential-types.ts';
import { signCredentialDataIntegrity } from '../ob3/data-integrity.ts';
import type { StatusList } from './status-list.ts';

export type StatusListCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: 'revocation';
    encodedList: string;
  };
};

export type SignedStatusListCredential = StatusListCredential & {
  proof: DataIntegrityProofValue[];
};

/**
 * The unsigned status list credential (pure).
 *
 * @param list the list.
 * @param issuerId the issuer id; it must be the issuer of the credentials the list covers.
 * @param validFrom ISO 8601, when this version of the list was published.
 * @param validUntil optional ISO 8601 after which verifiers should fetch a newer version.
 */
export function unsignedStatusListCredential(
  list: StatusList,
  issuerId: string,
  validFrom: string,
  validUntil?: string,
): StatusListCredential {
  return {
    '@context': [VC_V2_CONTEXT],
    id: list.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerId,
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    credentialSubject: {
      id: `${list.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: list.encode(),
    },
  };
}

/**
 * Builds and signs the status list credential with the issuer's current Ed25519 key.
 *
 * @param list the list.
 * @param issuer the issuer and its keys.
 * @param validFrom ISO 8601, when this version of the list was published.
 * @param options.now the signing clock (default: `validFrom`).
 * @param options.validUntil optional end of validity of this version.
 * @returns the signed credential, to publish at `list.id`.
 * @throws Error when the issuer has no active Ed25519 key.
 */
export async function buildStatusListCredential(
  list: StatusList,
  issuer: Issuer,
  validFrom: string,
  options: { now?: Date; validUntil?: string } = {},
): Promise<SignedStatusListCredential> {
  const now = options.now ?? new Date(validFrom);
  const key = signingKey(issuer.keys, 'Ed25519', now.toISOString());
  const credential = unsignedStatusListCredential(
    list,
    issuer.profile.id,
    validFrom,
    options.validUntil,
  );
  return signCredentialDataIntegrity(credential, key, { now });
}
