/**
 * Cross-origin rules (CORS), mounted before every route in `app.ts`. Two kinds of address:
 *
 * - Public, read-only badge resources (the employer's page and the credential of an award,
 *   its baked images, badge definitions and images, OB 2.0 objects, the issuer's profiles, the
 *   DID document, the status lists): any site may read them, as Open Badges verifiers and
 *   wallets running in a browser must. `Access-Control-Allow-Origin: *` without credentials,
 *   and `Cross-Origin-Resource-Policy: cross-origin` so other sites may embed the images.
 *   Only GET and HEAD; anything else on these addresses falls under the second rule.
 * - Everything else (GraphQL, `/auth/*`, the learner's exports, `/verify`'s POST, the client):
 *   closed. A browser on another site gets no `Access-Control-Allow-Origin`, and its preflight
 *   is refused (403), unless the site is listed in `CORS_ORIGINS`. Listed sites get no
 *   credentials: Grange authenticates with a Bearer token in a header, never with a cookie.
 */

import cors from 'cors';
import type { Request, RequestHandler } from 'express';

export interface CorsOptions {
  /** Origins (`scheme://host[:port]`) allowed to call the API from a browser. */
  allowedOrigins: readonly string[];
}

/** Paths every site may read (GET, HEAD). */
const PUBLIC_READ_PATHS: readonly RegExp[] = [
  /^\/badges\//,
  /^\/ob2\//,
  /^\/status\/[^/]+$/,
  /^\/issuer$/,
  /^\/\.well-known\/did\.json$/,
];

/** Headers the web client sends to the API (`client/src/app/graphql.ts`, the session). */
const API_REQUEST_HEADERS = [
  'Accept',
  'Accept-Language',
  'Authorization',
  'Content-Type',
  'GraphQL-Preflight',
];

/** @returns whether `request` reads a public badge resource (or asks to, in a preflight). */
export function isPublicRead(request: Request): boolean {
  const method =
    request.method === 'OPTIONS'
      ? (request.get('access-control-request-method') ?? '').toUpperCase()
      : request.method;
  if (method !== 'GET' && method !== 'HEAD') return false;
  return PUBLIC_READ_PATHS.some((path) => path.test(request.path));
}

/**
 * @param options the origins allowed to call the API.
 * @returns the middleware, to mount before every route.
 */
export function corsPolicy(options: CorsOptions): RequestHandler {
  const allowed = new Set(options.allowedOrigins);
  const openToAll = cors({ origin: '*', methods: ['GET', 'HEAD'], maxAge: 86_400 });
  const api = cors({
    origin: (origin, callback) => {
      callback(null, origin !== undefined && allowed.has(origin) ? origin : false);
    },
    methods: ['GET', 'POST'],
    allowedHeaders: API_REQUEST_HEADERS,
    credentials: false,
    maxAge: 600,
  });
  return (request, response, next) => {
    if (isPublicRead(request)) {
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      // A plain read needs only the one header `cors` would set for origin '*' (no Vary, no
      // credentials); set here, it spares the verifiers' hot path the library's option
      // callbacks. Preflights keep the library.
      if (request.method !== 'OPTIONS') {
        response.setHeader('Access-Control-Allow-Origin', '*');
        next();
        return;
      }
      openToAll(request, response, next);
      return;
    }
    // Answers differ by origin once some are allowed: caches must keep them apart.
    response.vary('Origin');
    api(request, response, (error?: unknown) => {
      // `cors` calls back with null when the origin is not allowed.
      if (error !== undefined && error !== null) return next(error);
      const preflight =
        request.method === 'OPTIONS' && request.get('access-control-request-method') !== undefined;
      if (!preflight) return next();
      // The allowed origins' preflights were answered by `api`; this one is refused.
      response.status(403).json({
        error: {
          code: 'cross-origin-refused',
          message: {
            fr: "Ce site n'est pas autorisé à appeler l'API de Grange depuis un navigateur. L'administrateur peut l'ajouter à CORS_ORIGINS.",
            en: 'This site may not call the Grange API from a browser. An administrator can add it to CORS_ORIGINS.',
          },
        },
      });
    });
  };
}
