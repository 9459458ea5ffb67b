/**
 * Revokes an award: the reason and who decided are recorded, the credential's bit in the
 * revocation status list is set (verifiers then answer "revoked"), and the learner is told.
 * Revoking twice changes nothing the second time.
 */
import { randomUUID } from 'node:crypto';
import { restoreStatusList, serializeStatusList } from '../../badges/status/status-list.ts';
import type { Database } from '../db/connection.ts';
import {
  type AwardRecord,
  findAward,
  markAwardRevoked,
} from '../db/repositories/badge-awards-repository.ts';
import { addNotification } from '../db/repositories/notifications-repository.ts';
import { lockLearner } from '../db/repositories/progress-ledger-repository.ts';
import { findStatusList, saveStatusList } from '../db/repositories/status-lists-repository.ts';
import { ReasonRequired, UnknownAward } from './engine-errors.ts';

export interface RevokeBadgeCommand {
  awardId: string;
  /** Shown to the learner and to whoever verifies the badge. */
  reason: string;
  /** The administrator who decided. */
  actorId: string;
}

export interface RevokeBadgeResult {
  award: AwardRecord;
  /** True when the award was already revoked: nothing was changed. */
  alreadyRevoked: boolean;
}

/**
 * @param deps the database and the clock.
 * @param command the award, the reason and who revokes.
 * @returns the award after revocation.
 * @throws ReasonRequired when the reason is empty; UnknownAward when there is no such award.
 */
export async function revokeBadge(
  deps: { db: Database; clock: () => Date },
  command: RevokeBadgeCommand,
): Promise<RevokeBadgeResult> {
  const reason = command.reason.trim();
  if (reason === '') throw new ReasonRequired();
  return deps.db.transaction(async (trx) => {
    const found = await findAward(trx, command.awardId);
    if (found === undefined) throw new UnknownAward(command.awardId);
    // Same lock order as recordProgress (learner, award, status list): no deadlock between them.
    await lockLearner(trx, found.learnerId);
    const award = (await findAward(trx, command.awardId, { lock: true })) as AwardRecord;
    if (award.revokedAt !== undefined) return { award, alreadyRevoked: true };

    const at = deps.clock().toISOString();
    await revokeStandingAward(trx, award, { at, by: command.actorId, reason });
    await addNotification(trx, {
      id: randomUUID(),
      personId: award.learnerId,
      kind: 'badge-revoked',
      payload: { awardId: award.id, badgeId: award.badgeId, reason },
      createdAt: at,
    });
    return {
      award: { ...award, revokedAt: at, revokedBy: command.actorId, revocationReason: reason },
      alreadyRevoked: false,
    };
  });
}

/**
 * Marks a standing award revoked and sets its bit in its status list, inside the caller's
 * transaction, which has taken the learner's lock first (the order of `recordProgress`:
 * learner, award, status list). Tells no one: the caller decides (account deletion revokes
 * without a notification, since the person's notifications are erased with them).
 *
 * @param trx the revoking transaction.
 * @param award the award, read in this transaction and not revoked.
 * @param revocation when, by whom and why.
 */
export async function revokeStandingAward(
  trx: Database,
  award: AwardRecord,
  revocation: { at: string; by: string; reason: string },
): Promise<void> {
  await markAwardRevoked(trx, award.id, revocation);
  if (award.statusListId !== undefined && award.statusIndex !== undefined) {
    const stored = await findStatusList(trx, award.statusListId, { lock: true });
    if (stored === undefined) throw new Error(`the status list ${award.statusListId} is missing`);
    const list = restoreStatusList(stored.state);
    list.revoke(award.statusIndex);
    await saveStatusList(trx, serializeStatusList(list), revocation.at);
  }
}
