/**
 * Generators for fuzzing the curriculum parser: the shipped files, mutations of them (on their
 * data or on their text), arbitrary YAML-ish text, and the check every answer must pass (each
 * problem names its file, a real line of that file, what is wrong and how to fix it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { CURRICULA_DIR, JOBS_FOLDER } from '../../../curricula/load.ts';
import type { Problem } from '../../../curricula/problems.ts';

/** One shipped file, by the name the parser is given (`bafa.yaml`, `jobs/job-profiles.yaml`). */
export interface ShippedFile {
  name: string;
  text: string;
  kind: 'curriculum' | 'jobs';
}

/** Every shipped curriculum and job-profiles file, in file-name order. */
export function shippedFiles(): ShippedFile[] {
  const yaml = (dir: string) =>
    readdirSync(dir)
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  const jobsDir = join(CURRICULA_DIR, JOBS_FOLDER);
  return [
    ...yaml(CURRICULA_DIR).map((name) => ({
      name,
      text: readFileSync(join(CURRICULA_DIR, name), 'utf8'),
      kind: 'curriculum' as const,
    })),
    ...yaml(jobsDir).map((name) => ({
      name: `${JOBS_FOLDER}/${name}`,
      text: readFileSync(join(jobsDir, name), 'utf8'),
      kind: 'jobs' as const,
    })),
  ];
}

type Path = (string | number)[];
type Container = Record<string | number, unknown>;

/** One change to the data of a file; indexes are taken modulo what the data has. */
export type DataOp =
  | { kind: 'drop'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'field'; list: EntryList; index: number; field: string; value: unknown }
  | { kind: 'prerequisite'; skill: number; target: string }
  | { kind: 'criteria'; badge: number; rule: unknown }
  | { kind: 'swap-ids'; a: number; b: number };

/** One change to the text of a file. */
export type TextOp =
  | { kind: 'delete-line'; at: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

type EntryList = 'modules' | 'skills' | 'badges' | 'profiles';

/** Keys an attacker would try: prototype tricks and near misses of real fields. */
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
];
const ENTRY_FIELDS = ['id', 'module', 'order', 'prerequisites', 'levels', 'criteria', 'skills'];
const REAL_KEYS = ['id', 'module', 'prerequisites', 'levels', 'criteria', 'skill', 'badge', 'fr'];

const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_KEYS, ...REAL_KEYS),
  fc.constantFrom(...REAL_KEYS).map((key) => `${key}s`),
  fc.string({ maxLength: 12 }),
);

/** `n` levels of `wrap` around `leaf`, built without recursion (depth may be in the thousands). */
function nest(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

/** Wrong types, huge and strange strings, numbers out of every range, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), fc.jsonValue({ maxDepth: 1 }), { minKeys: 1 }),
  fc.constantFrom('\u0000', '\u202e', '\ud800', 'é'.normalize('NFD'), '../../etc/passwd', '*x'),
  fc.integer({ min: 20_000, max: 200_000 }).map((n) => 'ž'.repeat(n)),
  fc.integer({ min: 20, max: 400 }).map((depth) => nest(depth, 'x', (inner) => [inner])),
  fc
    .integer({ min: 20, max: 400 })
    .map((depth) => nest(depth, { skill: 'x' }, (inner) => ({ allOf: [inner] }))),
);

/**
 * @param ids the global skill ids of every shipped curriculum (cross-file prerequisites).
 * @param badgeIds the global badge ids of every shipped curriculum.
 */
export function dataOpArb(ids: string[], badgeIds: string[]): fc.Arbitrary<DataOp> {
  const at = fc.nat();
  const localOrGlobal = (pool: string[]) =>
    fc.oneof(
      fc.constantFrom(...pool),
      fc.constantFrom(...pool).map((id) => id.slice(id.indexOf('/') + 1)),
    );
  return fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), at }),
    fc.record({ kind: fc.constant('duplicate' as const), at }),
    fc.record({ kind: fc.constant('rename' as const), at, key: keyArb }),
    fc.record({ kind: fc.constant('replace' as const), at, value: hostileValue }),
    // The fields the cross-check reads even in a broken file, where a strange value does most harm.
    fc.record({
      kind: fc.constant('field' as const),
      list: fc.constantFrom<EntryList>('modules', 'skills', 'badges', 'profiles'),
      index: at,
      field: fc.constantFrom(...ENTRY_FIELDS),
      value: hostileValue,
    }),
    fc.record({
      kind: fc.constant('prerequisite' as const),
      skill: at,
      target: localOrGlobal(ids),
    }),
    fc.record({
      kind: fc.constant('criteria' as const),
      badge: at,
      rule: fc.oneof(
        localOrGlobal(badgeIds).map((badge) => ({ badge })),
        localOrGlobal(ids).map((skill) => ({ skill, minLevel: 9 })),
        hostileValue,
      ),
    }),
    fc.record({ kind: fc.constant('swap-ids' as const), a: at, b: at }),
  );
}

