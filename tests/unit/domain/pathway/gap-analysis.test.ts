/**
 * The gap per target job: worked examples, then properties on random skill graphs, learner
 * states and job requirements that hold whatever the search found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  BadgeDefinition,
  CriteriaRule,
} from '../../../../server/domain/criteria/criteria-rule.ts';
import {
  analyseGap,
  type Importance,
  type JobRequirements,
} from '../../../../server/domain/pathway/gap-analysis.ts';
import type { ProgressEvent } from '../../../../server/domain/progress/events.ts';
import {
  foldSkillStates,
  isSatisfied,
  type SkillState,
} from '../../../../server/domain/progress/skill-states.ts';
import type { SkillGraph } from '../../../../server/domain/skills/skill-graph.ts';
import { buildBadge, buildEvent, buildGraph } from '../builders.ts';

const AT = '2025-01-01T00:00:00Z';
const NOW = '2025-06-01T00:00:00Z';

function statesOf(graph: SkillGraph, events: readonly ProgressEvent[]) {
  return foldSkillStates(graph, events, { now: NOW });
}
const badgeMap = (...badges: BadgeDefinition[]) => new Map(badges.map((b) => [b.id, b]));

describe('analyseGap, worked examples', () => {
  const graph = buildGraph({
    'c/a': [],
    'c/b': ['c/a'],
    'c/c': ['c/b'],
    'c/d': [],
    'c/e': ['c/d'],
  });
  const badges = badgeMap(buildBadge('c/badge', { allOf: [{ skill: 'c/c' }, { skill: 'c/e' }] }));
  const job: JobRequirements = {
    jobId: 'job',
    skills: [
      { skillId: 'c/b', importance: 'required' },
      { skillId: 'c/d', importance: 'useful' },
    ],
    badges: [{ badgeId: 'c/badge', importance: 'required' }],
  };

  it('lists what is covered and the fewest skills to learn, prerequisites first', () => {
    const states = statesOf(graph, [buildEvent('skill-validated', 'c/a', AT, {})]);
    const gap = analyseGap(job, graph, states, badges, new Set());
    expect(gap.skills).toEqual([
      { skillId: 'c/b', importance: 'required', covered: false },
      { skillId: 'c/d', importance: 'useful', covered: false },
    ]);
    expect(gap.badges).toEqual([
      { badgeId: 'c/badge', importance: 'required', covered: false, missingSkills: ['c/c', 'c/e'] },
    ]);
    expect(gap).toMatchObject({ requiredCovered: 0, requiredTotal: 2, usefulTotal: 1 });
    expect(gap.skillsToLearn).toEqual(['c/b', 'c/c', 'c/d', 'c/e']);
    expect(gap).toMatchObject({ exact: true, reachable: true });
  });

  it('does not count a self-assessment as covering a skill', () => {
    const states = statesOf(graph, [
      buildEvent('skill-validated', 'c/a', AT, {}),
      buildEvent('skill-self-assessed', 'c/b', AT, {}),
    ]);
    const gap = analyseGap(job, graph, states, badges, new Set());
    expect(gap.skills[0]?.covered).toBe(false);
    expect(gap.skillsToLearn).toContain('c/b');
  });

  it('counts a held badge as covered, and needs nothing when all required items are', () => {
    const states = statesOf(graph, [
      buildEvent('skill-validated', 'c/a', AT, {}),
      buildEvent('skill-validated', 'c/b', AT, {}),
    ]);
    const gap = analyseGap(job, graph, states, badges, new Set(['c/badge']));
    expect(gap.badges[0]).toMatchObject({ covered: true, missingSkills: [] });
    expect(gap).toMatchObject({ requiredCovered: 2, requiredTotal: 2, usefulCovered: 0 });
    // The useful skill c/d is missing, but only required items call for skills to learn.
    expect(gap.skillsToLearn).toEqual([]);
  });

  it('says the gap cannot be closed when the job names a skill the graph lacks', () => {
    const unknown: JobRequirements = {
      jobId: 'job',
      skills: [{ skillId: 'gone/skill', importance: 'required' }],
      badges: [],
    };
    const gap = analyseGap(unknown, graph, statesOf(graph, []), badges, new Set());
    expect(gap.skills).toEqual([{ skillId: 'gone/skill', importance: 'required', covered: false }]);
    expect(gap).toMatchObject({ reachable: false, skillsToLearn: [] });
  });
});

// ─── Properties on random graphs ────────────────────────────────────────────────────────────

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const id = (k: number) => `c/n${k}`;

type Standing = 'none' | 'trainer' | 'self';

interface Scenario {
  n: number;
  /** prerequisites by index; node k only requires nodes of smaller index, so no cycle. */
  edges: [number, number][];
  standings: Standing[];
  jobSkills: { k: number; importance: Importance }[];
  /** Each badge: "all of" or "at least one of" some skills. */
  badges: { kind: 'allOf' | 'atLeast'; skills: number[]; importance: Importance; held: boolean }[];
}

const importance = fc.constantFrom<Importance>('required', 'useful');

