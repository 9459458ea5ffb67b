/**
 * The security headers of every answer (helmet), mounted first in `app.ts`: a strict content
 * security policy, no framing, no MIME sniffing, no referrer, same-origin windows and
 * resources (the public badge resources open themselves to other sites in `cors.ts`), and HSTS
 * when the site is served over https.
 *
 * The policy fits what Grange serves, checked rather than assumed:
 * - the web client (Vite build) is module scripts and style sheets from `/assets/`, with no
 *   inline script or style; React's `style={{…}}` props go through the CSSOM, which a policy
 *   does not restrict;
 * - the server's public pages (`views/`) have no script and one constant inline style sheet,
 *   allowed by its hash (`styleSheetHashSource`), never by `'unsafe-inline'`;
 * - images are ours (badges, evidence through signed links) or `data:` (small files Vite
 *   inlines); the `/verify` form posts to the same origin.
 * Routes with stricter needs set their own policy after this one (evidence files: a sandbox).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { styleSheetHashSource } from './views/layout.ts';

export interface SecurityHeadersOptions {
  /** The platform's public base URL: https turns HSTS and `upgrade-insecure-requests` on. */
  publicUrl: string;
}

/** Browser features Grange never uses, turned off for its pages and anything they embed. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
].join(', ');

/**
 * @param publicUrl the platform's public base URL.
 * @returns the policy's directives, as helmet takes them.
 */
export function contentSecurityDirectives(publicUrl: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'connect-src': ["'self'"],
    'font-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'img-src': ["'self'", 'data:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", styleSheetHashSource()],
  };
  // Over plain http (a laptop, the tests) upgrading would break every request to the site.
  if (isHttps(publicUrl)) directives['upgrade-insecure-requests'] = [];
  return directives;
}

/**
 * @param options the public URL.
 * @returns the middleware that sets the headers on every answer.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  const headers = securityHeaderList(options);
  return (_request, response, next) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    next();
  };
}

/**
 * The headers, worked out once: helmet decides them (its defaults and our options), run here
 * on a response that only records them. None depends on the request (the policy has no nonce
 * and no function), so every answer gets the same list, set in one loop rather than through
 * helmet's twelve middlewares on each request (the employers' JSON path is benchmarked
 * against a bare handler: bench/verify-http.bench.ts).
 *
 * @param options the public URL.
 * @returns each header's name and value, in helmet's order, then `Permissions-Policy`.
 */
function securityHeaderList(options: SecurityHeadersOptions): ReadonlyArray<[string, string]> {
  const middleware = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: contentSecurityDirectives(options.publicUrl),
    },
    // A plain-http site cannot ask browsers for https; an https one insists on it for a year.
    strictTransportSecurity: isHttps(options.publicUrl)
      ? { maxAge: 365 * 24 * 3600, includeSubDomains: true }
      : false,
    // Same rule as `frame-ancestors 'none'`, for browsers that only know the old header.
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    // helmet removes X-Powered-By (express's own is turned off in app.ts as well).
    removeHeader: (name: string) => headers.delete(name),
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined && error !== null) throw error;
    finished = true;
  });
  // helmet 8 calls back at once; a version that did not would leave answers without headers.
  if (!finished) throw new Error('helmet did not set its headers synchronously');
  headers.set('Permissions-Policy', PERMISSIONS_POLICY);
  return [...headers];
}

function isHttps(url: string): boolean {
  return url.toLowerCase().startsWith('https://');
}
