/**
 * The verification report: a list of checks an employer can read, each passed, failed or
 * "could not check", with a plain French and English message, and one overall verdict.
 */

export interface Message {
  fr: string;
  en: string;
}

export type CheckId =
  | 'parsed' // we could read a credential in what was given
  | 'structure' // it has the shape the specification requires
  | 'proof' // the signature is intact
  | 'issuer-key' // the signing key belongs to the issuer named in the credential
  | 'issuer-known' // the issuer is one the verifier was told to trust (informative)
  | 'not-revoked'
  | 'dates' // already valid and not expired
  | 'recipient' // the credential was issued to the given email or identifier
  | 'embedded-credential'; // CLR 2.0: one credential inside the record verified on its own

/** Every check of one credential, in the order reports list them (a CLR adds one
 * `embedded-credential` check per credential it holds, after these). */
export const CHECK_IDS: readonly CheckId[] = [
  'parsed',
  'structure',
  'proof',
  'issuer-key',
  'issuer-known',
  'not-revoked',
  'dates',
  'recipient',
];

/** The checks that need a credential to have been read first. */
export const CHECKS_AFTER_PARSED: readonly CheckId[] = CHECK_IDS.slice(1);

export type CheckStatus = 'passed' | 'failed' | 'could-not-check';

export interface Check {
  id: CheckId;
  status: CheckStatus;
  message: Message;
  /** Technical detail for developers and logs (English); never shown as the main message. */
  detail?: string;
  /** For `dates`: which way it failed. */
  reason?: 'expired' | 'not-yet-valid';
  /** For `embedded-credential`: which credential, and its own verdict. */
  embedded?: { credentialId: string; name?: string; verdict: Verdict };
}

export type Verdict =
  | 'valid'
  | 'invalid'
  | 'revoked'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-recipient'
  | 'could-not-check';

export type CredentialFormat = 'ob3-json' | 'ob3-jwt' | 'ob2-hosted' | 'ob2-signed' | 'clr-json';

/** What a person wants to see of the credential, whatever its form. */
export interface CredentialSummary {
  format: CredentialFormat;
  /** How it arrived: a URL, JSON or JWS text, or baked in an image. */
  container: 'url' | 'json' | 'jws' | 'png' | 'svg';
  id?: string;
  name?: string;
  description?: string;
  achievementId?: string;
  issuerId?: string;
  issuerName?: string;
  validFrom?: string;
  validUntil?: string;
  image?: string;
  /** The level reached, where the achievement has levels. */
  result?: string;
}

export interface VerificationReport {
  verdict: Verdict;
  message: Message;
  checks: Check[];
  summary?: CredentialSummary;
  /** CLR 2.0: the full report of each credential inside the record, in its order. */
  embedded?: VerificationReport[];
}

/** Builds one check. */
export function check(
  id: CheckId,
  status: CheckStatus,
  message: Message,
  extra: Pick<Check, 'detail' | 'reason' | 'embedded'> = {},
): Check {
  return { id, status, message, ...extra };
}

/** Checks that decide the verdict; `issuer-known` only informs, `recipient` counts when asked. */
const BLOCKING: readonly CheckId[] = [
  'parsed',
  'structure',
  'proof',
  'issuer-key',
  'not-revoked',
  'dates',
];

const VERDICT_MESSAGES: Record<Verdict, Message> = {
  valid: {
    fr: 'Ce badge est authentique et valide.',
    en: 'This badge is genuine and valid.',
  },
  invalid: {
    fr: "Ce badge n'est pas valide : il a été modifié, mal formé ou n'est pas signé par son émetteur.",
    en: 'This badge is not valid: it was altered, is malformed or is not signed by its issuer.',
  },
  revoked: {
    fr: 'Ce badge a été révoqué par son émetteur : il ne compte plus.',
    en: 'This badge was revoked by its issuer: it no longer counts.',
  },
  expired: {
    fr: 'Ce badge est authentique mais il a expiré.',
    en: 'This badge is genuine but it has expired.',
  },
  'not-yet-valid': {
    fr: "Ce badge est authentique mais il n'est pas encore valide.",
    en: 'This badge is genuine but it is not valid yet.',
  },
  'wrong-recipient': {
    fr: "Ce badge est authentique mais il n'a pas été délivré à cette personne.",
    en: 'This badge is genuine but it was not issued to this person.',
  },
  'could-not-check': {
    fr: "Nous n'avons pas pu tout vérifier : réessayez plus tard ou contactez l'émetteur.",
    en: 'We could not check everything: try again later or contact the issuer.',
  },
};

/**
 * Decides the overall verdict from the checks, the worst finding first: a forgery or a broken
 * credential, then revocation, then dates, then the recipient; any blocking check that could
 * not be made means "could not check", never "valid".
 *
 * @param recipientAsked whether the verifier was given an email or identifier to compare.
 */
export function decideVerdict(checks: readonly Check[], recipientAsked: boolean): Verdict {
  const own = decideOwnVerdict(
    checks.filter((c) => c.id !== 'embedded-credential'),
    recipientAsked,
  );
  // A record is only as good as its worst credential: each one's verdict counts like its own.
  const embedded = checks.flatMap((c) => (c.embedded ? [c.embedded.verdict] : []));
  return [own, ...embedded].reduce((worst, next) =>
    SEVERITY.indexOf(next) < SEVERITY.indexOf(worst) ? next : worst,
  );
}

/** Verdicts from the worst to the best. */
const SEVERITY: readonly Verdict[] = [
  'invalid',
  'revoked',
  'expired',
  'not-yet-valid',
  'wrong-recipient',
  'could-not-check',
  'valid',
];

function decideOwnVerdict(checks: readonly Check[], recipientAsked: boolean): Verdict {
  const failed = (id: CheckId) => checks.some((c) => c.id === id && c.status === 'failed');
  if (['parsed', 'structure', 'proof', 'issuer-key'].some((id) => failed(id as CheckId))) {
    return 'invalid';
  }
  if (failed('not-revoked')) return 'revoked';
  const dates = checks.find((c) => c.id === 'dates' && c.status === 'failed');
  if (dates) return dates.reason === 'not-yet-valid' ? 'not-yet-valid' : 'expired';
  if (recipientAsked && failed('recipient')) return 'wrong-recipient';
  const blocking = recipientAsked ? [...BLOCKING, 'recipient'] : BLOCKING;
  for (const id of blocking) {
    const found = checks.find((c) => c.id === id);
    if (!found || found.status === 'could-not-check') return 'could-not-check';
  }
  return 'valid';
}

/** Builds the report from the checks. */
export function buildReport(
  checks: Check[],
  recipientAsked: boolean,
  summary?: CredentialSummary,
  embedded?: VerificationReport[],
): VerificationReport {
  const verdict = decideVerdict(checks, recipientAsked);
  return {
    verdict,
    message: VERDICT_MESSAGES[verdict],
    checks,
    ...(summary ? { summary } : {}),
    ...(embedded ? { embedded } : {}),
  };
}
