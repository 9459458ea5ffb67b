/**
 * Bad progress input is refused with a typed error and leaves no trace: the same row counts
 * in every engine table before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidProgressEvent,
  LevelOutOfRange,
  UnknownPerson,
  UnknownProgressSkill,
} from '../../../server/app/engine-errors.ts';
import type { RecordProgressCommand } from '../../../server/app/record-progress.ts';
import { LocalisedError } from '../../../server/auth/errors.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const TABLES = [
  'progress_events',
  'skill_states',
  'learner_tracks',
  'badge_awards',
  'award_evidence',
  'notifications',
  'status_lists',
];

describe.each(testDatabaseKinds())('refused progress on %s', (kind) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('trainer-1', 'animateur@grange.example');
    await f.addPerson('jeanne', 'jeanne@example.org');
    // Two of the three skills of "premiers pas": a wrongly accepted third would issue a badge.
    for (const skill of ['allumer-son-appareil', 'utiliser-l-ecran-tactile']) {
      await f.record({
        learnerId: 'jeanne',
        skillId: `seniors-numerique/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer-1',
      });
    }
  });
  afterAll(async () => {
    await f?.dispose();
  });

  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = await f.count(table);
    const list = await f.db('status_lists').select('state');
    return { counts, list };
  };

  const base: RecordProgressCommand = {
    learnerId: 'jeanne',
    skillId: 'seniors-numerique/se-connecter-au-wifi',
    type: 'skill-validated',
    actorId: 'trainer-1',
  };

  it.each<[string, Partial<RecordProgressCommand>, new (...args: never[]) => Error, string]>([
    [
      'an unknown skill',
      { skillId: 'seniors-numerique/piloter-un-avion' },
      UnknownProgressSkill,
      'unknown-skill',
    ],
    [
      'a skill id without curriculum',
      { skillId: 'se-connecter-au-wifi' },
      UnknownProgressSkill,
      'unknown-skill',
    ],
    ['a level on a skill without levels', { level: 1 }, LevelOutOfRange, 'level-out-of-range'],
    [
      'a level above the skill levels',
      { skillId: 'seniors-numerique/envoyer-un-mail', level: 9 },
      LevelOutOfRange,
      'level-out-of-range',
    ],
    [
      'a level of zero',
      { skillId: 'seniors-numerique/envoyer-un-mail', level: 0 },
      LevelOutOfRange,
      'level-out-of-range',
    ],
    [
      'a fractional level',
      { skillId: 'seniors-numerique/envoyer-un-mail', level: 1.5 },
      LevelOutOfRange,
      'level-out-of-range',
    ],
    ['an unknown learner', { learnerId: 'nobody' }, UnknownPerson, 'unknown-person'],
    ['an unknown actor', { actorId: 'nobody' }, UnknownPerson, 'unknown-person'],
    [
      'an unknown session',
      { sessionId: 'no-such-session' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      // PostgreSQL refused to store it (varchar(64)) rather than find no such session.
      'a session id longer than any id',
      { sessionId: 'à'.repeat(200) },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a session id of 64 two-byte characters',
      { sessionId: 'à'.repeat(64) },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'an unknown event type',
      { type: 'skill-mastered' as never },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a rejection without comment',
      { type: 'skill-rejected', comment: ' ' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a withdrawal without reason',
      { type: 'validation-withdrawn' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a jury decision without outcome',
      { type: 'jury-decided' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a submission without evidence',
      { type: 'evidence-submitted' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'a self-assessment of a skill that a trainer must validate',
      { skillId: 'seniors-numerique/reperer-un-site-officiel', type: 'skill-self-assessed' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
    [
      'an unreadable date',
      { occurredAt: 'mardi dernier' },
      InvalidProgressEvent,
      'invalid-progress-event',
    ],
  ])('refuses %s and writes nothing', async (_, change, errorClass, code) => {
    const before = await snapshot();
    const error = await f.record({ ...base, ...change }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ code });
    expect(error).toBeInstanceOf(LocalisedError);
    const { messages } = error as LocalisedError;
    expect(messages.fr.length).toBeGreaterThan(0);
    expect(messages.en).toBe((error as Error).message);
    expect(await snapshot()).toEqual(before);
  });

  it('still records the valid event afterwards, in the same state', async () => {
    const result = await f.record(base);
    expect(result.issued.map((a) => a.badgeId)).toEqual(['seniors-numerique/premiers-pas']);
  });
});
