/**
 * Threat: a script injected into a page (a badge name, a pasted URL, a hostile file), a page
 * framed by another site to trick clicks (clickjacking), a file sniffed into HTML, a share
 * token leaking through the Referer, a downgrade to plain http.
 *
 * Proves, against the real application (`createApp`, the demo data, the built web client):
 * every kind of answer (the client's page and files, the server-rendered badge pages and
 * `/verify`, JSON, images, errors) carries helmet's headers and one strict content security
 * policy (`default-src 'self'`, scripts from the site only, no `unsafe-inline` or
 * `unsafe-eval`, `object-src 'none'`, `base-uri 'self'`, `frame-ancestors 'none'`,
 * `form-action 'self'`); the server pages' only inline style sheet is the one the policy
 * allows by hash, and they have no script, no event handler and no `style` attribute; the
 * Vite build has no inline script or style and loads only its own files; evidence files keep
 * their stricter sandbox; HSTS and `upgrade-insecure-requests` come only with an https
 * PUBLIC_URL. In Chromium, the employer's page draws its badge image and `/verify` takes a
 * badge file and a pasted address with no policy violation (the end-to-end journeys run the
 * whole client under the same policy and fail on any violation: tests/e2e/support/browser.ts).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild, OUT_DIR } from '../../client/scripts/ensure-client-build.ts';
import { findAward } from '../../server/db/repositories/badge-awards-repository.ts';
import { launchBrowser, openPage } from '../e2e/support/browser.ts';
import { closeServer } from '../support/close-server.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../support/databases.ts';
import { serveApp } from '../support/serve-app.ts';
import { type DemoSite, startDemoSite } from './support/demo-site.ts';

const HTML = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };
const JSON_LD = { accept: 'application/ld+json' };

/** @returns the policy's directives by name, each with its sources. */
function parsePolicy(header: string | null): Map<string, string[]> {
  expect(header, 'a Content-Security-Policy header').not.toBeNull();
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Checks the strict policy and helmet's other headers on one answer. */
function expectHardened(response: Response, what: string): void {
  const policy = parsePolicy(response.headers.get('content-security-policy'));
  expect(policy.get('default-src'), what).toEqual(["'self'"]);
  expect(policy.get('script-src'), what).toEqual(["'self'"]);
  expect(policy.get('script-src-attr'), what).toEqual(["'none'"]);
  expect(policy.get('object-src'), what).toEqual(["'none'"]);
  expect(policy.get('base-uri'), what).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(policy.get('form-action'), what).toEqual(["'self'"]);
  expect(policy.get('img-src'), what).toEqual(["'self'", 'data:']);
  expect(policy.get('connect-src'), what).toEqual(["'self'"]);
  const styles = policy.get('style-src') ?? [];
  expect(styles[0], what).toBe("'self'");
  // Besides the site's own files, only hashes of inline style sheets: no 'unsafe-inline'.
  for (const source of styles.slice(1)) expect(source, what).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  const everySource = [...policy.values()].flat();
  for (const loose of [
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    '*',
    'http:',
    'https:',
  ])
    expect(everySource, `${what}: ${loose}`).not.toContain(loose);
  // Plain-http site: no upgrade (it would break the site), no HSTS.
  expect(policy.has('upgrade-insecure-requests'), what).toBe(false);
  expect(response.headers.get('strict-transport-security'), what).toBeNull();

  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(response.headers.get('x-permitted-cross-domain-policies'), what).toBe('none');
  expect(response.headers.get('permissions-policy'), what).toContain('camera=()');
  expect(response.headers.get('x-powered-by'), what).toBeNull();
}

/** @returns the `'sha256-…'` source of an inline style sheet's text. */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Checks that a server page holds nothing the policy would block. */
function expectNothingInline(html: string, allowedStyles: string[], what: string): void {
  const sheets = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1] ?? '');
  expect(sheets.length, what).toBeGreaterThan(0);
  for (const sheet of sheets) expect(allowedStyles, what).toContain(hashSource(sheet));
  expect(html, what).not.toMatch(/<script\b/i);
  expect(html, what).not.toMatch(/<[^>]+\sstyle\s*=/i);
  expect(html, what).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html, what).not.toMatch(/javascript:/i);
  // Forms post to this site, whatever address it was opened at.
  for (const [, action] of html.matchAll(/<form[^>]*\saction="([^"]*)"/gi))
    expect(action, what).toMatch(/^\/[^/]/);
}

