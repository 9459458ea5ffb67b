/**
 * Fuzzing the curriculum parser (`curricula/parse.ts`) and the whole-set check
 * (`server/app/check-curricula.ts`): arbitrary text, YAML-ish structures and mutations of the
 * shipped files never make them throw, and the answer is always either a catalog or problems
 * that each name the file, a line of it, what is wrong and how to fix it. Alias bombs stay
 * cheap in time and memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ParsedCurriculum,
  type ParsedJobProfiles,
  parseCurriculum,
  parseJobProfiles,
} from '../../curricula/parse.ts';
import { checkCurricula } from '../../server/app/check-curricula.ts';
import {
  applyDataOp,
  applyTextOp,
  curriculumShaped,
  curriculumSkeleton,
  dataOpArb,
  expectLocatedProblems,
  printData,
  type ShippedFile,
  shippedFiles,
  textOpArb,
  yamlishText,
} from './support/fuzz-curricula.ts';

/** Runs are multiplied by FUZZ_SCALE (default 1): FUZZ_SCALE=10 makes a longer soak. */
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);

const SHIPPED = shippedFiles();
const CURRICULA = SHIPPED.filter((file) => file.kind === 'curriculum');

/** Global ids of every shipped skill and badge, for cross-file prerequisites and criteria. */
const ids = (key: 'skills' | 'badges') =>
  CURRICULA.flatMap((file) => {
    const data = parse(file.text) as Record<string, { id: string }[]> & { id: string };
    return (data[key] ?? []).map((entry) => `${data.id}/${entry.id}`);
  });
const SKILL_IDS = ids('skills');
/** The plain data of each shipped file, copied by each run that mutates it. */
const SHIPPED_DATA = new Map<ShippedFile, unknown>(SHIPPED.map((file) => [file, parse(file.text)]));
/** The shipped files parsed once: parsing is pure, and most runs change one file only. */
const SHIPPED_PARSED = new Map<ShippedFile, ParsedCurriculum | ParsedJobProfiles>(
  SHIPPED.map((file) => [
    file,
    file.kind === 'curriculum'
      ? parseCurriculum(file.text, file.name)
      : parseJobProfiles(file.text, file.name),
  ]),
);
const BADGE_IDS = ids('badges');

/**
 * Parses the shipped files with some replaced, cross-checks them, and asserts the contract.
 *
 * @param replaced files whose text replaces (or adds to) the shipped ones, by name.
 */
function expectContractHolds(replaced: ShippedFile[]): void {
  const byName = new Map(SHIPPED.map((file) => [file.name, file]));
  for (const file of replaced) byName.set(file.name, file);
  const files = [...byName.values()];
  const texts = new Map(files.map((file) => [file.name, file.text]));

  const curricula: ParsedCurriculum[] = [];
  const jobs: ParsedJobProfiles[] = [];
  for (const file of files) {
    const shipped = SHIPPED_PARSED.get(file);
    if (shipped !== undefined) {
      if ('curriculum' in shipped) curricula.push(shipped);
      else jobs.push(shipped);
    } else if (file.kind === 'curriculum') {
      const parsed = parseCurriculum(file.text, file.name);
      expect(parsed.curriculum === undefined).toBe(parsed.problems.length > 0);
      expectLocatedProblems(parsed.problems, texts);
      curricula.push(parsed);
    } else {
      const parsed = parseJobProfiles(file.text, file.name);
      expect(parsed.profiles === undefined).toBe(parsed.problems.length > 0);
      expectLocatedProblems(parsed.problems, texts);
      jobs.push(parsed);
    }
  }

  const check = checkCurricula(curricula, jobs);
  if (check.ok) {
    expect(check.problems).toEqual([]);
    expect(check.catalog.curricula).toHaveLength(curricula.length);
  } else {
    expect(check.problems.length).toBeGreaterThan(0);
    expectLocatedProblems(check.problems, texts);
  }
}

/** A file name the text is given under: a shipped one (so it replaces it) or a new one. */
const fileSlot = fc.oneof(
  fc.constantFrom(...SHIPPED.map((file) => ({ name: file.name, kind: file.kind }))),
  fc.constant({ name: 'nouveau-parcours.yaml', kind: 'curriculum' as const }),
);

