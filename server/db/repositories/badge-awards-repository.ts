/**
 * Badge awards and the ledger events that earned them. A learner holds a badge at most once
 * while it stands: the partial unique index `badge_awards_one_standing` refuses a second
 * standing award, and {@link insertAwardUnlessStanding} turns that refusal into "already
 * issued" without aborting the caller's transaction.
 */

import type { Ob2Assertion } from '../../../badges/ob2/build-objects.ts';
import type { OpenBadgeCredential } from '../../../badges/ob3/credential-types.ts';
import type { BadgeSnapshot } from '../../domain/identity/content-hash.ts';
import { type Database, isPostgres } from '../connection.ts';
import { AwardEvidenceModel } from '../models/award-evidence.model.ts';
import { BadgeAwardModel } from '../models/badge-award.model.ts';
import { toIsoInstant } from '../models/engine-row.model.ts';
import { selectRows } from '../select-rows.ts';

/** A signed OB 3.0 credential, as stored. */
export type StoredCredential = OpenBadgeCredential & { proof?: unknown };

/** An award to store. */
export interface NewAward {
  id: string;
  learnerId: string;
  badgeId: string;
  curriculumHash: string;
  snapshot: BadgeSnapshot;
  statusListId: string;
  statusIndex: number;
  recipientSalt: string;
  issuedAt: string;
  validUntil?: string;
  credential: StoredCredential;
  ob2Assertion?: Ob2Assertion;
}

/** An award as stored (awards imported from elsewhere may have no status entry). */
export interface AwardRecord extends Omit<NewAward, 'statusListId' | 'statusIndex'> {
  statusListId?: string;
  statusIndex?: number;
  revokedAt?: string;
  revocationReason?: string;
  revokedBy?: string;
  flaggedAt?: string;
  flagReason?: string;
}

/**
 * Inserts the award unless the learner already holds the badge (a standing award: not
 * revoked). `INSERT … ON CONFLICT DO NOTHING` leaves the transaction usable on both databases
 * (a failed statement would abort a PostgreSQL transaction).
 *
 * @param db the issuing transaction.
 * @param award the award.
 * @returns true when this award was stored, false when another award of the badge stands.
 */
export async function insertAwardUnlessStanding(db: Database, award: NewAward): Promise<boolean> {
  await BadgeAwardModel.query(db)
    .insert({
      id: award.id,
      learnerId: award.learnerId,
      badgeId: award.badgeId,
      curriculumHash: award.curriculumHash,
      definitionSnapshot: JSON.stringify(award.snapshot),
      statusListId: award.statusListId,
      statusIndex: award.statusIndex,
      recipientSalt: award.recipientSalt,
      issuedAt: award.issuedAt,
      validUntil: award.validUntil ?? null,
      credential: JSON.stringify(award.credential),
      ob2Assertion: award.ob2Assertion === undefined ? null : JSON.stringify(award.ob2Assertion),
    })
    .onConflict()
    .ignore();
  // Whether the row is ours, asked the same way on both databases.
  const stored = await BadgeAwardModel.query(db).findById(award.id).select('id');
  return stored !== undefined;
}

/**
 * @param db the issuing transaction.
 * @param awardId the award.
 * @param eventIds the ledger events that earned it.
 */
export async function insertAwardEvidence(
  db: Database,
  awardId: string,
  eventIds: readonly string[],
): Promise<void> {
  for (const eventId of new Set(eventIds)) {
    await AwardEvidenceModel.query(db).insert({ awardId, eventId });
  }
}

/**
 * @param db the database or a transaction.
 * @param awardId the award.
 * @returns the ids of the events that earned it.
 */
