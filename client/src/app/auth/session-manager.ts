/**
 * The signed-in session, outside React: the short-lived access token stays in memory, the
 * refresh token in `sessionStorage` (the session ends with the browser: computers at the
 * tiers-lieu are shared) or, when the person ticks "Rester connecté sur cet appareil", in
 * `localStorage`. The access token is renewed a minute before it expires and whenever the
 * server answers 401.
 *
 * Refresh tokens rotate and the server revokes the whole session when one is used twice, so
 * every renewal goes through one shared promise: two requests failing at once refresh once.
 */
import type { LocalizedText } from '../graphql.ts';

/** What POST /auth/login accepts. */
export type SignInBody = { email: string; password: string } | { learnerCode: string; pin: string };

interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
}

/** A refusal of `/auth/*`, with the server's message in both languages. */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: LocalizedText | undefined,
    /** Seconds to wait (429 too many attempts, 423 locked). */
    readonly retryAfterSeconds?: number,
  ) {
    super(messages?.en ?? code);
    this.name = 'AuthError';
  }
}

/** What the manager uses from the browser, injected so tests can fake it. */
export interface SessionEnvironment {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  localStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** Where the refresh token is kept, in either storage. */
export const REFRESH_TOKEN_KEY = 'grange.refreshToken';

/** Renew this long before the access token expires. */
const RENEW_MARGIN_MS = 60_000;

type Listener = (signedIn: boolean) => void;

export class SessionManager {
  private access: { token: string; expiresAt: number } | null = null;
  private renewing: Promise<boolean> | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly env: SessionEnvironment) {}

  /** Whether an access token is held now. */
  get signedIn(): boolean {
    return this.access !== null;
  }

  /** @returns a function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Picks up a session kept by this browser (a reload, or "Rester connecté").
   * @returns whether a session was restored.
   */
  async restore(): Promise<boolean> {
    if (this.signedIn) return true;
    if (this.storedRefreshToken() === null) return false;
    return this.renew();
  }

  /**
   * @param body email and password, or learner code and PIN.
   * @param remember keep the session after the browser closes (localStorage).
   * @throws AuthError with the server's message (wrong credentials, locked, too many attempts).
   */
  async signIn(body: SignInBody, remember: boolean): Promise<void> {
    const tokens = await this.post('/auth/login', body);
    this.clearStoredRefreshToken();
    (remember ? this.env.localStorage : this.env.sessionStorage).setItem(
      REFRESH_TOKEN_KEY,
      tokens.refreshToken,
    );
    this.accept(tokens);
  }

  /** Ends this device's session on the server (best effort) and here. */
  async signOut(): Promise<void> {
    const refreshToken = this.storedRefreshToken();
    this.drop();
    if (refreshToken === null) return;
    try {
      await this.env.fetch('/auth/logout', jsonPost({ refreshToken }));
    } catch {
      // Offline: the token is gone from this browser anyway and expires on the server.
    }
  }

  /**
   * `fetch` with the access token; on 401 renews the session once and tries again.
   * Anonymous when no one is signed in.
   */
  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const token = await this.accessToken();
    const response = await this.env.fetch(url, withBearer(init, token));
    if (response.status !== 401 || token === null) return response;
    if (!(await this.renew())) return response;
    return this.env.fetch(url, withBearer(init, this.access?.token ?? null));
  };

  /** @returns a valid access token (renewed if about to expire), or null when signed out. */
  async accessToken(): Promise<string | null> {
    if (this.access === null) return null;
    if (this.access.expiresAt - this.env.now() < RENEW_MARGIN_MS / 2) await this.renew();
    return this.access?.token ?? null;
  }

  /**
   * Trades the refresh token for new tokens; one renewal at a time.
   * @returns false when the server refused it (the person is signed out).
   */
  renew(): Promise<boolean> {
    if (this.renewing === null) {
      this.renewing = this.renewOnce().finally(() => {
        this.renewing = null;
      });
    }
    return this.renewing;
  }

  private async renewOnce(): Promise<boolean> {
    const refreshToken = this.storedRefreshToken();
    if (refreshToken === null) {
      this.drop();
      return false;
    }
    try {
      const tokens = await this.post('/auth/refresh', { refreshToken });
      this.storageHolding()?.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
      this.accept(tokens);
      return true;
    } catch (error) {
      // A refused token ends the session; a network failure keeps it for the next try.
      if (error instanceof AuthError && error.status >= 400 && error.status < 500) {
        this.drop();
        return false;
      }
      throw error;
    }
  }

  private accept(tokens: Tokens): void {
    const wasSignedIn = this.signedIn;
    this.access = {
      token: tokens.accessToken,
      expiresAt: this.env.now() + tokens.expiresIn * 1000,
    };
    this.schedule(Math.max(5_000, tokens.expiresIn * 1000 - RENEW_MARGIN_MS));
    if (!wasSignedIn) this.emit(true);
  }

  private drop(): void {
    const wasSignedIn = this.signedIn;
    this.access = null;
    this.clearStoredRefreshToken();
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    if (wasSignedIn) this.emit(false);
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = this.env.setTimeout(() => {
      this.renew().catch(() => {
        // Offline: the next request tries again.
      });
    }, ms);
  }

  private emit(signedIn: boolean): void {
    for (const listener of this.listeners) listener(signedIn);
  }

  private storageHolding() {
    if (this.env.localStorage.getItem(REFRESH_TOKEN_KEY) !== null) return this.env.localStorage;
    if (this.env.sessionStorage.getItem(REFRESH_TOKEN_KEY) !== null) {
      return this.env.sessionStorage;
    }
    return null;
  }

  private storedRefreshToken(): string | null {
    return this.storageHolding()?.getItem(REFRESH_TOKEN_KEY) ?? null;
  }

  private clearStoredRefreshToken(): void {
    this.env.localStorage.removeItem(REFRESH_TOKEN_KEY);
    this.env.sessionStorage.removeItem(REFRESH_TOKEN_KEY);
  }

  private async post(url: string, body: object): Promise<Tokens> {
    const response = await this.env.fetch(url, jsonPost(body));
    const answer = (await response.json().catch(() => ({}))) as Partial<Tokens> & {
      error?: { code?: string; message?: LocalizedText };
    };
    if (!response.ok || typeof answer.accessToken !== 'string') {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new AuthError(
        response.status,
        answer.error?.code ?? 'unexpected',
        answer.error?.message,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      );
    }
    return answer as Tokens;
  }
}

function jsonPost(body: object): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

function withBearer(init: RequestInit, token: string | null): RequestInit {
  if (token === null) return init;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}
