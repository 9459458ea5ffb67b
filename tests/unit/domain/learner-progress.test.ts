/**
 * Applying events one at a time (`LearnerProgress.apply`, `BadgeEligibility.update`, what
 * `recordProgress` does after the new event) gives exactly what folding the whole ledger and
 * evaluating every badge gives (`foldSkillStates`, `eligibleBadges`): on random graphs, badges
 * (loops between badges included) and ledgers of every event type.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadgeEligibility } from '../../../server/domain/criteria/badge-eligibility.ts';
import type {
  BadgeDefinition,
  CriteriaRule,
} from '../../../server/domain/criteria/criteria-rule.ts';
import { eligibleBadges } from '../../../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import { LearnerProgress } from '../../../server/domain/progress/learner-progress.ts';
import {
  foldSkillStates,
  foldTracks,
  settleAll,
  settledBetween,
} from '../../../server/domain/progress/skill-states.ts';
import { decodeTracks, encodeTracks } from '../../../server/domain/progress/track-snapshot.ts';
import { requireSkillGraph } from '../../../server/domain/skills/skill-graph.ts';
import { buildBadge, buildEvent, buildSkill } from './builders.ts';

const START = Date.parse('2024-01-01T00:00:00Z');
const DAY = 86_400_000;

interface Scenario {
  skills: { prerequisites: number[]; levelCount: number; months?: number }[];
  badges: { rule: CriteriaRule; acceptsSelfAssessment: boolean }[];
  held: number[];
  events: ProgressEvent[];
  /** How many events are folded before the rest are applied one by one. */
  folded: number;
  now: string;
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    skillCount: fc.integer({ min: 1, max: 10 }),
    badgeCount: fc.integer({ min: 0, max: 6 }),
    seed: fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
    eventCount: fc.integer({ min: 0, max: 40 }),
    folded: fc.nat(),
    nowDays: fc.integer({ min: 0, max: 1500 }),
  })
  .map(({ skillCount, badgeCount, seed, eventCount, folded, nowDays }) => {
    let cursor = 0;
    const next = (n: number) => (seed[cursor++ % seed.length] as number) % Math.max(1, n);
    const skills = Array.from({ length: skillCount }, (_, i) => ({
      prerequisites: i === 0 ? [] : [...new Set(Array.from({ length: next(3) }, () => next(i)))],
      levelCount: next(3) === 0 ? 3 : 0,
      ...(next(3) === 0 ? { months: 1 + next(12) } : {}),
    }));
    const leaf = (): CriteriaRule => {
      const k = next(10);
      if (k < 2 && badgeCount > 0) return { badge: `c/badge-${next(badgeCount)}` };
      const skill = next(skillCount);
      const levels = skills[skill]?.levelCount ?? 0;
      return levels > 0 && next(2) === 0
        ? { skill: `c/s${skill}`, minLevel: 1 + next(levels) }
        : { skill: `c/s${skill}` };
    };
    const badges = Array.from({ length: badgeCount }, () => {
      const children = Array.from({ length: 1 + next(4) }, leaf);
      const rule: CriteriaRule =
        next(2) === 0 ? { allOf: children } : { atLeast: next(children.length + 1), of: children };
      return { rule, acceptsSelfAssessment: next(2) === 0 };
    });
    const types = [
      'skill-started',
      'evidence-submitted',
      'skill-self-assessed',
      'skill-validated',
      'skill-validated',
      'skill-rejected',
      'validation-withdrawn',
      'jury-decided',
    ] as const;
    const events = Array.from({ length: eventCount }, (_, i): ProgressEvent => {
      // Now and then an event for a skill the graph no longer has: ignored, never thrown.
      const skill = next(12) === 0 ? 'c/gone' : `c/s${next(skillCount)}`;
      const levels = skills[Number(skill.slice(3))]?.levelCount ?? 0;
      const at = new Date(START + i * 7 * DAY).toISOString();
      const type = types[next(types.length)] as (typeof types)[number];
      const level = levels > 0 && next(3) > 0 ? { level: 1 + next(levels) } : {};
      switch (type) {
        case 'skill-started':
          return buildEvent(type, skill, at, {});
        case 'evidence-submitted':
          return buildEvent(type, skill, at, { evidenceId: `e${i}` });
        case 'skill-self-assessed':
        case 'skill-validated':
          return buildEvent(type, skill, at, level);
        case 'skill-rejected':
          return buildEvent(type, skill, at, { comment: 'encore' });
        case 'validation-withdrawn':
          return buildEvent(type, skill, at, { reason: 'erreur' });
        default:
          return buildEvent('jury-decided', skill, at, {
            outcome: (['recu', 'ajourne', 'refuse'] as const)[next(3)] ?? 'recu',
          });
      }
    });
    return {
      skills,
      badges,
      held:
        badgeCount === 0
          ? []
          : [...new Set(Array.from({ length: next(3) }, () => next(badgeCount)))],
      events,
      folded: folded % (eventCount + 1),
      now: new Date(START + nowDays * DAY).toISOString(),
    };
  });

function graphOf(s: Scenario) {
  const graph = requireSkillGraph(
    s.skills.map((skill, i) =>
      buildSkill(
        `c/s${i}`,
        skill.prerequisites.map((p) => `c/s${p}`),
        { levelCount: skill.levelCount },
      ),
    ),
  );
  const months = new Map(s.skills.map((skill, i) => [`c/s${i}`, skill.months]));
  return { graph, options: { now: s.now, validityMonths: (id: string) => months.get(id) } };
}

