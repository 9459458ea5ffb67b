/**
 * Sign-in over REST, mounted at `/auth` (`app.use('/auth', createAuthRouter(deps))`):
 *
 *   POST /auth/login       {email, password} or {learnerCode, pin} → {accessToken, refreshToken, expiresIn}
 *   POST /auth/refresh     {refreshToken}                          → a new {accessToken, refreshToken, expiresIn}
 *   POST /auth/logout      {refreshToken}                          → 204, that device's session ended
 *   POST /auth/logout-all  Authorization: Bearer <access token>    → 204, every session ended
 *
 * Errors are `{error: {code, message: {fr, en}}}`: 400 bad input, 401 wrong credentials or
 * token (one message whatever was wrong), 403 a disabled account (said only after a right
 * secret), 423 locked (with `lockedUntil` and Retry-After), 429 too many failed attempts from
 * this address, or with this secret over many accounts (with Retry-After). Unexpected errors
 * go to the application's error handler, which answers a bare 500.
 */
import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AccountsDeps } from '../../app/accounts/deps.ts';
import { InvalidInput } from '../../app/accounts/errors.ts';
import { RefreshRefused, refreshSession } from '../../app/accounts/refresh-session.ts';
import type { Session } from '../../app/accounts/session.ts';
import { signInWithPassword } from '../../app/accounts/sign-in-with-password.ts';
import { signInWithPin } from '../../app/accounts/sign-in-with-pin.ts';
import { signOut } from '../../app/accounts/sign-out.ts';
import { signOutEverywhere } from '../../app/accounts/sign-out-everywhere.ts';
import { verifyAccessToken } from '../../auth/access-tokens.ts';
import {
  AccountDisabled,
  AccountLocked,
  Forbidden,
  InvalidAccessToken,
  InvalidCredentials,
  InvalidRefreshToken,
  type LocalisedMessage,
} from '../../auth/errors.ts';
import { normaliseLearnerCode } from '../../auth/learner-codes.ts';
import type { LoginRateLimiter } from '../../auth/login-rate-limiter.ts';
import type { Viewer } from '../../auth/policies.ts';
import { SprayGuard } from '../../auth/spray-guard.ts';

/** What the router needs. */
export interface AuthRouterDeps {
  accounts: AccountsDeps;
  /** Per-address limit on POST /auth/login. */
  loginLimiter: LoginRateLimiter;
  /** Limit on one secret tried over many accounts (default: 10 accounts per 15 minutes). */
  sprayGuard?: SprayGuard;
  /** Where suspicious events (a reused refresh token) are reported. */
  logger?: { warn: (fields: object, message: string) => void };
}

const RefreshBody = z.object({ refreshToken: z.string().min(1).max(256) });

// Only the shape here: the use cases check each field and say which one is wrong.
const LoginShape = z.union(
  [
    z.object({ email: z.string(), password: z.string() }),
    z.object({ learnerCode: z.string(), pin: z.string() }),
  ],
  { error: 'send either {email, password} or {learnerCode, pin}, as strings' },
);

class TooManyAttempts extends Error {
  /**
   * @param retryAfterSeconds when to try again.
   * @param reason too many failures from this address, or this secret failed on many accounts.
   */
  constructor(
    readonly retryAfterSeconds: number,
    readonly reason: 'address' | 'secret' = 'address',
  ) {
    super('too many sign-in attempts');
  }
}

function send(
  response: Response,
  status: number,
  code: string,
  message: LocalisedMessage,
  extra: object = {},
): void {
  response.status(status).json({ error: { code, message, ...extra } });
}

function sendSession(response: Response, session: Session): void {
  // Tokens must never sit in a cache (RFC 6749 §5.1).
  response.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
  response.json({
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    expiresIn: session.expiresIn,
  });
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  return parsed.data;
}

/**
 * @param request the HTTP request.
 * @param deps the accounts dependencies (secret, clock and people).
 * @returns the viewer of the `Authorization: Bearer` access token, with the roles held now.
 * @throws InvalidAccessToken when the header is missing, the token is not valid, or its person
 *   no longer exists or is disabled (as on every other door that takes a token).
 */
export async function viewerFromBearer(request: Request, deps: AccountsDeps): Promise<Viewer> {
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(request.get('authorization') ?? '');
  if (!match?.[1]) throw new InvalidAccessToken();
  const claimed = verifyAccessToken(match[1], { secret: deps.jwtSecret, now: deps.clock() });
  const person = await deps.people.findById(claimed.personId);
  if (person === null || person.disabledAt !== null) throw new InvalidAccessToken();
  return { personId: person.id, roles: person.roles };
}

