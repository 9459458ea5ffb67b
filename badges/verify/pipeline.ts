/**
 * What every verification pipeline (one per credential form) receives and returns, and the
 * checks they share. `verify-credential.ts` detects the form and calls the right pipeline.
 */
import type { IdentifierKind } from '../recipient/identity-hash.ts';
import { printable } from './printable.ts';
import type { ProofCache } from './proof-cache.ts';
import { type Check, type CredentialSummary, check, type VerificationReport } from './report.ts';
import type { Fetcher } from './safe-fetch.ts';

export interface VerifyContext {
  /** The verifier's clock: injected so tests and reports are reproducible. */
  now: Date;
  /** The only way to reach the network (limits, timeouts, address policy). */
  fetcher: Fetcher;
  /** Resolve did:web over http: local runs and tests on loopback only. */
  didWebOverHttp: boolean;
  /** Issuer ids the verifier trusts; others are reported as unknown (not as invalid). */
  knownIssuers: readonly string[];
  /** The email or identifier to compare with the credential's recipient, when given. */
  recipient?: { kind: IdentifierKind; value: string };
  /** Documents known without fetching, by id or URL (e.g. the server's own DID document). */
  preloaded?: ReadonlyMap<string, unknown>;
  /** Data Integrity signatures already checked (absent: every signature is checked). */
  proofCache?: ProofCache;
}

export interface PipelineResult {
  checks: Check[];
  summary: CredentialSummary;
  /** CLR 2.0: the report of each credential inside the record. */
  embedded?: VerificationReport[];
}

/**
 * `dates`: already valid at `now`, and not expired.
 *
 * @param validFrom ISO 8601 (OB 3.0 `validFrom`, OB 2.0 `issuedOn`).
 * @param validUntil ISO 8601 (OB 3.0 `validUntil`, OB 2.0 `expires`), when the credential expires.
 */
export function checkDates(validFrom: unknown, validUntil: unknown, now: Date): Check {
  const from = typeof validFrom === 'string' ? Date.parse(validFrom) : Number.NaN;
  if (Number.isNaN(from) || !hasTimeZone(validFrom)) {
    return check(
      'dates',
      'failed',
      {
        fr: 'La date de délivrance est absente ou illisible.',
        en: 'The issue date is missing or unreadable.',
      },
      { detail: `validFrom: ${printable(validFrom)}`, reason: 'not-yet-valid' },
    );
  }
  if (from > now.getTime()) {
    return check(
      'dates',
      'failed',
      {
        fr: `Ce badge ne sera valide qu'à partir du ${frenchDate(from)}.`,
        en: `This badge is only valid from ${englishDate(from)}.`,
      },
      { reason: 'not-yet-valid' },
    );
  }
  if (validUntil !== undefined && validUntil !== null) {
    const until = typeof validUntil === 'string' ? Date.parse(validUntil) : Number.NaN;
    if (Number.isNaN(until)) {
      return check(
        'dates',
        'failed',
        { fr: "La date d'expiration est illisible.", en: 'The expiry date is unreadable.' },
        { detail: `validUntil: ${printable(validUntil)}`, reason: 'expired' },
      );
    }
    if (until <= now.getTime()) {
      return check(
        'dates',
        'failed',
        {
          fr: `Ce badge a expiré le ${frenchDate(until)}.`,
          en: `This badge expired on ${englishDate(until)}.`,
        },
        { reason: 'expired' },
      );
    }
    return check('dates', 'passed', {
      fr: `Valide depuis le ${frenchDate(from)}, jusqu'au ${frenchDate(until)}.`,
      en: `Valid since ${englishDate(from)}, until ${englishDate(until)}.`,
    });
  }
  return check('dates', 'passed', {
    fr: `Valide depuis le ${frenchDate(from)}, sans date d'expiration.`,
    en: `Valid since ${englishDate(from)}, with no expiry date.`,
  });
}

/** `issuer-known`: informative only, it never turns a valid badge into an invalid one. */
export function checkIssuerKnown(issuerId: string | undefined, known: readonly string[]): Check {
  if (issuerId !== undefined && known.includes(issuerId)) {
    return check('issuer-known', 'passed', {
      fr: "L'émetteur fait partie des émetteurs connus de ce vérificateur.",
      en: 'The issuer is one of the issuers this verifier knows.',
    });
  }
  return check(
    'issuer-known',
    'could-not-check',
    {
      fr: "L'émetteur n'est pas dans notre liste d'émetteurs connus : la signature prouve qui l'a émis, à vous de juger si vous lui faites confiance.",
      en: 'The issuer is not on our list of known issuers: the signature proves who issued it; whether to trust them is your call.',
    },
    { detail: `issuer: ${issuerId ?? '(none)'}` },
  );
}

/** `recipient` when no email or identifier was given: nothing to compare. */
export function recipientNotAsked(): Check {
  return check('recipient', 'could-not-check', {
    fr: "Aucune adresse mail n'a été donnée pour vérifier à qui ce badge a été délivré.",
    en: 'No email address was given to check who this badge was issued to.',
  });
}

function hasTimeZone(value: unknown): boolean {
  return typeof value === 'string' && /(Z|[+-]\d\d:?\d\d)$/.test(value.trim());
}

// Made once: building a DateTimeFormat costs more than the rest of a cached verification.
const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const ENGLISH_DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function frenchDate(ms: number): string {
  return FRENCH_DATE.format(ms);
}

function englishDate(ms: number): string {
  return ENGLISH_DATE.format(ms);
}
