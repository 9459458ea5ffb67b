/**
 * The web client on the server's port (server/http/routes/client.ts), through the real
 * application: its page answers every client address a browser asks for, its hashed files are
 * cached for a year, and every server address keeps its own answer (API, public badge pages,
 * 404s). A client folder made by the test stands for the build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { serveApp } from '../../support/serve-app.ts';

const PAGE = '<!doctype html><html lang="fr"><body><div id="root"></div></body></html>';
const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

describe.each(testDatabaseKinds())('the web client served on %s', (kind) => {
  let test: TestDatabase;
  let clientDir: string;
  const servers: Server[] = [];
  let base: string;
  let bare: string;

  async function serve(dir: string): Promise<string> {
    const { server, base: url } = await serveApp(test.db, {
      clock: () => new Date('2026-06-01T00:00:00Z'),
      jwtSecret: 'client-route-secret-with-enough-entropy-0123456789',
      env: { DATA_DIR: join(clientDir, 'data') },
      clientDir: dir,
    });
    servers.push(server);
    return url;
  }

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    clientDir = mkdtempSync(join(tmpdir(), 'grange-client-'));
    mkdirSync(join(clientDir, 'assets'));
    mkdirSync(join(clientDir, '.vite'));
    writeFileSync(join(clientDir, 'index.html'), PAGE);
    writeFileSync(join(clientDir, 'assets', 'index-Ab12Cd34.js'), 'console.log("grange");');
    writeFileSync(join(clientDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(clientDir, '.vite', 'manifest.json'), '{}');
    base = await serve(clientDir);
    bare = await serve(join(clientDir, 'not-built'));
  });
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await test.dispose();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it.each([
    '/',
    '/connexion?code=K7M4QX',
    '/parcours/seniors-numerique',
    '/competences/a/b',
    '/mes-badges',
    '/page-inconnue',
  ])(
    'answers %s with the client’s page, never cached, with a strict content policy',
    async (path) => {
      const response = await fetch(`${base}${path}`, { headers: HTML });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toBe(PAGE);
    },
  );

  it('serves the hashed files for a year and the others for a short while', async () => {
    const script = await fetch(`${base}/assets/index-Ab12Cd34.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toBe('console.log("grange");');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('answers a missing file with a 404, not with the page', async () => {
    const missing = await fetch(`${base}/assets/gone-00000000.js`, { headers: HTML });
    expect(missing.status).toBe(404);
    expect((await fetch(`${base}/.vite/manifest.json`, { headers: HTML })).status).toBe(404);
  });

  it('leaves the server’s own addresses alone', async () => {
    // A public badge page that does not exist: the server's own 404 page.
    const badge = await fetch(`${base}/badges/00000000-0000-4000-8000-000000000000`, {
      headers: HTML,
    });
    expect(badge.status).toBe(404);
    expect(await badge.text()).toContain('Introuvable');
    const health = await fetch(`${base}/healthz`, { headers: HTML });
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const did = await fetch(`${base}/.well-known/did.json`, { headers: HTML });
    expect(did.headers.get('content-type')).toMatch(/json/);
    const graphql = await fetch(`${base}/graphql`, { headers: HTML });
    expect(await graphql.text()).not.toBe(PAGE);
  });

  it('keeps the JSON 404 for requests that do not ask for a page', async () => {
    const api = await fetch(`${base}/nothing-here`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not-found' } });
    const post = await fetch(`${base}/`, { method: 'POST', headers: HTML });
    expect(post.status).toBe(404);
  });

  it('answers nothing of its own when the client is not built', async () => {
    const response = await fetch(`${bare}/`, { headers: HTML });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not-found' } });
  });
});
