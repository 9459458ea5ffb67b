/**
 * Property tests: the graph, cycle, fold and smallest-set functions against brute-force
 * references written as plainly as possible here, on random inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CriteriaRule } from '../../../server/domain/criteria/criteria-rule.ts';
import {
  PROGRESS_EVENT_TYPES,
  type ProgressEvent,
} from '../../../server/domain/progress/events.ts';
import { smallestSkillSet } from '../../../server/domain/progress/next-steps.ts';
import {
  foldSkillStates,
  isSatisfied,
  type SkillState,
} from '../../../server/domain/progress/skill-states.ts';
import {
  findCycles,
  requireSkillGraph,
  type SkillNodeInput,
} from '../../../server/domain/skills/skill-graph.ts';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

// ─── Random DAGs ────────────────────────────────────────────────────────────────────────────

interface Dag {
  nodes: SkillNodeInput[];
  /** prerequisites by node index; node k only requires nodes of smaller index. */
  prerequisites: number[][];
  ids: string[];
}

/** Nodes 0..n-1, edges from the larger to the smaller index, shuffled input order. */
const dagArbitrary = (maxNodes: number) =>
  fc.integer({ min: 1, max: maxNodes }).chain((n) =>
    fc
      .record({
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
        inputOrder: fc.shuffledSubarray(range(n), { minLength: n, maxLength: n }),
        keys: fc.array(
          fc.record({
            curriculumId: fc.constantFrom('a', 'b', 'c'),
            moduleOrder: fc.integer({ min: 1, max: 3 }),
            order: fc.integer({ min: 1, max: 4 }),
          }),
          { minLength: n, maxLength: n },
        ),
        levelCounts: fc.array(fc.constantFrom(0, 3), { minLength: n, maxLength: n }),
      })
      .map(({ edges, inputOrder, keys, levelCounts }): Dag => {
        const prerequisites: number[][] = range(n).map(() => []);
        for (const [x, y] of edges) {
          if (x !== y) prerequisites[Math.max(x, y)]?.push(Math.min(x, y));
        }
        const ids = range(n).map((k) => `${keys[k]?.curriculumId}/n${k}`);
        const nodes = inputOrder.map((k) => ({
          id: ids[k] as string,
          prerequisites: (prerequisites[k] as number[]).map((p) => ids[p] as string),
          levelCount: levelCounts[k] as number,
          curriculumId: keys[k]?.curriculumId as string,
          module: 'm',
          order: keys[k]?.order as number,
          moduleOrder: keys[k]?.moduleOrder as number,
        }));
        return { nodes, prerequisites, ids };
      }),
  );

/** Everything reachable from `start` along `edges`, by plain depth-first search. */
function reachable(start: number, edges: readonly (readonly number[])[]): Set<number> {
  const seen = new Set<number>();
  const visit = (v: number): void => {
    for (const w of edges[v] ?? []) {
      if (seen.has(w)) continue;
      seen.add(w);
      visit(w);
    }
  };
  visit(start);
  return seen;
}