describe('the curriculum parser under fuzzing', () => {
  it('starts from shipped files that pass', () => {
    expectContractHolds([]);
    const check = checkCurricula(
      CURRICULA.map((file) => parseCurriculum(file.text, file.name)),
      [],
    );
    expect(check.ok).toBe(true);
  });

  it('never throws on arbitrary text or YAML-ish structures, and locates every problem', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 2_000 }),
      yamlishText(80),
      fc.jsonValue({ maxDepth: 4 }).map(printData),
      curriculumShaped.map(printData),
      curriculumSkeleton.map(printData),
    );
    fc.assert(
      fc.property(fileSlot, text, (slot, body) => {
        expectContractHolds([{ ...slot, text: body }]);
      }),
      { numRuns: 200 * FUZZ_SCALE },
    );
  }, 180_000);

  it('never throws on mutations of the shipped files, and locates every problem', () => {
    const mutation = fc.record({
      file: fc.constantFrom(...SHIPPED),
      dataOps: fc.array(dataOpArb(SKILL_IDS, BADGE_IDS), { maxLength: 3 }),
      textOps: fc.array(textOpArb, { maxLength: 2 }),
    });
    fc.assert(
      fc.property(mutation, ({ file, dataOps, textOps }) => {
        let text = file.text;
        if (dataOps.length > 0) {
          const data = structuredClone(SHIPPED_DATA.get(file));
          for (const op of dataOps) applyDataOp(data, op);
          text = printData(data);
        }
        for (const op of textOps) text = applyTextOp(text, op);
        expectContractHolds([{ ...file, text }]);
      }),
      { numRuns: 100 * FUZZ_SCALE },
    );
  }, 180_000);

  it('stays calm on the counterexamples the fuzz found', () => {
    // A member named toString made String() throw in the cross-check's salvage of broken files.
    const found = [
      'skills:\n  - id: a\n    module:\n      toString: false\n',
      'modules:\n  - id: { toString: 1, valueOf: 2 }\nskills:\n  - id: a\n    module: x\n',
      'id: *anchor-missing\n',
    ];
    for (const text of found) {
      expectContractHolds([{ name: 'bafa.yaml', kind: 'curriculum', text }]);
    }
  });

  it('answers alias bombs and deep nesting quickly, in bounded memory, with a located problem', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const [previous, current] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      laughs.push(`${current}: &${current} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const wide = `big: &big "${'x'.repeat(100_000)}"\n${Array.from(
      { length: 200 },
      (_, i) => `k${i}: [${Array(50).fill('*big').join(',')}]`,
    ).join('\n')}`;
    // Each bomb, and what the author must read about it (when it is about the bomb itself).
    const bombs: [string, string, RegExp | undefined][] = [
      ['billion laughs', laughs.join('\n'), /aliases \(\*name\) expand into too much data/],
      ['quadratic blow-up', wide, /aliases \(\*name\) expand into too much data/],
      ['alias before its anchor', 'id: *nulle-part\n', /\*nulle-part is used before its anchor/],
      ['self-referencing anchor', 'skills: &s [*s]\n', undefined],
      ['deep flow nesting', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, /nested too deeply/],
      // Whether this depth overflows the YAML library's stack depends on the stack left.
      [
        'deep block nesting',
        Array.from({ length: 1_500 }, (_, i) => `${' '.repeat(i)}- `).join('\n'),
        undefined,
      ],
    ];
    for (const [name, text, message] of bombs) {
      const before = process.memoryUsage().heapUsed;
      const started = performance.now();
      const parsed = parseCurriculum(text, 'bombe.yaml');
      const check = checkCurricula([parsed]);
      const elapsed = performance.now() - started;
      expect(elapsed, name).toBeLessThan(5_000);
      expect(process.memoryUsage().heapUsed - before, name).toBeLessThan(256 * 1024 * 1024);
      expect(check.ok, name).toBe(false);
      expectLocatedProblems(check.problems, new Map([['bombe.yaml', text]]));
      if (message) expect(check.problems.map((p) => p.message).join('\n'), name).toMatch(message);
    }
  });
});
