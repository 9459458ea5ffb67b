/**
 * Job-profile files: the parser's own problems (schema, ROME code format, duplicate ids) and
 * the references to skills and badges that only the whole catalog can check, each at its line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCurriculum, parseJobProfiles } from '../../../curricula/parse.ts';
import { checkCurricula } from '../../../server/app/check-curricula.ts';
import { replaceOnce } from '../../support/curriculum-text.ts';

const CURRICULUM_FILE = 'tests/fixtures/curricula/atelier-test.yaml';
const curriculum = parseCurriculum(readFileSync(CURRICULUM_FILE, 'utf8'), CURRICULUM_FILE);
const FILE = 'jobs/test-jobs.yaml';

const valid = `profiles:
  - id: guide-numerique
    title: { fr: Guide numérique, en: Digital guide }
    description: { fr: Aide à naviguer., en: Helps to browse. }
    rome:
      code: M1805
      title: Études et développement informatique
    skills:
      - skill: atelier-test/naviguer
        importance: required
      - skill: atelier-test/chercher
        importance: useful
    badges:
      - badge: atelier-test/premiers-pas
        importance: required
  - id: assistant-web
    title: { fr: Assistant web, en: Web assistant }
    description: { fr: Cherche en ligne., en: Searches online. }
    skills:
      - skill: atelier-test/chercher
        importance: required
`;

/** Parses the job file and checks it against the fixture curriculum, like the folder check. */
function check(text: string) {
  const jobs = parseJobProfiles(text, FILE);
  return { parsed: jobs, whole: checkCurricula([curriculum], [jobs]) };
}

describe('parseJobProfiles', () => {
  it('accepts valid profiles, and the catalog carries them', () => {
    const { parsed, whole } = check(valid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.profiles?.map((profile) => profile.id)).toEqual([
      'guide-numerique',
      'assistant-web',
    ]);
    expect(parsed.profiles?.[1]?.badges).toEqual([]);
    expect(whole.ok).toBe(true);
    expect(whole.catalog?.jobProfiles.map((profile) => profile.rome?.code)).toEqual([
      'M1805',
      undefined,
    ]);
  });

  it('reports a ROME code of the wrong format at its line, and says the format', () => {
    const broken = replaceOnce(valid, 'code: M1805', 'code: M185');
    const { parsed, whole } = check(broken.text);
    expect(parsed.profiles).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        file: FILE,
        line: broken.line,
        path: 'profiles[0].rome.code',
      }),
    ]);
    expect(parsed.problems[0]?.message).toContain('a letter and four digits');
    expect(whole.ok).toBe(false);
  });

  it('reports a duplicate id at the later profile', () => {
    const broken = replaceOnce(valid, '- id: assistant-web', '- id: guide-numerique');
    const { parsed } = check(broken.text);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        code: 'duplicate-id',
        file: FILE,
        line: broken.line,
        path: 'profiles[1].id',
      }),
    ]);
  });

  it('reports a profile that names neither skill nor badge', () => {
    const text = `profiles:
  - id: vide
    title: { fr: Vide, en: Empty }
    description: { fr: Rien., en: Nothing. }
`;
    expect(check(text).parsed.problems).toEqual([
      expect.objectContaining({ code: 'invalid-value', line: 2, path: 'profiles[0]' }),
    ]);
  });

  it('reports an unknown skill and an unknown badge at their lines, with the whole catalog', () => {
    const skill = replaceOnce(valid, 'skill: atelier-test/chercher', 'skill: atelier-test/trouver');
    const badge = replaceOnce(skill.text, 'badge: atelier-test/premiers-pas', 'badge: autre/badge');
    const { parsed, whole } = check(badge.text);
    // The file alone is well formed: only the catalog knows which skills exist.
    expect(parsed.problems).toEqual([]);
    expect(whole.ok).toBe(false);
    expect(whole.problems).toEqual([
      expect.objectContaining({
        code: 'unknown-job-reference',
        file: FILE,
        line: skill.line,
        path: 'profiles[0].skills[1].skill',
      }),
      expect.objectContaining({
        code: 'unknown-job-reference',
        file: FILE,
        line: badge.line,
        path: 'profiles[0].badges[0].badge',
      }),
    ]);
    expect(whole.problems[0]?.message).toContain('"atelier-test/trouver"');
  });

  it('reports the same job id defined in two files', () => {
    const other = parseJobProfiles(valid, 'jobs/other.yaml');
    const whole = checkCurricula([curriculum], [parseJobProfiles(valid, FILE), other]);
    expect(whole.problems.filter((problem) => problem.file === 'jobs/other.yaml')).toEqual([
      expect.objectContaining({ code: 'duplicate-id', line: 2 }),
      expect.objectContaining({ code: 'duplicate-id', line: 16 }),
    ]);
  });
});
