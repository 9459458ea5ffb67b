/**
 * What a person wants to see of an OB 3.0 credential, read defensively from whatever was given.
 */
import type { CredentialSummary } from '../verify/report.ts';

/**
 * @param credential the credential (possibly malformed).
 * @param format `ob3-json` or `ob3-jwt`.
 * @param container how it arrived.
 * @returns the summary; members the credential lacks are left out.
 */
export function summarizeOb3(
  credential: unknown,
  format: CredentialSummary['format'],
  container: CredentialSummary['container'],
): CredentialSummary {
  const vc = asRecord(credential);
  const issuer = asRecord(vc?.issuer);
  const subject = asRecord(
    Array.isArray(vc?.credentialSubject) ? vc?.credentialSubject[0] : vc?.credentialSubject,
  );
  const achievement = asRecord(subject?.achievement);
  const fields: CredentialSummary = {
    format,
    container,
    id: text(vc?.id),
    name: text(vc?.name) ?? text(achievement?.name),
    description: text(vc?.description) ?? text(achievement?.description),
    achievementId: text(achievement?.id),
    issuerId: typeof vc?.issuer === 'string' ? vc.issuer : text(issuer?.id),
    issuerName: text(issuer?.name),
    validFrom: text(vc?.validFrom) ?? text(vc?.issuanceDate),
    validUntil: text(vc?.validUntil) ?? text(vc?.expirationDate),
    image: imageId(achievement?.image) ?? imageId(vc?.image),
    result: levelName(subject, achievement),
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as CredentialSummary;
}

/** The name of the level reached, looked up in the achievement's result descriptions. */
function levelName(
  subject: Record<string, unknown> | undefined,
  achievement: Record<string, unknown> | undefined,
): string | undefined {
  const results = Array.isArray(subject?.result) ? subject.result : [];
  const levelId = results
    .map(asRecord)
    .map((r) => text(r?.achievedLevel))
    .find((id) => id !== undefined);
  if (!levelId) return undefined;
  const descriptions = Array.isArray(achievement?.resultDescription)
    ? achievement.resultDescription
    : [];
  for (const description of descriptions.map(asRecord)) {
    const levels = Array.isArray(description?.rubricCriterionLevel)
      ? description.rubricCriterionLevel
      : [];
    const level = levels.map(asRecord).find((l) => l?.id === levelId);
    if (level) return text(level.name) ?? levelId;
  }
  return levelId;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function imageId(value: unknown): string | undefined {
  return typeof value === 'string' ? value : text(asRecord(value)?.id);
}
