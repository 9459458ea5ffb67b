/**
 * Flags a standing award for an administrator: its criteria are no longer met (a validation
 * was withdrawn, a jury refused) but revoking a badge is a person's decision, so the engine
 * only raises the flag. A flag changes nothing in the credential; it is shown to admins.
 */
import type { Database } from '../db/connection.ts';
import {
  type AwardRecord,
  findAward,
  markAwardFlagged,
} from '../db/repositories/badge-awards-repository.ts';
import { lockLearner } from '../db/repositories/progress-ledger-repository.ts';
import { ReasonRequired, UnknownAward } from './engine-errors.ts';

export interface FlagAwardCommand {
  awardId: string;
  /** Why an administrator should look at it. */
  reason: string;
  /** The ledger event that broke the badge's criteria (absent: flagged by hand). */
  eventId?: string;
}

/**
 * Flags an award inside the caller's transaction. An award already flagged keeps its first
 * flag; a revoked award is not flagged.
 *
 * @param trx the caller's transaction.
 * @param command the award and the reason (not empty).
 * @param at when.
 * @returns true when this call raised the flag.
 */
export async function flagAwardInTransaction(
  trx: Database,
  command: FlagAwardCommand,
  at: Date,
): Promise<boolean> {
  const award = await findAward(trx, command.awardId, { lock: true });
  if (award === undefined) throw new UnknownAward(command.awardId);
  if (award.revokedAt !== undefined || award.flaggedAt !== undefined) return false;
  await markAwardFlagged(trx, award.id, {
    at: at.toISOString(),
    reason: command.reason.trim(),
    ...(command.eventId === undefined ? {} : { eventId: command.eventId }),
  });
  return true;
}

/**
 * Flags an award by hand (an administrator or trainer with a doubt).
 *
 * @param deps the database and the clock.
 * @param command the award and the reason.
 * @returns the award after the change.
 * @throws ReasonRequired when the reason is empty; UnknownAward when there is no such award.
 */
export async function flagAward(
  deps: { db: Database; clock: () => Date },
  command: FlagAwardCommand,
): Promise<AwardRecord> {
  if (command.reason.trim() === '') throw new ReasonRequired();
  return deps.db.transaction(async (trx) => {
    const award = await findAward(trx, command.awardId);
    if (award === undefined) throw new UnknownAward(command.awardId);
    await lockLearner(trx, award.learnerId);
    await flagAwardInTransaction(trx, command, deps.clock());
    return (await findAward(trx, command.awardId)) as AwardRecord;
  });
}
