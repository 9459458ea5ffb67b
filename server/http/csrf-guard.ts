/**
 * Cross-site request forgery on `/graphql`. Grange keeps no session cookie (the access token
 * travels in an `Authorization` header), so a forged request carries no one's rights; still,
 * no request that another site's page can send without asking first (an HTML form, a
 * `no-cors` fetch: the "simple" requests of the Fetch standard) may run an operation.
 *
 * GraphQL-yoga reads `application/x-www-form-urlencoded` and `multipart/form-data` bodies, both
 * of which a plain HTML form can send. So, like yoga's `useCSRFPrevention` and Apollo's CSRF
 * prevention, a POST whose content type is one a form can send (or none) must carry a header
 * no form can: `GraphQL-Preflight` (what the web client sends with its uploads) or
 * `Authorization`. A browser sends such a header to another site only after a CORS preflight,
 * which `cors.ts` refuses. JSON bodies need nothing more: their content type already forces
 * that preflight. GET runs queries only (yoga answers 405 to a mutation over GET).
 */
import type { RequestHandler } from 'express';

/** Content types a page of another site may send without a CORS preflight. */
const FORM_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/** Headers that only come after a preflight; either one proves the request was not forged. */
export const PREFLIGHT_HEADERS = ['graphql-preflight', 'authorization'] as const;

/** @returns whether a browser would send this content type cross-site without a preflight. */
function sendableByAForm(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return FORM_CONTENT_TYPES.has(essence);
}

/**
 * Refuses (403, with a GraphQL error in French and English) a request to `/graphql` that could
 * come from another site's form; mount it at `/graphql` before the handler.
 */
export const refuseCrossSiteGraphql: RequestHandler = (request, response, next) => {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') {
    return next();
  }
  if (!sendableByAForm(request.get('content-type'))) return next();
  if (PREFLIGHT_HEADERS.some((name) => (request.get(name) ?? '').trim() !== '')) return next();
  const messages = {
    fr: 'Requête refusée : envoyez du JSON (Content-Type: application/json), ou ajoutez l’en-tête GraphQL-Preflight: 1 à un envoi de fichier.',
    en: 'Request refused: send JSON (Content-Type: application/json), or add the header GraphQL-Preflight: 1 to a file upload.',
  };
  response.status(403).json({
    errors: [
      { message: messages.en, extensions: { code: 'cross-site-request-refused', messages } },
    ],
  });
};
