/**
 * The identifiers Open Badges 2.0 accepts. The reference validator takes only http(s) URLs,
 * `urn:uuid:` (versions 1 to 5) and blank nodes as IRIs, so anything else (did:, mailto:, …)
 * would make our badges fail elsewhere even where the JSON-LD is fine.
 */

const UUID_URN =
  /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether `value` is an absolute http or https URL. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Whether `value` is a `urn:uuid:` of UUID version 1 to 5. */
export function isUuidUrn(value: unknown): value is string {
  return typeof value === 'string' && UUID_URN.test(value);
}

/** Whether `value` is an IRI as the OB 2.0 reference validator understands one. */
export function isOb2Iri(value: unknown): value is string {
  return (
    isHttpUrl(value) || isUuidUrn(value) || (typeof value === 'string' && /^_:\S+$/.test(value))
  );
}

/**
 * Whether `value` may be the id of an object Grange publishes: https, or plain http on a
 * loopback host only, for local runs and tests (anyone could rewrite an http object in transit).
 */
export function isPublishableUrl(value: unknown): value is string {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return (
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.')
  );
}

/** The `host[:port]` a URL is served from (its RFC 3986 authority without user info). */
export function authorityOf(value: string): string | undefined {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return undefined;
  }
}
