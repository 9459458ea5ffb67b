/**
 * Verifies the VC-JWT proof of an OB 3.0 credential (openbadges.md §3.6): a JOSE header with only
 * `alg` (RS256 or ES256), `typ` and `kid` or `jwk`; a key the issuer controls (a `kid` on the
 * issuer's origin returning a bare JWK, or a DID URL of the issuer with `publicKeyJwk`; a `jwk`
 * header alone proves nothing about the issuer); the signature by jsonwebtoken with the
 * algorithm pinned; and registered claims equal to the credential's own fields. Never throws.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { findMethod } from '../contexts/document-loader.ts';
import { didWebDocumentUrl } from '../did/did-web.ts';
import type { VerifyContext } from '../verify/pipeline.ts';
import { printable } from '../verify/printable.ts';
import {
  type Assessment,
  controllerOf,
  type KeyReason,
  listsAssertionMethod,
  type ProofOutcome,
  type ProofReason,
  retiredProblem,
} from './assessment.ts';
import { keyLoadFailure, type LoaderBundle } from './verify-di-proof.ts';

const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;
type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];
const ALLOWED_HEADERS = new Set(['alg', 'typ', 'kid', 'jwk']);

export type DecodedJws = {
  token: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
};

/**
 * @param jws a compact JWS (surrounding white space ignored).
 * @returns its header and payload when both are JSON objects, else undefined.
 */
export function decodeCompactJws(jws: string): DecodedJws | undefined {
  const token = jws.trim();
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return undefined;
  const [header, payload] = parts.map((part) => parseJsonObject(Buffer.from(part, 'base64url')));
  if (!header || !payload) return undefined;
  return { token, header, payload };
}

function parseJsonObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @param jws the decoded token.
 * @param credential the credential carried by the payload.
 * @param issuerId the credential's issuer id.
 * @param ctx the verifier's context (fetcher, did:web over http).
 * @param loader the document loader, for a `kid` that is a DID URL.
 */
export async function verifyJwtProof(
  jws: DecodedJws,
  credential: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
  loader: LoaderBundle,
): Promise<ProofOutcome> {
  const { header, payload } = jws;
  const signedAt = [
    credential.validFrom ?? credential.issuanceDate,
    isoFromNumericDate(payload.nbf),
  ];
  const resolved = await resolveKey(header, issuerId, ctx, loader, signedAt);
  const headerProblem = checkHeader(header);
  if (headerProblem) {
    return {
      proof: { status: 'failed', reason: 'bad-header', detail: headerProblem },
      issuerKey: resolved.key,
    };
  }
  if (!resolved.publicKey) {
    return { proof: proofWithoutKey(resolved.key), issuerKey: resolved.key };
  }
  try {
    jwt.verify(jws.token, resolved.publicKey, {
      algorithms: [header.alg as AllowedAlgorithm],
      // Dates are the `dates` check's business: here only the signature and claims count.
      ignoreExpiration: true,
      ignoreNotBefore: true,
    });
  } catch (error) {
    return {
      proof: { status: 'failed', reason: 'bad-signature', detail: (error as Error).message },
      issuerKey: resolved.key,
    };
  }
  const mismatches = claimMismatches(payload, credential, issuerId);
  if (mismatches.length > 0) {
    return {
      proof: { status: 'failed', reason: 'claims-mismatch', detail: mismatches.join('; ') },
      issuerKey: resolved.key,
    };
  }
  return {
    proof: { status: 'passed', reason: 'ok', detail: 'JWS signature verified' },
    issuerKey: resolved.key,
  };
}

function checkHeader(header: Record<string, unknown>): string | undefined {
  const extra = Object.keys(header).filter((name) => !ALLOWED_HEADERS.has(name));
  if (extra.length > 0) return `header members not allowed: ${extra.join(', ')}`;
  if (!ALLOWED_ALGORITHMS.includes(header.alg as AllowedAlgorithm)) {
    return `alg ${printable(header.alg)} is not RS256 or ES256`;
  }
  if (header.typ !== undefined && header.typ !== 'JWT')
    return `typ ${printable(header.typ)} is not JWT`;
  if (typeof header.kid !== 'string' && (typeof header.jwk !== 'object' || header.jwk === null)) {
    return 'neither kid nor jwk';
  }
  return undefined;
}

