import { describe, expect, it } from 'vitest';
import type { BadgeDefinition } from '../../../server/domain/criteria/criteria-rule.ts';
import {
  eligibleBadges,
  evaluateBadge,
  evaluateBadges,
} from '../../../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import { foldSkillStates, type SkillState } from '../../../server/domain/progress/skill-states.ts';
import { buildBadge, buildEvent, buildGraph } from './builders.ts';

const graph = buildGraph(
  { 'c/a': [], 'c/b': [], 'c/c': [], 'c/d': [], 'c/e': [], 'c/lvl': [], 'c/secours': [] },
  { 'c/lvl': { levelCount: 3 } },
);
const NOW = '2025-06-01T00:00:00Z';
const AT = '2025-01-01T00:00:00Z';

function statesFrom(events: readonly ProgressEvent[]): ReadonlyMap<string, SkillState> {
  return foldSkillStates(graph, events, {
    now: NOW,
    validityMonths: (skillId) => (skillId === 'c/secours' ? 1 : undefined),
  });
}
const validate = (skillId: string, level?: number) =>
  buildEvent('skill-validated', skillId, AT, level === undefined ? {} : { level });
const selfAssess = (skillId: string) => buildEvent('skill-self-assessed', skillId, AT, {});
const byId = (...badges: BadgeDefinition[]) => new Map(badges.map((badge) => [badge.id, badge]));

describe('evaluateBadge', () => {
  it('is eligible at 100% when every leaf is met', () => {
    const badges = byId(buildBadge('c/x', { allOf: [{ skill: 'c/a' }, { skill: 'c/b' }] }));
    const report = evaluateBadge('c/x', badges, statesFrom([validate('c/a'), validate('c/b')]));
    expect(report).toEqual({
      badgeId: 'c/x',
      eligible: true,
      percent: 100,
      met: [
        { kind: 'skill', skillId: 'c/a' },
        { kind: 'skill', skillId: 'c/b' },
      ],
      missing: [],
    });
  });

  it('explains every missing leaf with its reason, in authoring order', () => {
    const badges = byId(
      buildBadge('c/x', {
        allOf: [
          { skill: 'c/e' },
          { skill: 'c/a' },
          { skill: 'c/lvl', minLevel: 2 },
          { skill: 'c/secours' },
          { skill: 'c/b' },
          { skill: 'c/c' },
        ],
      }),
    );
    const states = statesFrom([
      selfAssess('c/a'),
      validate('c/lvl', 1),
      validate('c/secours'),
      validate('c/b'),
      buildEvent('validation-withdrawn', 'c/b', AT, { reason: 'erreur' }),
      validate('c/c'),
    ]);
    const report = evaluateBadge('c/x', badges, states);
    expect(report.eligible).toBe(false);
    expect(report.met).toEqual([{ kind: 'skill', skillId: 'c/c' }]);
    expect(report.missing).toEqual([
      { kind: 'skill', skillId: 'c/e', reason: 'not-validated' },
      { kind: 'skill', skillId: 'c/a', reason: 'self-only' },
      { kind: 'skill', skillId: 'c/lvl', minLevel: 2, reason: 'level-too-low' },
      { kind: 'skill', skillId: 'c/secours', reason: 'expired' },
      { kind: 'skill', skillId: 'c/b', reason: 'withdrawn' },
    ]);
    expect(report.percent).toBe(Math.floor(100 / 6));
  });

  it('counts self-assessment when the badge accepts it', () => {
    const rule = { allOf: [{ skill: 'c/a' }] };
    const states = statesFrom([selfAssess('c/a')]);
    expect(evaluateBadge('c/x', byId(buildBadge('c/x', rule)), states).eligible).toBe(false);
    const accepting = byId(buildBadge('c/x', rule, { acceptsSelfAssessment: true }));
    expect(evaluateBadge('c/x', accepting, states).eligible).toBe(true);
  });

  it('counts only the best n children of "at least n" towards the percentage', () => {
    const badges = byId(
      buildBadge('c/x', {
        atLeast: 2,
        of: [
          { allOf: [{ skill: 'c/a' }, { skill: 'c/b' }, { skill: 'c/c' }] },
          { skill: 'c/d' },
          { skill: 'c/e' },
        ],
      }),
    );
    const report = evaluateBadge('c/x', badges, statesFrom([validate('c/a'), validate('c/d')]));
    // Best two children: c/d (1 of 1) and the allOf (1 of 3) → 2 of 4.
    expect(report.percent).toBe(50);
    expect(report.met.map((r) => r.kind === 'skill' && r.skillId)).toEqual(['c/a', 'c/d']);
    expect(report.missing.map((r) => r.kind === 'skill' && r.skillId)).toEqual([
      'c/b',
      'c/c',
      'c/e',
    ]);
    const done = evaluateBadge('c/x', badges, statesFrom([validate('c/d'), validate('c/e')]));
    expect(done).toMatchObject({ eligible: true, percent: 100 });
  });

  it('never reads a rule asking more children than it has as complete', () => {
    const badges = byId(
      buildBadge('c/x', { atLeast: 3, of: [{ skill: 'c/a' }, { skill: 'c/b' }] }),
    );
    const report = evaluateBadge('c/x', badges, statesFrom([validate('c/a'), validate('c/b')]));
    expect(report.eligible).toBe(false);
    expect(report.percent).toBeLessThan(100);
  });

  it('stacks badges: a badge leaf is met when held or when its criteria are met now', () => {
    const badges = byId(
      buildBadge('c/part1', { skill: 'c/a' }),
      buildBadge('c/part2', { skill: 'c/b' }),
      buildBadge('c/capstone', { allOf: [{ badge: 'c/part1' }, { badge: 'c/part2' }] }),
    );
    const states = statesFrom([validate('c/a')]);
    const report = evaluateBadge('c/capstone', badges, states);
    expect(report.met).toEqual([{ kind: 'badge', badgeId: 'c/part1' }]);
    expect(report.missing).toEqual([{ kind: 'badge', badgeId: 'c/part2', reason: 'not-earned' }]);
    expect(report.percent).toBe(50);
    const held = evaluateBadge('c/capstone', badges, states, { heldBadges: new Set(['c/part2']) });
    expect(held.eligible).toBe(true);
  });

  it('does not loop on badges requiring each other, and finds what is still earned', () => {
    const badges = byId(
      buildBadge('c/p', { atLeast: 1, of: [{ badge: 'c/q' }, { skill: 'c/a' }] }),
      buildBadge('c/q', { atLeast: 1, of: [{ badge: 'c/p' }, { skill: 'c/b' }] }),
      buildBadge('c/r', { badge: 'c/s' }),
      buildBadge('c/s', { badge: 'c/r' }),
    );
    const states = statesFrom([validate('c/a')]);
    // Whatever badge is asked first, p holds through c/a and q through p.
    expect(evaluateBadge('c/q', badges, states).eligible).toBe(true);
    expect(evaluateBadge('c/p', badges, states).eligible).toBe(true);
    expect(evaluateBadge('c/r', badges, states).eligible).toBe(false);
    expect(new Set(eligibleBadges(badges, states))).toEqual(new Set(['c/p', 'c/q']));
  });

  it('throws UnknownBadge for a badge it does not know', () => {
    expect(() => evaluateBadge('c/none', byId(), statesFrom([]))).toThrow(
      expect.objectContaining({ code: 'unknown-badge' }),
    );
  });
});

