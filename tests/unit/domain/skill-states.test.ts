import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import {
  foldSkillStates,
  isSatisfied,
  type SkillState,
} from '../../../server/domain/progress/skill-states.ts';
import { buildEvent, buildGraph } from './builders.ts';

const graph = buildGraph(
  {
    'c/web': [],
    'c/mail': ['c/web'],
    'c/docs': ['c/web', 'c/mail'],
    'c/secours': [],
  },
  { 'c/mail': { levelCount: 3 } },
);
const NOW = '2025-06-01T00:00:00.000Z';

function fold(
  events: readonly ProgressEvent[],
  now = NOW,
  months?: number,
): ReadonlyMap<string, SkillState> {
  return foldSkillStates(graph, events, {
    now,
    validityMonths: (skillId) => (skillId === 'c/secours' ? months : undefined),
  });
}

function stateOf(events: readonly ProgressEvent[], skillId = 'c/mail'): SkillState {
  const state = fold(events).get(skillId);
  if (state === undefined) throw new Error(`no state for ${skillId}`);
  return state;
}

describe('foldSkillStates', () => {
  it('gives every skill a state: available without prerequisites, otherwise locked', () => {
    const states = fold([]);
    expect([...states.keys()].sort()).toEqual(['c/docs', 'c/mail', 'c/secours', 'c/web']);
    expect(states.get('c/web')?.status).toBe('available');
    expect(states.get('c/mail')?.status).toBe('locked');
  });

  it('unlocks a skill once every prerequisite is validated, by any source', () => {
    const states = fold([
      buildEvent('skill-self-assessed', 'c/web', '2025-01-01T00:00:00Z', {}),
      buildEvent('skill-validated', 'c/mail', '2025-01-02T00:00:00Z', { level: 1 }),
    ]);
    expect(states.get('c/docs')?.status).toBe('available');
    const partly = fold([buildEvent('skill-validated', 'c/web', '2025-01-01T00:00:00Z', {})]);
    expect(partly.get('c/docs')?.status).toBe('locked');
    expect(partly.get('c/mail')?.status).toBe('available');
  });

  it('keeps the event-derived status of a skill whose prerequisites are missing', () => {
    const state = stateOf(
      [buildEvent('skill-validated', 'c/docs', '2025-01-01T00:00:00Z', {})],
      'c/docs',
    );
    expect(state.status).toBe('validated');
  });

  it('ignores events for skills the graph does not have', () => {
    const states = fold([buildEvent('skill-validated', 'other/skill', '2025-01-01T00:00:00Z', {})]);
    expect(states.has('other/skill')).toBe(false);
    expect(states.size).toBe(4);
  });

  it('moves through started, submitted, rejected and validated', () => {
    const started = buildEvent('skill-started', 'c/mail', '2025-01-01T00:00:00Z', {});
    const submitted = buildEvent('evidence-submitted', 'c/mail', '2025-01-02T00:00:00Z', {
      evidenceId: 'ev1',
    });
    const rejected = buildEvent('skill-rejected', 'c/mail', '2025-01-03T00:00:00Z', {
      comment: 'Encore un essai',
    });
    const validated = buildEvent('skill-validated', 'c/mail', '2025-01-04T00:00:00Z', { level: 2 });

    expect(stateOf([started]).status).toBe('in_progress');
    expect(stateOf([started, submitted]).status).toBe('submitted');
    expect(stateOf([started, submitted, started]).status).toBe('submitted');
    const afterRejection = stateOf([started, submitted, rejected]);
    expect(afterRejection.status).toBe('in_progress');
    expect(afterRejection.lastRejection).toEqual({
      by: 'trainer-1',
      at: rejected.at,
      comment: 'Encore un essai',
    });
    const done = stateOf([started, submitted, rejected, validated]);
    expect(done.status).toBe('validated');
    expect(done.validation).toEqual({
      source: 'trainer',
      level: 2,
      by: 'trainer-1',
      at: validated.at,
    });
    expect(done.lastEventAt).toBe(validated.at);
  });

  it('never lets a later self-assessment replace a trainer validation, but records it', () => {
    const state = stateOf([
      buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 2 }),
      buildEvent('skill-self-assessed', 'c/mail', '2025-01-02T00:00:00Z', { level: 1 }),
    ]);
    expect(state.status).toBe('validated');
    expect(state.validation).toMatchObject({ source: 'trainer', level: 2 });
    expect(state.selfAssessment).toMatchObject({ source: 'self', level: 1 });
  });

  it('lets a later trainer validation replace an earlier one (re-validation)', () => {
    const state = stateOf([
      buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 3 }),
      buildEvent('skill-validated', 'c/mail', '2025-02-01T00:00:00Z', { level: 1 }),
    ]);
    expect(state.validation).toMatchObject({
      source: 'trainer',
      level: 1,
      at: '2025-02-01T00:00:00Z',
    });
  });

  it('counts a self-assessment as validated (source self) when nothing better exists', () => {
    const state = stateOf([
      buildEvent('skill-self-assessed', 'c/mail', '2025-01-01T00:00:00Z', { level: 2 }),
    ]);
    expect(state.status).toBe('validated');
    expect(state.validation?.source).toBe('self');
  });

  it('keeps a trainer-validated skill validated when evidence is submitted again', () => {
    const state = stateOf([
      buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 1 }),
      buildEvent('evidence-submitted', 'c/mail', '2025-01-02T00:00:00Z', { evidenceId: 'ev2' }),
    ]);
    expect(state.status).toBe('validated');
  });

  it('does not take back a validated level when a later attempt is rejected', () => {
    const state = stateOf([
      buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 1 }),
      buildEvent('evidence-submitted', 'c/mail', '2025-01-02T00:00:00Z', { evidenceId: 'ev2' }),
      buildEvent('skill-rejected', 'c/mail', '2025-01-03T00:00:00Z', {
        comment: 'Pas encore le niveau 2',
      }),
    ]);
    expect(state.status).toBe('validated');
    expect(state.validation?.level).toBe(1);
    expect(state.lastRejection?.comment).toBe('Pas encore le niveau 2');
  });

  it('withdraws every validation until a new validation or submission', () => {
    const validated = buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 1 });
    const selfAssessed = buildEvent('skill-self-assessed', 'c/mail', '2025-01-02T00:00:00Z', {});
    const withdrawn = buildEvent('validation-withdrawn', 'c/mail', '2025-01-03T00:00:00Z', {
      reason: 'erreur',
    });
    const started = buildEvent('skill-started', 'c/mail', '2025-01-04T00:00:00Z', {});
    const submitted = buildEvent('evidence-submitted', 'c/mail', '2025-01-05T00:00:00Z', {
      evidenceId: 'ev',
    });

    const state = stateOf([validated, selfAssessed, withdrawn]);
    expect(state.status).toBe('withdrawn');
    expect(state.validation).toBeUndefined();
    expect(state.selfAssessment).toBeUndefined();
    expect(stateOf([validated, withdrawn, started]).status).toBe('withdrawn');
    expect(stateOf([validated, withdrawn, submitted]).status).toBe('submitted');
    expect(stateOf([validated, withdrawn, selfAssessed]).status).toBe('validated');
  });

  it('applies jury decisions: reçu validates, ajourné sends back, refusé withdraws', () => {
    const trained = buildEvent('skill-validated', 'c/mail', '2025-01-01T00:00:00Z', { level: 2 });
    const jury = (outcome: 'recu' | 'ajourne' | 'refuse') =>
      buildEvent('jury-decided', 'c/mail', '2025-03-01T00:00:00Z', {
        outcome,
        comment: 'Décision',
        by: 'jury-1',
      });

    const received = stateOf([jury('recu')]);
    expect(received.status).toBe('validated');
    expect(received.validation).toMatchObject({ source: 'jury', by: 'jury-1' });
    // The jury confirms without grading: the level validated by the trainer stays.
    expect(stateOf([trained, jury('recu')]).validation).toMatchObject({ source: 'jury', level: 2 });

    const postponed = stateOf([trained, jury('ajourne')]);
    expect(postponed.status).toBe('in_progress');
    expect(postponed.validation).toBeUndefined();
    expect(postponed.lastRejection).toEqual({
      by: 'jury-1',
      at: '2025-03-01T00:00:00Z',
      comment: 'Décision',
    });

    const refused = stateOf([trained, jury('recu'), jury('refuse')]);
    expect(refused.status).toBe('withdrawn');
    expect(refused.validation).toBeUndefined();
  });

  it('lets a validation lapse at at + validityMonths, clamping to the end of the month', () => {
    const validated = buildEvent('skill-validated', 'c/secours', '2024-01-31T10:00:00.000Z', {});
    const before = fold([validated], '2024-02-29T09:59:59.999Z', 1).get('c/secours');
    expect(before?.status).toBe('validated');
    expect(before?.validation?.expiresAt).toBe('2024-02-29T10:00:00.000Z');
    const at = fold([validated], '2024-02-29T10:00:00.000Z', 1).get('c/secours');
    expect(at?.status).toBe('expired');
    expect(at?.validation?.source).toBe('trainer');
    // Without a validity, the same validation never lapses.
    expect(fold([validated], '2099-01-01T00:00:00Z').get('c/secours')?.status).toBe('validated');
  });

  it('falls back to a standing self-assessment or a pending submission after a lapse', () => {
    const validated = buildEvent('skill-validated', 'c/secours', '2023-01-01T00:00:00Z', {});
    const self = buildEvent('skill-self-assessed', 'c/secours', '2025-05-01T00:00:00Z', {});
    const renewal = buildEvent('evidence-submitted', 'c/secours', '2025-05-02T00:00:00Z', {
      evidenceId: 'ev',
    });
    const states = fold([validated, self], NOW, 12);
    expect(states.get('c/secours')?.validation?.source).toBe('self');
    expect(fold([validated, renewal], NOW, 12).get('c/secours')?.status).toBe('submitted');
  });

  it('accepts now as a Date', () => {
    const states = foldSkillStates(graph, [], { now: new Date(NOW) });
    expect(states.get('c/web')?.status).toBe('available');
  });

  it('rejects an unreadable now', () => {
    expect(() => fold([], 'yesterday')).toThrow(expect.objectContaining({ code: 'invalid-date' }));
  });
});

