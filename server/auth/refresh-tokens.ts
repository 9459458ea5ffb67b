/**
 * Refresh tokens are 32 random bytes given to the client once; the database keeps only their
 * SHA-256, so a copy of the database yields no usable token. (A fast hash is enough here: the
 * token has 256 bits of entropy, unlike a password.)
 */
import { createHash, randomBytes } from 'node:crypto';

/** How long a refresh token lives: 30 days; each refresh starts a new 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** @returns a new token (base64url, for the client) and its hash (hex, for the database). */
export function generateRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

/** @returns the SHA-256 of a token, in hex: what the database stores and looks up. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
