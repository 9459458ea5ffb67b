/**
 * Limits on `POST /verify`. Verifying a badge by URL makes the server fetch that URL (and the
 * issuer's documents), so anyone could use the form to make it fetch pages for them: each
 * client address gets a budget of verifications per minute, and the server runs only a few
 * verifications at a time, whoever asks. Both answer 429 with `Retry-After`: a short page in
 * French or English, or JSON when the client asks for it. In memory, like the sign-in limiter
 * (one process; counters reset on restart). Reading the employer's page (`GET /badges/:id`)
 * is not limited here.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LoginRateLimiter } from '../auth/login-rate-limiter.ts';
import { type Lang, pickLang } from './views/lang.ts';
import { tooManyRequestsPage } from './views/too-many-requests-page.ts';

/** Verifications one client address may ask for per window. */
export const VERIFICATIONS_PER_CLIENT = 20;
/** The window of that budget. */
export const VERIFICATION_WINDOW_MS = 60_000;
/** Verifications running at once, for all clients together. */
export const MAX_CONCURRENT_VERIFICATIONS = 8;
/** What a client is told to wait when every slot is taken: a verification takes seconds. */
const BUSY_RETRY_AFTER_SECONDS = 5;

export interface VerifyLimitOptions {
  clock: () => Date;
  perClient?: number;
  windowMs?: number;
  maxConcurrent?: number;
}

/** The two limits, as the `/verify` route uses them. */
export interface VerifyLimits {
  /** Middleware counting the request against its client's budget, or answering 429. */
  perClient: RequestHandler;
  /**
   * Runs `verify` in one of the shared slots, or answers 429 when all are taken.
   * @returns whether it ran.
   */
  inSlot(request: Request, response: Response, verify: () => Promise<void>): Promise<boolean>;
}

/** A fixed number of slots; a task either takes one at once or is turned away (no queue). */
export class ConcurrencyGate {
  #running = 0;

  /** @param capacity how many may run at once. */
  constructor(readonly capacity: number) {}

  /** How many slots are taken now. */
  get running(): number {
    return this.#running;
  }

  /**
   * @returns a function releasing the slot (calling it again does nothing), or undefined when
   *   every slot is taken.
   */
  tryEnter(): (() => void) | undefined {
    if (this.#running >= this.capacity) return undefined;
    this.#running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running -= 1;
    };
  }
}

/** @returns the limits of one application (each `createApp` gets its own counters). */
export function createVerifyLimits(options: VerifyLimitOptions): VerifyLimits {
  const limiter = new LoginRateLimiter({
    clock: options.clock,
    limit: options.perClient ?? VERIFICATIONS_PER_CLIENT,
    windowMs: options.windowMs ?? VERIFICATION_WINDOW_MS,
  });
  const gate = new ConcurrencyGate(options.maxConcurrent ?? MAX_CONCURRENT_VERIFICATIONS);
  return {
    perClient: (request: Request, response: Response, next: NextFunction) => {
      // `request.ip` follows the app's `trust proxy` setting: X-Forwarded-For counts only when
      // it comes from a trusted proxy, so a client cannot pick a fresh address per request.
      const decision = limiter.attempt(request.ip ?? request.socket.remoteAddress ?? '');
      if (decision.allowed) return next();
      tooMany(request, response, 'client', decision.retryAfterSeconds);
    },
    inSlot: async (request, response, verify) => {
      const release = gate.tryEnter();
      if (release === undefined) {
        tooMany(request, response, 'busy', BUSY_RETRY_AFTER_SECONDS);
        return false;
      }
      try {
        await verify();
      } finally {
        release();
      }
      return true;
    },
  };
}

/** The refusal's words, shared by the page and the JSON answer. */
export function tooManyMessage(
  kind: 'client' | 'busy',
  retryAfterSeconds: number,
): { fr: string; en: string } {
  const s = retryAfterSeconds > 1 ? 's' : '';
  return kind === 'client'
    ? {
        fr: `Trop de vérifications depuis votre connexion. Réessayez dans ${retryAfterSeconds} seconde${s}.`,
        en: `Too many verifications from your connection. Try again in ${retryAfterSeconds} second${s}.`,
      }
    : {
        fr: `Le service de vérification est très demandé en ce moment. Réessayez dans ${retryAfterSeconds} seconde${s}.`,
        en: `The verification service is very busy right now. Try again in ${retryAfterSeconds} second${s}.`,
      };
}

function tooMany(
  request: Request,
  response: Response,
  kind: 'client' | 'busy',
  retryAfterSeconds: number,
): void {
  const message = tooManyMessage(kind, retryAfterSeconds);
  response.status(429).set('Retry-After', String(retryAfterSeconds)).vary('Accept');
  if (wantsJson(request)) {
    response.json({
      error: {
        code: kind === 'client' ? 'too-many-verifications' : 'verification-busy',
        message,
        retryAfterSeconds,
      },
    });
    return;
  }
  const lang: Lang = pickLang(request.query.lang, request.get('accept-language'));
  response
    .type('text/html; charset=utf-8')
    .set('Content-Language', lang)
    .set('X-Content-Type-Options', 'nosniff')
    .send(tooManyRequestsPage(lang, message[lang]).value);
}

/**
 * JSON when the client prefers it to HTML, or sent JSON without saying what it accepts (a
 * script calling the JSON API); a browser's form post gets the page.
 */
function wantsJson(request: Request): boolean {
  const preferred = request.accepts(['text/html', 'application/json']);
  if (preferred === 'application/json') return true;
  const accept = request.get('accept') ?? '';
  return !accept.includes('text/html') && request.is('application/json') === 'application/json';
}
