import { performance } from 'node:perf_hooks';
import type { BadgeDefinition, CriteriaRule } from '../server/domain/criteria/criteria-rule.ts';
import { eligibleBadges } from '../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../server/domain/progress/events.ts';
import { nextSteps, smallestSkillSet } from '../server/domain/progress/next-steps.ts';
import { foldSkillStates } from '../server/domain/progress/skill-states.ts';
import {
  buildSkillGraph,
  requireSkillGraph,
  type SkillNodeInput,
} from '../server/domain/skills/skill-graph.ts';
import { seededRandom } from './support/seeded-random.ts';
import { writeResults, writeSummary } from './support/summary.ts';

const SEED = 20_251_126;
const CURRICULA = 20;
const SKILLS_PER_CURRICULUM = 100;
const MODULES = 5;
const EVENTS = 20_000;
const REPEATS = 15;
/** Untimed runs first, so the JIT has compiled the code being measured. */
const WARM_UP = 5;

const rand = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

// Skills: prerequisites point to earlier skills, mostly nearby in the same curriculum and
// sometimes into earlier curricula, as real catalogues do.
const nodes: SkillNodeInput[] = [];
for (let c = 0; c < CURRICULA; c += 1) {
  for (let s = 0; s < SKILLS_PER_CURRICULUM; s += 1) {
    const k = nodes.length;
    const prerequisites = new Set<string>();
    const wanted = k === 0 ? 0 : Math.min(k, 1 + Math.floor(rand() * 5));
    while (prerequisites.size < wanted) {
      const nearby = rand() < 0.8 && s > 0;
      const target = nearby ? k - 1 - Math.floor(rand() * Math.min(s, 30)) : Math.floor(rand() * k);
      prerequisites.add((nodes[target] as SkillNodeInput).id);
    }
    nodes.push({
      id: `curriculum-${c}/skill-${s}`,
      prerequisites: [...prerequisites],
      levelCount: s % 4 === 0 ? 3 : 0,
      curriculumId: `curriculum-${c}`,
      module: `module-${Math.floor(s / (SKILLS_PER_CURRICULUM / MODULES))}`,
      order: (s % (SKILLS_PER_CURRICULUM / MODULES)) + 1,
      moduleOrder: Math.floor(s / (SKILLS_PER_CURRICULUM / MODULES)) + 1,
    });
  }
}
const edgeCount = nodes.reduce((sum, node) => sum + node.prerequisites.length, 0);

// Badges: per curriculum, five "all of" badges, four "at least" badges and one capstone.
const badges: BadgeDefinition[] = [];
for (let c = 0; c < CURRICULA; c += 1) {
  const local = nodes.filter((node) => node.curriculumId === `curriculum-${c}`);
  const skillLeaf = (): CriteriaRule => ({ skill: pick(local).id });
  const ids: string[] = [];
  for (let b = 0; b < 9; b += 1) {
    const id = `curriculum-${c}/badge-${b}`;
    ids.push(id);
    const criteria: CriteriaRule =
      b < 5
        ? { allOf: Array.from({ length: 5 }, skillLeaf) }
        : { atLeast: 3, of: Array.from({ length: 6 }, skillLeaf) };
    badges.push({
      id,
      curriculumId: `curriculum-${c}`,
      criteria,
      acceptsSelfAssessment: b % 2 === 0,
    });
  }
  badges.push({
    id: `curriculum-${c}/capstone`,
    curriculumId: `curriculum-${c}`,
    criteria: { allOf: [{ badge: pick(ids) }, { badge: pick(ids) }, skillLeaf()] },
    acceptsSelfAssessment: false,
  });
}
const badgeMap = new Map(badges.map((badge) => [badge.id, badge]));