export const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('indent' as const),
    at: fc.nat(),
    by: fc.integer({ min: -6, max: 6 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: yamlishText(6) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Every path to a value of `data` (containers and leaves), the root excluded. */
function pathsOf(data: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(data)) {
    data.forEach((item, i) => {
      out.push([...path, i]);
      pathsOf(item, [...path, i], out);
    });
  } else if (typeof data === 'object' && data !== null) {
    for (const [key, item] of Object.entries(data)) {
      out.push([...path, key]);
      pathsOf(item, [...path, key], out);
    }
  }
  return out;
}

function parentOf(data: unknown, path: Path): Container | undefined {
  let node = data;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Container)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Container) : undefined;
}

/** Sets an own property, even `__proto__` (a plain assignment would change the prototype). */
function define(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function entriesOf(data: unknown, key: EntryList): Container[] {
  const list = (data as Container | null)?.[key];
  return Array.isArray(list) ? list.filter((e): e is Container => typeof e === 'object' && e) : [];
}

/** Applies one change in place (the data is a private copy). */
export function applyDataOp(data: unknown, op: DataOp): void {
  if (op.kind === 'prerequisite') {
    const skills = entriesOf(data, 'skills');
    const skill = skills[op.skill % Math.max(skills.length, 1)];
    if (skill === undefined) return;
    const list = Array.isArray(skill.prerequisites) ? skill.prerequisites : [];
    define(skill, 'prerequisites', [...list, op.target]);
    return;
  }
  if (op.kind === 'criteria') {
    const badges = entriesOf(data, 'badges');
    const badge = badges[op.badge % Math.max(badges.length, 1)];
    if (badge === undefined) return;
    define(badge, 'criteria', { allOf: [badge.criteria, op.rule] });
    return;
  }
  if (op.kind === 'field') {
    const entries = entriesOf(data, op.list);
    const entry = entries[op.index % Math.max(entries.length, 1)];
    if (entry !== undefined) define(entry, op.field, op.value);
    return;
  }
  if (op.kind === 'swap-ids') {
    const skills = entriesOf(data, 'skills');
    const a = skills[op.a % Math.max(skills.length, 1)];
    const b = skills[op.b % Math.max(skills.length, 1)];
    if (a === undefined || b === undefined) return;
    [a.id, b.id] = [b.id, a.id];
    return;
  }
  const paths = pathsOf(data);
  const path = paths[op.at % Math.max(paths.length, 1)];
  if (path === undefined) return;
  const parent = parentOf(data, path);
  const key = path[path.length - 1] as string | number;
  if (parent === undefined) return;
  if (op.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (op.kind === 'duplicate') {
    // The same object twice: the YAML printer writes it once with an anchor, then an alias.
    if (Array.isArray(parent)) parent.splice(Number(key), 0, parent[key]);
    else define(parent, `${String(key)}-copie`, parent[key]);
  } else if (op.kind === 'rename') {
    if (Array.isArray(parent)) return;
    const value = parent[key];
    delete parent[key];
    define(parent, op.key, value);
  } else {
    define(parent, key, op.value);
  }
}

/** Applies one change to a text. */
export function applyTextOp(text: string, op: TextOp): string {
  const lines = text.split('\n');
  const i = op.at % lines.length;
  switch (op.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, lines[i] ?? '');
      break;
    case 'swap-lines':
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1] ?? '', lines[i] ?? ''];
      break;
    case 'indent': {
      const line = lines[i] ?? '';
      lines[i] =
        op.by >= 0 ? ' '.repeat(op.by) + line : line.replace(/^ +/, (s) => s.slice(-op.by));
      break;
    }
    case 'insert': {
      const at = op.at % (text.length + 1);
      return text.slice(0, at) + op.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, op.at % (text.length + 1));
  }
  return lines.join('\n');
}

