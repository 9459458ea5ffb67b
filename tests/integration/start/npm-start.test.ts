/**
 * The README's promise: `npm start` on a fresh machine runs the platform on the embedded SQLite
 * file with demo data, and the web client on the same port. Runs `npm start`'s two steps: the
 * client build (`prestart`, a no-op when the build is fresh) and the real entry point as a
 * process, on a fresh data folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuild } from '../../../client/scripts/ensure-client-build.ts';
import { freePort } from '../../support/server-process.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

let child: ChildProcess;
let dataDir: string;
let base: string;
let output = '';

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'grange-start-'));
  const port = await freePort();
  base = `http://localhost:${port}`;
  child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 90_000;
  while (!output.includes('Grange is ready')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`npm start did not become ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start on an empty data folder', () => {
  it('prints the demo sign-in details and serves the platform', async () => {
    expect(output).toMatch(/admin/i);
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', curricula: 5 });
    const did = (await (await fetch(`${base}/.well-known/did.json`)).json()) as { id: string };
    expect(did.id).toMatch(/^did:web:localhost%3A\d+$/);
  });

  it('builds the web client before starting, and serves it on the same port', async () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.prestart).toContain('client/scripts/ensure-client-build.ts');
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const entry = await fetch(`${base}${script}`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('cache-control')).toContain('immutable');
    // A client address opens the same page; the sign-in page is French first.
    const signIn = await fetch(`${base}/connexion`, { headers: { accept: 'text/html' } });
    expect(await signIn.text()).toBe(html);
    expect(html).toContain('<html lang="fr">');
  });

  it('writes the notification emails of the demo badges to the development outbox', async () => {
    const { readdirSync, existsSync } = await import('node:fs');
    const outbox = join(dataDir, 'outbox');
    const deadline = Date.now() + 30_000;
    while (!(existsSync(outbox) && readdirSync(outbox).some((f) => f.endsWith('.eml')))) {
      if (Date.now() > deadline) throw new Error('no email in the outbox');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml')).length).toBeGreaterThan(0);
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
