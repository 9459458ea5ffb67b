import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerAccount } from '../../../server/app/accounts/create-learner-account.ts';
import type { AccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signAccessToken } from '../../../server/auth/access-tokens.ts';
import { LoginRateLimiter } from '../../../server/auth/login-rate-limiter.ts';
import { createDatabase } from '../../../server/db/connection.ts';
import { errorHandler, notFound } from '../../../server/http/errors.ts';
import { createAuthRouter } from '../../../server/http/routes/auth.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { accountsDeps, addGroup, addStaff, type StaffMember, TestClock } from './fixtures.ts';

interface Running {
  url: string;
  close(): Promise<void>;
}

/** The router mounted the way the application mounts it, on 127.0.0.1, port 0. */
async function serve(deps: AccountsDeps, limiter: LoginRateLimiter): Promise<Running> {
  const app = express();
  app.use('/auth', createAuthRouter({ accounts: deps, loginLimiter: limiter }));
  app.use(notFound);
  app.use(errorHandler(pino({ level: 'silent' })));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function post(
  base: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> | null }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}

function errorOf(body: Record<string, unknown> | null): {
  code: string;
  message: { fr: string; en: string };
  [extra: string]: unknown;
} {
  const error = body?.error as { code: string; message: { fr: string; en: string } } | undefined;
  expect(error?.code).toEqual(expect.any(String));
  expect(error?.message).toEqual({ fr: expect.any(String), en: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack|SQLITE|select /i);
  return error as ReturnType<typeof errorOf>;
}

describe.each(testDatabaseKinds())('auth routes on %s', (kind) => {
  let test: TestDatabase;
  let deps: AccountsDeps;
  let server: Running;
  const time = new TestClock();
  let claire: StaffMember;
  let learner: { learnerCode: string; pin: string };

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    deps = accountsDeps(test.db, time);
    server = await serve(deps, new LoginRateLimiter({ clock: time.clock, limit: 1000 }));
    claire = await addStaff(deps, ['trainer'], 'Claire');
    const groupId = await addGroup(deps, claire);
    learner = await createLearnerAccount(deps, claire, {
      groupId,
      displayName: 'Josiane',
      isMinor: false,
    });
  });
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
  });

  it('200: sign in by email and password, and by learner code and PIN', async () => {
    const byPassword = await post(server.url, '/auth/login', {
      email: claire.email,
      password: claire.password,
    });
    expect(byPassword.status).toBe(200);
    expect(byPassword.headers.get('cache-control')).toBe('no-store');
    expect(byPassword.body).toEqual({
      accessToken: expect.stringMatching(/^ey[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      expiresIn: 900,
    });
    const byPin = await post(server.url, '/auth/login', {
      learnerCode: learner.learnerCode.toLowerCase(),
      pin: learner.pin,
    });
    expect(byPin.status).toBe(200);
    expect(Object.keys(byPin.body ?? {}).sort()).toEqual([
      'accessToken',
      'expiresIn',
      'refreshToken',
    ]);
  });

  it('400: malformed JSON, missing fields, a bad email or PIN, each said clearly', async () => {
    const malformed = await post(server.url, '/auth/login', '{"email": ');
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body).code).toBe('invalid-json');

    for (const body of [
      {},
      { email: claire.email },
      { pin: '1234' },
      [],
      { email: 1, password: 2 },
    ]) {
      const response = await post(server.url, '/auth/login', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const error = errorOf(response.body);
      expect(error.code).toBe('invalid-input');
      expect(error.issues).toEqual([
        { path: '', message: 'send either {email, password} or {learnerCode, pin}, as strings' },
      ]);
    }
    const badEmail = await post(server.url, '/auth/login', { email: 'claire', password: 'x' });
    expect(badEmail.status).toBe(400);
    expect((errorOf(badEmail.body).issues as { path: string }[])[0]?.path).toBe('email');
    const badPin = await post(server.url, '/auth/login', { learnerCode: 'ABCDEF', pin: '12ab' });
    expect(badPin.status).toBe(400);
    expect((errorOf(badPin.body).issues as { path: string }[])[0]?.path).toBe('pin');
    const noBody = await post(server.url, '/auth/refresh');
    expect(noBody.status).toBe(400);
    expect(errorOf(noBody.body).code).toBe('invalid-input');
  });

  it('401: the same answer for a wrong password, an unknown email and a wrong PIN', async () => {
    const answers = await Promise.all([
      post(server.url, '/auth/login', { email: claire.email, password: 'wrong' }),
      post(server.url, '/auth/login', { email: 'nobody@grange.example', password: 'wrong' }),
      post(server.url, '/auth/login', { learnerCode: 'ZZZZZZ', pin: '1234' }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(answers[0]?.body);
    }
    expect(errorOf(answers[0]?.body ?? null).code).toBe('invalid-credentials');
  });

  it('423: locked after 5 failures, saying until when', async () => {
    const marc = await addStaff(deps, ['trainer'], 'Marc');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 6; i += 1) {
      last = await post(server.url, '/auth/login', { email: marc.email, password: 'guess' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    const error = errorOf(last?.body ?? null);
    expect(error.code).toBe('account-locked');
    expect(error.lockedUntil).toBe(new Date(time.now.getTime() + 15 * 60_000).toISOString());
    expect(last?.headers.get('retry-after')).toBe('900');
    const right = await post(server.url, '/auth/login', {
      email: marc.email,
      password: marc.password,
    });
    expect(right.status).toBe(423);
    time.advance(15 * 60_000);
    const after = await post(server.url, '/auth/login', {
      email: marc.email,
      password: marc.password,
    });
    expect(after.status).toBe(200);
  });

  it('refresh rotates, a reused token gets 401, logout and logout-all end sessions', async () => {
    const login = await post(server.url, '/auth/login', {
      email: claire.email,
      password: claire.password,
    });
    const first = login.body?.refreshToken as string;
    const refreshed = await post(server.url, '/auth/refresh', { refreshToken: first });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    const second = refreshed.body?.refreshToken as string;
    expect(second).not.toBe(first);

    const reused = await post(server.url, '/auth/refresh', { refreshToken: first });
    expect(reused.status).toBe(401);
    expect(errorOf(reused.body).code).toBe('invalid-refresh-token');
    expect((await post(server.url, '/auth/refresh', { refreshToken: second })).status).toBe(401);

    const again = await post(server.url, '/auth/login', {
      email: claire.email,
      password: claire.password,
    });
    const logout = await post(server.url, '/auth/logout', {
      refreshToken: again.body?.refreshToken,
    });
    expect(logout.status).toBe(204);
    expect(logout.body).toBeNull();
    const afterLogout = await post(server.url, '/auth/refresh', {
      refreshToken: again.body?.refreshToken,
    });
    expect(afterLogout.status).toBe(401);
    expect((await post(server.url, '/auth/logout', { refreshToken: 'unknown' })).status).toBe(204);

    const devices = await Promise.all(
      [1, 2].map(() =>
        post(server.url, '/auth/login', { email: claire.email, password: claire.password }),
      ),
    );
    const noToken = await post(server.url, '/auth/logout-all');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    expect(errorOf(noToken.body).code).toBe('invalid-access-token');
    const forged = signAccessToken(
      { personId: claire.personId, roles: ['trainer'] },
      {
        secret: 'another-secret-another-secret-another-secret',
        now: time.now,
      },
    );
    expect(
      (await post(server.url, '/auth/logout-all', undefined, { authorization: `Bearer ${forged}` }))
        .status,
    ).toBe(401);
    const all = await post(server.url, '/auth/logout-all', undefined, {
      authorization: `Bearer ${devices[0]?.body?.accessToken}`,
    });
    expect(all.status).toBe(204);
    for (const device of devices) {
      const refresh = await post(server.url, '/auth/refresh', {
        refreshToken: device.body?.refreshToken,
      });
      expect(refresh.status).toBe(401);
    }
  });

  it('429: too many attempts from one address, with Retry-After', async () => {
    const limited = await serve(deps, new LoginRateLimiter({ clock: time.clock, limit: 3 }));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        statuses.push(
          (await post(limited.url, '/auth/login', { email: 'a@b.example', password: 'x' })).status,
        );
      }
      const refused = await post(limited.url, '/auth/login', {
        email: claire.email,
        password: claire.password,
      });
      expect(statuses).toEqual([401, 401, 401]);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('300');
      const error = errorOf(refused.body);
      expect(error.code).toBe('too-many-attempts');
      expect(error.message.fr).toContain('5 minutes');
      time.advance(5 * 60_000);
      const later = await post(limited.url, '/auth/login', {
        email: claire.email,
        password: claire.password,
      });
      expect(later.status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('auth routes when the database fails', () => {
  it('answer a bare 500, with no stack trace or SQL', async () => {
    // A database without tables: every query fails.
    const db = createDatabase({ client: 'sqlite', filename: ':memory:' });
    const time = new TestClock();
    const server = await serve(accountsDeps(db, time), new LoginRateLimiter({ clock: time.clock }));
    try {
      const response = await post(server.url, '/auth/login', {
        email: 'claire@grange.example',
        password: 'whatever',
      });
      expect(response.status).toBe(500);
      expect(errorOf(response.body).code).toBe('internal');
      expect(Object.keys((response.body?.error as object) ?? {}).sort()).toEqual([
        'code',
        'message',
      ]);
      expect(JSON.stringify(response.body)).not.toMatch(/people|no such table/i);
    } finally {
      await server.close();
      await db.destroy();
    }
  });
});
