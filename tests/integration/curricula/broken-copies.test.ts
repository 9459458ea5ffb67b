/**
 * Breaks a copy of the shipped curricula in each way an author can, and checks that the whole-
 * folder check names the file, the line and the problem: the promise `grange curricula check`
 * makes to curriculum authors.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRICULA_DIR } from '../../../curricula/load.ts';
import type { Problem } from '../../../curricula/problems.ts';
import { checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { insertAfter, lineOf, replaceOnce } from '../../support/curriculum-text.ts';

let dir: string;
const read = (name: string) => readFileSync(join(dir, `${name}.yaml`), 'utf8');
const write = (name: string, text: string) => writeFileSync(join(dir, `${name}.yaml`), text);
const file = (name: string) => `${name}.yaml`;

async function problems(): Promise<Problem[]> {
  const result = await checkCurriculaFolder(dir, dir);
  expect(result.ok).toBe(false);
  return result.problems;
}

/** The line of a skill's (or badge's) `- id: x` entry. */
const entryLine = (text: string, id: string) => lineOf(text, `- id: ${id}`);

/** Adds a prerequisite to a skill, whatever the list's style; returns the line it is on. */
function addPrerequisite(text: string, skillId: string, prerequisite: string) {
  const at = lineOf(text, 'prerequisites:', entryLine(text, skillId));
  const lines = text.split('\n');
  const line = lines[at - 1] ?? '';
  if (line.includes('[')) {
    lines[at - 1] = line.replace(
      /\[\s*/,
      (open) => `${open}${prerequisite}${line.includes('[]') ? '' : ', '}`,
    );
    return { text: lines.join('\n'), line: at };
  }
  const indent = (lines[at] ?? '').match(/^\s*/)?.[0] ?? '      ';
  lines.splice(at, 0, `${indent}- ${prerequisite}`);
  return { text: lines.join('\n'), line: at + 1 };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'grange-curricula-'));
  cpSync(CURRICULA_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checking a broken copy of the curricula', () => {
  it('starts from a copy with no problem', async () => {
    const result = await checkCurriculaFolder(dir, dir);
    expect(result.problems).toEqual([]);
  });

  it('names an unknown field', async () => {
    const text = read('identite-numerique');
    const broken = insertAfter(text, '- id: mot-de-passe-solide', '    couleur: rouge');
    write('identite-numerique', broken.text);
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'unknown-field',
        file: file('identite-numerique'),
        line: broken.line,
      }),
    ]);
  });

  it('names a duplicate id at its second definition', async () => {
    const text = read('seniors-numerique');
    const later = Math.max(
      entryLine(text, 'envoyer-un-mail'),
      entryLine(text, 'naviguer-sur-le-web'),
    );
    const laterId =
      later === entryLine(text, 'envoyer-un-mail') ? 'envoyer-un-mail' : 'naviguer-sur-le-web';
    const otherId = laterId === 'envoyer-un-mail' ? 'naviguer-sur-le-web' : 'envoyer-un-mail';
    const broken = replaceOnce(text, `- id: ${laterId}`, `- id: ${otherId}`);
    write('seniors-numerique', broken.text);
    const found = await problems();
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'duplicate-id',
        file: file('seniors-numerique'),
        line: broken.line,
      }),
    );
    // What needed the renamed skill is named too, in the same run.
    const consequences = found.filter((p) => p.code !== 'duplicate-id');
    expect(consequences.length).toBeGreaterThan(0);
    for (const problem of consequences) {
      expect(['unknown-prerequisite', 'unknown-criteria-reference']).toContain(problem.code);
      expect(problem.message).toContain(`seniors-numerique/${laterId}`);
    }
  });

  it('names a prerequisite that does not exist and suggests the right one', async () => {
    const text = read('identite-numerique');
    const broken = replaceOnce(
      text,
      'seniors-numerique/naviguer-sur-le-web',
      'seniors-numerique/naviguer-sur-internet',
      entryLine(text, 'creer-un-compte'),
    );
    write('identite-numerique', broken.text);
    const [problem, ...rest] = await problems();
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'unknown-prerequisite',
      file: file('identite-numerique'),
      line: broken.line,
    });
    expect(problem?.message).toContain('seniors-numerique/naviguer-sur-internet');
    expect(problem?.hint).toContain('naviguer-sur-le-web');
  });

  it('prints a cycle across two curricula, a → b → a, at one of its edges', async () => {
    const seniors = addPrerequisite(
      read('seniors-numerique'),
      'naviguer-sur-le-web',
      'identite-numerique/creer-un-compte',
    );
    write('seniors-numerique', seniors.text);
    const identity = read('identite-numerique');
    const identityLine = lineOf(
      identity,
      'seniors-numerique/naviguer-sur-le-web',
      entryLine(identity, 'creer-un-compte'),
    );
    const [problem, ...rest] = await problems();
    expect(rest).toEqual([]);
    expect(problem?.code).toBe('cycle');
    expect(problem?.message).toMatch(
      /seniors-numerique\/naviguer-sur-le-web → identite-numerique\/creer-un-compte → seniors-numerique\/naviguer-sur-le-web|identite-numerique\/creer-un-compte → seniors-numerique\/naviguer-sur-le-web → identite-numerique\/creer-un-compte/,
    );
    expect([
      `${file('seniors-numerique')}:${seniors.line}`,
      `${file('identite-numerique')}:${identityLine}`,
    ]).toContain(`${problem?.file}:${problem?.line}`);
  });

  it('names a badge criterion that points at an unknown skill or badge', async () => {
    const identity = read('identite-numerique');
    const skillRef = replaceOnce(
      identity,
      'skill: mot-de-passe-solide',
      'skill: mot-de-passe-fort',
      lineOf(identity, 'badges:'),
    );
    write('identite-numerique', skillRef.text);
    const kids = read('coding-kids');
    const badgeRef = replaceOnce(kids, 'badge: petit-robot', 'badge: grand-robot');
    write('coding-kids', badgeRef.text);
    const found = await problems();
    expect(found).toHaveLength(2);
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'unknown-criteria-reference',
        file: file('identite-numerique'),
        line: skillRef.line,
      }),
    );
    expect(found).toContainEqual(
      expect.objectContaining({
        code: 'unknown-criteria-reference',
        file: file('coding-kids'),
        line: badgeRef.line,
      }),
    );
  });

  it('names a job profile pointing at an unknown skill, at its line', async () => {
    const jobs = join(dir, 'jobs', 'job-profiles.yaml');
    const broken = replaceOnce(
      readFileSync(jobs, 'utf8'),
      'skill: identite-numerique/mot-de-passe-solide',
      'skill: identite-numerique/mot-de-passe-fort',
    );
    writeFileSync(jobs, broken.text);
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'unknown-job-reference',
        file: join('jobs', 'job-profiles.yaml'),
        line: broken.line,
      }),
    ]);
  });

  it('names a job profile with a badly written ROME code, at its line', async () => {
    const jobs = join(dir, 'jobs', 'job-profiles.yaml');
    const broken = replaceOnce(readFileSync(jobs, 'utf8'), 'code: M1805', 'code: m1805');
    writeFileSync(jobs, broken.text);
    const found = await problems();
    expect(found).toEqual([
      expect.objectContaining({ file: join('jobs', 'job-profiles.yaml'), line: broken.line }),
    ]);
    expect(found[0]?.message).toContain('a letter and four digits');
  });

  it('names missing French or English text', async () => {
    const text = read('bafa');
    const at = lineOf(text, 'title:', entryLine(text, 'ouvrir-son-dossier-bafa'));
    const lines = text.split('\n');
    const titleLine = lines[at - 1] ?? '';
    if (titleLine.includes('{')) {
      lines[at - 1] = titleLine.replace(/en:[^}]*/, '');
    } else {
      const enLine = lineOf(text, 'en:', at);
      lines.splice(enLine - 1, 1);
    }
    write('bafa', lines.join('\n').replace(/,\s*}/, ' }'));
    const found = await problems();
    expect(found).toEqual([
      expect.objectContaining({ code: 'missing-text', file: file('bafa'), line: at }),
    ]);
    expect(found[0]?.path).toMatch(/^skills\[0\]\.title\.en$/);
  });

  it('names a bad alignment URL', async () => {
    const text = read('identite-numerique');
    const broken = replaceOnce(
      text,
      'url: https://publications.jrc.ec.europa.eu/repository/handle/JRC128415',
      'url: publications.jrc.ec.europa.eu/JRC128415',
    );
    write('identite-numerique', broken.text);
    expect(await problems()).toEqual([
      expect.objectContaining({
        code: 'bad-url',
        file: file('identite-numerique'),
        line: broken.line,
      }),
    ]);
  });

  it('reports every problem of every file in one run', async () => {
    const identity = insertAfter(
      read('identite-numerique'),
      '- id: mot-de-passe-solide',
      '    couleur: rouge',
    );
    const withPrereq = replaceOnce(
      identity.text,
      'seniors-numerique/naviguer-sur-le-web',
      'seniors-numerique/naviguer-sur-internet',
      entryLine(identity.text, 'creer-un-compte'),
    );
    write('identite-numerique', withPrereq.text);
    const kids = replaceOnce(read('coding-kids'), 'badge: petit-robot', 'badge: grand-robot');
    write('coding-kids', kids.text);
    const found = await problems();
    expect(found.map((p) => `${p.file}:${p.line} ${p.code}`).sort()).toEqual(
      [
        `${file('coding-kids')}:${kids.line} unknown-criteria-reference`,
        `${file('identite-numerique')}:${identity.line} unknown-field`,
        `${file('identite-numerique')}:${withPrereq.line} unknown-prerequisite`,
      ].sort(),
    );
  });
});