describe('skill graph on random DAGs', () => {
  it('orders every node once, prerequisites first, with the documented tie-break', () => {
    fc.assert(
      fc.property(dagArbitrary(60), ({ nodes }) => {
        const order = requireSkillGraph(nodes).topologicalOrder();
        expect(new Set(order).size).toBe(nodes.length);
        expect([...order].sort()).toEqual(nodes.map((node) => node.id).sort());
        const position = new Map(order.map((id, i) => [id, i]));
        for (const node of nodes) {
          for (const p of node.prerequisites)
            expect(position.get(p)).toBeLessThan(position.get(node.id) ?? -1);
        }
        // Reference Kahn: quadratic, picks the smallest ready node by the tie-break key each time.
        const key = (node: SkillNodeInput) =>
          [node.curriculumId, node.moduleOrder, node.order, node.id] as const;
        const smaller = (x: SkillNodeInput, y: SkillNodeInput): boolean => {
          const [a, b] = [key(x), key(y)];
          for (let i = 0; i < a.length; i += 1)
            if (a[i] !== b[i]) return (a[i] as string) < (b[i] as string);
          return false;
        };
        const placed = new Set<string>();
        const expected: string[] = [];
        while (expected.length < nodes.length) {
          const ready = nodes.filter(
            (n) => !placed.has(n.id) && n.prerequisites.every((p) => placed.has(p)),
          );
          const next = ready.reduce((best, n) => (smaller(n, best) ? n : best));
          placed.add(next.id);
          expected.push(next.id);
        }
        expect(order).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('computes ancestors and descendants equal to a DFS, in topological order', () => {
    fc.assert(
      fc.property(dagArbitrary(60), ({ nodes, prerequisites, ids }) => {
        const graph = requireSkillGraph(nodes);
        const dependents: number[][] = ids.map(() => []);
        prerequisites.forEach((list, v) => {
          for (const p of list) dependents[p]?.push(v);
        });
        const position = new Map(graph.topologicalOrder().map((id, i) => [id, i]));
        const inOrder = (list: readonly string[]) =>
          list.every(
            (id, i) =>
              i === 0 || (position.get(list[i - 1] as string) ?? 0) < (position.get(id) ?? 0),
          );
        ids.forEach((id, v) => {
          const ancestors = graph.ancestors(id);
          const descendants = graph.descendants(id);
          expect(new Set(ancestors)).toEqual(
            new Set([...reachable(v, prerequisites)].map((i) => ids[i])),
          );
          expect(new Set(descendants)).toEqual(
            new Set([...reachable(v, dependents)].map((i) => ids[i])),
          );
          expect(ancestors).toHaveLength(new Set(ancestors).size);
          expect(inOrder(ancestors) && inOrder(descendants)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});

// ─── Random directed graphs, cycles allowed ─────────────────────────────────────────────────

describe('findCycles on random directed graphs', () => {
  const graphArbitrary = fc
    .integer({ min: 1, max: 14 })
    .chain((n) =>
      fc
        .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n })
        .map((edges) => ({ n, edges })),
    );

  it('reports a real cycle for every strongly connected component and self-loop, and none otherwise', () => {
    fc.assert(
      fc.property(graphArbitrary, ({ n, edges }) => {
        const id = (i: number) => `v${i}`;
        const nodes = range(n).map((i) => ({
          id: id(i),
          prerequisites: edges.filter(([from]) => from === i).map(([, to]) => id(to)),
        }));
        // Floyd–Warshall reachability along one or more edges.
        const reach = range(n).map((i) =>
          range(n).map((j) => edges.some(([a, b]) => a === i && b === j)),
        );
        for (const k of range(n))
          for (const i of range(n))
            for (const j of range(n))
              if (reach[i]?.[k] && reach[k]?.[j]) (reach[i] as boolean[])[j] = true;
        const onCycle = range(n).filter((i) => reach[i]?.[i]);

        const cycles = findCycles(nodes);
        expect(cycles.length === 0).toBe(onCycle.length === 0);
        const hasEdge = (a: string, b: string) =>
          edges.some(([x, y]) => id(x) === a && id(y) === b);
        for (const cycle of cycles) {
          expect(cycle.length).toBeGreaterThanOrEqual(2);
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i += 1) {
            expect(hasEdge(cycle[i] as string, cycle[i + 1] as string)).toBe(true);
          }
        }
        const index = (name: string) => Number(name.slice(1));
        for (const v of onCycle) {
          const sameComponent = (u: number) => u === v || (reach[v]?.[u] && reach[u]?.[v]);
          const covered = cycles.some((cycle) => cycle.some((name) => sameComponent(index(name))));
          expect(covered).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ─── smallestSkillSet against every subset ──────────────────────────────────────────────────

type Standing = { kind: 'none' } | { kind: 'trainer' | 'self'; level: number | undefined };

const ruleArbitrary = (n: number) =>
  fc.letrec<{ rule: CriteriaRule; leaf: CriteriaRule; allOf: CriteriaRule; atLeast: CriteriaRule }>(
    (tie) => ({
      rule: fc.oneof({ maxDepth: 3 }, tie('leaf'), tie('allOf'), tie('atLeast')),
      leaf: fc
        .record({
          skill: fc.nat(n - 1),
          minLevel: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        })
        .map(({ skill, minLevel }) =>
          minLevel === undefined ? { skill: `c/n${skill}` } : { skill: `c/n${skill}`, minLevel },
        ),
      allOf: fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((allOf) => ({ allOf })),
      atLeast: fc
        .array(tie('rule'), { minLength: 1, maxLength: 4 })
        .chain((of) =>
          fc.integer({ min: 1, max: of.length + 1 }).map((atLeast) => ({ atLeast, of })),
        ),
    }),
  ).rule;

interface Scenario {
  n: number;
  edges: [number, number][];
  levelCounts: number[];
  standings: Standing[];
  rule: CriteriaRule;
  acceptSelf: boolean;
}

const standingArbitrary = fc.oneof(
  fc.constant<Standing>({ kind: 'none' }),
  fc.record({
    kind: fc.constantFrom('trainer' as const, 'self' as const),
    level: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
);

/**
 * Runs smallestSkillSet on a scenario and checks it against every subset of skills: the answer
 * must be valid (prerequisites in place, rule met), never smaller than the true minimum, and
 * equal to it when it claims to be exact.
 */
function checkAgainstEverySubset(scenario: Scenario): 'exact' | 'greedy' | 'unreachable' {
  const { n, edges, levelCounts, standings, rule, acceptSelf } = scenario;
  const prerequisites: number[][] = range(n).map(() => []);
  for (const [x, y] of edges) {
    const [to, from] = [Math.min(x, y), Math.max(x, y)];
    if (x !== y && !prerequisites[from]?.includes(to)) prerequisites[from]?.push(to);
  }
  const id = (k: number) => `c/n${k}`;
  const levelCount = (k: number) => levelCounts[k] as number;
  const nodes = range(n).map((k) => ({
    id: id(k),
    prerequisites: (prerequisites[k] as number[]).map(id),
    levelCount: levelCount(k),
    curriculumId: 'c',
    module: 'm',
    order: k,
    moduleOrder: 1,
  }));
  const graph = requireSkillGraph(nodes);
  const events: ProgressEvent[] = [];
  standings.forEach((standing, k) => {
    if (standing.kind === 'none') return;
    const base = {
      id: `e${k}`,
      learnerId: 'l',
      skillId: id(k),
      at: '2025-01-01T00:00:00Z',
      by: 'x',
    };
    const level = levelCount(k) > 0 ? standing.level : undefined;
    const extra = level === undefined ? {} : { level };
    events.push(
      standing.kind === 'trainer'
        ? { ...base, type: 'skill-validated', ...extra }
        : { ...base, type: 'skill-self-assessed', ...extra },
    );
  });
  const states = foldSkillStates(graph, events, { now: '2025-02-01T00:00:00Z' });

  // The reference, written from the rules rather than from the implementation.
  const leafMet = (k: number, minLevel: number | undefined): boolean => {
    const standing = standings[k] as Standing;
    if (standing.kind === 'none' || (standing.kind === 'self' && !acceptSelf)) return false;
    if (minLevel === undefined) return true;
    const level = levelCount(k) > 0 ? standing.level : undefined;
    return level === undefined ? levelCount(k) === 0 : level >= minLevel;
  };
  const holds = (r: CriteriaRule, chosen: Set<number>): boolean => {
    if ('skill' in r) {
      const k = Number(r.skill.slice(3));
      return chosen.has(k) || leafMet(k, r.minLevel);
    }
    if ('badge' in r) return false;
    if ('allOf' in r) return r.allOf.every((c) => holds(c, chosen));
    return r.of.filter((c) => holds(c, chosen)).length >= r.atLeast;
  };
  const closed = (chosen: Set<number>): boolean =>
    [...chosen].every((k) =>
      (prerequisites[k] as number[]).every((p) => chosen.has(p) || standings[p]?.kind !== 'none'),
    );
  let best = Number.POSITIVE_INFINITY;
  for (let mask = 0; mask < 1 << n; mask += 1) {
    const chosen = new Set(range(n).filter((k) => mask & (1 << k)));
    if (chosen.size < best && closed(chosen) && holds(rule, chosen)) best = chosen.size;
  }

  const run = () => smallestSkillSet({ rule }, graph, states, new Map(), { acceptSelf });
  if (best === Number.POSITIVE_INFINITY) {
    expect(run).toThrow(expect.objectContaining({ code: 'unreachable-target' }));
    return 'unreachable';
  }
  const result = run();
  const chosen = new Set(result.skills.map((skillId) => Number(skillId.slice(3))));
  expect(chosen.size).toBe(result.skills.length);
  expect(closed(chosen) && holds(rule, chosen)).toBe(true);
  const order = graph.topologicalOrder();
  expect(result.skills).toEqual(order.filter((skillId) => result.skills.includes(skillId)));
  if (!result.exact) {
    expect(result.skills.length).toBeGreaterThanOrEqual(best);
    return 'greedy';
  }
  expect(result.skills.length).toBe(best);
  return 'exact';
}

describe('smallestSkillSet against brute force', () => {
  const scenario = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
      levelCounts: fc.array(fc.constantFrom(0, 3), { minLength: n, maxLength: n }),
      standings: fc.array(standingArbitrary, { minLength: n, maxLength: n }),
      rule: ruleArbitrary(n),
      acceptSelf: fc.boolean(),
    }),
  );

  it('equals the smallest valid subset of skills, for random "all of" and "at least" rules', () => {
    const outcomes: string[] = [];
    fc.assert(
      fc.property(scenario, (s) => {
        outcomes.push(checkAgainstEverySubset(s));
      }),
      { numRuns: 300 },
    );
    // These rules are small: the exact regime must be the rule, or the property proves little.
    const exact = outcomes.filter((outcome) => outcome === 'exact').length;
    const greedy = outcomes.filter((outcome) => outcome === 'greedy').length;
    expect(exact).toBeGreaterThan(100);
    expect(greedy).toBeLessThan(exact / 10);
  });

  it('stays valid, and never below the minimum, on rules too wide to search exhaustively', () => {
    const wide = fc.integer({ min: 10, max: 12 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n }),
        levelCounts: fc.constant(range(n).map(() => 0)),
        standings: fc.constant(range(n).map((): Standing => ({ kind: 'none' }))),
        rule: fc.array(fc.integer({ min: 3, max: 5 }), { minLength: 2, maxLength: 3 }).map(
          (counts): CriteriaRule => ({
            allOf: counts.map((atLeast, part) => ({
              atLeast,
              of: range(n).map((k) => ({ skill: `c/n${(k + part * 3) % n}` })),
            })),
          }),
        ),
        acceptSelf: fc.constant(false),
      }),
    );
    const outcomes: string[] = [];
    fc.assert(
      fc.property(wide, (s) => {
        outcomes.push(checkAgainstEverySubset(s));
      }),
      { numRuns: 40 },
    );
    expect(outcomes).toContain('greedy');
  });
});

// ─── foldSkillStates on random ledgers ──────────────────────────────────────────────────────

describe('foldSkillStates on random ledgers', () => {
  const graph = requireSkillGraph(
    ['c/a', 'c/b', 'c/c'].map((id, i) => ({
      id,
      prerequisites: i === 0 ? [] : ['c/a'],
      levelCount: 3,
      curriculumId: 'c',
      module: 'm',
      order: i,
      moduleOrder: 1,
    })),
  );
  const skills = ['c/a', 'c/b', 'c/c'];
  const DAY = 86_400_000;
  const START = Date.parse('2025-01-01T00:00:00Z');
  const options = {
    now: new Date(START + 130 * DAY).toISOString(),
    validityMonths: (skillId: string) => (skillId === 'c/c' ? 1 : undefined),
  };
  const level = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });
  const step = fc.record({
    type: fc.constantFrom(...PROGRESS_EVENT_TYPES),
    skill: fc.nat(2),
    level,
    outcome: fc.constantFrom('recu' as const, 'ajourne' as const, 'refuse' as const),
  });
  type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

  const toEvent = (s: Step, id: string, at: string): ProgressEvent => {
    const base = { id, learnerId: 'l', skillId: skills[s.skill] as string, at, by: 'someone' };
    const withLevel = s.level === undefined ? {} : { level: s.level };
    switch (s.type) {
      case 'skill-started':
        return { ...base, type: s.type };
      case 'evidence-submitted':
        return { ...base, type: s.type, evidenceId: id };
      case 'skill-self-assessed':
      case 'skill-validated':
        return { ...base, type: s.type, ...withLevel };
      case 'skill-rejected':
        return { ...base, type: s.type, comment: 'non' };
      case 'validation-withdrawn':
        return { ...base, type: s.type, reason: 'erreur' };
      case 'jury-decided':
        return { ...base, type: s.type, outcome: s.outcome };
    }
  };
  const ledger = fc
    .array(step, { maxLength: 25 })
    .map((steps) =>
      steps.map((s, i) => toEvent(s, `e${i}`, new Date(START + i * 5 * DAY).toISOString())),
    );

  it('is deterministic and leaves the ledger untouched', () => {
    fc.assert(
      fc.property(ledger, (events) => {
        const frozen = Object.freeze(events.map((event) => Object.freeze({ ...event })));
        const first = foldSkillStates(graph, frozen, options);
        expect(foldSkillStates(graph, structuredClone(events), options)).toEqual(first);
        expect([...first.keys()]).toEqual([...graph.topologicalOrder()]);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a self-assessment replace or downgrade a trainer or jury validation', () => {
    const insertions = fc.array(fc.record({ position: fc.nat(), skill: fc.nat(2), level }), {
      maxLength: 6,
    });
    fc.assert(
      fc.property(ledger, insertions, (events, extra) => {
        const augmented: ProgressEvent[] = [...events];
        extra.forEach((insertion, i) => {
          const position = insertion.position % (augmented.length + 1);
          const previous = augmented[position - 1];
          const at = previous === undefined ? new Date(START - DAY).toISOString() : previous.at;
          augmented.splice(
            position,
            0,
            toEvent({ type: 'skill-self-assessed', outcome: 'recu', ...insertion }, `self${i}`, at),
          );
        });
        const before = foldSkillStates(graph, events, options);
        const after = foldSkillStates(graph, augmented, options);
        for (const skillId of skills) {
          const was = before.get(skillId) as SkillState;
          const is = after.get(skillId) as SkillState;
          if (was.status === 'validated' && was.validation?.source !== 'self') {
            expect(is.status).toBe('validated');
            expect(is.validation).toEqual(was.validation);
          }
          for (const minLevel of [undefined, 1, 2, 3]) {
            if (isSatisfied(was, { acceptSelf: false, minLevel })) {
              expect(isSatisfied(is, { acceptSelf: false, minLevel })).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
