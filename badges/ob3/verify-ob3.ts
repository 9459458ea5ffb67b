/**
 * The OB 3.0 verification pipelines (openbadges.md §3.10), one per proof form: JSON with
 * embedded Data Integrity proofs, and VC-JWT. Each returns every check relevant to it (parsed,
 * structure, proof, issuer-key, issuer-known, not-revoked, dates, recipient) and a summary;
 * `buildReport` turns them into a verdict. Never throws: every problem is a check.
 */

import { createDocumentLoader } from '../contexts/document-loader.ts';
import {
  checkDates,
  checkIssuerKnown,
  type PipelineResult,
  type VerifyContext,
} from '../verify/pipeline.ts';
import type { Check, CredentialSummary } from '../verify/report.ts';
import { CHECKS_AFTER_PARSED } from '../verify/report.ts';
import type { ProofOutcome } from './assessment.ts';
import { checkCredentialStatus } from './check-credential-status.ts';
import { checkOb3Recipient } from './check-recipient.ts';
import { issuerIdOf } from './data-integrity.ts';
import {
  issuerKeyCheck,
  parsedCheck,
  proofCheck,
  skippedCheck,
  structureCheck,
} from './ob3-checks.ts';
import { checkOb3Shape } from './ob3-schema.ts';
import { summarizeOb3 } from './summarize.ts';
import { type LoaderBundle, verifyDataIntegrity } from './verify-di-proof.ts';
import { decodeCompactJws, isoFromNumericDate, verifyJwtProof } from './verify-jwt-proof.ts';

type Container = CredentialSummary['container'];

const AFTER_PARSED = CHECKS_AFTER_PARSED;

/**
 * Verifies an OB 3.0 credential in JSON form with embedded Data Integrity proof(s).
 *
 * @param credential the parsed JSON, or its text.
 * @param ctx the verifier's clock, fetcher, trusted issuers and the recipient to compare.
 * @param container how it arrived (default `json`).
 * @returns all checks and the summary.
 */
export async function verifyOb3Json(
  credential: unknown,
  ctx: VerifyContext,
  container: Container = 'json',
): Promise<PipelineResult> {
  const parsed = typeof credential === 'string' ? parseJson(credential) : credential;
  if (!isRecord(parsed)) {
    return notParsed('ob3-json', container, 'not a JSON object');
  }
  return runPipeline(parsed, ctx, 'ob3-json', container, (loader, issuerId) =>
    verifyDataIntegrity(parsed, issuerId, loader, ctx.now, ctx.proofCache),
  );
}

/**
 * Verifies an OB 3.0 credential in VC-JWT form (compact JWS).
 *
 * @param jws the compact JWS.
 * @param ctx the verifier's clock, fetcher, trusted issuers and the recipient to compare.
 * @param container how it arrived (default `jws`).
 * @returns all checks and the summary.
 */
export async function verifyOb3Jwt(
  jws: string,
  ctx: VerifyContext,
  container: Container = 'jws',
): Promise<PipelineResult> {
  const decoded = typeof jws === 'string' ? decodeCompactJws(jws) : undefined;
  if (!decoded)
    return notParsed('ob3-jwt', container, 'not a compact JWS with JSON header and payload');
  const credential = credentialFromPayload(decoded.payload);
  if (!credential) return notParsed('ob3-jwt', container, 'the JWT payload carries no credential');
  return runPipeline(credential, ctx, 'ob3-jwt', container, (loader, issuerId) =>
    verifyJwtProof(decoded, credential, issuerId, ctx, loader),
  );
}

async function runPipeline(
  credential: Record<string, unknown>,
  ctx: VerifyContext,
  format: CredentialSummary['format'],
  container: Container,
  verifyProof: (loader: LoaderBundle, issuerId: string | undefined) => Promise<ProofOutcome>,
): Promise<PipelineResult> {
  const summary = summarizeOb3(credential, format, container);
  const checks: Check[] = [parsedCheck(true), structureCheck(checkOb3Shape(credential))];
  try {
    const issuerId = issuerIdOf(credential);
    const loader = createDocumentLoader({
      fetcher: ctx.fetcher,
      didWebOverHttp: ctx.didWebOverHttp,
      ...(ctx.preloaded ? { preloaded: ctx.preloaded } : {}),
    });
    const outcome = await verifyProof(loader, issuerId);
    checks.push(proofCheck(outcome.proof), issuerKeyCheck(outcome.issuerKey));
    checks.push(checkIssuerKnown(issuerId, ctx.knownIssuers));
    const trusted = outcome.proof.status === 'passed' && outcome.issuerKey.status === 'passed';
    // A list named by an unproven credential is not fetched: its claims are not the issuer's.
    checks.push(
      trusted
        ? await checkCredentialStatus(credential, issuerId, ctx, loader)
        : skippedCheck('not-revoked', 'the signature was not confirmed'),
    );
    checks.push(
      checkDates(
        credential.validFrom ?? credential.issuanceDate,
        credential.validUntil ?? credential.expirationDate,
        ctx.now,
      ),
    );
    checks.push(checkOb3Recipient(credential.credentialSubject, ctx.recipient));
  } catch (error) {
    // Defensive: a library failing in an unexpected way must not become an exception.
    const present = new Set(checks.map((c) => c.id));
    for (const id of AFTER_PARSED) {
      if (!present.has(id))
        checks.push(skippedCheck(id, `internal error: ${(error as Error).message}`));
    }
  }
  return { checks, summary };
}

function notParsed(
  format: CredentialSummary['format'],
  container: Container,
  detail: string,
): PipelineResult {
  return {
    checks: [
      parsedCheck(false, detail),
      ...AFTER_PARSED.map((id) => skippedCheck(id, 'the credential could not be read')),
    ],
    summary: { format, container },
  };
}

/**
 * The credential in a VC-JWT payload: the payload itself (VC 2.0), or the `vc` claim of the
 * VC 1.1 form, completed from the registered claims it replaces.
 */
function credentialFromPayload(
  payload: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (!isRecord(payload.vc)) {
    // `exp` sets the end of validity when the credential states none (§3.6.3).
    const exp = isoFromNumericDate(payload.exp);
    return payload.validUntil === undefined && exp ? { ...payload, validUntil: exp } : payload;
  }
  const credential: Record<string, unknown> = { ...payload.vc };
  if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
  if (credential.issuer === undefined && typeof payload.iss === 'string')
    credential.issuer = payload.iss;
  const subject = credential.credentialSubject;
  if (isRecord(subject) && subject.id === undefined && typeof payload.sub === 'string') {
    credential.credentialSubject = { ...subject, id: payload.sub };
  }
  if (credential.issuanceDate === undefined && credential.validFrom === undefined) {
    const nbf = isoFromNumericDate(payload.nbf);
    if (nbf) credential.issuanceDate = nbf;
  }
  if (credential.expirationDate === undefined && credential.validUntil === undefined) {
    const exp = isoFromNumericDate(payload.exp);
    if (exp) credential.expirationDate = exp;
  }
  return credential;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
