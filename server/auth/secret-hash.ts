/**
 * Password and PIN hashing with scrypt (node:crypto). A hash is one self-describing string,
 * `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (PHC style, unpadded base64), so the cost can be raised
 * later: old hashes still verify with their own parameters and `needsRehash` says when to
 * replace them.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The scrypt cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParameters {
  ln: number;
  r: number;
  p: number;
}

/** A parsed hash string. */
export interface ParsedSecretHash extends ScryptParameters {
  salt: Buffer;
  key: Buffer;
}

/** Today's cost: N = 2^15 (32 MiB of memory), r = 8, p = 1. */
export const DEFAULT_SCRYPT_PARAMETERS: ScryptParameters = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on what a stored string may ask for: a tampered row must not make the server spend
// gigabytes of memory or minutes of CPU on one sign-in.
const MAX_LN = 20;
const MAX_R = 32;
const MAX_P = 16;

const HASH_PATTERN =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{43,})$/;

function derive(secret: string, salt: Buffer, keyBytes: number, cost: ScryptParameters) {
  const N = 2 ** cost.ln;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      secret.normalize('NFC'),
      salt,
      keyBytes,
      // Node refuses anything over 32 MiB by default; scrypt needs 128·N·r bytes.
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function encode(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

/**
 * @param secret a password or PIN, as typed (it is NFC-normalised, so the same word typed on
 *   two keyboards hashes alike).
 * @param cost the scrypt parameters (default: DEFAULT_SCRYPT_PARAMETERS).
 * @returns the hash string, with a fresh 16-byte random salt.
 */
export async function hashSecret(
  secret: string,
  cost: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, KEY_BYTES, cost);
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${encode(salt)}$${encode(key)}`;
}

/**
 * @param hash a stored hash string.
 * @returns its parameters, salt and key, or null when it is not a well-formed scrypt hash
 *   within the accepted bounds.
 */
export function parseSecretHash(hash: string): ParsedSecretHash | null {
  const match = HASH_PATTERN.exec(hash);
  if (!match) return null;
  const [, ln, r, p, salt, key] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const parsed = {
    ln: Number(ln),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
  if (parsed.ln < 1 || parsed.ln > MAX_LN) return null;
  if (parsed.r < 1 || parsed.r > MAX_R || parsed.p < 1 || parsed.p > MAX_P) return null;
  if (parsed.salt.length < SALT_BYTES || parsed.key.length < KEY_BYTES) return null;
  if (parsed.key.length > 64) return null;
  return parsed;
}

/**
 * Verifies a secret in constant time (for a given hash).
 *
 * @param secret what the person typed.
 * @param hash the stored hash string.
 * @returns true when they match; false when they do not or the hash is malformed or tampered.
 */
export async function verifySecret(secret: string, hash: string): Promise<boolean> {
  const parsed = parseSecretHash(hash);
  if (!parsed) return false;
  const key = await derive(secret, parsed.salt, parsed.key.length, parsed);
  return timingSafeEqual(key, parsed.key);
}

/**
 * @param hash a stored hash string.
 * @param cost today's parameters.
 * @returns whether the hash is weaker than `cost` (or unreadable) and should be replaced at the
 *   next successful sign-in.
 */
export function needsRehash(
  hash: string,
  cost: ScryptParameters = DEFAULT_SCRYPT_PARAMETERS,
): boolean {
  const parsed = parseSecretHash(hash);
  if (!parsed) return true;
  return parsed.ln < cost.ln || parsed.r < cost.r || parsed.p < cost.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, against a hash no secret matches. Called when
 * the email or learner code is unknown, so the answer's timing does not reveal that.
 *
 * @param secret what the person typed.
 * @returns always false.
 */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  dummyHash ??= hashSecret(randomBytes(32).toString('base64'));
  await verifySecret(secret, await dummyHash);
  return false;
}