function proofWithoutKey(key: Assessment<KeyReason>): Assessment<ProofReason> {
  if (key.status === 'could-not-check') {
    return {
      status: 'could-not-check',
      reason: key.reason === 'unsupported' ? 'unsupported' : 'unreachable',
      detail: key.detail,
    };
  }
  if (key.reason === 'outside-issuer') {
    return { status: 'failed', reason: 'key-outside-issuer', detail: key.detail };
  }
  return { status: 'failed', reason: 'key-not-published', detail: key.detail };
}

type ResolvedKey = { key: Assessment<KeyReason>; publicKey?: KeyObject };

async function resolveKey(
  header: Record<string, unknown>,
  issuerId: string | undefined,
  ctx: VerifyContext,
  loader: LoaderBundle,
  signedAt: unknown[],
): Promise<ResolvedKey> {
  const kid = header.kid;
  if (typeof kid === 'string') {
    if (!issuerId)
      return { key: { status: 'failed', reason: 'outside-issuer', detail: 'no issuer id' } };
    if (kid.startsWith('did:')) return resolveDidKey(kid, issuerId, loader, signedAt);
    if (!keyUrlOnIssuerOrigin(kid, issuerId, ctx.didWebOverHttp)) {
      // Not fetched: a key elsewhere than the issuer's own site cannot be the issuer's.
      return {
        key: {
          status: 'failed',
          reason: 'outside-issuer',
          detail: `kid ${kid} is not on the issuer's site`,
        },
      };
    }
    return resolveUrlKey(kid, ctx, signedAt);
  }
  if (typeof header.jwk === 'object' && header.jwk !== null) {
    const key: Assessment<KeyReason> = {
      status: 'failed',
      reason: 'self-asserted',
      detail: 'the key is only in the jwk header, not published by the issuer',
    };
    const publicKey = importJwk(header.jwk as Record<string, unknown>);
    return typeof publicKey === 'string' ? { key } : { key, publicKey };
  }
  return { key: { status: 'failed', reason: 'no-key', detail: 'neither kid nor jwk' } };
}

async function resolveDidKey(
  kid: string,
  issuerId: string,
  loader: LoaderBundle,
  signedAt: unknown[],
): Promise<ResolvedKey> {
  if (controllerOf(kid) !== issuerId) {
    return {
      key: {
        status: 'failed',
        reason: 'outside-issuer',
        detail: `${kid} is not under ${issuerId}`,
      },
    };
  }
  try {
    await loader.documentLoader(kid);
  } catch (error) {
    return { key: keyLoadFailure(error, kid) };
  }
  const controller = loader.controllers.get(issuerId);
  const method = controller ? findMethod(controller, kid) : undefined;
  const jwk = method?.publicKeyJwk;
  if (!controller || !method || typeof jwk !== 'object' || jwk === null) {
    return {
      key: { status: 'failed', reason: 'not-published', detail: `${kid} has no publicKeyJwk` },
    };
  }
  const publicKey = importJwk(jwk as Record<string, unknown>);
  if (typeof publicKey === 'string') {
    return { key: { status: 'failed', reason: 'not-published', detail: publicKey } };
  }
  if (method.controller !== issuerId) {
    return {
      key: {
        status: 'failed',
        reason: 'outside-issuer',
        detail: `${kid} is controlled by ${printable(method.controller)}`,
      },
      publicKey,
    };
  }
  if (!listsAssertionMethod(controller, kid)) {
    return {
      key: {
        status: 'failed',
        reason: 'not-authorised',
        detail: `${kid} is not an assertionMethod`,
      },
      publicKey,
    };
  }
  const retired = retiredProblem(method.revoked, signedAt);
  if (retired) return { key: { status: 'failed', reason: 'retired', detail: retired }, publicKey };
  return { key: { status: 'passed', reason: 'ok', detail: kid }, publicKey };
}