// One learner's ledger, walking roughly through the catalogue in order.
const types = [
  'skill-started',
  'evidence-submitted',
  'skill-validated',
  'skill-validated',
  'skill-self-assessed',
  'skill-rejected',
  'validation-withdrawn',
  'jury-decided',
] as const;
const start = Date.parse('2024-01-01T00:00:00Z');
function makeEvent(i: number): ProgressEvent {
  const skill = nodes[
    Math.min(nodes.length - 1, Math.floor((i / EVENTS) * 1200 + rand() * 200))
  ] as SkillNodeInput;
  const base = {
    id: `event-${i}`,
    learnerId: 'learner',
    skillId: skill.id,
    at: new Date(start + i * 60_000).toISOString(),
    by: 'trainer',
  };
  const type = pick(types);
  switch (type) {
    case 'skill-started':
      return { ...base, type };
    case 'evidence-submitted':
      return { ...base, type, evidenceId: `evidence-${i}` };
    case 'skill-validated':
    case 'skill-self-assessed':
      return skill.levelCount > 0
        ? { ...base, type, level: 1 + Math.floor(rand() * 3) }
        : { ...base, type };
    case 'skill-rejected':
      return { ...base, type, comment: 'again' };
    case 'validation-withdrawn':
      return { ...base, type, reason: 'mistake' };
    case 'jury-decided':
      return { ...base, type, outcome: rand() < 0.8 ? 'recu' : 'ajourne' };
  }
}
const events: ProgressEvent[] = Array.from({ length: EVENTS }, (_, i) => makeEvent(i));
const now = new Date(start + EVENTS * 60_000).toISOString();
const foldOptions = {
  now,
  validityMonths: (skillId: string) => (skillId.endsWith('0') ? 12 : undefined),
};

const nodesJson = JSON.stringify(nodes);
const eventsJson = JSON.stringify(events);

