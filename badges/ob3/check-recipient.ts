/**
 * `recipient` for OB 3.0 (openbadges.md §3.10 step 5): the email or identifier the verifier was
 * given, compared with `credentialSubject.id` or each matching `identifier` (hashes recomputed
 * with the credential's salt; emails trimmed and lower-cased first).
 */
import {
  type IdentifierKind,
  identityMatches,
  normalizeIdentifier,
} from '../recipient/identity-hash.ts';
import { recipientNotAsked, type VerifyContext } from '../verify/pipeline.ts';
import { type Check, check } from '../verify/report.ts';

/** Which `identityType`s can hold each kind of identifier. */
const IDENTITY_TYPES: Record<IdentifierKind, readonly string[]> = {
  email: ['emailAddress'],
  telephone: ['identifier'],
  url: ['identifier'],
};

/**
 * @param subject the credential's `credentialSubject`.
 * @param recipient what the verifier was given, if anything.
 * @returns the `recipient` check.
 */
export function checkOb3Recipient(subject: unknown, recipient: VerifyContext['recipient']): Check {
  if (!recipient) return recipientNotAsked();
  const what =
    recipient.kind === 'email'
      ? { fr: 'cette adresse mail', en: 'this email address' }
      : { fr: 'cet identifiant', en: 'this identifier' };
  if (matches(subject, recipient.kind, recipient.value)) {
    return check('recipient', 'passed', {
      fr: `Ce badge a bien été délivré à ${what.fr}.`,
      en: `This badge was issued to ${what.en}.`,
    });
  }
  return check('recipient', 'failed', {
    fr: `Ce badge n'a pas été délivré à ${what.fr}.`,
    en: `This badge was not issued to ${what.en}.`,
  });
}

function matches(subject: unknown, kind: IdentifierKind, value: string): boolean {
  if (typeof subject !== 'object' || subject === null) return false;
  const { id, identifier } = subject as { id?: unknown; identifier?: unknown };
  const normalized = normalizeIdentifier(kind, value);
  if (typeof id === 'string') {
    const expectedId =
      kind === 'email'
        ? `mailto:${normalized}`
        : kind === 'telephone'
          ? `tel:${normalized}`
          : normalized;
    if ((kind === 'email' ? id.toLowerCase() : id) === expectedId) return true;
  }
  const identifiers = Array.isArray(identifier) ? identifier : [];
  return identifiers.some((item) => {
    if (typeof item !== 'object' || item === null) return false;
    const { identityType, identityHash, hashed, salt } = item as Record<string, unknown>;
    if (typeof identityType !== 'string' || !IDENTITY_TYPES[kind].includes(identityType))
      return false;
    if (typeof identityHash !== 'string') return false;
    return identityMatches(
      kind,
      value,
      identityHash,
      hashed === true,
      typeof salt === 'string' ? salt : undefined,
    );
  });
}
