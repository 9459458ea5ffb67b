/**
 * Verifies the Data Integrity proofs of a credential (openbadges.md §3.5, §3.10 step 2): the
 * signature (canonicalisation and Ed25519 by the Digital Bazaar libraries) and, separately,
 * whether the key is the issuer's: named under the issuer's id, published in its controller
 * document, authorised for `assertionMethod`, and not retired when it signed. Any one good
 * proof suffices. Never throws.
 *
 * A signature that checked out before, for the same credential and the same key as the issuer
 * publishes it now, is taken from the proof cache (`verify/proof-cache.ts`); the key itself is
 * assessed afresh on every call.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';
import { DocumentLoadError, type DocumentLoader, findMethod } from '../contexts/document-loader.ts';
import { printable } from '../verify/printable.ts';
import { type ProofCache, proofCacheKey } from '../verify/proof-cache.ts';
import {
  type Assessment,
  controllerOf,
  type KeyReason,
  listsAssertionMethod,
  type ProofOutcome,
  type ProofReason,
  rank,
  retiredProblem,
} from './assessment.ts';
import { fastEddsaRdfc2022 } from './fast-eddsa-rdfc-2022.ts';

/** What the verifier's document loader gives: the loader and the controller documents it read. */
export type LoaderBundle = {
  documentLoader: DocumentLoader;
  controllers: Map<string, Record<string, unknown>>;
};

/** Proof suites that exist and that we cannot check yet: "could not check", not "forged". */
const KNOWN_UNSUPPORTED_CRYPTOSUITES = new Set([
  'eddsa-2022',
  'ecdsa-rdfc-2019',
  'ecdsa-sd-2023',
  'ecdsa-jcs-2019',
  'eddsa-jcs-2022',
  'bbs-2023',
]);
const KNOWN_UNSUPPORTED_TYPES = new Set(['Ed25519Signature2020', 'Ed25519Signature2018']);

/**
 * @param document the credential (any VC with embedded proofs).
 * @param issuerId the credential's issuer id.
 * @param loader the verifier's document loader (bundled contexts, safe fetcher).
 * @param fallbackNow the time handed to the library when the document has no readable
 *   `validFrom`/`issuanceDate` (dates are judged by the `dates` check, not here).
 * @param cache signatures already checked (none: every signature is checked).
 * @returns the proof and issuer-key assessments of the best proof.
 */
export async function verifyDataIntegrity(
  document: Record<string, unknown>,
  issuerId: string | undefined,
  loader: LoaderBundle,
  fallbackNow: Date,
  cache?: ProofCache,
): Promise<ProofOutcome> {
  const proofs = (Array.isArray(document.proof) ? document.proof : [document.proof]).filter(
    (p): p is Record<string, unknown> => typeof p === 'object' && p !== null,
  );
  if (proofs.length === 0) {
    return {
      proof: { status: 'failed', reason: 'no-proof', detail: 'no proof' },
      issuerKey: { status: 'failed', reason: 'no-proof', detail: 'no proof' },
    };
  }
  const supported = proofs.filter(
    (p) => p.type === 'DataIntegrityProof' && p.cryptosuite === 'eddsa-rdfc-2022',
  );
  if (supported.length === 0) {
    const known = proofs.some(
      (p) =>
        KNOWN_UNSUPPORTED_TYPES.has(printable(p.type)) ||
        (p.type === 'DataIntegrityProof' &&
          KNOWN_UNSUPPORTED_CRYPTOSUITES.has(printable(p.cryptosuite))),
    );
    const detail = `proof types: ${proofs.map((p) => `${printable(p.type)}/${printable(p.cryptosuite)}`).join(', ')}`;
    return known
      ? {
          proof: { status: 'could-not-check', reason: 'unsupported', detail },
          issuerKey: { status: 'could-not-check', reason: 'unsupported', detail },
        }
      : {
          proof: { status: 'failed', reason: 'unknown-proof', detail },
          issuerKey: { status: 'failed', reason: 'no-proof', detail },
        };
  }
  let best: ProofOutcome | undefined;
  for (const proof of supported) {
    const outcome = await verifyOneProof(document, proof, issuerId, loader, fallbackNow, cache);
    if (!best || score(outcome) > score(best)) best = outcome;
  }
  return best as ProofOutcome;
}