export async function listAwardEvidence(db: Database, awardId: string): Promise<string[]> {
  const rows = await AwardEvidenceModel.query(db).where('awardId', awardId).orderBy('eventId');
  return rows.map((row) => row.eventId);
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns the learner's awards that are not revoked, oldest first.
 */
export async function listStandingAwards(db: Database, learnerId: string): Promise<AwardRecord[]> {
  const rows = await BadgeAwardModel.query(db)
    .where('learnerId', learnerId)
    .whereNull('revokedAt')
    .orderBy([{ column: 'issuedAt' }, { column: 'id' }]);
  return rows.map(toRecord);
}

/** A standing award as the learner's progress views need it: which badge, until when. */
export interface StandingBadge {
  badgeId: string;
  validUntil?: string;
}

/**
 * The learner's standing awards without their credentials and snapshots (a few KB of JSON
 * each), for the views that only count and name badges.
 *
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns the badges of the learner's awards that are not revoked, oldest first.
 */
export async function listStandingBadges(
  db: Database,
  learnerId: string,
): Promise<StandingBadge[]> {
  return standingBadgesOf(await selectRows(db, STANDING_BADGES_SQL, [learnerId]));
}

/**
 * The statement of {@link listStandingBadges} (one binding: the learner), read by every learner
 * page: written out for `selectRows` rather than built; `learner-facts-repository.ts` reads it
 * beside others. `issuedAt` and `id` say the order.
 */
export const STANDING_BADGES_SQL = `select badge_id as "badgeId", valid_until as "validUntil",
   issued_at as "issuedAt", id from badge_awards
   where learner_id = ? and revoked_at is null order by issued_at, id`;

/** A row of {@link STANDING_BADGES_SQL}, as either database (or PostgreSQL's JSON) gives it. */
export interface StandingBadgeRow {
  badgeId: string;
  validUntil: Date | string | null;
}

/** @returns the standing badges of rows of {@link STANDING_BADGES_SQL}, in their order. */
export function standingBadgesOf(rows: readonly StandingBadgeRow[]): StandingBadge[] {
  return rows.map((row) =>
    row.validUntil === null
      ? { badgeId: row.badgeId }
      : { badgeId: row.badgeId, validUntil: toIsoInstant(row.validUntil) },
  );
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns every badge the learner was ever awarded, revoked or not.
 */
export async function listAwardedBadgeIds(db: Database, learnerId: string): Promise<Set<string>> {
  const rows = await BadgeAwardModel.query(db).where('learnerId', learnerId).distinct('badgeId');
  return new Set(rows.map((row) => row.badgeId));
}

/**
 * @param db the database or a transaction.
 * @param awardId the award.
 * @param options.lock read it `FOR UPDATE` (PostgreSQL), inside a transaction that changes it.
 * @returns the award, or undefined.
 */
export async function findAward(
  db: Database,
  awardId: string,
  options: { lock?: boolean } = {},
): Promise<AwardRecord | undefined> {
  const query = BadgeAwardModel.query(db).findById(awardId);
  if (options.lock === true && isPostgres(db)) query.forUpdate();
  const row = await query;
  return row === undefined ? undefined : toRecord(row);
}

/**
 * @param db the revoking transaction.
 * @param awardId the award.
 * @param revocation when, by whom and why.
 */
export async function markAwardRevoked(
  db: Database,
  awardId: string,
  revocation: { at: string; by: string; reason: string },
): Promise<void> {
  await BadgeAwardModel.query(db)
    .patch({
      revokedAt: revocation.at,
      revokedBy: revocation.by,
      revocationReason: revocation.reason,
    })
    .where('id', awardId);
}

/**
 * @param db the flagging transaction.
 * @param awardId the award.
 * @param flag when and why an administrator should look at it, and the ledger event that
 *   raised the flag (absent for a flag raised by hand).
 */
export async function markAwardFlagged(
  db: Database,
  awardId: string,
  flag: { at: string; reason: string; eventId?: string },
): Promise<void> {
  await BadgeAwardModel.query(db)
    .patch({ flaggedAt: flag.at, flagReason: flag.reason, flagEventId: flag.eventId ?? null })
    .where('id', awardId);
}

/**
 * An administrator keeps a flagged award: the flag is cleared (a later withdrawal may raise
 * a new one) and the decision is kept as the award's last clearance.
 *
 * @param db the reviewing transaction.
 * @param awardId the award.
 * @param clearance when, by whom and why.
 */
export async function clearAwardFlag(
  db: Database,
  awardId: string,
  clearance: { at: string; by: string; comment: string },
): Promise<void> {
  await BadgeAwardModel.query(db)
    .patch({
      flaggedAt: null,
      flagReason: null,
      flagEventId: null,
      flagClearedAt: clearance.at,
      flagClearedBy: clearance.by,
      flagClearComment: clearance.comment,
    })
    .where('id', awardId);
}

function toRecord(row: BadgeAwardModel): AwardRecord {
  const record: AwardRecord = {
    id: row.id,
    learnerId: row.learnerId,
    badgeId: row.badgeId,
    curriculumHash: row.curriculumHash,
    snapshot: JSON.parse(row.definitionSnapshot) as BadgeSnapshot,
    recipientSalt: row.recipientSalt,
    issuedAt: row.issuedAt,
    credential: JSON.parse(row.credential) as StoredCredential,
  };
  if (row.statusListId !== null) record.statusListId = row.statusListId;
  if (row.statusIndex !== null) record.statusIndex = row.statusIndex;
  if (row.validUntil !== null) record.validUntil = row.validUntil;
  if (row.ob2Assertion !== null) record.ob2Assertion = JSON.parse(row.ob2Assertion) as Ob2Assertion;
  if (row.revokedAt !== null) record.revokedAt = row.revokedAt;
  if (row.revocationReason !== null) record.revocationReason = row.revocationReason;
  if (row.revokedBy !== null) record.revokedBy = row.revokedBy;
  if (row.flaggedAt !== null) record.flaggedAt = row.flaggedAt;
  if (row.flagReason !== null) record.flagReason = row.flagReason;
  return record;
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns every award of the learner, revoked ones included, oldest first.
 */
export async function listAwardsOfLearner(db: Database, learnerId: string): Promise<AwardRecord[]> {
  const rows = await BadgeAwardModel.query(db)
    .where('learnerId', learnerId)
    .orderBy([{ column: 'issuedAt' }, { column: 'id' }]);
  return rows.map(toRecord);
}
