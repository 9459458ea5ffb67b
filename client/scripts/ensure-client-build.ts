/**
 * Builds the web client into `dist/client` unless the build there was made from the same
 * sources. `npm start` runs it first (`prestart`), and so do the tests that need the client
 * (the end-to-end suite, the `npm start` test): a fresh clone builds once, later runs reuse it.
 *
 * "The same sources" is a hash of every file under `client/` (but these scripts and the README)
 * and of `package-lock.json`, written next to the build. Concurrent callers (parallel test
 * files) take turns through a lock folder, so two builds never write the same folder.
 *
 *   npx tsx client/scripts/ensure-client-build.ts [--force]
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLIENT_DIR = join(ROOT, 'client');
export const OUT_DIR = join(ROOT, 'dist', 'client');
const HASH_FILE = join(OUT_DIR, '.build-hash');
const LOCK_DIR = join(ROOT, 'dist', '.client-build.lock');
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'scripts' ? [] : filesUnder(path);
    return entry.name === 'README.md' ? [] : [path];
  });
}

/** @returns the hash of what the build is made from. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  // Builds made before they were always production builds must not count as fresh.
  hash.update('production\0');
  const files = [...filesUnder(CLIENT_DIR), join(ROOT, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(relative(ROOT, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** @returns whether `dist/client` was built from the current sources. */
export function clientBuildIsFresh(): boolean {
  try {
    return (
      existsSync(join(OUT_DIR, 'index.html')) && readFileSync(HASH_FILE, 'utf8') === sourceHash()
    );
  } catch {
    return false;
  }
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS)
          rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() > deadline)
        throw new Error(`the client build lock ${LOCK_DIR} is held too long`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Builds the client when its sources changed since the last build.
 * @param options.force build even when the build looks fresh.
 * @returns whether a build ran.
 */
export async function ensureClientBuild(options: { force?: boolean } = {}): Promise<boolean> {
  if (!options.force && clientBuildIsFresh()) return false;
  return withLock(async () => {
    // Another caller may have built it while this one waited for the lock.
    if (!options.force && clientBuildIsFresh()) return false;
    const hash = sourceHash();
    const { build } = await import('vite');
    // Always the production build: under Vitest NODE_ENV is "test", and Vite would then bundle
    // React's development build (bigger, slower, and StrictMode effects run twice).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: join(CLIENT_DIR, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    writeFileSync(HASH_FILE, hash);
    return true;
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const built = await ensureClientBuild({ force: process.argv.includes('--force') });
  console.log(
    built
      ? `Client web construit dans dist/client / Web client built (${Date.now() - started} ms)`
      : 'Client web déjà à jour / Web client up to date (dist/client)',
  );
}