/**
 * Prints data back to YAML. A structure too deep for the printer's recursion is written as
 * indented JSON, which is YAML too.
 */
export function printData(data: unknown): string {
  try {
    return stringify(data, { lineWidth: 0 });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(data, null, 1);
  }
}

/** Text made of YAML's own punctuation, anchors, aliases, tags and real field names. */
export function yamlishText(maxTokens: number): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.constantFrom(
      '\n',
      '\n  ',
      '\n    ',
      '- ',
      ': ',
      '? ',
      '{',
      '}',
      '[',
      ']',
      ', ',
      '&a ',
      '*a',
      '&b ',
      '*b',
      '<<: ',
      '!!str ',
      '!!binary ',
      '!!set ',
      '!!omap ',
      '!<tag:x> ',
      '%YAML 1.1\n---\n',
      '---\n',
      '...\n',
      '|\n',
      '>-\n',
      '#',
      '"',
      "'",
      '\t',
      '\r\n',
      '\ufeff',
      'id',
      'skills',
      'prerequisites',
      'criteria',
      'allOf',
      '~',
      '.nan',
      '0x1F',
      '2026-01-01',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  );
  return fc.array(token, { maxLength: maxTokens }).map((tokens) => tokens.join(''));
}

/** A curriculum-shaped value: known field names at every level, values of any type. */
export const curriculumShaped: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.dictionary(
      fc.constantFrom(
        ...REAL_KEYS,
        ...HOSTILE_KEYS,
        'modules',
        'skills',
        'badges',
        'title',
        'en',
        'order',
        'of',
        'atLeast',
        'minLevel',
      ),
      tie('node'),
      { maxKeys: 5 },
    ),
    fc.array(tie('node'), { maxLength: 4 }),
  ),
})).node;

/**
 * A small curriculum whose every field is either plausible or hostile: the lenient salvage of
 * broken files in the cross-check reads these fields whatever their type.
 */
export const curriculumSkeleton: fc.Arbitrary<unknown> = (() => {
  const slug = fc.constantFrom('a', 'b', 'c', 'nouveau-parcours', 'bafa');
  const maybe = <T>(plausible: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: plausible, weight: 2 }, { arbitrary: hostileValue, weight: 1 });
  const text = maybe(fc.constant({ fr: 'Texte', en: 'Text' }));
  const reference = fc.oneof(
    slug,
    slug.map((id) => `bafa/${id}`),
  );
  return fc.record(
    {
      id: maybe(slug),
      title: text,
      description: text,
      audience: text,
      modules: maybe(fc.array(fc.record({ id: maybe(slug), title: text }), { maxLength: 3 })),
      skills: maybe(
        fc.array(
          fc.record({
            id: maybe(slug),
            module: maybe(slug),
            order: maybe(fc.integer({ min: 1, max: 9 })),
            title: text,
            prerequisites: maybe(fc.array(maybe(reference), { maxLength: 3 })),
            levels: maybe(fc.array(text, { maxLength: 3 })),
          }),
          { maxLength: 4 },
        ),
      ),
      badges: maybe(
        fc.array(
          fc.record({
            id: maybe(slug),
            title: text,
            criteria: maybe(reference.map((skill) => ({ skill }))),
          }),
          { maxLength: 3 },
        ),
      ),
    },
    { requiredKeys: [] },
  );
})();

/** How many lines a text has, as a line counter numbers them (1-based, `\n`-separated). */
function lineCount(text: string): number {
  return text.split('\n').length;
}

/**
 * Every problem names a file it was given, a line that exists in it, what is wrong and how to
 * fix it.
 *
 * @param problems the problems returned.
 * @param texts the text of each file the parser was given, by name.
 */
export function expectLocatedProblems(
  problems: readonly Problem[],
  texts: ReadonlyMap<string, string>,
): void {
  for (const problem of problems) {
    const text = texts.get(problem.file);
    expect(text, `problem in an unknown file: ${JSON.stringify(problem)}`).toBeDefined();
    const where = JSON.stringify(problem).slice(0, 300);
    expect(Number.isInteger(problem.line) && problem.line >= 1, where).toBe(true);
    expect(problem.line, where).toBeLessThanOrEqual(lineCount(text ?? ''));
    expect(Number.isInteger(problem.column) && problem.column >= 1, where).toBe(true);
    expect(problem.message.trim(), where).not.toBe('');
    expect(problem.hint.trim(), where).not.toBe('');
  }
}