function errorsOf(deps: AuthRouterDeps): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (error instanceof InvalidInput) {
      send(response, 400, error.code, error.messages, { issues: error.issues });
    } else if (error instanceof InvalidCredentials) {
      send(response, 401, error.code, error.messages);
    } else if (error instanceof AccountLocked) {
      const now = deps.accounts.clock().getTime();
      const seconds = Math.max(1, Math.ceil((error.lockedUntil.getTime() - now) / 1000));
      response.set('Retry-After', String(seconds));
      send(response, 423, error.code, error.messages, {
        lockedUntil: error.lockedUntil.toISOString(),
      });
    } else if (error instanceof TooManyAttempts) {
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      const s = minutes > 1 ? 's' : '';
      response.set('Retry-After', String(error.retryAfterSeconds));
      send(
        response,
        429,
        'too-many-attempts',
        error.reason === 'address'
          ? {
              fr: `Trop de tentatives de connexion depuis cet appareil. Réessayez dans ${minutes} minute${s}.`,
              en: `Too many sign-in attempts from this device. Try again in ${minutes} minute${s}.`,
            }
          : {
              fr: `Ce mot de passe ou code PIN vient d'échouer sur trop de comptes : par sécurité, il est refusé pendant ${minutes} minute${s}. Réessayez ensuite.`,
              en: `This password or PIN has just failed on too many accounts: for safety, it is refused for ${minutes} minute${s}. Try again afterwards.`,
            },
      );
    } else if (error instanceof InvalidRefreshToken) {
      if (error instanceof RefreshRefused && error.reason === 'reused') {
        deps.logger?.warn({ reason: error.reason }, 'refresh token reused: its family is revoked');
      }
      send(response, 401, error.code, error.messages);
    } else if (error instanceof InvalidAccessToken) {
      response.set('WWW-Authenticate', 'Bearer');
      send(response, 401, error.code, error.messages);
    } else if (error instanceof Forbidden || error instanceof AccountDisabled) {
      send(response, 403, error.code, error.messages);
    } else if ((error as { type?: string }).type === 'entity.parse.failed') {
      send(response, 400, 'invalid-json', {
        fr: "La demande n'est pas du JSON valide.",
        en: 'The request is not valid JSON.',
      });
    } else {
      next(error);
    }
  };
}

/**
 * @param deps the account use cases' dependencies, the login rate limiter, the spray guard
 *   (one made here when absent) and a logger.
 * @returns the router, to mount at `/auth`.
 */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const router = Router();
  const sprayGuard = deps.sprayGuard ?? new SprayGuard({ clock: deps.accounts.clock });
  // A no-op when the application has parsed the body already; sign-in bodies are small.
  router.use(express.json({ limit: '16kb' }));

  router.post('/login', async (request, response) => {
    // The shape first: a body no sign-in form sends (another site's form, a text/plain beacon)
    // is refused without using up the address's allowance.
    const body = parseBody(LoginShape, request.body);
    const client = request.ip ?? request.socket.remoteAddress ?? '';
    const decision = deps.loginLimiter.attempt(client);
    if (!decision.allowed) throw new TooManyAttempts(decision.retryAfterSeconds);
    const tried =
      'email' in body
        ? { kind: 'password', secret: body.password, account: body.email.trim().toLowerCase() }
        : { kind: 'pin', secret: body.pin, account: normaliseLearnerCode(body.learnerCode) };
    const spray = sprayGuard.check(tried.kind, tried.secret);
    if (!spray.allowed) throw new TooManyAttempts(spray.retryAfterSeconds, 'secret');
    let session: Session;
    try {
      session =
        'email' in body
          ? await signInWithPassword(deps.accounts, body)
          : await signInWithPin(deps.accounts, body);
    } catch (error) {
      // A wrong secret (the failure that locks included), whether the account exists or not.
      if (error instanceof InvalidCredentials || error instanceof AccountLocked) {
        sprayGuard.recordFailure(tried.kind, tried.secret, tried.account);
      }
      throw error;
    }
    deps.loginLimiter.forgive(client);
    sendSession(response, session);
  });

  router.post('/refresh', async (request, response) => {
    const { refreshToken } = parseBody(RefreshBody, request.body);
    sendSession(response, await refreshSession(deps.accounts, refreshToken));
  });

  router.post('/logout', async (request, response) => {
    const { refreshToken } = parseBody(RefreshBody, request.body);
    await signOut(deps.accounts, refreshToken);
    response.status(204).end();
  });

  router.post('/logout-all', async (request, response) => {
    const viewer = await viewerFromBearer(request, deps.accounts);
    await signOutEverywhere(deps.accounts, viewer);
    response.status(204).end();
  });

  router.use(errorsOf(deps));
  return router;
}