function score(outcome: ProofOutcome): number {
  const { proof, issuerKey } = outcome;
  return (
    Math.min(rank(proof.status), rank(issuerKey.status)) * 10 +
    rank(proof.status) +
    rank(issuerKey.status)
  );
}

async function verifyOneProof(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  issuerId: string | undefined,
  loader: LoaderBundle,
  fallbackNow: Date,
  cache: ProofCache | undefined,
): Promise<ProofOutcome> {
  const methodId =
    typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
  if (!methodId || !issuerId || controllerOf(methodId) !== issuerId) {
    // A key outside the issuer's own documents is never fetched: it cannot be the issuer's.
    const detail = `verificationMethod ${String(methodId)} is not under the issuer ${String(issuerId)}`;
    return {
      proof: { status: 'failed', reason: 'key-outside-issuer', detail },
      issuerKey: { status: 'failed', reason: 'outside-issuer', detail },
    };
  }
  const failures: DocumentLoadError[] = [];
  const documentLoader: DocumentLoader = async (url) => {
    try {
      return await loader.documentLoader(url);
    } catch (error) {
      if (error instanceof DocumentLoadError) failures.push(error);
      throw error;
    }
  };
  const issuerKey = await assessKey(document, proof, methodId, issuerId, loader, documentLoader);
  const encoding = proofValueProblem(proof.proofValue);
  if (encoding) {
    return { proof: { status: 'failed', reason: 'bad-signature', detail: encoding }, issuerKey };
  }
  const single = { ...document, proof: [proof] as [Record<string, unknown>] };
  // The method as published now (assessKey resolved it): part of the key, so a rotated or
  // retired key never answers from the cache.
  const controller = loader.controllers.get(issuerId);
  const method = controller ? findMethod(controller, methodId) : undefined;
  const cacheKey = cache && method ? proofCacheKey(single, method) : undefined;
  if (cacheKey !== undefined && cache?.has(cacheKey)) {
    return { proof: { status: 'passed', reason: 'ok', detail: methodId }, issuerKey };
  }
  const signature = await checkSignature(single, documentLoader, fallbackNow, failures);
  if (cacheKey !== undefined && signature.status === 'passed') cache?.add(cacheKey);
  return { proof: signature, issuerKey };
}

async function assessKey(
  document: Record<string, unknown>,
  proof: Record<string, unknown>,
  methodId: string,
  issuerId: string,
  loader: LoaderBundle,
  documentLoader: DocumentLoader,
): Promise<Assessment<KeyReason>> {
  try {
    await documentLoader(methodId);
  } catch (error) {
    return keyLoadFailure(error, methodId);
  }
  const controller = loader.controllers.get(issuerId);
  const method = controller ? findMethod(controller, methodId) : undefined;
  if (!controller || !method) {
    return {
      status: 'failed',
      reason: 'not-published',
      detail: `${methodId} is not in ${issuerId}`,
    };
  }
  if (method.controller !== issuerId) {
    return {
      status: 'failed',
      reason: 'outside-issuer',
      detail: `${methodId} is controlled by ${printable(method.controller)}, not ${issuerId}`,
    };
  }
  if (!listsAssertionMethod(controller, methodId)) {
    return {
      status: 'failed',
      reason: 'not-authorised',
      detail: `${methodId} is not an assertionMethod`,
    };
  }
  const retired = retiredProblem(method.revoked, [
    proof.created,
    document.validFrom ?? document.issuanceDate,
  ]);
  if (retired) return { status: 'failed', reason: 'retired', detail: retired };
  return { status: 'passed', reason: 'ok', detail: methodId };
}

