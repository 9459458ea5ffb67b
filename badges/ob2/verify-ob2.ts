/**
 * Open Badges 2.0 verification, hosted and signed. Both pipelines return every check id (parsed,
 * structure, proof, issuer-key, issuer-known, not-revoked, dates, recipient) and a summary, and
 * never throw: whatever they are given becomes checks.
 */
import type { PipelineResult, VerifyContext } from '../verify/pipeline.ts';
import { CHECKS_AFTER_PARSED, type CredentialSummary, check } from '../verify/report.ts';
import { notReached } from './ob2-checks.ts';
import { type HostedInput, runHostedPipeline } from './verify-ob2-hosted.ts';
import { runSignedPipeline } from './verify-ob2-signed.ts';

export type { HostedInput } from './verify-ob2-hosted.ts';

type Container = CredentialSummary['container'];

/**
 * Verifies a hosted OB 2.0 Assertion. The copy published at its `id` is the truth: JSON given is
 * only compared with it. HTTP 410 or `revoked: true` means revoked.
 *
 * @param input the assertion's URL, or the assertion (object or JSON text).
 * @param ctx the verification context (clock, fetcher, recipient to compare, known issuers).
 * @param container how the badge arrived (url, json, png, svg).
 * @returns the checks and the summary (BadgeClass name/description/image, issuer, dates).
 */
export async function verifyOb2Hosted(
  input: HostedInput,
  ctx: VerifyContext,
  container: Container,
): Promise<PipelineResult> {
  try {
    return await runHostedPipeline(input, ctx, container);
  } catch (error) {
    return internalError('ob2-hosted', container, error);
  }
}

/**
 * Verifies a signed OB 2.0 Assertion (compact JWS, RS256).
 *
 * @param jws the compact JWS.
 * @param ctx the verification context.
 * @param container how the badge arrived (jws, png, svg, url).
 * @returns the checks and the summary.
 */
export async function verifyOb2Signed(
  jws: string,
  ctx: VerifyContext,
  container: Container,
): Promise<PipelineResult> {
  try {
    return await runSignedPipeline(jws, ctx, container);
  } catch (error) {
    return internalError('ob2-signed', container, error);
  }
}

/** A bug of ours must not become a verdict on the badge: "could not check", with the cause. */
function internalError(
  format: 'ob2-hosted' | 'ob2-signed',
  container: Container,
  error: unknown,
): PipelineResult {
  const message = {
    fr: "Une erreur interne du vérificateur l'a empêché de conclure.",
    en: 'An internal error of the verifier stopped it from concluding.',
  };
  const detail = error instanceof Error ? error.message : String(error);
  const ids = CHECKS_AFTER_PARSED;
  return {
    checks: [
      check('parsed', 'could-not-check', message, { detail }),
      ...ids.map((id) => notReached(id, message)),
    ],
    summary: { format, container },
  };
}
