/**
 * Caps on the request bodies `/graphql` reads. JSON bodies are read by `express.json` with
 * MAX_JSON_BODY_BYTES (it counts as it reads, stated length or not). Every other body is read
 * by graphql-yoga itself, whole and in memory, with no limit of its own: multipart uploads,
 * and the other types yoga accepts (`application/graphql+json`, `application/graphql`,
 * `application/x-www-form-urlencoded`, or a JSON type spelled so that express passes it by,
 * such as `application/json, text/plain`). So such a body is judged here on its declared
 * length, before a byte of it is read: at most the evidence file limit plus room for the form
 * for multipart, MAX_JSON_BODY_BYTES for the rest; no declared length is refused (Node stops
 * reading at the declared length, so the declaration is a real cap). The exact per-file limit,
 * with a typed error, stays the use case's. Browsers and fetch always declare a form's length.
 */
import type { Request, RequestHandler } from 'express';
import { EvidenceFileRefused } from '../app/learner/errors.ts';
import { HttpError } from './errors.ts';

/** The largest JSON body accepted (GraphQL operations with their variables, sign-in forms). */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

/** Room for the `operations` and `map` parts and the part headers around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * @param limits `maxFileBytes`: the largest evidence file (multipart bodies up to that plus
 *   MULTIPART_OVERHEAD_BYTES go through); `maxBodyBytes`: the cap on any other body yoga would
 *   read itself (default MAX_JSON_BODY_BYTES).
 * @returns middleware for `/graphql`, after `express.json`: 411 for a body of unstated length,
 *   413 for one declared too large (the connection is closed, the rest is never read), and
 *   every other request passed on.
 */
export function limitGraphqlBody(limits: {
  maxFileBytes: number;
  maxBodyBytes?: number;
}): RequestHandler {
  const maxBodyBytes = limits.maxBodyBytes ?? MAX_JSON_BODY_BYTES;
  return (request, response, next) => {
    if (!hasBody(request)) return next();
    const multipart = isMultipart(request);
    // express.json has read (and capped) what it parses: the very check it makes.
    if (!multipart && request.is('application/json')) return next();
    const declared = request.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      response.set('Connection', 'close');
      return next(
        new HttpError(411, {
          code: 'length-required',
          message: multipart
            ? {
                fr: "L'envoi de fichier doit indiquer sa taille (en-tête Content-Length).",
                en: 'A file upload must state its size (Content-Length header).',
              }
            : {
                fr: 'La demande doit indiquer sa taille (en-tête Content-Length), ou être envoyée en JSON (Content-Type: application/json).',
                en: 'The request must state its size (Content-Length header), or be sent as JSON (Content-Type: application/json).',
              },
        }),
      );
    }
    const length = Number(declared);
    if (multipart && length > limits.maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
      response.set('Connection', 'close');
      const refusal = new EvidenceFileRefused('too-large', limits.maxFileBytes, length);
      return next(new HttpError(413, { code: refusal.code, message: refusal.messages }));
    }
    if (!multipart && length > maxBodyBytes) {
      response.set('Connection', 'close');
      // Shaped like body-parser's own refusal, so the one error handler words both alike.
      return next(
        Object.assign(new Error('request entity too large'), {
          status: 413,
          limit: maxBodyBytes,
          length,
        }),
      );
    }
    next();
  };
}

/** Whether the request carries a body at all (as body-parser decides it). */
function hasBody(request: Request): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0')
  );
}

/**
 * Multipart as express sees it, or as yoga does: yoga takes the first of a comma-separated
 * list (`multipart/form-data; boundary=x, text/plain`), which express refuses to parse.
 */
function isMultipart(request: Request): boolean {
  if (request.is('multipart/form-data')) return true;
  const first = (request.headers['content-type'] ?? '').split(',')[0] ?? '';
  return first === 'multipart/form-data' || first.startsWith('multipart/form-data;');
}
