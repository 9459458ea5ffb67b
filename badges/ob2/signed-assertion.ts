/**
 * OB 2.0 signed assertions: a compact JWS (RFC 7515) whose payload is the Assertion JSON and whose
 * header is exactly `{"alg":"RS256"}`, as in the specification's examples (RSA-SHA256 is the one
 * algorithm the reference validator verifies). Signed with jsonwebtoken, told to add neither
 * `typ` nor `iat`, so the payload is the Assertion and nothing else.
 */
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { IssuerKey } from '../keys/issuer-key.ts';
import { printable } from '../verify/printable.ts';
import type { Ob2Assertion } from './build-objects.ts';

/** A compact JWS taken apart; nothing here is trusted yet. */
export interface DecodedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `base64url(header).base64url(payload)`: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Signs an assertion whose `verification` is `SignedBadge`.
 *
 * @param assertion the Assertion (id `urn:uuid:…`, `verification.creator` = the id of the
 *   published CryptographicKey holding this key's public half).
 * @param key the issuer's RSA key, private part included.
 * @returns the compact JWS.
 * @throws Error when the key is not an RSA private key, was retired by the assertion's
 *   `issuedOn` (the signing time verifiers compare with the key's retirement), or the assertion
 *   is not a signed one.
 */
export function signAssertion(assertion: Ob2Assertion, key: IssuerKey): string {
  if (key.algorithm !== 'RSA' || !key.privateKeyPem) {
    throw new Error(`${key.id}: OB 2.0 signed badges need an RSA private key`);
  }
  // An award may be re-signed later with a newer key, so only retirement bars signing.
  if (
    key.retiredAt !== undefined &&
    !(Date.parse(assertion.issuedOn) < Date.parse(key.retiredAt))
  ) {
    throw new Error(
      `${key.id}: retired on ${key.retiredAt}, it cannot sign an assertion issued on ${assertion.issuedOn}`,
    );
  }
  if (assertion.verification.type !== 'SignedBadge') {
    throw new Error('only assertions with SignedBadge verification are signed');
  }
  const privateKey = createPrivateKey(key.privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`${key.id}: not an RSA key`);
  return jwt.sign({ ...assertion }, privateKey, {
    algorithm: 'RS256',
    noTimestamp: true,
    // `typ: undefined` drops the `typ: JWT` jsonwebtoken adds by default.
    header: { alg: 'RS256', typ: undefined },
  });
}

/**
 * Takes a compact JWS apart without trusting it.
 *
 * @param jws the compact serialisation `header.payload.signature`.
 * @returns the decoded parts, or why they cannot be read (never throws).
 */
export function decodeJws(
  jws: string,
): { ok: true; jws: DecodedJws } | { ok: false; detail: string } {
  const parts = jws.trim().split('.');
  if (parts.length !== 3)
    return { ok: false, detail: `expected 3 dot-separated parts, got ${parts.length}` };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  if (![headerPart, payloadPart, signaturePart].every((part) => BASE64URL.test(part))) {
    return { ok: false, detail: 'a part is not base64url' };
  }
  const header = parseObject(headerPart);
  if (!header) return { ok: false, detail: 'the header is not a base64url JSON object' };
  const payload = parseObject(payloadPart);
  if (!payload) return { ok: false, detail: 'the payload is not a base64url JSON object' };
  return {
    ok: true,
    jws: {
      header,
      payload,
      signingInput: `${headerPart}.${payloadPart}`,
      signature: Buffer.from(signaturePart, 'base64url'),
    },
  };
}

/**
 * Checks an RS256 signature. The algorithm is pinned: whatever the header says, only an RSA
 * public key and RSA-SHA256 are used, so `none` or HS256 tokens (signed with the public key as
 * an HMAC secret) never pass.
 *
 * @param jws the decoded JWS.
 * @param publicKeyPem the SPKI PEM of the signer's RSA public key.
 * @returns whether the signature is valid, or why it cannot be checked (never throws).
 */
export function verifyRs256(
  jws: DecodedJws,
  publicKeyPem: string,
): { ok: true } | { ok: false; detail: string } {
  if (jws.header.alg !== 'RS256') {
    return {
      ok: false,
      detail: `algorithm ${printable(jws.header.alg)} is not accepted (RS256 only)`,
    };
  }
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (publicKey.asymmetricKeyType !== 'rsa') {
      return { ok: false, detail: `the key is ${publicKey.asymmetricKeyType}, not RSA` };
    }
    const valid = verify(
      'sha256',
      Buffer.from(jws.signingInput, 'ascii'),
      publicKey,
      jws.signature,
    );
    return valid ? { ok: true } : { ok: false, detail: 'the RS256 signature does not match' };
  } catch (error) {
    return {
      ok: false,
      detail: `the key or signature cannot be used: ${(error as Error).message}`,
    };
  }
}

function parseObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
