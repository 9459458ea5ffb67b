/**
 * Remembers Data Integrity signatures already checked, so the same credential verified again
 * (an employer reloading the page, a wallet re-checking) skips the JSON-LD and cryptographic
 * work. Only the signature is remembered: whether the key is still the issuer's (not retired),
 * whether the credential is revoked (its status list is fetched and read on every call) and
 * whether it has expired (against the verifier's clock) are judged afresh on every call.
 *
 * The key is a SHA-256 of the JSON text (`JSON.stringify`) of what the signature check
 * depends on, exactly:
 *
 * - the credential with the one proof checked (the parsed JSON: a different byte anywhere in
 *   a value is another key; white space between members does not count, the order of members
 *   does: the same credential with its members reordered is checked once more);
 * - the verification method as the issuer publishes it NOW, resolved on every call: a key
 *   rotated under the same id (another `publicKeyMultibase`) or retired (`revoked` added) is
 *   another cache key, so its signatures are checked again, with the new key, from scratch.
 *
 * Only successful checks are stored (a failure may be a network hiccup, and forgeries must
 * cost the forger, not fill the cache). Bounded: least recently used entries go first.
 */
import { createHash } from 'node:crypto';

export interface ProofCache {
  /** Whether this exact check passed before (and refreshes its place if so). */
  has(key: string): boolean;
  /** Records a passed check. */
  add(key: string): void;
  readonly size: number;
  readonly maxEntries: number;
  /** Lookups since the cache was made: tests and benchmarks read them. */
  readonly stats: { hits: number; misses: number };
}

/** Default bound: a few thousand credentials, about 100 bytes each. */
export const DEFAULT_PROOF_CACHE_ENTRIES = 5_000;

/**
 * @param maxEntries how many passed checks to keep (at least 1).
 * @returns an empty cache.
 */
export function createProofCache(maxEntries = DEFAULT_PROOF_CACHE_ENTRIES): ProofCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`a proof cache holds at least one entry, not ${maxEntries}`);
  }
  // A Set keeps insertion order: re-inserting on use makes its first key the least recent.
  const entries = new Set<string>();
  const stats = { hits: 0, misses: 0 };
  return {
    has(key) {
      if (!entries.has(key)) {
        stats.misses += 1;
        return false;
      }
      entries.delete(key);
      entries.add(key);
      stats.hits += 1;
      return true;
    },
    add(key) {
      entries.delete(key);
      entries.add(key);
      if (entries.size > maxEntries) entries.delete(entries.values().next().value as string);
    },
    get size() {
      return entries.size;
    },
    maxEntries,
    stats,
  };
}

/** The cache every verification uses unless told otherwise. */
export const sharedProofCache: ProofCache = createProofCache();

/**
 * @param document the credential, with the one proof checked as its only proof.
 * @param method the verification method the proof names, as resolved for this call.
 * @returns the cache key, or undefined when either is not plain JSON data (a Date, a function,
 *   an undefined member: objects handed in-process, which JSON-LD may read differently).
 */
export function proofCacheKey(document: unknown, method: unknown): string | undefined {
  if (!isPlainJson(document) || !isPlainJson(method)) return undefined;
  return createHash('sha256')
    .update(JSON.stringify(document), 'utf8')
    .update('\n', 'utf8')
    .update(JSON.stringify(method), 'utf8')
    .digest('base64url');
}

/**
 * Whether a value is exactly what `JSON.parse` could have made: then its `JSON.stringify` text
 * stands for it exactly (the same text, the same value, the same verdict).
 */
export function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJson(item)) return false;
    return true;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !isPlainJson((value as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}

/**
 * JSON with object members sorted by name, so equal JSON values give equal text whatever the
 * order of their members (for comparing JSON values; the cache keys use the text as given).
 *
 * @returns the text, or undefined when the value is not plain JSON data.
 */
export function canonicalJson(value: unknown): string | undefined {
  if (!isPlainJson(value)) return undefined;
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (typeof item !== 'object' || item === null) return item;
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(sorted(value));
}
