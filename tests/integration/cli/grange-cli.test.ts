/**
 * The `grange` command as people run it: a real process, its output and its exit code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRICULA_DIR } from '../../../curricula/load.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

function grange(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/grange.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('grange curricula check', () => {
  it('exits 0 and summarises the shipped curricula', () => {
    const { code, stdout } = grange('curricula', 'check');
    expect(code).toBe(0);
    for (const id of [
      'coding-kids',
      'identite-numerique',
      'seniors-numerique',
      'bafa',
      'parcours-emploi',
    ]) {
      expect(stdout).toMatch(new RegExp(`✓ ${id}: \\d+ skills, \\d+ badges`));
    }
    expect(stdout).toContain('no problem found');
  });

  it('exits 1 and lists every problem with file:line and a hint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grange-cli-'));
    try {
      cpSync(CURRICULA_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
      const path = join(dir, 'bafa.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('\nskills:\n', '\nskils:\n'));
      const { code, stdout } = grange('curricula', 'check', '--dir', dir);
      expect(code).toBe(1);
      expect(stdout).toMatch(/bafa\.yaml:\d+:\d+ unknown-field at skils: unknown field "skils"/);
      expect(stdout).toContain('→ check the spelling: "skils" → "skills"');
      expect(stdout).toMatch(/\d+ problems? in \d+ files?\./);

      const json = grange('curricula', 'check', '--dir', dir, '--json');
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as {
        ok: boolean;
        problems: { file: string; line: number }[];
      };
      expect(report.ok).toBe(false);
      expect(report.problems.some((p) => p.file.endsWith('bafa.yaml') && p.line > 1)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('grange curricula graph', () => {
  it('draws a curriculum as Mermaid with its prerequisites and badges', () => {
    const { code, stdout } = grange('curricula', 'graph', 'identite-numerique');
    expect(code).toBe(0);
    expect(stdout.startsWith('flowchart TD\n')).toBe(true);
    expect(stdout).toContain(
      'seniors_numerique_naviguer_sur_le_web --> identite_numerique_creer_un_compte',
    );
    expect(stdout).toMatch(/identite_numerique_\w+\{\{"🏅 /);
  });

  it('draws Graphviz DOT in English on request', () => {
    const { code, stdout } = grange(
      'curricula',
      'graph',
      'bafa',
      '--format',
      'dot',
      '--lang',
      'en',
    );
    expect(code).toBe(0);
    expect(stdout.startsWith('digraph skills {')).toBe(true);
    expect(stdout.trim().endsWith('}')).toBe(true);
    expect(stdout).toMatch(/"bafa\/[a-z-]+" -> "bafa\/[a-z-]+";/);
  });

  it('says which curricula exist when the id is wrong', () => {
    const { code, stderr } = grange('curricula', 'graph', 'inconnu');
    expect(code).toBe(1);
    expect(stderr).toContain('No curriculum "inconnu"');
    expect(stderr).toContain('coding-kids');
  });
});

describe('grange usage', () => {
  it('exits 2 with the usage on an unknown command or option', () => {
    const unknown = grange('fly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    expect(unknown.stderr).toContain('grange curricula check');
    const badFormat = grange('curricula', 'graph', 'bafa', '--format', 'svg');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('use mermaid or dot');
  });
});

describe('grange curricula check on an empty folder', () => {
  it('fails instead of reporting an empty catalogue as valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grange-empty-'));
    try {
      const { code, stdout } = grange('curricula', 'check', '--dir', dir);
      expect(code).toBe(1);
      expect(stdout).toContain('no-curricula');
      expect(stdout).toContain('there is no curriculum file (*.yaml) in this folder');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
