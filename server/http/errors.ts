/**
 * The one express error handler: known errors become a clear JSON answer with a stable code and a
 * French and English message; anything else is logged and answered with a plain 500 that
 * reveals nothing (no stack trace, no SQL).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export interface PublicError {
  code: string;
  message: { fr: string; en: string };
}

/** An error an adapter may show as is, with the HTTP status it maps to. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: PublicError,
  ) {
    super(body.message.en);
    this.name = 'HttpError';
  }
}

/** 404 for every path no route answered. */
export const notFound: RequestHandler = (_request, response) => {
  response.status(404).json({
    error: {
      code: 'not-found',
      message: { fr: "Cette page n'existe pas.", en: 'This page does not exist.' },
    },
  });
};

/** @returns the error handler, logging unexpected errors with `logger`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    if (error instanceof HttpError) {
      response.status(error.status).json({ error: error.body });
      return;
    }
    // body-parser errors (malformed JSON, body too large) carry a status and are the client's.
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response.status(status).json({
        error: {
          code: status === 413 ? 'too-large' : 'bad-request',
          message:
            status === 413
              ? tooLargeMessage((error as { limit?: unknown }).limit)
              : {
                  fr: "La demande est mal formée : vérifiez qu'elle est en JSON valide.",
                  en: 'The request is malformed: check that it is valid JSON.',
                },
        },
      });
      return;
    }
    logger.error(
      { err: error, method: request.method, url: request.originalUrl },
      'unexpected error',
    );
    response.status(500).json({
      error: {
        code: 'internal',
        message: {
          fr: 'Une erreur inattendue est survenue. Réessayez ; si elle revient, prévenez la Grange.',
          en: 'An unexpected error happened. Try again; if it happens again, tell the Grange.',
        },
      },
    });
  };
}

/** @param limit the byte limit body-parser (or `limitGraphqlBody`) applied, when it says. */
function tooLargeMessage(limit: unknown): { fr: string; en: string } {
  if (typeof limit !== 'number') {
    return { fr: 'La demande est trop volumineuse.', en: 'The request is too large.' };
  }
  const kilobytes = Math.floor(limit / 1024);
  return {
    fr: `La demande est trop volumineuse : ${kilobytes} ko au plus. Envoyez moins de données à la fois.`,
    en: `The request is too large: at most ${kilobytes} kB. Send less data at once.`,
  };
}
