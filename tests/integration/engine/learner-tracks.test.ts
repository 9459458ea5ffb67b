/**
 * Saved learner tracks (`learner_tracks`): the learner's views read them and the events after
 * them instead of the whole ledger. Whatever the row holds (written with the last event, an
 * older one, none, another catalog's, unreadable), the states read are those of the whole
 * ledger folded at the current time; a read that rebuilt them saves them, never over a newer
 * row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import { readLearnerStates } from '../../../server/app/learner/learner-snapshot.ts';
import {
  readTracksAndLedgerEnd,
  saveTracks,
} from '../../../server/db/repositories/learner-tracks-repository.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import { LearnerProgress } from '../../../server/domain/progress/learner-progress.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { encodeTracks } from '../../../server/domain/progress/track-snapshot.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createEngineFixture, type EngineFixture } from './engine-fixture.ts';

const SENIORS = 'seniors-numerique';
const LEARNER = 'margot';

describe.each(testDatabaseKinds())('saved learner tracks on %s', (kind) => {
  let f: EngineFixture;
  beforeAll(async () => {
    f = await createEngineFixture(kind);
    await f.addPerson('trainer-1', 'animateur@grange.example');
    await f.addPerson(LEARNER, 'margot@example.org');
    const validate = (skill: string) =>
      f.record({
        learnerId: LEARNER,
        skillId: `${SENIORS}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer-1',
      });
    await validate('allumer-son-appareil');
    await validate('utiliser-l-ecran-tactile');
    await f.record({
      learnerId: LEARNER,
      skillId: `${SENIORS}/eviter-les-arnaques`,
      type: 'skill-validated',
      actorId: 'trainer-1',
    });
    await f.record({
      learnerId: LEARNER,
      skillId: `${SENIORS}/utiliser-l-ecran-tactile`,
      type: 'skill-rejected',
      actorId: 'trainer-1',
      comment: 'encore un essai',
    });
  });
  afterAll(async () => {
    await f?.dispose();
  });

  /** The whole ledger folded now: what every read must give. */
  async function wholeLedger() {
    const index = indexCatalog(f.catalog);
    const ledger = await learnerLedger(f.db, LEARNER);
    return {
      ledger,
      states: foldSkillStates(
        f.catalog.graph,
        ledger.map((e) => e.event),
        { now: f.clock(), validityMonths: index.validityMonths },
      ),
    };
  }

  const readSavedTracks = async (db: EngineFixture['db'], learnerId: string) =>
    (await readTracksAndLedgerEnd(db, learnerId)).saved;
  const read = () => readLearnerStates({ db: f.db, catalog: f.catalog, clock: f.clock }, LEARNER);

  it('are written with each event, through that event', async () => {
    const { ledger, states } = await wholeLedger();
    const { saved, lastSeq } = await readTracksAndLedgerEnd(f.db, LEARNER);
    expect(lastSeq).toBe(ledger.at(-1)?.seq);
    expect(saved?.throughSeq).toBe(lastSeq);
    expect(saved?.catalogKey).toBe(indexCatalog(f.catalog).contentKey);
    expect([...(await read())]).toEqual([...states]);
    expect((await read()).get(`${SENIORS}/allumer-son-appareil`)?.status).toBe('validated');
  });

  it('judge expiry when read, not when saved', async () => {
    const before = await read();
    expect(before.get(`${SENIORS}/eviter-les-arnaques`)?.status).toBe('validated');
    const saved = await readSavedTracks(f.db, LEARNER);
    // 25 months on: the 24-month validation has lapsed, with the same row in the table.
    f.clock.set(new Date(f.clock().getTime() + 25 * 31 * 86_400_000));
    const after = await read();
    expect(after.get(`${SENIORS}/eviter-les-arnaques`)?.status).toBe('expired');
    expect([...after]).toEqual([...(await wholeLedger()).states]);
    expect(await readSavedTracks(f.db, LEARNER)).toEqual(saved);
  });

  it('fold the events after an older row, and a read never writes over a newer row', async () => {
    const { ledger, states } = await wholeLedger();
    const index = indexCatalog(f.catalog);
    const older = LearnerProgress.fold(
      f.catalog.graph,
      ledger.slice(0, 2).map((e) => e.event),
      { now: f.clock(), validityMonths: index.validityMonths },
    );
    const newest = await readSavedTracks(f.db, LEARNER);
    const olderRow = {
      learnerId: LEARNER,
      throughSeq: ledger[1]?.seq ?? 0,
      catalogKey: index.contentKey,
      tracks: encodeTracks(older.tracks),
    };
    // A late save of older tracks leaves the newer row as it is.
    await saveTracks(f.db, olderRow, f.clock());
    expect(await readSavedTracks(f.db, LEARNER)).toEqual(newest);

    // Put back by hand, the older row still reads right: the two later events are folded on.
    await f.db('learnerTracks').where('learnerId', LEARNER).delete();
    await saveTracks(f.db, olderRow, f.clock());
    expect([...(await read())]).toEqual([...states]);
    // Two events behind is not worth a write on a read: the older row stays.
    expect((await readSavedTracks(f.db, LEARNER))?.throughSeq).toBe(olderRow.throughSeq);
  });

  it('are rebuilt from the whole ledger when missing, of another catalog or unreadable', async () => {
    const { ledger, states } = await wholeLedger();
    const last = ledger.at(-1)?.seq;
    const contentKey = indexCatalog(f.catalog).contentKey;
    const spoil = [
      () => f.db('learnerTracks').where('learnerId', LEARNER).delete(),
      () => f.db('learnerTracks').where('learnerId', LEARNER).update({ catalogKey: 'sha256:old' }),
      () => f.db('learnerTracks').where('learnerId', LEARNER).update({ tracks: '{"format":1' }),
      // Another catalog's row even claims a later event: it is replaced all the same.
      () =>
        f
          .db('learnerTracks')
          .where('learnerId', LEARNER)
          .update({ catalogKey: 'sha256:old', throughSeq: (last ?? 0) + 1000 }),
    ];
    for (const change of spoil) {
      await change();
      expect([...(await read())]).toEqual([...states]);
      const saved = await readSavedTracks(f.db, LEARNER);
      expect(saved).toMatchObject({ throughSeq: last, catalogKey: contentKey });
      expect([...(await read())]).toEqual([...states]);
    }
  });
});
