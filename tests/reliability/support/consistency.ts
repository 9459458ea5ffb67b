/**
 * What must hold in a Grange database whatever happened to the server (load, a kill -9, a
 * restore): the projection is the fold of the ledger, every badge the ledger earns is issued
 * exactly once with its evidence, its status-list index and its notification, and no row
 * points at nothing. Read from the test process with the domain core, never through the
 * server, so a server bug cannot hide itself.
 */

import { restoreStatusList } from '../../../badges/status/status-list.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import type { Database } from '../../../server/db/connection.ts';
import { readTracksAndLedgerEnd } from '../../../server/db/repositories/learner-tracks-repository.ts';
import {
  type LedgerEntry,
  learnerLedger,
} from '../../../server/db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  sameSkillStateRow,
  skillStateRow,
} from '../../../server/db/repositories/skill-states-repository.ts';
import { findStatusList } from '../../../server/db/repositories/status-lists-repository.ts';
import { eligibleBadges } from '../../../server/domain/criteria/evaluate-criteria.ts';
import {
  foldSkillStates,
  foldTracks,
  type SkillState,
  settleAll,
} from '../../../server/domain/progress/skill-states.ts';
import { decodeTracks } from '../../../server/domain/progress/track-snapshot.ts';

/**
 * The learner's saved tracks (what their views read), when saved, must be the fold of their
 * ledger up to the event they name, of this catalog: settled with the later events folded on,
 * they give the whole ledger's states.
 */
async function savedTracksProblems(
  db: Database,
  catalog: Catalog,
  learnerId: string,
  ledger: readonly LedgerEntry[],
  states: ReadonlyMap<string, SkillState>,
  now: Date,
): Promise<string[]> {
  const { saved, lastSeq } = await readTracksAndLedgerEnd(db, learnerId);
  if (lastSeq !== (ledger.at(-1)?.seq ?? 0)) return [`${learnerId}: ledger end ${lastSeq} read`];
  if (saved === undefined) return [];
  const index = indexCatalog(catalog);
  if (saved.catalogKey !== index.contentKey) return [`${learnerId}: tracks of another catalog`];
  if (!ledger.some((entry) => entry.seq === saved.throughSeq)) {
    return [`${learnerId}: tracks through event ${saved.throughSeq}, not in the ledger`];
  }
  const tracks = decodeTracks(saved.tracks);
  if (tracks === undefined) return [`${learnerId}: unreadable tracks`];
  const later = ledger.filter((entry) => entry.seq > saved.throughSeq).map((e) => e.event);
  const read = settleAll(
    catalog.graph,
    foldTracks(catalog.graph, later, index.validityMonths, tracks),
    now.getTime(),
  );
  return JSON.stringify([...read]) === JSON.stringify([...states])
    ? []
    : [`${learnerId}: saved tracks through ${saved.throughSeq} ≠ the fold of the ledger`];
}

export interface ConsistencyReport {
  learners: number;
  events: number;
  projectionRows: number;
  awards: number;
  standingAwards: number;
  /** One line per broken rule; empty when the database is consistent. */
  problems: string[];
}

interface AwardRow {
  id: string;
  learnerId: string;
  badgeId: string;
  statusListId: string | null;
  statusIndex: number | null;
  revokedAt: unknown;
  credential: string;
}

/**
 * @param db a connection to the database (the server may be stopped or running idle).
 * @param catalog the catalog the server runs with.
 * @returns counts, and every problem found.
 */
