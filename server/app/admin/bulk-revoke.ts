/**
 * An administrator revokes several awards with one reason (a session found fraudulent, a
 * curriculum error). Each award is revoked in its own transaction by `revokeBadge`, so one
 * unknown id does not undo the others; every id gets its own result.
 */
import type { Database } from '../../db/connection.ts';
import { EngineError, ReasonRequired } from '../engine-errors.ts';
import { revokeBadge } from '../revoke-badge.ts';
import { TooManyAwards } from './errors.ts';

/** Most awards one bulk revocation may name. */
export const BULK_REVOKE_LIMIT = 200;

/** What happened to one award. */
export interface BulkRevokeItem {
  awardId: string;
  /** Revoked now, or already revoked before. */
  ok: boolean;
  alreadyRevoked: boolean;
  /** Why it was not revoked (an unknown id). */
  error?: EngineError;
}

/**
 * @param deps the database and the clock.
 * @param command the awards (duplicates counted once), the reason and the administrator.
 * @returns one result per distinct award id, in the order given.
 * @throws ReasonRequired when the reason is empty, TooManyAwards past {@link BULK_REVOKE_LIMIT}:
 *   nothing is revoked then.
 */
export async function bulkRevoke(
  deps: { db: Database; clock: () => Date },
  command: { awardIds: readonly string[]; reason: string; actorId: string },
): Promise<BulkRevokeItem[]> {
  if (command.reason.trim() === '') throw new ReasonRequired();
  const ids = [...new Set(command.awardIds)];
  if (ids.length > BULK_REVOKE_LIMIT) {
    throw new TooManyAwards(BULK_REVOKE_LIMIT);
  }
  const results: BulkRevokeItem[] = [];
  for (const awardId of ids) {
    try {
      const { alreadyRevoked } = await revokeBadge(deps, {
        awardId,
        reason: command.reason,
        actorId: command.actorId,
      });
      results.push({ awardId, ok: true, alreadyRevoked });
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      results.push({ awardId, ok: false, alreadyRevoked: false, error });
    }
  }
  return results;
}
