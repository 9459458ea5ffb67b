/**
 * Text for a value read from a badge, to put in a check's detail. `String(value)` is not safe
 * there: a badge is JSON its sender wrote, and `{"toString": 1}` makes `String()` (and a
 * template literal) throw, which turned a forgery's "invalid" into "could not check".
 */

/**
 * @param value anything read from a credential, a JWS header or a fetched document.
 * @returns a string: strings as they are, other values as JSON; never throws.
 */
export function printable(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