export async function checkConsistency(db: Database, catalog: Catalog): Promise<ConsistencyReport> {
  const index = indexCatalog(catalog);
  const problems: string[] = [];
  const awards = (await db('badgeAwards').select(
    'id',
    'learnerId',
    'badgeId',
    'statusListId',
    'statusIndex',
    'revokedAt',
    'credential',
  )) as AwardRow[];
  const learnerIds = new Set<string>([
    ...((await db('progressEvents').distinct('learnerId')) as { learnerId: string }[]).map(
      (r) => r.learnerId,
    ),
    ...((await db('skillStates').distinct('learnerId')) as { learnerId: string }[]).map(
      (r) => r.learnerId,
    ),
    ...awards.map((a) => a.learnerId),
  ]);

  const now = new Date();
  let events = 0;
  let projectionRows = 0;
  for (const learnerId of learnerIds) {
    const ledger = await learnerLedger(db, learnerId);
    events += ledger.length;
    const states = foldSkillStates(
      catalog.graph,
      ledger.map((e) => e.event),
      { now, validityMonths: index.validityMonths },
    );
    // The projection: one row per skill with events, equal to the fold as of its last event.
    const lastSeq = new Map<string, number>();
    for (const entry of ledger) lastSeq.set(entry.event.skillId, entry.seq);
    const rows = await listSkillStateRows(db, learnerId);
    projectionRows += rows.size;
    for (const [skillId, seq] of lastSeq) {
      const state = states.get(skillId);
      if (state === undefined) continue;
      const stored = rows.get(skillId);
      const expected = skillStateRow(learnerId, state, seq);
      if (stored === undefined) problems.push(`${learnerId} ${skillId}: no projection row`);
      else if (!sameSkillStateRow(stored, expected)) {
        problems.push(
          `${learnerId} ${skillId}: projection ${JSON.stringify(stored)} ≠ fold ${JSON.stringify(expected)}`,
        );
      }
    }
    for (const skillId of rows.keys()) {
      if (!lastSeq.has(skillId)) problems.push(`${learnerId} ${skillId}: projection without event`);
    }
    problems.push(...(await savedTracksProblems(db, catalog, learnerId, ledger, states, now)));

    // Awards: at most one standing per badge, and exactly the badges the ledger earns.
    const mine = awards.filter((a) => a.learnerId === learnerId);
    const standing = mine.filter((a) => a.revokedAt === null);
    const held = new Set<string>();
    for (const award of standing) {
      if (held.has(award.badgeId)) problems.push(`${learnerId} holds ${award.badgeId} twice`);
      held.add(award.badgeId);
    }
    const everAwarded = new Set(mine.map((a) => a.badgeId));
    const eligible = new Set(eligibleBadges(index.badges, states, { heldBadges: held }));
    for (const badgeId of eligible) {
      // A revoked badge is not issued again by later events: only never-awarded ones count.
      if (!held.has(badgeId) && !everAwarded.has(badgeId)) {
        problems.push(`${learnerId} earned ${badgeId} but has no award`);
      }
    }
    for (const badgeId of held) {
      if (!eligible.has(badgeId)) problems.push(`${learnerId} holds ${badgeId} without earning it`);
    }
  }

  // Each award: its evidence events (the learner's own), its notification, its status index.
  const evidence = (await db('awardEvidence')
    .join('progressEvents', 'progressEvents.id', 'awardEvidence.eventId')
    .select('awardEvidence.awardId', 'progressEvents.learnerId')) as {
    awardId: string;
    learnerId: string;
  }[];
  const notified = new Set(
    (
      (await db('notifications').where('kind', 'badge-earned').select('payload')) as {
        payload: string;
      }[]
    ).map((n) => (JSON.parse(n.payload) as { awardId?: string }).awardId),
  );
  const awardIds = new Set(awards.map((a) => a.id));
  for (const awardId of notified) {
    if (awardId === undefined || !awardIds.has(awardId)) {
      problems.push(`a badge-earned notification names no award (${String(awardId)})`);
    }
  }
  const evidenceOf = new Map<string, string[]>();
  for (const e of evidence)
    evidenceOf.set(e.awardId, [...(evidenceOf.get(e.awardId) ?? []), e.learnerId]);
  const usedIndexes = new Map<string, string>();
  const perList = new Map<string, number>();
  for (const award of awards) {
    const own = evidenceOf.get(award.id) ?? [];
    if (own.length === 0) problems.push(`award ${award.id} has no evidence events`);
    if (own.some((learnerId) => learnerId !== award.learnerId)) {
      problems.push(`award ${award.id} cites another learner's events`);
    }
    if (!notified.has(award.id)) problems.push(`award ${award.id} has no notification`);
    if (award.statusListId === null || award.statusIndex === null) {
      problems.push(`award ${award.id} has no status-list index`);
      continue;
    }
    const key = `${award.statusListId}#${award.statusIndex}`;
    const other = usedIndexes.get(key);
    if (other !== undefined) problems.push(`awards ${other} and ${award.id} share ${key}`);
    usedIndexes.set(key, award.id);
    perList.set(award.statusListId, (perList.get(award.statusListId) ?? 0) + 1);
    const credential = JSON.parse(award.credential) as {
      credentialStatus?: { statusListCredential?: string; statusListIndex?: string };
    };
    if (
      credential.credentialStatus?.statusListCredential !== award.statusListId ||
      credential.credentialStatus?.statusListIndex !== String(award.statusIndex)
    ) {
      problems.push(`award ${award.id}: its credential names another status entry`);
    }
  }
  // Each list: exactly the indexes of its awards are allocated (none leaked, none shared).
  const listIds = ((await db('statusLists').select('id')) as { id: string }[]).map((r) => r.id);
  for (const listId of listIds) {
    const stored = await findStatusList(db, listId);
    if (stored === undefined) continue;
    const list = restoreStatusList(stored.state);
    const allocated = list.length - list.freeCount;
    if (allocated !== (perList.get(listId) ?? 0)) {
      problems.push(
        `${listId}: ${allocated} indexes allocated for ${perList.get(listId) ?? 0} awards`,
      );
    }
    for (const award of awards) {
      if (award.statusListId === listId && award.statusIndex !== null) {
        if (!list.isAllocated(award.statusIndex)) {
          problems.push(`award ${award.id}: index ${award.statusIndex} is not allocated`);
        }
        if ((award.revokedAt !== null) !== list.isRevoked(award.statusIndex)) {
          problems.push(`award ${award.id}: the revocation bit disagrees with the award`);
        }
      }
    }
  }

  // Evidence rows and their ledger events name each other.
  const evidenceRows = (await db('evidence').select('id', 'learnerId')) as {
    id: string;
    learnerId: string;
  }[];
  const submitted = (await db('progressEvents')
    .where('type', 'evidence-submitted')
    .select('learnerId', 'payload')) as { learnerId: string; payload: string }[];
  const cited = new Map<string, string>();
  for (const event of submitted) {
    const evidenceId = (JSON.parse(event.payload) as { evidenceId?: string }).evidenceId ?? '';
    if (cited.has(evidenceId)) problems.push(`evidence ${evidenceId} is cited by two events`);
    cited.set(evidenceId, event.learnerId);
  }
  for (const row of evidenceRows) {
    if (cited.get(row.id) !== row.learnerId) problems.push(`evidence ${row.id} has no event`);
    cited.delete(row.id);
  }
  for (const evidenceId of cited.keys())
    problems.push(`an event cites missing evidence ${evidenceId}`);

  return {
    learners: learnerIds.size,
    events,
    projectionRows,
    awards: awards.length,
    standingAwards: awards.filter((a) => a.revokedAt === null).length,
    problems,
  };
}