async function resolveUrlKey(
  kid: string,
  ctx: VerifyContext,
  signedAt: unknown[],
): Promise<ResolvedKey> {
  const result = await ctx.fetcher(kid, 'application/jwk+json, application/json');
  if (!result.ok) {
    const gone =
      result.reason === 'http-status' && (result.status === 404 || result.status === 410);
    return {
      key: gone
        ? { status: 'failed', reason: 'not-published', detail: `${kid}: ${result.detail}` }
        : { status: 'could-not-check', reason: 'unreachable', detail: `${kid}: ${result.detail}` },
    };
  }
  const jwk = parseJsonObject(result.body);
  if (!jwk || typeof jwk.kty !== 'string' || 'keys' in jwk) {
    return {
      key: {
        status: 'failed',
        reason: 'not-published',
        detail: `${kid} does not return a single JWK`,
      },
    };
  }
  const publicKey = importJwk(jwk);
  if (typeof publicKey === 'string') {
    return { key: { status: 'failed', reason: 'not-published', detail: publicKey } };
  }
  // Grange publishes a retired RSA key's retirement date as the JWK member `revoked`.
  const retired = retiredProblem(jwk.revoked, signedAt);
  if (retired) return { key: { status: 'failed', reason: 'retired', detail: retired }, publicKey };
  return { key: { status: 'passed', reason: 'ok', detail: kid }, publicKey };
}

/** A public key from a JWK, or the reason it is refused (private members, unreadable). */
function importJwk(jwk: Record<string, unknown>): KeyObject | string {
  if ('d' in jwk) return 'the JWK contains a private key';
  const publicMembers: Record<string, unknown> = {};
  for (const name of ['kty', 'n', 'e', 'crv', 'x', 'y']) {
    if (jwk[name] !== undefined) publicMembers[name] = jwk[name];
  }
  try {
    return createPublicKey({ key: publicMembers as JsonWebKey, format: 'jwk' });
  } catch (error) {
    return `the JWK is not a usable public key: ${(error as Error).message}`;
  }
}

/**
 * Whether a key URL is under the issuer's control: same origin as an https issuer id, or the
 * host of a did:web issuer.
 *
 * @param keyUrl the `kid`.
 * @param issuerId the credential's issuer id.
 * @param didWebOverHttp whether did:web resolves over http (loopback tests only).
 */
export function keyUrlOnIssuerOrigin(
  keyUrl: string,
  issuerId: string,
  didWebOverHttp: boolean,
): boolean {
  let key: URL;
  try {
    key = new URL(keyUrl);
  } catch {
    return false;
  }
  let issuerOrigin: string | undefined;
  if (issuerId.startsWith('did:web:')) {
    const documentUrl = didWebDocumentUrl(issuerId, { http: didWebOverHttp });
    issuerOrigin = documentUrl ? new URL(documentUrl).origin : undefined;
  } else if (/^https?:\/\//.test(issuerId)) {
    try {
      issuerOrigin = new URL(issuerId).origin;
    } catch {
      issuerOrigin = undefined;
    }
  }
  return issuerOrigin !== undefined && key.origin === issuerOrigin;
}

function claimMismatches(
  payload: Record<string, unknown>,
  credential: Record<string, unknown>,
  issuerId: string | undefined,
): string[] {
  const subject = credential.credentialSubject as { id?: unknown } | undefined;
  const from = credential.validFrom ?? credential.issuanceDate;
  const until = credential.validUntil ?? credential.expirationDate;
  const expected: [string, unknown][] = [
    ['iss', issuerId],
    ['jti', credential.id],
    ['sub', subject?.id],
    ['nbf', toNumericDate(from)],
  ];
  // Without validUntil, `exp` may still bound the credential (the dates check reads it).
  if (until !== undefined) expected.push(['exp', toNumericDate(until)]);
  return expected
    .filter(([claim, value]) => value === undefined || payload[claim] !== value)
    .map(
      ([claim, value]) =>
        `${claim} is ${JSON.stringify(payload[claim])}, expected ${JSON.stringify(value)}`,
    );
}

function toNumericDate(value: unknown): number | undefined {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
}

/** A NumericDate claim as ISO 8601, for comparisons with key retirement dates. */
export function isoFromNumericDate(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? new Date(value * 1000).toISOString()
    : undefined;
}
