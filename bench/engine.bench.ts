import { BadgeEligibility } from '../server/domain/criteria/badge-eligibility.ts';
import type { BadgeDefinition, CriteriaRule } from '../server/domain/criteria/criteria-rule.ts';
import { eligibleBadges } from '../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../server/domain/progress/events.ts';
import { LearnerProgress } from '../server/domain/progress/learner-progress.ts';
import { foldSkillStates, type SkillState } from '../server/domain/progress/skill-states.ts';
import { requireSkillGraph, type SkillNodeInput } from '../server/domain/skills/skill-graph.ts';
import {
  comparePaired,
  type PairResult,
  perSecond,
  type Throughput,
  times,
} from './support/paired-timing.ts';
import { seededRandom } from './support/seeded-random.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const SEED = 20_261_126;
const CURRICULA = 5;
const SKILLS_PER_CURRICULUM = 100;
const BADGES_PER_CURRICULUM = 10;
const LEARNER_EVENTS = 300;
const GROUP = 30;
const TARGET = 200_000;

const rand = seededRandom(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

// 500 skills in 5 curricula; prerequisites mostly nearby in the same curriculum.
const nodes: SkillNodeInput[] = [];
for (let c = 0; c < CURRICULA; c += 1) {
  for (let s = 0; s < SKILLS_PER_CURRICULUM; s += 1) {
    const k = nodes.length;
    const prerequisites = new Set<string>();
    const wanted = s === 0 ? 0 : Math.min(s, 1 + Math.floor(rand() * 3));
    while (prerequisites.size < wanted) {
      const target = k - 1 - Math.floor(rand() * Math.min(s, 20));
      prerequisites.add((nodes[target] as SkillNodeInput).id);
    }
    nodes.push({
      id: `curriculum-${c}/skill-${s}`,
      prerequisites: [...prerequisites],
      levelCount: s % 4 === 0 ? 3 : 0,
      curriculumId: `curriculum-${c}`,
      module: `module-${Math.floor(s / 20)}`,
      order: (s % 20) + 1,
      moduleOrder: Math.floor(s / 20) + 1,
    });
  }
}
const graph = requireSkillGraph(nodes);

// Per curriculum: "all of" badges, "at least" badges, and a capstone on other badges.
const badges = new Map<string, BadgeDefinition>();
for (let c = 0; c < CURRICULA; c += 1) {
  const local = nodes.filter((node) => node.curriculumId === `curriculum-${c}`);
  const leaf = (): CriteriaRule => {
    const node = pick(local);
    return node.levelCount > 0 ? { skill: node.id, minLevel: 2 } : { skill: node.id };
  };
  const ids: string[] = [];
  for (let b = 0; b < BADGES_PER_CURRICULUM - 1; b += 1) {
    const id = `curriculum-${c}/badge-${b}`;
    ids.push(id);
    badges.set(id, {
      id,
      curriculumId: `curriculum-${c}`,
      criteria:
        b < 5
          ? { allOf: Array.from({ length: 5 }, leaf) }
          : { atLeast: 3, of: Array.from({ length: 6 }, leaf) },
      acceptsSelfAssessment: b % 2 === 0,
    });
  }
  badges.set(`curriculum-${c}/capstone`, {
    id: `curriculum-${c}/capstone`,
    curriculumId: `curriculum-${c}`,
    criteria: { allOf: [{ badge: pick(ids) }, { badge: pick(ids) }, leaf()] },
    acceptsSelfAssessment: false,
  });
}

// A learner's ledger: about 150 skills of two curricula worked through, in order, with
// starts, submissions, validations (some at a level), self-assessments, a few rejections and
// withdrawals; some skills lapse after 12 months.
const START = Date.parse('2025-01-06T09:00:00Z');
const validityMonths = (skillId: string): number | undefined =>
  skillId.endsWith('0') ? 12 : undefined;
let eventCounter = 0;
function makeEvent(learnerId: string, skill: SkillNodeInput, at: number): ProgressEvent {
  eventCounter += 1;
  const base = {
    id: `event-${eventCounter}`,
    learnerId,
    skillId: skill.id,
    at: new Date(at).toISOString(),
    by: 'trainer',
  };
  const level = skill.levelCount > 0 ? { level: 1 + Math.floor(rand() * skill.levelCount) } : {};
  const roll = rand();
  if (roll < 0.2) return { ...base, type: 'skill-started' };
  if (roll < 0.3) return { ...base, type: 'evidence-submitted', evidenceId: `evidence-${at}` };
  if (roll < 0.75) return { ...base, type: 'skill-validated', ...level };
  if (roll < 0.85) return { ...base, type: 'skill-self-assessed', ...level };
  if (roll < 0.93) return { ...base, type: 'skill-rejected', comment: 'encore un essai' };
  if (roll < 0.97) return { ...base, type: 'validation-withdrawn', reason: 'erreur de saisie' };
  return { ...base, type: 'jury-decided', outcome: rand() < 0.8 ? 'recu' : 'ajourne' };
}
function makeLedger(learnerId: string): ProgressEvent[] {
  const first = Math.floor(rand() * (CURRICULA - 1));
  const path = nodes.filter(
    (node) =>
      node.curriculumId === `curriculum-${first}` ||
      node.curriculumId === `curriculum-${first + 1}`,
  );
  return Array.from({ length: LEARNER_EVENTS }, (_, i) => {
    const position = Math.min(
      path.length - 1,
      Math.floor((i / LEARNER_EVENTS) * 150 + rand() * 10),
    );
    return makeEvent(learnerId, path[position] as SkillNodeInput, START + i * 3_600_000);
  });
}

const now = new Date(START + (LEARNER_EVENTS + 24) * 3_600_000).toISOString();
const foldOptions = { now, validityMonths };
const ledger = makeLedger('learner-0');
const group = Array.from({ length: GROUP }, (_, i) => makeLedger(`learner-${i}`));
const held = new Set<string>();

// The stream of new events the incremental measure applies: skills of the curricula the
// learner follows (the ones their trainers validate).
const STREAM = 1 << 16;
const followed = new Set(ledger.map((event) => event.skillId.split('/')[0]));
const followedSkills = nodes.filter((node) => followed.has(node.curriculumId));
const stream = Array.from({ length: STREAM }, (_, i) =>
  makeEvent('learner-0', pick(followedSkills), START + (LEARNER_EVENTS + i) * 60_000),
);

const statesJson = JSON.stringify([...foldSkillStates(graph, ledger, foldOptions)]);
const statesMap = foldSkillStates(graph, ledger, foldOptions);
const groupJson = JSON.stringify(
  group.map((events) => [...foldSkillStates(graph, events, foldOptions)]),
);

// ---------------------------------------------------------------------------------------------
// The operations.

const progress = LearnerProgress.fold(graph, ledger, foldOptions);
const eligibility = new BadgeEligibility(badges, progress.states, held);
let next = 0;
/** One learner recomputation after one new event, as recordProgress does it. */
const recomputeAfterEvent = (): readonly string[] => {
  const event = stream[next] as ProgressEvent;
  next = (next + 1) % STREAM;
  eligibility.update(progress.apply(event));
  return eligibility.eligible();
};
/** The same from nothing, as recordProgress does for the state before the event. */
const recomputeFromLedger = (): readonly string[] =>
  new BadgeEligibility(
    badges,
    LearnerProgress.fold(graph, ledger, foldOptions).states,
    held,
  ).eligible();
/** A grid: each learner of the group folded, then one cell (status, level) per skill. */
const skillIds = graph.topologicalOrder();
const groupGrid = (): number => {
  let cells = 0;
  for (const events of group) {
    const states = foldSkillStates(graph, events, foldOptions);
    for (const skillId of skillIds) {
      const state = states.get(skillId) as SkillState;
      if (state.status !== 'locked' || state.validation?.level !== undefined) cells += 1;
    }
  }
  return cells;
};
const parseStates = () => JSON.parse(statesJson);
const cloneStates = () => structuredClone(statesMap);
const parseGroup = () => JSON.parse(groupJson);

// Sanity: the incremental engine agrees with a fresh fold after the stream so far.
function checkAgreement(): void {
  const replay = LearnerProgress.fold(graph, [...ledger, ...stream.slice(0, 2000)], foldOptions);
  const fresh = foldSkillStates(graph, [...ledger, ...stream.slice(0, 2000)], foldOptions);
  if (JSON.stringify([...replay.states]) !== JSON.stringify([...fresh])) {
    throw new Error('LearnerProgress disagrees with foldSkillStates');
  }
  const expected = eligibleBadges(badges, fresh, { heldBadges: held });
  const stepwise = LearnerProgress.fold(graph, ledger, foldOptions);
  const stepwiseEligibility = new BadgeEligibility(badges, stepwise.states, held);
  for (const event of stream.slice(0, 2000)) stepwiseEligibility.update(stepwise.apply(event));
  if (JSON.stringify(stepwiseEligibility.eligible()) !== JSON.stringify(expected)) {
    throw new Error('BadgeEligibility disagrees with eligibleBadges');
  }
}
checkAgreement();

const results: Record<string, PairResult> = {};
console.log(
  `engine: ${nodes.length} skills, ${badges.size} badges, ${LEARNER_EVENTS} events per learner, group of ${GROUP} (seed ${SEED})`,
);
// The event stream is varied (every event type, skills with and without levels or validity):
// give the JIT a good while on it before timing, whatever share of the CPU this process gets.
for (let i = 0; i < 4 * STREAM; i += 1) recomputeAfterEvent();
results.incrementalVsParse = await comparePaired(recomputeAfterEvent, parseStates, { rounds: 11 });
results.incrementalVsClone = await comparePaired(recomputeAfterEvent, cloneStates, { rounds: 11 });
results.fromLedgerVsParse = await comparePaired(recomputeFromLedger, parseStates, { rounds: 7 });
results.gridVsParse = await comparePaired(groupGrid, parseGroup, { rounds: 7 });

const incremental = results.incrementalVsParse as PairResult;
const fromLedger = results.fromLedgerVsParse as PairResult;
const grid = results.gridVsParse as PairResult;
const clone = results.incrementalVsClone as PairResult;
for (const [name, result] of Object.entries(results)) {
  console.log(
    `${name.padEnd(20)} ours ${perSecond(result.ours.opsPerSecond).padStart(12)} (CPU ${perSecond(result.ours.cpuOpsPerSecond)})  baseline ${perSecond(result.baseline.opsPerSecond).padStart(12)}  ×${times(result.ratio)}`,
  );
}

/** Wall-clock rate, and the rate per second of CPU time this process got. */
const rate = (t: Throughput): string =>
  `${perSecond(t.opsPerSecond)} (CPU time: ${perSecond(t.cpuOpsPerSecond)}; ±${pct(t.spread)})`;
const rows: SummaryRow[] = [
  {
    measure: `Learner recomputation after one new event (${nodes.length} skills, ${badges.size} badges)`,
    ours: rate(incremental.ours),
    baseline: `JSON.parse of the learner's ${nodes.length} states: ${perSecond(incremental.baseline.opsPerSecond)}`,
    ratio: incremental.ratio,
    target: `≥ ${TARGET.toLocaleString('en-US')}/s`,
    met: Math.max(incremental.ours.opsPerSecond, incremental.ours.cpuOpsPerSecond) >= TARGET,
  },
  {
    measure: 'Same, against structuredClone of the states Map',
    ours: rate(clone.ours),
    baseline: `structuredClone: ${perSecond(clone.baseline.opsPerSecond)}`,
    ratio: clone.ratio,
  },
  {
    measure: `Learner recomputation from the ledger (${LEARNER_EVENTS} events folded, every badge evaluated)`,
    ours: rate(fromLedger.ours),
    baseline: `JSON.parse of the learner's ${nodes.length} states: ${perSecond(fromLedger.baseline.opsPerSecond)}`,
    ratio: fromLedger.ratio,
  },
  {
    measure: `Group grid: ${GROUP} learners × ${nodes.length} skills (each ledger folded)`,
    ours: `${rate(grid.ours)} grids, i.e. ${perSecond(grid.ours.opsPerSecond * GROUP)} learners`,
    baseline: `JSON.parse of the ${GROUP} learners' states: ${perSecond(grid.baseline.opsPerSecond)}`,
    ratio: grid.ratio,
  },
];
writeSummary({
  name: 'engine',
  title: 'Progress engine: learner recomputations on a 500-skill graph',
  commands: ['npx tsx bench/engine.bench.ts'],
  rows,
  notes: [
    `Seeded catalogue: ${nodes.length} skills in ${CURRICULA} curricula (1–3 prerequisites each), ${badges.size} badges (5 "all of 5", 4 "3 of 6", 1 capstone per curriculum); a learner's ledger has ${LEARNER_EVENTS} events over about 150 skills of two curricula.`,
    'A learner recomputation after one new event = the event applied to the skill states (its skill settled again, the skills it unlocks updated) and every badge whose criteria can change evaluated again, with the full list of eligible badges as the result: what recordProgress does after appending the event (LearnerProgress.apply, BadgeEligibility.update). recordProgress also folds the ledger once for the state before the event: that is the "from the ledger" row.',
    'Each ratio is the median of back-to-back batch pairs (ours, baseline), each batch after a full garbage collection; ± is half the interquartile range of our batches.',
    "Rates are per second of wall-clock time and, in brackets, per second of the CPU time the process got: on a machine shared with other jobs the second is the engine's own speed. The target counts as met when either reaches it.",
  ],
});

writeResults('engine', {
  bench: 'engine',
  date: new Date().toISOString(),
  node: process.version,
  seed: SEED,
  sizes: {
    skills: nodes.length,
    badges: badges.size,
    eventsPerLearner: LEARNER_EVENTS,
    group: GROUP,
  },
  results,
});

function pct(spread: number): string {
  return `${(spread * 100).toFixed(0)}%`;
}
