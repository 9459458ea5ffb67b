/**
 * The limits on `POST /verify`, over HTTP: through the real application (`createApp`, which
 * trusts X-Forwarded-For from a loopback proxy only), 20 verifications a minute per client
 * address answered 429 with Retry-After, as a French or English page or as JSON; and on the
 * public router alone, the cap on verifications running at once, with a badge host that keeps
 * the verifier waiting, and X-Forwarded-For ignored when no proxy is trusted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../../support/close-server.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { serveApp } from '../../support/serve-app.ts';
import { type PublicSite, startPublicSite } from './public-site.ts';

interface ErrorBody {
  error: { code: string; message: { fr: string; en: string }; retryAfterSeconds: number };
}

describe.each(testDatabaseKinds())('POST /verify per client through createApp on %s', (kind) => {
  let test: TestDatabase;
  let server: Server;
  let base: string;
  let now = new Date('2026-06-01T10:00:00Z');

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    ({ server, base } = await serveApp(test.db, {
      clock: () => new Date(now),
      jwtSecret: 'verify-limit-test-secret-with-enough-entropy-0123',
    }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await test.dispose();
  });

  /** An empty JSON verification: refused at once (400), without fetching anything. */
  const postJson = (client: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
      body: '{}',
    });
  const postForm = (client: string, headers: Record<string, string>) =>
    fetch(`${base}/verify`, {
      method: 'POST',
      headers: { 'x-forwarded-for': client, ...headers },
      body: new FormData(),
    });

  it('answers 429 with Retry-After after 20 verifications in a minute from one address', async () => {
    const client = '203.0.113.7';
    for (let i = 0; i < 20; i += 1) {
      const response = await postJson(client);
      expect(response.status, `request ${i + 1}`).toBe(400);
    }
    const refused = await postJson(client);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'too-many-verifications', retryAfterSeconds: 60 });
    expect(body.error.message.fr).toBe(
      'Trop de vérifications depuis votre connexion. Réessayez dans 60 secondes.',
    );
    expect(body.error.message.en).toContain('Too many verifications');
  });

  it('shows a page in French or English to a browser, and JSON to whoever asks for it', async () => {
    const client = '203.0.113.7';
    const french = await postForm(client, { accept: 'text/html', 'accept-language': 'fr-FR' });
    expect(french.status).toBe(429);
    expect(french.headers.get('retry-after')).toBe('60');
    expect(french.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await french.text();
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('Trop de vérifications depuis votre connexion');
    expect(page).not.toContain('Too many');

    const english = await postForm(client, { accept: 'text/html', 'accept-language': 'en-GB' });
    expect(await english.text()).toContain(
      'Too many verifications from your connection. Try again in 60 seconds.',
    );
    const asked = await postForm(client, { accept: 'application/json' });
    expect(asked.status).toBe(429);
    expect(((await asked.json()) as ErrorBody).error.code).toBe('too-many-verifications');
  });

  it('counts each client address on its own, and leaves the other public pages alone', async () => {
    expect((await postJson('198.51.100.4')).status).toBe(400);
    expect(
      (await fetch(`${base}/verify`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status,
    ).toBe(200);
    const employerPage = await fetch(`${base}/badges/no-such-award`, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(employerPage.status).toBe(404);
  });

  it('lets the address verify again once the minute has passed', async () => {
    now = new Date(now.getTime() + 59_000);
    const almost = await postJson('203.0.113.7');
    expect(almost.status).toBe(429);
    expect(almost.headers.get('retry-after')).toBe('1');
    now = new Date(now.getTime() + 1_001);
    expect((await postJson('203.0.113.7')).status).toBe(400);
  });

  it('counts a client before reading its body, which /verify reads itself (up to 5 MB)', async () => {
    // Larger than the API's 256 KB JSON limit: /verify's own parser reads it, not the API's.
    const large = JSON.stringify({ credential: { name: 'x'.repeat(300_000) } });
    const post = (client: string) =>
      fetch(`${base}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: large,
      });
    const read = await post('192.0.2.44');
    expect(read.status).not.toBe(413);
    expect(read.status).toBe(200);
    const limited = '192.0.2.45';
    for (let i = 0; i < 20; i += 1) await postJson(limited);
    expect((await post(limited)).status).toBe(429);
  });
});

describe.each(testDatabaseKinds())('POST /verify at once on the public router on %s', (kind) => {
  let site: PublicSite;
  let badgeHost: Server;
  let hostUrl: string;
  const held: ServerResponse[] = [];
  let holding = true;
  let arrived: (() => void) | undefined;

  beforeAll(async () => {
    site = await startPublicSite(kind, { verifyLimits: { maxConcurrent: 2, perClient: 4 } });
    // A badge host that answers only when told: the verifications fetching it wait meanwhile.
    badgeHost = createServer((_request: IncomingMessage, response: ServerResponse) => {
      if (!holding) return void response.writeHead(404).end();
      held.push(response);
      arrived?.();
    });
    await new Promise<void>((resolve) => badgeHost.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(badgeHost.address() as AddressInfo).port}/badge.json`;
  }, 60_000);
  afterAll(async () => {
    await closeServer(badgeHost);
    await site?.dispose();
  });

  const verifyUrl = (headers: Record<string, string> = {}) =>
    fetch(`${site.baseUrl}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ url: hostUrl }),
    });

  it('runs two verifications at once and turns the third away with Retry-After', async () => {
    const twoArrived = new Promise<void>((resolve) => {
      arrived = () => {
        if (held.length >= 2) resolve();
      };
    });
    const first = verifyUrl();
    const second = verifyUrl();
    await twoArrived;

    const third = await verifyUrl();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    const body = (await third.json()) as ErrorBody;
    expect(body.error.code).toBe('verification-busy');
    expect(body.error.message.fr).toContain('très demandé');

    holding = false;
    for (const response of held.splice(0)) response.writeHead(404).end();
    for (const done of await Promise.all([first, second])) {
      expect(done.status).toBe(200);
      expect(((await done.json()) as { verdict: string }).verdict).not.toBe('valid');
    }
    // The slots are free again.
    expect((await verifyUrl()).status).toBe(200);
  });

  it('ignores X-Forwarded-For when no proxy is trusted: a client cannot pick a new address', async () => {
    site.clock.tick(2);
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${site.baseUrl}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
        body: '{}',
      });
      expect(response.status).toBe(400);
    }
    const fifth = await fetch(`${site.baseUrl}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.99' },
      body: '{}',
    });
    expect(fifth.status).toBe(429);
  });
});
