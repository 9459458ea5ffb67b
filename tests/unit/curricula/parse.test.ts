import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCurriculum } from '../../../curricula/parse.ts';
import { insertAfter, lineOf, replaceOnce } from '../../support/curriculum-text.ts';

const FILE = 'tests/fixtures/curricula/atelier-test.yaml';
const valid = readFileSync(FILE, 'utf8');

function problemsOf(text: string, file = FILE) {
  return parseCurriculum(text, file).problems;
}

describe('parseCurriculum', () => {
  it('accepts a valid curriculum and keeps its content', () => {
    const parsed = parseCurriculum(valid, FILE);
    expect(parsed.problems).toEqual([]);
    expect(parsed.curriculum?.skills.map((s) => s.id)).toEqual(['allumer', 'naviguer', 'chercher']);
    expect(parsed.curriculum?.skills[0]?.prerequisites).toEqual([]);
    expect(parsed.curriculum?.badges[1]?.acceptsSelfAssessment).toBe(false);
  });

  it('reports an unknown field at its line and suggests the spelling', () => {
    const broken = insertAfter(valid, '  - id: chercher', '    titel: { fr: x, en: y }');
    const [problem, ...rest] = problemsOf(broken.text);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'unknown-field',
      file: FILE,
      line: broken.line,
      path: 'skills[2].titel',
    });
    expect(problem?.hint).toContain('"titel" → "title"');
  });

  it('reports missing French and English texts separately', () => {
    const noFr = replaceOnce(valid, 'title: { fr: Chercher, en: Search }', 'title: { en: Search }');
    const noEn = replaceOnce(
      noFr.text,
      'title: { fr: Allumer, en: Switch on }',
      "title: { fr: Allumer, en: '' }",
    );
    const problems = problemsOf(noEn.text);
    expect(problems).toHaveLength(2);
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'missing-text',
        line: noFr.line,
        path: 'skills[2].title.fr',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'missing-text',
        line: noEn.line,
        path: 'skills[0].title.en',
      }),
    );
  });

  it('reports duplicate ids at the later definition', () => {
    const broken = replaceOnce(valid, '  - id: chercher', '  - id: allumer');
    expect(problemsOf(broken.text)).toEqual([
      expect.objectContaining({ code: 'duplicate-id', line: broken.line, path: 'skills[2].id' }),
    ]);
  });

  it('reports bad alignment and resource URLs', () => {
    const http = replaceOnce(valid, 'url: https://www.lesbonsclics.fr/', 'url: lesbonsclics.fr');
    const esco = replaceOnce(
      http.text,
      'url: http://data.europa.eu/esco/skill/',
      'url: https://example.org/esco/skill/',
    );
    const problems = problemsOf(esco.text);
    expect(problems.map((p) => [p.code, p.line])).toEqual(
      expect.arrayContaining([
        ['bad-url', http.line],
        ['bad-url', esco.line],
      ]),
    );
    expect(problems.find((p) => p.line === esco.line)?.message).toContain('ESCO');
  });

  it('reports a YAML syntax error with its line', () => {
    const broken = replaceOnce(valid, '    order: 1', '    order: [1');
    const [problem] = problemsOf(broken.text);
    expect(problem?.code).toBe('yaml-syntax');
    expect(problem?.line).toBeGreaterThanOrEqual(broken.line);
  });

  it('reports a skill in a module that is not declared', () => {
    const broken = replaceOnce(valid, 'module: suite', 'module: fin');
    expect(problemsOf(broken.text)).toEqual([
      expect.objectContaining({ code: 'unknown-module', line: broken.line }),
    ]);
  });

  it('reports a file whose name does not match its id', () => {
    expect(problemsOf(valid, 'curricula/autre-nom.yaml')).toEqual([
      expect.objectContaining({ code: 'file-name-mismatch', line: 2 }),
    ]);
  });

  it('explains a criteria rule written in none of the allowed forms', () => {
    const broken = replaceOnce(valid, '        - skill: allumer', '        - skil: allumer');
    const [problem] = problemsOf(broken.text);
    expect(problem).toMatchObject({ line: broken.line, code: 'unknown-field' });
    expect(problem?.path).toContain('badges[0].criteria.allOf[0]');
  });

  it('reports levels that are not numbered in order', () => {
    const broken = replaceOnce(valid, '      - level: 2', '      - level: 3');
    expect(problemsOf(broken.text)).toEqual([
      expect.objectContaining({ code: 'invalid-value', line: broken.line }),
    ]);
  });

  it('reports every problem of a file in one run, sorted by line', () => {
    let text = insertAfter(valid, '  - id: allumer', '    couleur: rouge').text;
    text = replaceOnce(text, 'module: suite', 'module: fin').text;
    text = replaceOnce(text, 'title: { fr: Début, en: Start }', 'title: { fr: Début }').text;
    const problems = problemsOf(text);
    expect(new Set(problems.map((p) => p.code))).toEqual(
      new Set(['unknown-field', 'unknown-module', 'missing-text']),
    );
    expect(lineOf(text, 'couleur')).toBe(problems.find((p) => p.code === 'unknown-field')?.line);
  });
});
