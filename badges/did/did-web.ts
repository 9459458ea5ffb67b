/**
 * did:web identifiers: derived from the platform's public base URL, resolved to the URL of the
 * DID document the server publishes (W3C did:web method).
 */

/**
 * `https://grange.example` → `did:web:grange.example`;
 * `http://localhost:3000/tiers-lieu` → `did:web:localhost%3A3000:tiers-lieu`.
 *
 * @param baseUrl the platform's public base URL.
 */
export function didWebFromBaseUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const host = encodeURIComponent(url.host); // the port's colon becomes %3A
  const path = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

/**
 * The URL of a did:web document: `did:web:host` → `https://host/.well-known/did.json`,
 * `did:web:host:a:b` → `https://host/a/b/did.json`.
 *
 * @param did the did:web identifier (a fragment is ignored).
 * @param options.http use http:// instead of https:// (local runs and tests on loopback only).
 * @returns the URL, or undefined when `did` is not a well-formed did:web.
 */
export function didWebDocumentUrl(
  did: string,
  options: { http?: boolean } = {},
): string | undefined {
  const bare = did.split('#')[0] ?? '';
  const match = /^did:web:([^:]+)((?::[^:]+)*)$/.exec(bare);
  if (!match?.[1]) return undefined;
  const host = decodeURIComponent(match[1]);
  if (!/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host)) return undefined;
  const path = (match[2] ?? '')
    .split(':')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const scheme = options.http ? 'http' : 'https';
  return path.length === 0
    ? `${scheme}://${host}/.well-known/did.json`
    : `${scheme}://${host}/${path.map(encodeURIComponent).join('/')}/did.json`;
}
