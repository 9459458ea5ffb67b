/**
 * A cap on multipart (file upload) bodies before the GraphQL handler reads them: yoga buffers
 * the files of a multipart request in memory, so a body is refused on its declared length,
 * before a byte of it is read. The exact per-file limit, with a typed error, is the use case's;
 * this only keeps a runaway upload from filling the memory. Browsers and fetch always declare
 * the length of a form; a multipart body without one is refused.
 */
import type { RequestHandler } from 'express';
import { EvidenceFileRefused } from '../app/learner/errors.ts';
import { HttpError } from './errors.ts';

/** Room for the `operations` and `map` parts and the part headers around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * @param maxFileBytes the largest file accepted: bodies up to that plus
 *   MULTIPART_OVERHEAD_BYTES go through.
 * @returns middleware answering 411 (no length) or 413 (too large, with the same message as
 *   the use case's refusal) for multipart bodies, and letting every other request through.
 */
export function limitMultipartBody(maxFileBytes: number): RequestHandler {
  const maxBytes = maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  return (request, response, next) => {
    if (!request.is('multipart/form-data')) return next();
    const declared = request.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) {
      response.set('Connection', 'close');
      return next(
        new HttpError(411, {
          code: 'length-required',
          message: {
            fr: "L'envoi de fichier doit indiquer sa taille (en-tête Content-Length).",
            en: 'A file upload must state its size (Content-Length header).',
          },
        }),
      );
    }
    if (Number(declared) > maxBytes) {
      // The rest of the body is not read: the connection is closed after the answer.
      response.set('Connection', 'close');
      const refusal = new EvidenceFileRefused('too-large', maxFileBytes, Number(declared));
      return next(new HttpError(413, { code: refusal.code, message: refusal.messages }));
    }
    next();
  };
}