const BASE58BTC = /^z[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * Whether `proofValue` is a multibase string written the one way its bytes encode. The signature
 * library decodes leniently (base58 skips surrounding white space, base64 skips stray characters),
 * so a value with a space added would decode to the same signature and pass: the proof would no
 * longer be the text that was signed, and a strict verifier elsewhere would refuse it.
 * @returns what is wrong, or undefined when the value is canonical.
 */
export function proofValueProblem(proofValue: unknown): string | undefined {
  if (typeof proofValue !== 'string' || proofValue === '') return 'proofValue is missing';
  if (proofValue.startsWith('z')) {
    return BASE58BTC.test(proofValue)
      ? undefined
      : 'proofValue holds characters outside base58btc (multibase "z")';
  }
  if (proofValue.startsWith('u')) {
    const text = proofValue.slice(1);
    return Buffer.from(text, 'base64url').toString('base64url') === text
      ? undefined
      : 'proofValue is not canonical base64url (multibase "u")';
  }
  return 'proofValue is neither base58btc ("z") nor base64url ("u") multibase';
}

/** Turns a loader failure into a key assessment: unreachable is "could not check". */
export function keyLoadFailure(error: unknown, keyId: string): Assessment<KeyReason> {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof DocumentLoadError && error.reason === 'unreachable') {
    return { status: 'could-not-check', reason: 'unreachable', detail };
  }
  if (error instanceof DocumentLoadError && error.reason === 'not-allowed') {
    return { status: 'could-not-check', reason: 'unsupported', detail };
  }
  return { status: 'failed', reason: 'not-published', detail: `${keyId}: ${detail}` };
}

/** Checks the one proof of `document` (a credential with a single proof). */
async function checkSignature(
  document: Record<string, unknown> & { proof: [Record<string, unknown>] },
  documentLoader: DocumentLoader,
  fallbackNow: Date,
  failures: DocumentLoadError[],
): Promise<Assessment<ProofReason>> {
  const [proof] = document.proof;
  let errors: string[] = [];
  try {
    const result = await vc.verifyCredential({
      credential: document,
      suite: new DataIntegrityProof({ cryptosuite: fastEddsaRdfc2022 }),
      documentLoader,
      // Dates are the `dates` check's business: the library judges the signature only.
      now: libraryNow(document, fallbackNow),
      // Status is the `not-revoked` check's business.
      checkStatus: async () => ({ verified: true }),
    });
    const results = (result.results ?? []) as {
      verified?: boolean;
      purposeResult?: unknown;
      error?: unknown;
    }[];
    // A purpose result exists only once the signature itself verified (jsonld-signatures).
    if (result.verified || results.some((r) => r.verified || r.purposeResult !== undefined)) {
      return { status: 'passed', reason: 'ok', detail: String(proof.verificationMethod) };
    }
    errors = [result.error, ...results.map((r) => r.error)].flatMap(errorMessages);
  } catch (error) {
    errors = errorMessages(error);
  }
  const messages = new Set([...failures.map((f) => f.message), ...errors]);
  const detail = [...messages].join('; ') || 'signature not verified';
  if (failures.some((f) => f.reason === 'unreachable')) {
    return { status: 'could-not-check', reason: 'unreachable', detail };
  }
  if (failures.some((f) => f.reason === 'not-allowed')) {
    return { status: 'could-not-check', reason: 'unsupported', detail };
  }
  if (failures.some((f) => f.reason === 'malformed')) {
    return { status: 'failed', reason: 'key-not-published', detail };
  }
  return { status: 'failed', reason: 'bad-signature', detail };
}

function libraryNow(document: Record<string, unknown>, fallback: Date): Date {
  const from = document.validFrom ?? document.issuanceDate;
  const time = typeof from === 'string' ? Date.parse(from) : Number.NaN;
  return Number.isNaN(time) ? fallback : new Date(time);
}

function errorMessages(error: unknown): string[] {
  if (error === undefined || error === null) return [];
  if (Array.isArray(error)) return error.flatMap(errorMessages);
  if (error instanceof Error) {
    const nested = (error as { errors?: unknown }).errors;
    return [error.message, ...(Array.isArray(nested) ? nested.flatMap(errorMessages) : [])];
  }
  if (typeof error === 'object' && 'message' in error) return [String(error.message)];
  return [String(error)];
}
