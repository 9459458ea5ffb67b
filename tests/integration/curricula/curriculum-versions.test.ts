import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRICULA_DIR } from '../../../curricula/load.ts';
import { checkCurriculaFolder } from '../../../server/app/check-curricula.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grange-versions-'));
  cpSync(CURRICULA_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function versions() {
  const result = await checkCurriculaFolder(dir, dir);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.catalog.versions;
}

describe('curriculum versions (content hashes)', () => {
  it('ignore comments and layout, and change with the content of that curriculum only', async () => {
    const before = await versions();
    expect(new Set(before.values()).size).toBe(5);
    for (const hash of before.values()) expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);

    const path = join(dir, 'bafa.yaml');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `# a comment an author added\n\n${text}`);
    expect(await versions()).toEqual(before);

    writeFileSync(path, text.replace('durationMinutes: 45', 'durationMinutes: 50'));
    const after = await versions();
    expect(after.get('bafa')).not.toBe(before.get('bafa'));
    for (const id of [
      'coding-kids',
      'identite-numerique',
      'parcours-emploi',
      'seniors-numerique',
    ]) {
      expect(after.get(id)).toBe(before.get(id));
    }
  });
});