describe.each(testDatabaseKinds())('security headers on %s', (kind) => {
  let site: DemoSite;
  let awardId: string;
  let badgeId: string;

  beforeAll(async () => {
    // The client the application serves is the real Vite build (a no-op when it is fresh).
    await ensureClientBuild();
    site = await startDemoSite(kind);
    const adults = new Set(site.learners.filter((l) => !l.cast.isMinor).map((l) => l.key));
    for (const issued of site.seeded.issued) {
      if (!adults.has(issued.learnerKey)) continue;
      if ((await findAward(site.db, issued.awardId))?.revokedAt !== undefined) continue;
      awardId = issued.awardId;
      badgeId = issued.badgeId;
      break;
    }
    if (awardId === undefined) throw new Error('the demo data issued no standing adult badge');
  }, 600_000);
  afterAll(async () => {
    await site?.dispose();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${site.base}${path}`, { headers });

  it('puts the strict policy and helmet’s headers on every kind of answer', async () => {
    const index = await (await get('/', HTML)).text();
    const script = /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, 'the built page loads its script from /assets/').toBeDefined();
    const answers: Array<[string, Promise<Response>, number]> = [
      ['client page', get('/', HTML), 200],
      ['client page of a deep address', get('/mes-badges', HTML), 200],
      ['client script', get(script ?? '/assets/missing.js'), 200],
      ['award page (HTML)', get(`/badges/${awardId}`, HTML), 200],
      ['award credential (JSON-LD)', get(`/badges/${awardId}`, JSON_LD), 200],
      ['award file (JSON)', get(`/badges/${awardId}.json`), 200],
      ['award image (baked PNG)', get(`/badges/${awardId}.png`), 200],
      ['award image (baked SVG)', get(`/badges/${awardId}.svg`), 200],
      ['badge definition page', get(`/badges/definitions/${badgeId}`, HTML), 200],
      ['badge definition image', get(`/badges/definitions/${badgeId}.png`), 200],
      ['OB 2.0 assertion', get(`/ob2/assertions/${awardId}`), 200],
      ['verification page', get('/verify', HTML), 200],
      ['status list', get('/status/1'), 200],
      ['DID document', get('/.well-known/did.json'), 200],
      ['health check', get('/healthz'), 200],
      [
        'GraphQL answer',
        fetch(`${site.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
        200,
      ],
      [
        'sign-in refused',
        fetch(`${site.base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@grange.example', password: 'wrong' }),
        }),
        401,
      ],
      ['learner export without a token', get('/me/clr.json'), 401],
      ['unknown badge page', get('/badges/00000000-0000-4000-8000-000000000000', HTML), 404],
      ['unknown API address', get('/nowhere', { accept: 'application/json' }), 404],
    ];
    for (const [what, pending, status] of answers) {
      const response = await pending;
      expect(response.status, what).toBe(status);
      expectHardened(response, what);
      await response.arrayBuffer();
    }
  });

  it('keeps the evidence files’ sandbox, stricter than the site’s policy', async () => {
    const forged = await get('/evidence-files/00000000000000000000000000000000?exp=1&sig=forged');
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(forged.headers.get('x-content-type-options')).toBe('nosniff');
    expect(forged.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves public pages whose only inline style is the one the policy allows by hash', async () => {
    const award = await get(`/badges/${awardId}`, HTML);
    const styles = parsePolicy(award.headers.get('content-security-policy')).get('style-src') ?? [];
    const credential = await (await get(`/badges/${awardId}.json`)).text();
    const form = new FormData();
    form.set('url', '');
    form.set('file', new Blob([credential], { type: 'application/json' }), 'badge.json');
    const pages: Array<[string, Promise<Response>]> = [
      ['award page', Promise.resolve(award)],
      ['award page in English', get(`/badges/${awardId}?lang=en`, HTML)],
      ['definition page', get(`/badges/definitions/${badgeId}`, HTML)],
      ['verification form', get('/verify', HTML)],
      ['verification report', fetch(`${site.base}/verify`, { method: 'POST', body: form })],
      ['not-found page', get('/badges/unknown-award', HTML)],
    ];
    for (const [what, pending] of pages) {
      const response = await pending;
      expect(response.headers.get('content-type'), what).toMatch(/^text\/html/);
      const html = await response.text();
      expectNothingInline(html, styles, what);
      if (what === 'verification report') expect(html).toContain('id="verdict-title"');
    }
  });

  it('serves a client build with no inline script or style, loading only its own files', async () => {
    const index = await (await get('/', HTML)).text();
    expect(index).toBe(readFileSync(join(OUT_DIR, 'index.html'), 'utf8'));
    // Every script has a source of the site; no inline code, handler or style anywhere.
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/assets\/[^"]+"/);
      expect(body.trim()).toBe('');
    }
    expect(index).not.toMatch(/<style\b/i);
    expect(index).not.toMatch(/<[^>]+\sstyle\s*=/i);
    expect(index).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    const files = [...index.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    for (const file of files) {
      expect(file, 'same-origin, absolute path').toMatch(/^\/[^/]/);
      const response = await get(file);
      expect(response.status, file).toBe(200);
      const text = await response.text();
      // A style sheet that pulled fonts or images from elsewhere would be blocked.
      if (file.endsWith('.css')) expect(text, file).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    }
  });
  it('lets Chromium draw the badge page and verify a dropped file and a pasted address', async () => {
    const browser = await launchBrowser();
    const folder = mkdtempSync(join(tmpdir(), 'grange-csp-'));
    try {
      const { page, problems, context } = await openPage(browser);
      const badgeUrl = `${site.base}/badges/${awardId}`;
      await page.goto(badgeUrl);
      await page.locator('h1').waitFor();
      const image = page.locator('img.badge');
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
      // Styled by its hashed inline sheet: the banner has its colour, not the default.
      const banner = await page
        .locator('header.banner')
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(banner).not.toBe('rgba(0, 0, 0, 0)');

      /** Sends the form as a person would; @returns the status of the server's answer. */
      const submit = async (): Promise<number> => {
        const [answer] = await Promise.all([
          page.waitForResponse((response) => response.request().method() === 'POST'),
          page.waitForEvent('framenavigated'),
          page.locator('input[type=submit]').click(),
        ]);
        await page.locator('#verdict-title').waitFor();
        return answer.status();
      };
      const file = join(folder, 'badge.json');
      writeFileSync(file, await (await fetch(`${badgeUrl}.json`)).text());
      await page.goto(`${site.base}/verify`);
      await page.locator('#file').setInputFiles(file);
      expect(await submit()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/verify');
      // The report names the issuer it read from the file.
      expect(await page.locator('main dl').textContent()).toContain('Grange Numérique');

      await page.locator('#url').fill(badgeUrl);
      expect(await submit()).toBe(200);
      expect(await page.locator('#url').inputValue()).toBe(badgeUrl);

      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('HSTS and upgrade-insecure-requests', () => {
  let test: TestDatabase;
  const servers: Server[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-hsts-'));

  beforeAll(async () => {
    test = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    for (const server of servers) await closeServer(server);
    await test?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function headersFor(publicUrl: string): Promise<Headers> {
    const { server, base } = await serveApp(test.db, {
      clock: () => new Date('2026-03-02T09:00:00Z'),
      jwtSecret: 'hsts-suite-secret-with-enough-entropy-0123456789',
      env: { DATA_DIR: dataDir, PUBLIC_URL: publicUrl },
    });
    servers.push(server);
    const response = await fetch(`${base}/verify`, { headers: HTML });
    await response.text();
    return response.headers;
  }

  it('come only when the public URL is https', async () => {
    const secure = await headersFor('https://badges.grange.example');
    expect(secure.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(
      parsePolicy(secure.get('content-security-policy')).has('upgrade-insecure-requests'),
    ).toBe(true);
    const plain = await headersFor('http://grange.local:3000');
    expect(plain.get('strict-transport-security')).toBeNull();
    expect(parsePolicy(plain.get('content-security-policy')).has('upgrade-insecure-requests')).toBe(
      false,
    );
  });
});