describe('isSatisfied', () => {
  const validated = (validation: SkillState['validation'], levelCount = 3): SkillState => ({
    skillId: 'c/mail',
    status: 'validated',
    validation,
    levelCount,
  });

  it('counts self-assessment only when accepted', () => {
    const state = validated({ source: 'self', by: 'l', at: NOW });
    expect(isSatisfied(state, { acceptSelf: false })).toBe(false);
    expect(isSatisfied(state, { acceptSelf: true })).toBe(true);
  });

  it('compares levels, and lets a validation without level meet minLevel only for skills without levels', () => {
    const level2 = validated({ source: 'trainer', level: 2, by: 't', at: NOW });
    expect(isSatisfied(level2, { acceptSelf: false, minLevel: 2 })).toBe(true);
    expect(isSatisfied(level2, { acceptSelf: false, minLevel: 3 })).toBe(false);
    const noLevel = { source: 'trainer', by: 't', at: NOW } as const;
    expect(isSatisfied(validated(noLevel, 3), { acceptSelf: false, minLevel: 1 })).toBe(false);
    expect(isSatisfied(validated(noLevel, 0), { acceptSelf: false, minLevel: 1 })).toBe(true);
    expect(isSatisfied(validated(noLevel, 3), { acceptSelf: false })).toBe(true);
  });

  it('is never met by other statuses', () => {
    const expired: SkillState = {
      skillId: 'c/mail',
      status: 'expired',
      validation: { source: 'trainer', by: 't', at: NOW },
    };
    expect(isSatisfied(expired, { acceptSelf: true })).toBe(false);
    expect(isSatisfied(undefined, { acceptSelf: true })).toBe(false);
  });
});
