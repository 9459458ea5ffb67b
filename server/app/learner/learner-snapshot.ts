/**
 * What the learner's own views (the home's next steps and curricula, each curriculum's
 * progress, the skill pages) read about their progress: the state of every skill at the
 * current time, and the badges they hold (which and until when; no credential). A page asks
 * several of those fields at once, so the GraphQL context reads it once per request and
 * learner (`loaders.learnerSnapshot`) and every field shares it.
 *
 * States are the fold of the learner's ledger (`foldSkillStates`'s rules), worked out from
 * their saved tracks (`learner_tracks`, written with each event) and the events after them,
 * usually none: one row instead of a ledger whose rows lie scattered over the table. Without
 * saved tracks, or with tracks of another catalog, the whole ledger is folded, and the tracks
 * are saved for the next read when that was long.
 */
import type { Database } from '../../db/connection.ts';
import {
  listStandingBadges,
  type StandingBadge,
} from '../../db/repositories/badge-awards-repository.ts';
import {
  readSavedTracks,
  readTracksAndLedgerEnd,
  saveTracks,
  type TracksAndLedgerEnd,
} from '../../db/repositories/learner-tracks-repository.ts';
import { learnerLedgerAfter, ledgerEnd } from '../../db/repositories/progress-ledger-repository.ts';
import {
  foldTracks,
  type SkillState,
  settleAll,
  settledBetween,
  type Track,
} from '../../domain/progress/skill-states.ts';
import { decodeTracks, encodeTracks } from '../../domain/progress/track-snapshot.ts';
import { toMillis } from '../../domain/time.ts';
import type { Catalog } from '../check-curricula.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import type { LearnerStatesCache } from '../ledger-cache.ts';

export type { StandingBadge };

/** A learner's progress at one instant. */
export interface LearnerSnapshot {
  /** The state of every skill of the catalog, folded from the ledger. */
  states: ReadonlyMap<string, SkillState>;
  /** The learner's awards that are not revoked (expired ones included), oldest first. */
  standing: readonly StandingBadge[];
}

export interface LearnerStatesDeps {
  db: Database;
  catalog: Catalog;
  clock: () => Date;
  /** Settled states kept between requests (`ledger-cache.ts`); none: fold each time. */
  learnerStatesCache?: LearnerStatesCache;
}

/** Events folded on a read past which the read saves the tracks it worked out. */
export const SAVE_TRACKS_AFTER = 20;

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner.
 * @param read their states when the caller has read them already (a GraphQL request shares
 *   one read between its fields); else they are read here.
 * @param readStanding their standing badges, likewise (a GraphQL request reads them with their
 *   other facts, `learner-facts-repository.ts`).
 * @returns their states and standing badges.
 */
export async function readLearnerSnapshot(
  deps: LearnerStatesDeps,
  learnerId: string,
  read: Promise<ReadonlyMap<string, SkillState>> = readLearnerStates(deps, learnerId),
  readStanding: Promise<readonly StandingBadge[]> = listStandingBadges(deps.db, learnerId),
): Promise<LearnerSnapshot> {
  const [states, standing] = await Promise.all([read, readStanding]);
  return { states, standing };
}

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner.
 * @param knownLedgerEnd where their ledger ended when the caller read their row (a GraphQL
 *   request reads its viewer's at sign-in): not read again. Read before their events, as
 *   `ledgerEnd` would be.
 * @returns the state of every skill of the catalog now, in topological order.
 */
export async function readLearnerStates(
  deps: LearnerStatesDeps,
  learnerId: string,
  knownLedgerEnd?: number,
): Promise<ReadonlyMap<string, SkillState>> {
  const index = indexCatalog(deps.catalog);
  const now = deps.clock();
  const cache = deps.learnerStatesCache;
  let read: TracksAndLedgerEnd;
  if (cache === undefined) {
    read = await readTracksAndLedgerEnd(deps.db, learnerId);
  } else {
    // Where the ledger ends says whether what is kept still holds: the saved tracks (a few
    // KB) are read only when it does not.
    const lastSeq = knownLedgerEnd ?? (await ledgerEnd(deps.db, learnerId));
    const kept = cache.find(index.contentKey, learnerId, { lastSeq, now: now.getTime() });
    if (kept !== undefined) return kept;
    read = { saved: await readSavedTracks(deps.db, learnerId), lastSeq };
  }
  const { saved, lastSeq } = read;
  let tracks: Map<string, Track> | undefined;
  if (saved !== undefined && saved.catalogKey === index.contentKey) {
    tracks = decodeTracks(saved.tracks);
  }
  const throughSeq = tracks === undefined ? 0 : (saved?.throughSeq ?? 0);
  // Read from the saved tracks' `seq`: an event committed since is in this tail too.
  const tail = lastSeq > throughSeq ? await learnerLedgerAfter(deps.db, learnerId, throughSeq) : [];
  const folded = foldTracks(
    deps.catalog.graph,
    tail.map((entry) => entry.event),
    index.validityMonths,
    tracks,
  );
  const last = tail.at(-1);
  if (last !== undefined && (tracks === undefined || tail.length >= SAVE_TRACKS_AFTER)) {
    await saveTracks(
      deps.db,
      {
        learnerId,
        throughSeq: last.seq,
        catalogKey: index.contentKey,
        tracks: encodeTracks(folded),
      },
      now,
    );
  }
  const millis = toMillis(now);
  const states = settleAll(deps.catalog.graph, folded, millis);
  cache?.keep(index.contentKey, learnerId, {
    throughSeq: last?.seq ?? throughSeq,
    ...settledBetween(folded, millis),
    value: states,
  });
  return states;
}

/**
 * @param snapshot the learner's snapshot.
 * @param now the current time.
 * @returns the badges they hold now: standing and not expired.
 */
export function badgesHeldAt(snapshot: LearnerSnapshot, now: Date): Set<string> {
  return new Set(
    snapshot.standing
      .filter((a) => a.validUntil === undefined || Date.parse(a.validUntil) > now.getTime())
      .map((a) => a.badgeId),
  );
}
