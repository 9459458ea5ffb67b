import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { serveApp } from '../../support/serve-app.ts';

describe.each(testDatabaseKinds())('the HTTP server on %s', (kind) => {
  let test: TestDatabase;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    ({ server, base } = await serveApp(test.db, {
      clock: () => new Date('2026-06-01T00:00:00Z'),
      jwtSecret: 'test-secret-with-enough-entropy-0123456789',
    }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await test.dispose();
  });

  it('answers the health check with the database state', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', curricula: 5 });
  });

  it('answers unknown paths with a 404 in French and English, never a stack trace', async () => {
    const response = await fetch(`${base}/nothing-here`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { code: string; message: { fr: string } } };
    expect(body.error.code).toBe('not-found');
    expect(body.error.message.fr).toContain("n'existe pas");
  });

  it('mounts sign-in: wrong credentials get the generic 401', async () => {
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'personne@example.org', password: 'not-the-password' }),
    });
    expect(response.status).toBe(401);
  });

  it('serves the public issuer documents next to the API', async () => {
    const response = await fetch(`${base}/.well-known/did.json`);
    expect(response.status).toBe(200);
    const did = (await response.json()) as { id: string; assertionMethod: string[] };
    expect(did.id).toBe('did:web:localhost%3A3000');
    expect(did.assertionMethod).toHaveLength(1);
  });

  it('mounts the GraphQL API', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } curricula { id } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { me: null; curricula: { id: string }[] } };
    expect(body.data.me).toBeNull();
    expect(body.data.curricula.map((c) => c.id).sort()).toEqual([
      'bafa',
      'coding-kids',
      'identite-numerique',
      'parcours-emploi',
      'seniors-numerique',
    ]);
  });

  it('refuses malformed JSON with a 400 that explains, not a 500', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('bad-request');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('reads each JSON body with its own route’s limit: 256 KB for the API, 16 KB for sign-in', async () => {
    const json = (path: string, bytes: number) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'personne@example.org', password: 'x'.repeat(bytes) }),
      });
    const signIn = await json('/auth/login', 20_000);
    expect(signIn.status).toBe(413);
    expect(((await signIn.json()) as { error: { code: string } }).error.code).toBe('too-large');
    // Under the limit, the body is read and judged: a 10 KB password is refused as input.
    const read = await json('/auth/login', 10_000);
    expect(read.status).toBe(400);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe('invalid-input');
    const api = await json('/graphql', 300_000);
    expect(api.status).toBe(413);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('too-large');
    // An address that takes no body does not read one: no parser runs, it is simply not there.
    const elsewhere = await fetch(`${base}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(elsewhere.status).toBe(404);
  });
});