describe('applying events one at a time', () => {
  it('gives the states and eligible badges of the whole ledger, after every event', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { graph, options } = graphOf(s);
        const badges = new Map<string, BadgeDefinition>(
          s.badges.map((badge, i) => [
            `c/badge-${i}`,
            buildBadge(`c/badge-${i}`, badge.rule, {
              acceptsSelfAssessment: badge.acceptsSelfAssessment,
            }),
          ]),
        );
        const held = new Set(s.held.map((i) => `c/badge-${i}`));

        const progress = LearnerProgress.fold(graph, s.events.slice(0, s.folded), options);
        const eligibility = new BadgeEligibility(badges, progress.states, held);
        const expectSameAsFold = (upTo: number) => {
          const folded = foldSkillStates(graph, s.events.slice(0, upTo), options);
          expect([...progress.states]).toEqual([...folded]);
          expect(eligibility.eligible()).toEqual(
            eligibleBadges(badges, folded, { heldBadges: held }),
          );
        };
        expectSameAsFold(s.folded);
        for (let i = s.folded; i < s.events.length; i += 1) {
          eligibility.update(progress.apply(s.events[i] as ProgressEvent));
          expectSameAsFold(i + 1);
        }
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('reports the skills it changed: the event’s skill, then the skills it unlocked', () => {
    const graph = requireSkillGraph([
      buildSkill('c/web'),
      buildSkill('c/mail', ['c/web']),
      buildSkill('c/docs', ['c/web', 'c/mail']),
    ]);
    const progress = LearnerProgress.fold(graph, [], { now: '2025-06-01T00:00:00Z' });
    expect(progress.states.get('c/mail')?.status).toBe('locked');
    const changed = progress.apply(
      buildEvent('skill-validated', 'c/web', '2025-01-01T00:00:00Z', {}),
    );
    expect(changed).toEqual(['c/web', 'c/mail']);
    expect(progress.states.get('c/mail')?.status).toBe('available');
    expect(progress.states.get('c/docs')?.status).toBe('locked');
    expect(
      progress.apply(buildEvent('skill-started', 'c/gone', '2025-01-02T00:00:00Z', {})),
    ).toEqual([]);
  });
});

describe('a snapshot of the tracks', () => {
  it('written after some events, read back and folded on with the rest, gives the whole ledger’s states', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { graph, options } = graphOf(s);
        const saved = LearnerProgress.fold(graph, s.events.slice(0, s.folded), options);
        const text = encodeTracks(saved.tracks);
        const read = decodeTracks(text);
        expect(read).toBeDefined();
        const tracks = foldTracks(graph, s.events.slice(s.folded), options.validityMonths, read);
        const now = Date.parse(s.now);
        expect([...settleAll(graph, tracks, now)]).toEqual([
          ...foldSkillStates(graph, s.events, options),
        ]);
        // Written again, the same text: nothing is lost or reordered on the way.
        expect(encodeTracks(decodeTracks(text) ?? new Map())).toBe(text);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('settles to the same states anywhere between the lapses around now (settledBetween)', () => {
    fc.assert(
      fc.property(scenario, fc.double({ min: 0, max: 1, noNaN: true }), (s, where) => {
        const { graph, options } = graphOf(s);
        const tracks = foldTracks(graph, s.events, options.validityMonths);
        const now = Date.parse(s.now);
        const { from, until } = settledBetween(tracks, now);
        expect(from).toBeLessThanOrEqual(now);
        expect(until).toBeGreaterThan(now);
        const states = [...settleAll(graph, tracks, now)];
        // The ends of the interval (bounded by the ledger's span when open) and a point inside.
        const low = Number.isFinite(from) ? from : START - 3650 * DAY;
        const high = Number.isFinite(until) ? until - 1 : START + 3650 * DAY;
        for (const t of [low, high, Math.floor(low + (high - low) * where)]) {
          expect([...settleAll(graph, tracks, t)]).toEqual(states);
        }
        // Just past a bound, a lapse has happened: the bound is one (not a guess).
        const lapses = [...tracks.values()].flatMap((t) => [t.officialUntil, t.selfUntil]);
        if (Number.isFinite(until)) expect(lapses).toContain(until);
        if (Number.isFinite(from)) expect(lapses).toContain(from);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('is refused, not half read, when the text is not a snapshot of this format', () => {
    const valid = encodeTracks(
      foldTracks(
        requireSkillGraph([buildSkill('c/web')]),
        [buildEvent('skill-validated', 'c/web', '2025-01-01T00:00:00Z', {})],
        undefined,
      ),
    );
    expect(decodeTracks(valid)?.get('c/web')?.official?.source).toBe('trainer');
    for (const text of [
      '',
      'not json',
      '[]',
      '{"format":2,"tracks":[]}',
      '{"format":1}',
      '{"format":1,"tracks":[["c/web",{"pending":"yes","withdrawn":false}]]}',
      '{"format":1,"tracks":[["c/web",{"pending":false,"withdrawn":false,"official":{"source":"boss","by":"x","at":"y"}}]]}',
      '{"format":1,"tracks":[["c/web",{"pending":false,"withdrawn":false,"officialUntil":"soon"}]]}',
      '{"format":1,"tracks":[[42,{"pending":false,"withdrawn":false}]]}',
    ]) {
      expect(decodeTracks(text), text).toBeUndefined();
    }
  });
});
