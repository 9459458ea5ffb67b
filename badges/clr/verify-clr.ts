/**
 * Verifies a CLR 2.0 `ClrCredential` (openbadges.md §4 item 5, as 1EdTech's validator does):
 * the record's own checks (structure, its Data Integrity proof, the issuer's key, status,
 * dates, recipient), then every credential inside it through the full OB 3.0 pipeline. The
 * report lists one `embedded-credential` check per credential, naming it, and keeps each
 * credential's own report; the verdict is valid only when the record and every credential in
 * it are. Never throws: every problem is a check.
 */
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { checkCredentialStatus } from '../ob3/check-credential-status.ts';
import { checkOb3Recipient } from '../ob3/check-recipient.ts';
import { issuerIdOf } from '../ob3/data-integrity.ts';
import { issuerKeyCheck, parsedCheck, proofCheck, skippedCheck } from '../ob3/ob3-checks.ts';
import { verifyDataIntegrity } from '../ob3/verify-di-proof.ts';
import { verifyOb3Json } from '../ob3/verify-ob3.ts';
import {
  checkDates,
  checkIssuerKnown,
  type PipelineResult,
  type VerifyContext,
} from '../verify/pipeline.ts';
import {
  buildReport,
  CHECKS_AFTER_PARSED,
  type Check,
  type CredentialSummary,
  check,
  type VerificationReport,
} from '../verify/report.ts';
import { checkClrShape, MAX_EMBEDDED } from './clr-schema.ts';

type Container = CredentialSummary['container'];

/**
 * @param credential the parsed JSON of the record.
 * @param ctx the verifier's clock, fetcher, trusted issuers and the recipient to compare (with
 *   every credential inside too: they are all the same learner's).
 * @param container how it arrived (default `json`).
 * @returns the record's checks, one per embedded credential, its summary and each embedded
 *   credential's report.
 */
export async function verifyClrJson(
  credential: Record<string, unknown>,
  ctx: VerifyContext,
  container: Container = 'json',
): Promise<PipelineResult> {
  const summary = summarizeClr(credential, container);
  const problems = checkClrShape(credential);
  const checks: Check[] = [parsedCheck(true), structureCheck(problems)];
  const issuerId = issuerIdOf(credential);
  try {
    const loader = createDocumentLoader({
      fetcher: ctx.fetcher,
      didWebOverHttp: ctx.didWebOverHttp,
      ...(ctx.preloaded ? { preloaded: ctx.preloaded } : {}),
    });
    const outcome = await verifyDataIntegrity(
      credential,
      issuerId,
      loader,
      ctx.now,
      ctx.proofCache,
    );
    checks.push(proofCheck(outcome.proof), issuerKeyCheck(outcome.issuerKey));
    checks.push(checkIssuerKnown(issuerId, ctx.knownIssuers));
    const trusted = outcome.proof.status === 'passed' && outcome.issuerKey.status === 'passed';
    checks.push(
      trusted
        ? await checkCredentialStatus(credential, issuerId, ctx, loader)
        : skippedCheck('not-revoked', 'the signature was not confirmed'),
    );
    checks.push(checkDates(credential.validFrom, credential.validUntil, ctx.now));
    checks.push(checkOb3Recipient(credential.credentialSubject, ctx.recipient));
  } catch (error) {
    // Defensive: a library failing in an unexpected way must not become an exception.
    const present = new Set(checks.map((c) => c.id));
    for (const id of CHECKS_AFTER_PARSED) {
      if (!present.has(id)) {
        checks.push(skippedCheck(id, `internal error: ${(error as Error).message}`));
      }
    }
  }
  if (problems !== undefined && !hasEmbeddedList(credential)) return { checks, summary };
  const embedded: VerificationReport[] = [];
  for (const [index, item] of embeddedCredentials(credential).entries()) {
    const result = await verifyOb3Json(item, ctx, 'json');
    const report = buildReport(result.checks, ctx.recipient !== undefined, result.summary);
    embedded.push(report);
    checks.push(embeddedCheck(index, item, report));
  }
  return { checks, summary, embedded };
}

function embeddedCheck(index: number, item: unknown, report: VerificationReport): Check {
  const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : '';
  const credentialId = id === '' ? `#${index + 1}` : id;
  const name = report.summary?.name;
  const label = name === undefined ? `n° ${index + 1}` : `« ${name} »`;
  const labelEn = name === undefined ? `#${index + 1}` : `"${name}"`;
  const failing = report.checks
    .filter((c) => c.status !== 'passed' && c.id !== 'issuer-known')
    .map((c) => `${c.id}: ${c.detail ?? c.message.en}`);
  const embedded = {
    credentialId,
    ...(name === undefined ? {} : { name }),
    verdict: report.verdict,
  };
  const detail = `${credentialId}${failing.length > 0 ? ` — ${failing.join('; ')}` : ''}`;
  if (report.verdict === 'valid') {
    return check(
      'embedded-credential',
      'passed',
      {
        fr: `Le badge ${label} du relevé est authentique et valide.`,
        en: `The badge ${labelEn} in the record is genuine and valid.`,
      },
      { detail, embedded },
    );
  }
  return check(
    'embedded-credential',
    report.verdict === 'could-not-check' ? 'could-not-check' : 'failed',
    {
      fr: `Le badge ${label} du relevé n'est pas valide. ${report.message.fr}`,
      en: `The badge ${labelEn} in the record is not valid. ${report.message.en}`,
    },
    { detail, embedded },
  );
}

/** `structure` for a record, in words about a record rather than a badge. */
function structureCheck(problems: string[] | undefined): Check {
  if (!problems) {
    return check('structure', 'passed', {
      fr: 'Le relevé a la forme exigée par la norme CLR 2.0.',
      en: 'The record has the form the CLR 2.0 standard requires.',
    });
  }
  return check(
    'structure',
    'failed',
    {
      fr: "Le relevé n'a pas la forme exigée par la norme CLR 2.0 : des informations manquent ou sont mal écrites.",
      en: 'The record does not have the form the CLR 2.0 standard requires: information is missing or badly written.',
    },
    { detail: problems.join('; ') },
  );
}

function hasEmbeddedList(credential: Record<string, unknown>): boolean {
  const list = embeddedCredentials(credential);
  return list.length > 0 && list.length <= MAX_EMBEDDED;
}

function embeddedCredentials(credential: Record<string, unknown>): unknown[] {
  const subject = credential.credentialSubject;
  if (typeof subject !== 'object' || subject === null) return [];
  const list = (subject as { verifiableCredential?: unknown }).verifiableCredential;
  return Array.isArray(list) ? list : [];
}

function summarizeClr(
  credential: Record<string, unknown>,
  container: Container,
): CredentialSummary {
  const issuer = credential.issuer;
  const issuerRecord =
    typeof issuer === 'object' && issuer !== null ? (issuer as Record<string, unknown>) : {};
  const fields: Partial<CredentialSummary> = {
    id: text(credential.id),
    name: text(credential.name),
    description: text(credential.description),
    issuerId: issuerIdOf(credential),
    issuerName: text(issuerRecord.name),
    validFrom: text(credential.validFrom),
    validUntil: text(credential.validUntil),
  };
  return {
    format: 'clr-json',
    container,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
