/**
 * Recipient identity hashes (Open Badges 2.0 `identity`, 3.0 `identityHash`): the email (or
 * phone, or learner URL) is never published in clear, only `sha256$hex(identifier ‖ salt)`.
 * Nobody normalises for the verifier, so Grange trims and lower-cases emails before hashing and
 * the verifier does the same with what it is given.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type IdentifierKind = 'email' | 'telephone' | 'url';

/**
 * The form an identifier is hashed in: emails trimmed and lower-cased, phone numbers reduced to
 * `+` and digits, URLs trimmed.
 */
export function normalizeIdentifier(kind: IdentifierKind, value: string): string {
  const trimmed = value.trim();
  if (kind === 'email') return trimmed.toLowerCase();
  if (kind === 'telephone') return trimmed.replace(/[^+\d]/g, '');
  return trimmed;
}

/** A fresh random salt, one per credential, so the same person's badges cannot be linked. */
export function newSalt(): string {
  return randomBytes(16).toString('hex');
}

/**
 * @returns `sha256$<hex>` of the normalised identifier followed by the salt (no separator).
 */
export function hashIdentity(kind: IdentifierKind, value: string, salt: string): string {
  const digest = createHash('sha256')
    .update(normalizeIdentifier(kind, value) + salt, 'utf8')
    .digest('hex');
  return `sha256$${digest}`;
}

/**
 * Whether a known identifier matches a published identity. Accepts `sha256$` and legacy `md5$`
 * hashes (hex in either case) and unhashed values; compares in constant time.
 *
 * @param published the `identity` / `identityHash` value of the credential.
 * @param salt the credential's salt, if any.
 */
export function identityMatches(
  kind: IdentifierKind,
  known: string,
  published: string,
  hashed: boolean,
  salt: string | undefined,
): boolean {
  const normalized = normalizeIdentifier(kind, known);
  if (!hashed) return constantTimeEqual(normalizeIdentifier(kind, published), normalized);
  const match = /^(sha256|md5)\$([0-9a-fA-F]+)$/.exec(published);
  if (!match) return false;
  const algorithm = match[1] as 'sha256' | 'md5';
  const expected = createHash(algorithm)
    .update(normalized + (salt ?? ''), 'utf8')
    .digest('hex');
  return constantTimeEqual(expected, (match[2] ?? '').toLowerCase());
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
