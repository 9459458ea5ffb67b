/**
 * The client's session: where the refresh token is kept (sessionStorage unless "Rester
 * connecté"), renewal on 401 and before expiry, one renewal at a time (the server revokes a
 * session whose refresh token is used twice), and signing out.
 */
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  REFRESH_TOKEN_KEY,
  SessionManager,
} from '../../../client/src/app/auth/session-manager.ts';
import { fakeServer, MemoryStorage } from '../support/fake-server.ts';

function setup() {
  const server = fakeServer();
  const sessionStorage = new MemoryStorage();
  const localStorage = new MemoryStorage();
  let now = Date.parse('2026-03-02T09:00:00Z');
  const timers: Array<{ at: number; callback: () => void }> = [];
  const manager = new SessionManager({
    fetch: server.fetch,
    sessionStorage,
    localStorage,
    now: () => now,
    setTimeout: (callback, ms) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      const index = timers.indexOf(handle as (typeof timers)[number]);
      if (index >= 0) timers.splice(index, 1);
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const timer of [...timers]) {
      if (timer.at <= now) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
    }
  };
  return { server, sessionStorage, localStorage, manager, advance };
}

const CODE = { learnerCode: 'K7M4QX', pin: '482913' };

describe('the session manager', () => {
  it('keeps the refresh token for this browser session only, unless asked to remember', async () => {
    const first = setup();
    await first.manager.signIn(CODE, false);
    expect(first.manager.signedIn).toBe(true);
    expect(first.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(first.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();

    const second = setup();
    await second.manager.signIn(CODE, true);
    expect(second.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    expect(second.sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('never stores the access token', async () => {
    const { manager, sessionStorage, localStorage } = setup();
    await manager.signIn(CODE, true);
    const stored = [...sessionStorage.items.values(), ...localStorage.items.values()];
    expect(stored.some((value) => value.startsWith('access-'))).toBe(false);
  });

  it('tells why sign-in was refused, in both languages', async () => {
    const { manager } = setup();
    const error = await manager
      .signIn({ learnerCode: 'K7M4QX', pin: '000000' }, false)
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, code: 'invalid-credentials' });
    expect((error as AuthError).messages?.fr).toBe('Code ou code secret incorrect.');
    expect(manager.signedIn).toBe(false);
  });

  it('renews the access token on a 401 and sends the request again', async () => {
    const { manager, server } = setup();
    server.graphql = () => ({ data: { ok: true } });
    await manager.signIn(CODE, false);
    server.expireAccessTokens();
    const response = await manager.fetch('/graphql', { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    const graphqlCalls = server.calls.filter((c) => c.url === '/graphql');
    expect(graphqlCalls.map((c) => c.authorization)).toEqual([
      'Bearer access-1',
      'Bearer access-2',
    ]);
  });

  it('renews once when several requests fail together (a reused refresh token ends the session)', async () => {
    const { manager, server, sessionStorage } = setup();
    server.graphql = () => ({ data: { ok: true } });
    await manager.signIn(CODE, false);
    server.expireAccessTokens();
    const responses = await Promise.all(
      [1, 2, 3].map(() => manager.fetch('/graphql', { method: 'POST', body: '{}' })),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.calls.filter((c) => c.url === '/auth/refresh')).toHaveLength(1);
    expect(server.revokedFamily).toBe(false);
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
  });

  it('renews a minute before the access token expires', async () => {
    const { manager, server, advance } = setup();
    await manager.signIn(CODE, false);
    advance(900_000 - 61_000);
    expect(server.calls.filter((c) => c.url === '/auth/refresh')).toHaveLength(0);
    advance(2_000);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.calls.filter((c) => c.url === '/auth/refresh')).toHaveLength(1);
    expect(await manager.accessToken()).toBe('access-2');
  });

  it('restores a kept session after a reload, and stays signed out without one', async () => {
    const { manager, sessionStorage, localStorage, server } = setup();
    await manager.signIn(CODE, true);
    // A new tab: a new manager over the same storage.
    const reloaded = new SessionManager({
      fetch: server.fetch,
      sessionStorage,
      localStorage,
      now: () => Date.now(),
      setTimeout: () => 0,
      clearTimeout: () => {},
    });
    expect(await reloaded.restore()).toBe(true);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');

    const empty = setup();
    expect(await empty.manager.restore()).toBe(false);
    expect(empty.server.calls).toHaveLength(0);
  });

  it('signs out when the server refuses the refresh token, and tells listeners', async () => {
    const { manager, server, sessionStorage } = setup();
    const seen: boolean[] = [];
    manager.subscribe((signedIn) => seen.push(signedIn));
    await manager.signIn(CODE, false);
    sessionStorage.setItem(REFRESH_TOKEN_KEY, 'forged');
    server.expireAccessTokens();
    const response = await manager.fetch('/graphql', { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(manager.signedIn).toBe(false);
    expect(sessionStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(seen).toEqual([true, false]);
  });

  it('ends the session on the server and here when signing out', async () => {
    const { manager, server, localStorage } = setup();
    await manager.signIn(CODE, true);
    await manager.signOut();
    expect(manager.signedIn).toBe(false);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(server.calls.at(-1)).toMatchObject({
      url: '/auth/logout',
      body: { refreshToken: 'refresh-1' },
    });
    expect(await manager.accessToken()).toBeNull();
  });
});
