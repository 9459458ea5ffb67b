import { describe, expect, it } from 'vitest';
import type { CriteriaRule } from '../../../server/domain/criteria/criteria-rule.ts';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import { nextSteps, smallestSkillSet } from '../../../server/domain/progress/next-steps.ts';
import { foldSkillStates, type SkillState } from '../../../server/domain/progress/skill-states.ts';
import type { SkillGraph } from '../../../server/domain/skills/skill-graph.ts';
import { buildBadge, buildEvent, buildGraph } from './builders.ts';

const NOW = '2025-06-01T00:00:00Z';
const AT = '2025-01-01T00:00:00Z';
const validate = (skillId: string, level?: number) =>
  buildEvent('skill-validated', skillId, AT, level === undefined ? {} : { level });

function statesOf(
  graph: SkillGraph,
  events: readonly ProgressEvent[],
): ReadonlyMap<string, SkillState> {
  return foldSkillStates(graph, events, { now: NOW });
}

describe('nextSteps', () => {
  const graph = buildGraph(
    {
      'c/a': [],
      'c/b': ['c/a'],
      'c/r': ['c/a'],
      'c/x': ['c/a'],
      'c/y': ['c/x'],
      'c/z': ['c/y'],
      'c/p': ['c/a'],
      'c/q': [],
      'other/o': [],
    },
    Object.fromEntries(
      ['a', 'b', 'r', 'x', 'y', 'z', 'p', 'q'].map((id, i) => [`c/${id}`, { order: i + 1 }]),
    ),
  );
  const states = statesOf(graph, [
    validate('c/a'),
    buildEvent('skill-started', 'c/b', AT, {}),
    buildEvent('evidence-submitted', 'c/r', AT, { evidenceId: 'ev' }),
    buildEvent('skill-rejected', 'c/r', AT, { comment: 'Encore' }),
  ]);
  const badges = [
    buildBadge('c/zero', { allOf: [{ skill: 'c/q' }, { skill: 'c/y' }, { skill: 'c/z' }] }),
    buildBadge('c/half', { allOf: [{ skill: 'c/a' }, { skill: 'c/p' }] }),
  ];

  it('puts skills in progress first, then badge progress, then what a skill unlocks', () => {
    const steps = nextSteps(graph, states, badges);
    expect(steps.map((step) => [step.skillId, step.status, step.reasons])).toEqual([
      ['c/b', 'in_progress', ['continue']],
      ['c/r', 'in_progress', ['rejected-try-again']],
      ['c/p', 'available', ['counts-for-badge:c/half']],
      ['c/q', 'available', ['counts-for-badge:c/zero']],
      ['c/x', 'available', ['unlocks:2']],
      ['other/o', 'available', []],
    ]);
    const scores = steps.map((step) => step.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('is deterministic whatever the order of the badges', () => {
    expect(nextSteps(graph, states, [...badges].reverse())).toEqual(
      nextSteps(graph, states, badges),
    );
  });

  it('filters by curriculum and limits the list', () => {
    expect(
      nextSteps(graph, states, badges, { curriculumId: 'other' }).map((s) => s.skillId),
    ).toEqual(['other/o']);
    expect(nextSteps(graph, states, badges, { limit: 2 }).map((s) => s.skillId)).toEqual([
      'c/b',
      'c/r',
    ]);
    expect(
      nextSteps(graph, states, badges, { followedCurricula: new Set(['c']) }).map((s) => s.skillId),
    ).toEqual(
      nextSteps(graph, states, badges)
        .map((s) => s.skillId)
        .filter((id) => id.startsWith('c/')),
    );
    expect(
      nextSteps(graph, states, badges, {
        followedCurricula: new Set(['other']),
        curriculumId: 'c',
      }),
    ).toEqual([]);
  });

  it('suggests, for the curricula followed, the prerequisite another curriculum holds', () => {
    const shared = buildGraph({
      'seniors/web': [],
      'identite/traces': ['seniors/web'],
      'identite/mots-de-passe': ['identite/traces'],
      'seniors/mail': ['seniors/web'],
      'other/o': [],
    });
    const none = statesOf(shared, []);
    const followed = (...curricula: string[]) =>
      nextSteps(shared, none, [], { followedCurricula: new Set(curricula) }).map((s) => s.skillId);
    // Nothing of « identite » can start yet: the seniors skill that opens it is the next step.
    expect(followed('identite')).toEqual(['seniors/web']);
    expect(followed('seniors')).toEqual(['seniors/web']);
    expect(followed('identite', 'other')).toEqual(['seniors/web', 'other/o']);
    const started = statesOf(shared, [validate('seniors/web')]);
    expect(
      nextSteps(shared, started, [], { followedCurricula: new Set(['identite']) }).map(
        (s) => s.skillId,
      ),
    ).toEqual(['identite/traces']);
  });

  it('no longer ranks a skill for a badge the learner holds', () => {
    const steps = nextSteps(graph, states, badges, { heldBadges: new Set(['c/half']) });
    expect(steps.find((step) => step.skillId === 'c/p')?.reasons).toEqual([]);
  });
});

describe('smallestSkillSet', () => {
  const graph = buildGraph(
    {
      'c/a': [],
      'c/b': ['c/a'],
      'c/c': ['c/b'],
      'c/d': ['c/a'],
      'c/e': [],
      'c/f': ['c/e'],
      'c/lvl': [],
    },
    { 'c/lvl': { levelCount: 3 } },
  );
  const none = statesOf(graph, []);
  const noBadges = new Map();
  const forRule = (rule: CriteriaRule, states = none) =>
    smallestSkillSet({ rule }, graph, states, noBadges);

  it('brings every unmet prerequisite, in topological order', () => {
    expect(smallestSkillSet({ skills: ['c/c'] }, graph, none, noBadges)).toEqual({
      skills: ['c/a', 'c/b', 'c/c'],
      exact: true,
    });
  });

  it('stops at validated prerequisites, even when theirs are missing', () => {
    const states = statesOf(graph, [validate('c/b')]);
    expect(smallestSkillSet({ skills: ['c/c'] }, graph, states, noBadges).skills).toEqual(['c/c']);
  });

  it('counts shared prerequisites once for "all of"', () => {
    expect(forRule({ allOf: [{ skill: 'c/c' }, { skill: 'c/d' }] }).skills).toEqual([
      'c/a',
      'c/b',
      'c/c',
      'c/d',
    ]);
  });

  it('picks the "at least" children whose union with the rest is smallest', () => {
    expect(forRule({ atLeast: 1, of: [{ skill: 'c/c' }, { skill: 'c/f' }] }).skills).toEqual([
      'c/e',
      'c/f',
    ]);
    // Alone, c/f and c/b cost two skills each; next to c/d, c/b shares c/a and costs one.
    const rule: CriteriaRule = {
      allOf: [{ atLeast: 1, of: [{ skill: 'c/f' }, { skill: 'c/b' }] }, { skill: 'c/d' }],
    };
    expect(forRule(rule)).toEqual({ skills: ['c/a', 'c/b', 'c/d'], exact: true });
  });

  it('needs a skill again when it is validated below the level asked', () => {
    const states = statesOf(graph, [validate('c/lvl', 1)]);
    expect(forRule({ skill: 'c/lvl', minLevel: 2 }, states).skills).toEqual(['c/lvl']);
    expect(forRule({ skill: 'c/lvl', minLevel: 1 }, states).skills).toEqual([]);
  });

  it('counts self-assessment only when accepted, but always as a prerequisite', () => {
    const states = statesOf(graph, [buildEvent('skill-self-assessed', 'c/a', AT, {})]);
    expect(smallestSkillSet({ skills: ['c/b'] }, graph, states, noBadges).skills).toEqual(['c/b']);
    expect(smallestSkillSet({ skills: ['c/a'] }, graph, states, noBadges).skills).toEqual(['c/a']);
    expect(
      smallestSkillSet({ skills: ['c/a'] }, graph, states, noBadges, { acceptSelf: true }).skills,
    ).toEqual([]);
  });

  it('expands badges, and counts badges held or met now as done', () => {
    const badges = new Map(
      [
        buildBadge('c/part', { skill: 'c/c' }),
        buildBadge('c/capstone', { allOf: [{ badge: 'c/part' }, { skill: 'c/f' }] }),
      ].map((badge) => [badge.id, badge]),
    );
    expect(smallestSkillSet({ badge: 'c/capstone' }, graph, none, badges).skills).toEqual([
      'c/a',
      'c/b',
      'c/c',
      'c/e',
      'c/f',
    ]);
    const held = { heldBadges: new Set(['c/part']) };
    expect(smallestSkillSet({ badge: 'c/capstone' }, graph, none, badges, held).skills).toEqual([
      'c/e',
      'c/f',
    ]);
    const partDone = statesOf(graph, [validate('c/a'), validate('c/b'), validate('c/c')]);
    expect(smallestSkillSet({ badge: 'c/capstone' }, graph, partDone, badges).skills).toEqual([
      'c/e',
      'c/f',
    ]);
    expect(smallestSkillSet({ badge: 'c/part' }, graph, none, badges, held).skills).toEqual([]);
  });

  it('answers greedily, and says so, beyond 20,000 combinations', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `w/s${String(i).padStart(2, '0')}`);
    const wide = buildGraph(Object.fromEntries(ids.map((id) => [id, []])));
    const states = statesOf(wide, []);
    const big = smallestSkillSet(
      { rule: { atLeast: 10, of: ids.map((skill) => ({ skill })) } },
      wide,
      states,
      noBadges,
    );
    expect(big.exact).toBe(false);
    expect(big.skills).toHaveLength(10);
    const small = smallestSkillSet(
      { rule: { atLeast: 3, of: ids.slice(0, 12).map((skill) => ({ skill })) } },
      wide,
      states,
      noBadges,
    );
    expect(small.exact).toBe(true);
    expect(small.skills).toHaveLength(3);
  });

  it('skips impossible children and throws for impossible or unknown targets', () => {
    expect(forRule({ atLeast: 1, of: [{ skill: 'c/none' }, { skill: 'c/e' }] }).skills).toEqual([
      'c/e',
    ]);
    expect(() => forRule({ allOf: [{ skill: 'c/none' }, { skill: 'c/e' }] })).toThrow(
      expect.objectContaining({ code: 'unreachable-target' }),
    );
    expect(() => smallestSkillSet({ skills: ['c/none'] }, graph, none, noBadges)).toThrow(
      expect.objectContaining({ code: 'unknown-skill' }),
    );
    expect(() => smallestSkillSet({ badge: 'c/none' }, graph, none, noBadges)).toThrow(
      expect.objectContaining({ code: 'unknown-badge' }),
    );
  });
});