describe('eligibleBadges', () => {
  it('lists every met badge after the badges it needs', () => {
    const badges = byId(
      buildBadge('c/capstone', { allOf: [{ badge: 'c/part1' }, { badge: 'c/part2' }] }),
      buildBadge('c/part2', { skill: 'c/b' }),
      buildBadge('c/unmet', { skill: 'c/c' }),
      buildBadge('c/part1', { skill: 'c/a' }),
    );
    const eligible = eligibleBadges(badges, statesFrom([validate('c/a'), validate('c/b')]));
    expect(new Set(eligible)).toEqual(new Set(['c/capstone', 'c/part1', 'c/part2']));
    expect(eligible.indexOf('c/capstone')).toBeGreaterThan(eligible.indexOf('c/part1'));
    expect(eligible.indexOf('c/capstone')).toBeGreaterThan(eligible.indexOf('c/part2'));
  });

  it('agrees with evaluateBadge and evaluateBadges', () => {
    const badges = byId(
      buildBadge('c/one', { atLeast: 1, of: [{ skill: 'c/a' }, { skill: 'c/e' }] }),
      buildBadge('c/two', { allOf: [{ badge: 'c/one' }, { skill: 'c/b' }] }),
      buildBadge('c/three', { allOf: [{ badge: 'c/two' }, { skill: 'c/c' }] }),
    );
    const states = statesFrom([validate('c/a'), validate('c/b')]);
    const reports = evaluateBadges(badges, states);
    for (const id of badges.keys()) {
      expect(reports.get(id)).toEqual(evaluateBadge(id, badges, states));
    }
    expect(eligibleBadges(badges, states)).toEqual(
      [...reports.values()].filter((report) => report.eligible).map((report) => report.badgeId),
    );
  });
});
