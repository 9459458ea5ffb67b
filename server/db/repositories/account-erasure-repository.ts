/**
 * Erasing a deleted account, table by table, in the caller's transaction. Each table normally
 * has its own repository; erasure is the one place that writes to all of them, so that what a
 * deletion erases and what it keeps can be read, and checked against the schema, in one file.
 *
 * Erased: everything about the person. Their ledger (`progress_events` where they are the
 * learner) and its projection, evidence, enrolments, attendance, group memberships,
 * notifications, pathway (targets, milestones, counsellors' notes about them, follows, share
 * links and their openings), refresh tokens, password and PIN, roles, guardian consents, and
 * on their `people` row: name, email, learner code, preferences and a disabling reason.
 *
 * Kept, because others rely on it and it holds nothing personal once the row is a tombstone:
 * - the `people` row itself, as a tombstone (`deleted_at`), since foreign keys point at it;
 * - their badge awards (kept or revoked, as they chose): the signed credential, its status-list
 *   index, the salted hash of their email or learner address, the badge's definition. Their
 *   links to the erased ledger events (`award_evidence`, `flag_event_id`) go; the credential
 *   already says in words what earned the badge, and no expiry reminder is sent any more;
 * - what a staff member recorded about others (validations in other learners' ledgers,
 *   sessions, consents, notes, targets and milestones set, follows started or ended): that is
 *   the other learners' record, now attributed to the tombstone. Follows of others they held
 *   as a counsellor end now.
 */
import type { Database } from '../connection.ts';

/** What the tombstone's `display_name` says wherever a list still shows the row (admin lists). */
export const DELETED_ACCOUNT_NAME = 'Compte supprimé';

/** What erasure leaves to do once the transaction has committed. */
export interface ErasedAccount {
  /** Keys of the person's evidence files in the evidence file store, to remove after commit. */
  evidenceFileKeys: string[];
}

/**
 * @param trx the deletion's transaction (the learner's lock already taken).
 * @param personId whose account.
 * @param now when, as ISO 8601 (both databases store timestamps written as text alike).
 * @returns the evidence files to remove once the transaction has committed.
 */
export async function eraseAccountRows(
  trx: Database,
  personId: string,
  now: string,
): Promise<ErasedAccount> {
  const awardIds = trx('badgeAwards').select('id').where('learnerId', personId);
  // The kept awards lose their links to the ledger events about to go (foreign key) and their
  // pointer to the event that flagged them (a plain column); nobody is left to remind.
  await trx('awardEvidence').whereIn('awardId', awardIds).delete();
  await trx('badgeAwards').where('learnerId', personId).update({ flagEventId: null });
  await trx('badgeAwards')
    .where('learnerId', personId)
    .whereNull('expiryRemindedAt')
    .update({ expiryRemindedAt: now });

  const files = (await trx('evidence')
    .select('filePath')
    .where('learnerId', personId)
    .whereNotNull('filePath')) as { filePath: string }[];

  // The learner's own record. Ledger rows are otherwise only ever inserted; erasure at the
  // person's request is the one exception (see ARCHITECTURE and SECURITY).
  await trx('skillStates').where('learnerId', personId).delete();
  await trx('learnerTracks').where('learnerId', personId).delete();
  await trx('evidence').where('learnerId', personId).delete();
  await trx('progressEvents').where('learnerId', personId).delete();
  await trx('enrolments').where('personId', personId).delete();
  await trx('attendance').where('personId', personId).delete();
  await trx('groupMembers').where('personId', personId).delete();
  await trx('notifications').where('personId', personId).delete();

  // The employment pathway.
  await trx('pathwayTargets').where('learnerId', personId).delete();
  await trx('pathwayMilestones').where('learnerId', personId).delete();
  await trx('counsellorNotes').where('learnerId', personId).delete();
  await trx('counsellorFollows').where('learnerId', personId).delete();
  await trx('counsellorFollows')
    .where('counsellorId', personId)
    .whereNull('endedAt')
    .update({ endedAt: now, endedBy: personId });
  const links = trx('shareLinks').select('id').where('learnerId', personId);
  await trx('shareLinkOpenings').whereIn('shareLinkId', links).delete();
  await trx('shareLinks').where('learnerId', personId).delete();

  // The account: secrets, sessions, roles, the guardian's consent.
  await trx('refreshTokens').where('personId', personId).delete();
  await trx('passwordCredentials').where('personId', personId).delete();
  await trx('pinCredentials').where('personId', personId).delete();
  await trx('personRoles').where('personId', personId).delete();
  await trx('guardianConsents').where('personId', personId).delete();

  // Last: the row becomes a tombstone. `private_profile` stays as the person left it, so a
  // private badge page stays private.
  await trx('people').where('id', personId).update({
    displayName: DELETED_ACCOUNT_NAME,
    email: null,
    learnerCode: null,
    locale: 'fr',
    isMinor: false,
    largeText: false,
    highContrast: false,
    disabledAt: null,
    disabledReason: null,
    // Their events are gone: their ledger ends before its first event, as it never began.
    ledgerEnd: 0,
    deletedAt: now,
    updatedAt: now,
  });
  return { evidenceFileKeys: files.map((file) => file.filePath) };
}
