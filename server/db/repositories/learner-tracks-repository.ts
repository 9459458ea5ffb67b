/**
 * Saved learner tracks (`learner_tracks`): a cache of a learner's fold, as of one event of
 * their ledger, so their progress is read from one row and the few events after it.
 */
import type { Database } from '../connection.ts';
import { selectRows } from '../select-rows.ts';

/** The tracks of a learner as of one event. */
export interface SavedTracks {
  learnerId: string;
  /** The `seq` of the last event folded in. */
  throughSeq: number;
  /** The key of the catalog the events were folded with. */
  catalogKey: string;
  /** `encodeTracks`'s text. */
  tracks: string;
}

/** A learner's saved tracks, and how far their ledger goes. */
export interface TracksAndLedgerEnd {
  /** Undefined when none were saved. */
  saved: SavedTracks | undefined;
  /** The `seq` of the learner's last event; 0 when they have none. */
  lastSeq: number;
}

/**
 * One statement, so both answers are of the same moment: when `lastSeq` is the saved tracks'
 * `throughSeq`, the tracks are the whole ledger's and no event needs reading.
 *
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns their saved tracks and the `seq` of their last event.
 */
export async function readTracksAndLedgerEnd(
  db: Database,
  learnerId: string,
): Promise<TracksAndLedgerEnd> {
  // Read by every learner page: written out for `selectRows` rather than built.
  const [row] = await selectRows<{
    lastSeq: number | string | null;
    throughSeq: number | string | null;
    catalogKey: string | null;
    tracks: string | null;
  }>(
    db,
    `select (select max(seq) from progress_events where learner_id = ?) as "lastSeq",
       (select through_seq from learner_tracks where learner_id = ?) as "throughSeq",
       (select catalog_key from learner_tracks where learner_id = ?) as "catalogKey",
       (select tracks from learner_tracks where learner_id = ?) as "tracks"`,
    [learnerId, learnerId, learnerId, learnerId],
  );
  const lastSeq = Number(row?.lastSeq ?? 0);
  if (row?.throughSeq == null || row.catalogKey === null || row.tracks === null) {
    return { saved: undefined, lastSeq };
  }
  return {
    saved: {
      learnerId,
      throughSeq: Number(row.throughSeq),
      catalogKey: row.catalogKey,
      tracks: row.tracks,
    },
    lastSeq,
  };
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns their saved tracks; undefined when none were saved.
 */
export async function readSavedTracks(
  db: Database,
  learnerId: string,
): Promise<SavedTracks | undefined> {
  const [row] = await selectRows<{
    throughSeq: number | string;
    catalogKey: string;
    tracks: string;
  }>(
    db,
    `select through_seq as "throughSeq", catalog_key as "catalogKey", tracks
     from learner_tracks where learner_id = ?`,
    [learnerId],
  );
  return row === undefined
    ? undefined
    : {
        learnerId,
        throughSeq: Number(row.throughSeq),
        catalogKey: row.catalogKey,
        tracks: row.tracks,
      };
}

/**
 * Saves a learner's tracks, unless what is saved already is more recent (a later event, of
 * the same catalog): a read that rebuilt them never overwrites what an event's transaction
 * wrote since, whichever commits last. Through the same event, it overwrites: the content is
 * the same, unless the saved text could not be read.
 *
 * @param db the database or a transaction.
 * @param saved the tracks.
 * @param now when they are saved.
 */
export async function saveTracks(db: Database, saved: SavedTracks, now: Date): Promise<void> {
  await db('learnerTracks')
    .insert({
      learnerId: saved.learnerId,
      throughSeq: saved.throughSeq,
      catalogKey: saved.catalogKey,
      tracks: saved.tracks,
      updatedAt: now.toISOString(),
    })
    .onConflict('learnerId')
    .merge()
    .whereRaw(
      'learner_tracks.through_seq <= excluded.through_seq or learner_tracks.catalog_key <> excluded.catalog_key',
    );
}