const scenarioArbitrary = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record<Scenario>({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
    standings: fc.array(fc.constantFrom<Standing>('none', 'none', 'trainer', 'self'), {
      minLength: n,
      maxLength: n,
    }),
    jobSkills: fc.uniqueArray(fc.record({ k: fc.nat(n - 1), importance }), {
      selector: (skill) => skill.k,
      maxLength: Math.min(n, 5),
    }),
    badges: fc.array(
      fc.record({
        kind: fc.constantFrom('allOf' as const, 'atLeast' as const),
        skills: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
        importance,
        held: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  }),
);

interface Built {
  graph: SkillGraph;
  events: ProgressEvent[];
  states: ReadonlyMap<string, SkillState>;
  job: JobRequirements;
  badges: Map<string, BadgeDefinition>;
  held: Set<string>;
}

function build(s: Scenario): Built {
  const prerequisites: Record<string, string[]> = Object.fromEntries(
    range(s.n).map((k) => [id(k), []]),
  );
  for (const [x, y] of s.edges) {
    const list = prerequisites[id(Math.max(x, y))] as string[];
    if (x !== y && !list.includes(id(Math.min(x, y)))) list.push(id(Math.min(x, y)));
  }
  const graph = buildGraph(prerequisites);
  const events: ProgressEvent[] = [];
  s.standings.forEach((standing, k) => {
    if (standing === 'trainer') events.push(buildEvent('skill-validated', id(k), AT, {}));
    if (standing === 'self') events.push(buildEvent('skill-self-assessed', id(k), AT, {}));
  });
  const badges = badgeMap(
    ...s.badges.map((badge, b) => {
      const leaves: CriteriaRule[] = badge.skills.map((k) => ({ skill: id(k) }));
      const rule: CriteriaRule =
        badge.kind === 'allOf' ? { allOf: leaves } : { atLeast: 1, of: leaves };
      return buildBadge(`c/badge${b}`, rule);
    }),
  );
  return {
    graph,
    events,
    states: statesOf(graph, events),
    job: {
      jobId: 'job',
      skills: s.jobSkills.map(({ k, importance }) => ({ skillId: id(k), importance })),
      badges: s.badges.map((badge, b) => ({
        badgeId: `c/badge${b}`,
        importance: badge.importance,
      })),
    },
    badges,
    held: new Set(s.badges.flatMap((badge, b) => (badge.held ? [`c/badge${b}`] : []))),
  };
}

/** Acquired for a job: validated by a trainer (self-assessment guides, it does not qualify). */
const acquired = (states: ReadonlyMap<string, SkillState>, skillId: string) =>
  isSatisfied(states.get(skillId), { acceptSelf: false });

describe('analyseGap on random skill graphs', () => {
  const runs = { numRuns: 300 };

  it('suggests a set that closes the required gap once validated', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const { graph, events, job, badges, held, states } = build(s);
        const gap = analyseGap(job, graph, states, badges, held);
        expect(gap.reachable).toBe(true);
        const after = statesOf(graph, [
          ...events,
          ...gap.skillsToLearn.map((skillId) => buildEvent('skill-validated', skillId, NOW, {})),
        ]);
        const closed = analyseGap(job, graph, after, badges, held);
        expect(closed.requiredCovered).toBe(closed.requiredTotal);
        expect(closed.skillsToLearn).toEqual([]);
        expect(gap.skillsToLearn.length === 0).toBe(gap.requiredCovered === gap.requiredTotal);
      }),
      runs,
    );
  });

  it('never suggests a skill already acquired, nor the same skill twice', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const { graph, job, badges, held, states } = build(s);
        const { skillsToLearn } = analyseGap(job, graph, states, badges, held);
        expect(new Set(skillsToLearn).size).toBe(skillsToLearn.length);
        for (const skillId of skillsToLearn) expect(acquired(states, skillId)).toBe(false);
      }),
      runs,
    );
  });

  it('puts every suggested skill after its prerequisites, or finds them validated', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const { graph, job, badges, held, states } = build(s);
        const { skillsToLearn } = analyseGap(job, graph, states, badges, held);
        skillsToLearn.forEach((skillId, position) => {
          for (const prerequisite of graph.prerequisites(skillId)) {
            // A self-assessed prerequisite is enough to move on (the skill-state rule).
            const validated = states.get(prerequisite)?.status === 'validated';
            const earlier = skillsToLearn.indexOf(prerequisite);
            expect(validated || (earlier >= 0 && earlier < position)).toBe(true);
          }
        });
      }),
      runs,
    );
  });

  it("partitions the job's skills into covered and missing, and counts them", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (s) => {
        const { graph, job, badges, held, states } = build(s);
        const gap = analyseGap(job, graph, states, badges, held);
        expect(gap.skills.map((skill) => skill.skillId)).toEqual(
          job.skills.map((skill) => skill.skillId),
        );
        for (const skill of gap.skills) {
          expect(skill.covered).toBe(acquired(states, skill.skillId));
        }
        const covered = gap.skills.filter((skill) => skill.covered);
        const missing = gap.skills.filter((skill) => !skill.covered);
        expect(covered.length + missing.length).toBe(job.skills.length);
        const items = [...gap.skills, ...gap.badges];
        const count = (importance: Importance, onlyCovered: boolean) =>
          items.filter((i) => i.importance === importance && (!onlyCovered || i.covered)).length;
        expect(gap.requiredTotal).toBe(count('required', false));
        expect(gap.requiredCovered).toBe(count('required', true));
        expect(gap.usefulTotal).toBe(count('useful', false));
        expect(gap.usefulCovered).toBe(count('useful', true));
        for (const badge of gap.badges) {
          if (held.has(badge.badgeId)) expect(badge.covered).toBe(true);
          if (badge.covered) expect(badge.missingSkills).toEqual([]);
          for (const skillId of badge.missingSkills) expect(acquired(states, skillId)).toBe(false);
        }
      }),
      runs,
    );
  });
});