/** Median of REPEATS runs of `run`, each after an untimed `setup`, after WARM_UP runs. */
function time<T>(setup: () => T, run: (input: T) => unknown): number {
  for (let i = 0; i < WARM_UP; i += 1) run(setup());
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    const input = setup();
    const begin = performance.now();
    run(input);
    samples.push(performance.now() - begin);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const none = (): undefined => undefined;
const iterateEdges = (): number => {
  let sum = 0;
  for (const node of nodes)
    for (const prerequisite of node.prerequisites) sum += prerequisite.length;
  return sum;
};
const graph = requireSkillGraph(nodes);
// The same amount of data as every ancestor list, to compare producing it with merely reading it.
const ancestorsJson = JSON.stringify(graph.topologicalOrder().map((id) => graph.ancestors(id)));
const baselines = {
  'JSON.parse(skills)': time(none, () => JSON.parse(nodesJson)),
  'JSON.parse(events)': time(none, () => JSON.parse(eventsJson)),
  'JSON.parse(all ancestor lists)': time(none, () => JSON.parse(ancestorsJson)),
  'iterate every edge': time(none, iterateEdges),
};
type Baseline = keyof typeof baselines;

const states = foldSkillStates(graph, events, foldOptions);
const held = new Set(eligibleBadges(badgeMap, states));
const deepest = graph.topologicalOrder().slice(-10);
// Forty skills nobody has touched yet, at least fifteen of them: far too many combinations to
// try them all, so this measures the greedy path.
const untouched = graph.topologicalOrder().filter((id) => states.get(id)?.status === 'locked');
const wideRule: CriteriaRule = {
  atLeast: 15,
  of: untouched
    .filter((_, i) => i % Math.max(1, Math.floor(untouched.length / 40)) === 0)
    .slice(0, 40)
    .map((skill) => ({ skill })),
};

const measures: { name: string; baseline: Baseline; ms: number; note?: string }[] = [
  {
    name: 'buildSkillGraph',
    baseline: 'JSON.parse(skills)',
    ms: time(none, () => buildSkillGraph(nodes)),
  },
  {
    name: 'ancestors of every skill (fresh graph)',
    baseline: 'JSON.parse(all ancestor lists)',
    ms: time(
      () => requireSkillGraph(nodes),
      (fresh) => {
        for (const id of fresh.topologicalOrder()) fresh.ancestors(id);
      },
    ),
    note: `${graph.topologicalOrder().reduce((sum, id) => sum + graph.ancestors(id).length, 0)} ancestor entries in all`,
  },
  {
    name: `foldSkillStates (${EVENTS} events)`,
    baseline: 'JSON.parse(events)',
    ms: time(none, () => foldSkillStates(graph, events, foldOptions)),
  },
  {
    name: 'nextSteps (200 badges, fresh graph)',
    baseline: 'JSON.parse(skills)',
    ms: time(
      () => requireSkillGraph(nodes),
      (fresh) => nextSteps(fresh, states, badges, { limit: 20 }),
    ),
  },
  {
    name: 'smallestSkillSet: 10 deepest skills',
    baseline: 'JSON.parse(skills)',
    ms: time(none, () => smallestSkillSet({ skills: deepest }, graph, states, badgeMap)),
    note: `${smallestSkillSet({ skills: deepest }, graph, states, badgeMap).skills.length} skills`,
  },
  {
    name: 'smallestSkillSet: every capstone',
    baseline: 'JSON.parse(skills)',
    ms: time(none, () => {
      for (const badge of badges) {
        if (badge.id.endsWith('/capstone')) {
          smallestSkillSet({ badge: badge.id }, graph, states, badgeMap, { heldBadges: held });
        }
      }
    }),
  },
  {
    name: `smallestSkillSet: at least 15 of ${'of' in wideRule ? wideRule.of.length : 0} untouched`,
    baseline: 'JSON.parse(skills)',
    ms: time(none, () => smallestSkillSet({ rule: wideRule }, graph, states, badgeMap)),
    note: `exact: ${smallestSkillSet({ rule: wideRule }, graph, states, badgeMap).exact}, ${smallestSkillSet({ rule: wideRule }, graph, states, badgeMap).skills.length} skills`,
  },
];

const rows = measures.map((measure) => ({
  ...measure,
  baselineMs: baselines[measure.baseline],
  ratio: measure.ms / baselines[measure.baseline],
}));
const format = (ms: number) => `${ms.toFixed(3)} ms`;
console.log(
  `domain-graph: ${nodes.length} skills, ${edgeCount} prerequisites, ${badges.length} badges, ${events.length} events (seed ${SEED}, median of ${REPEATS})`,
);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(48)} ${format(row.ms).padStart(12)}  ×${row.ratio.toFixed(1).padStart(7)} ${row.baseline} (${format(row.baselineMs)})${row.note ? `  [${row.note}]` : ''}`,
  );
}

writeResults('domain-graph', {
  bench: 'domain-graph',
  node: process.version,
  seed: SEED,
  repeats: REPEATS,
  sizes: {
    skills: nodes.length,
    prerequisites: edgeCount,
    badges: badges.length,
    events: events.length,
  },
  baselines,
  measures: rows,
});

writeSummary({
  name: 'domain-graph',
  title: 'Pure core on a 2,000-skill catalogue',
  commands: ['npx tsx bench/domain-graph.bench.ts'],
  rows: rows.map((row) => ({
    measure: row.note ? `${row.name} (${row.note})` : row.name,
    ours: format(row.ms),
    baseline: `${row.baseline}: ${format(row.baselineMs)}`,
    // Times here: the baseline's time over ours is how many of ours fit in one baseline.
    ratio: row.baselineMs / row.ms,
  })),
  notes: [
    `${nodes.length} skills, ${edgeCount} prerequisites, ${badges.length} badges, a ${events.length}-event ledger (seed ${SEED}); each time is the median of ${REPEATS} runs after ${WARM_UP} warm-up runs. Ratio = baseline time ÷ our time (above 1: ours is faster than merely parsing the same amount of data).`,
  ],
});
