import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from '../../../server/auth/secrets.ts';

describe('loadOrCreateSecrets', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'grange-secrets-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('create data/secrets.json readable by its owner only on first run, then read it back', () => {
    const dataDir = join(fresh(), 'data');
    const created = loadOrCreateSecrets(dataDir);
    expect(created.jwtSecret).toMatch(/^[\w-]{43}$/);
    const file = join(dataDir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(created);
    expect(loadOrCreateSecrets(dataDir)).toEqual(created);
    expect(loadOrCreateSecrets(fresh()).jwtSecret).not.toBe(created.jwtSecret);
  });

  it('refuse a damaged file rather than overwrite it', () => {
    const dataDir = fresh();
    const file = join(dataDir, 'secrets.json');
    writeFileSync(file, '{ not json');
    expect(() => loadOrCreateSecrets(dataDir)).toThrow(/secrets\.json is not valid JSON/);
    writeFileSync(file, JSON.stringify({ jwtSecret: 'short' }));
    expect(() => loadOrCreateSecrets(dataDir)).toThrow(/lacks a valid jwtSecret/);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ jwtSecret: 'short' }));
  });
});
