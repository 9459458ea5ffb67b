/**
 * `grange backup` and `grange restore` as operators run them: a real process, its messages and
 * exit codes. Wrong use gets a clear message and writes nothing; with PostgreSQL the command
 * points to pg_dump. (The backup taken while the server writes, restored and verified, is in
 * tests/reliability/backup-restore.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, migrate } from '../../../server/db/connection.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

function grange(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/grange.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case starts the command a few times (about a second each through tsx).
describe('grange backup and restore', { timeout: 120_000 }, () => {
  let dir: string;
  let dataDir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grange-backup-cli-'));
    dataDir = join(dir, 'data');
    const db = createDatabase({ client: 'sqlite', filename: join(dataDir, 'grange.sqlite') });
    await migrate(db);
    await db.destroy();
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which file to give when none is', () => {
    const { code, stderr } = grange(['backup', '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(stderr).toContain('give the file to write the backup to, e.g. grange backup backups/');
    expect(stderr).toContain('grange backup <file> [--data-dir <folder>]');
  });

  it('refuses a folder that does not exist, a file as a folder and a read-only place', () => {
    const missing = grange([
      'backup',
      join(dir, 'no-such-folder', 'b.sqlite'),
      '--data-dir',
      dataDir,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`The folder ${join(dir, 'no-such-folder')} does not exist`);
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const underFile = grange(['backup', join(dir, 'a-file', 'b.sqlite'), '--data-dir', dataDir]);
    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toContain('does not exist (or is not a folder)');
    // /proc takes no new file, even from root (who may write anywhere else).
    const readOnly = grange(['backup', '/proc/grange-backup.sqlite', '--data-dir', dataDir]);
    expect(readOnly.code).toBe(1);
    expect(readOnly.stderr).toMatch(/Could not write \/proc\/grange-backup\.sqlite|not writable/);
    expect(readOnly.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'data']);
  });

  it('says where it looked when there is no database', () => {
    const empty = join(dir, 'empty-data');
    mkdirSync(empty);
    const { code, stderr } = grange(['backup', join(dir, 'b.sqlite'), '--data-dir', empty]);
    expect(code).toBe(1);
    expect(stderr).toContain(`There is no Grange database at ${join(empty, 'grange.sqlite')}`);
    rmSync(empty, { recursive: true });
  });

  it('points to pg_dump and docs/backup.md when the server uses PostgreSQL', () => {
    const { code, stderr } = grange(['backup', join(dir, 'b.sqlite')], {
      DATABASE_URL: 'postgres://grange@db.example:5432/grange',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('this server uses PostgreSQL (DATABASE_URL is set)');
    expect(stderr).toContain('pg_dump --format=custom --no-owner --file=');
    expect(stderr).toContain('pg_restore --no-owner --exit-on-error');
    expect(stderr).toContain('docs/backup.md');
    const doc = readFileSync(join(ROOT, 'docs/backup.md'), 'utf8');
    expect(doc).toContain('pg_dump --format=custom --no-owner --file=');
    expect(doc).toContain('pg_restore --no-owner --exit-on-error');
  });

  it('writes a new backup, never over a file, and restores it only where no database is', () => {
    const file = join(dir, 'grange-backup.sqlite');
    const first = grange(['backup', file, '--data-dir', dataDir]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Backup written: ${file}`);
    expect(first.stdout).toContain('secrets.json');
    const before = readFileSync(file);
    const again = grange(['backup', file, '--data-dir', dataDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file} already exists: give a new file name`);
    expect(readFileSync(file).equals(before)).toBe(true);

    const restored = join(dir, 'restored');
    const restore = grange(['restore', file, '--data-dir', restored]);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Database restored: ${join(restored, 'grange.sqlite')}`);
    const over = grange(['restore', file, '--data-dir', dataDir]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('a restore never replaces a database');

    writeFileSync(join(dir, 'not-grange.sqlite'), 'SQLite format 3\u0000 but not really');
    const bogus = grange(['restore', join(dir, 'not-grange.sqlite'), '--data-dir', join(dir, 'x')]);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(
      /not-grange\.sqlite (is not readable as SQLite|is damaged|is not)/,
    );
    expect(bogus.stderr).not.toMatch(/\n\s+at /);
  });
});
