/**
 * An administrator decides on an award the engine flagged (a validation it relied on was
 * withdrawn, a jury refused): keep it, which clears the flag and records who decided and why,
 * or revoke it through `revokeBadge` with the comment as the reason verifiers and the learner
 * read. Either way the comment is required: the decision must be explainable later.
 */
import type { Database } from '../../db/connection.ts';
import {
  type AwardRecord,
  clearAwardFlag,
  findAward,
} from '../../db/repositories/badge-awards-repository.ts';
import { lockLearner } from '../../db/repositories/progress-ledger-repository.ts';
import { ReasonRequired, UnknownAward } from '../engine-errors.ts';
import { revokeBadge } from '../revoke-badge.ts';
import { AwardNotFlagged } from './errors.ts';

export type AwardFlagDecision = 'keep' | 'revoke';

export interface ResolveAwardFlagCommand {
  awardId: string;
  decision: AwardFlagDecision;
  /** Why: kept with the award (keep), or the revocation reason verifiers read (revoke). */
  comment: string;
  /** The administrator who decides. */
  actorId: string;
}

export interface ResolveAwardFlagResult {
  awardId: string;
  decision: AwardFlagDecision;
  /** When the decision took effect. */
  decidedAt: string;
}

/**
 * @param deps the database and the clock.
 * @param command the award, the decision, the comment and who decides.
 * @returns what was decided, and when.
 * @throws ReasonRequired (empty comment), UnknownAward, AwardNotFlagged (no flag waits: never
 *   flagged, already kept, or revoked): nothing is written then.
 */
export async function resolveAwardFlag(
  deps: { db: Database; clock: () => Date },
  command: ResolveAwardFlagCommand,
): Promise<ResolveAwardFlagResult> {
  const comment = command.comment.trim();
  if (comment === '') throw new ReasonRequired();
  if (command.decision === 'revoke') {
    // revokeBadge locks and re-reads the award; another admin keeping it in between only means
    // two admins decided, and the revocation, the stronger decision, stands.
    requireFlag(await findAward(deps.db, command.awardId), command.awardId);
    const { award } = await revokeBadge(deps, {
      awardId: command.awardId,
      reason: comment,
      actorId: command.actorId,
    });
    return { awardId: award.id, decision: 'revoke', decidedAt: award.revokedAt ?? '' };
  }
  return deps.db.transaction(async (trx) => {
    const found = await findAward(trx, command.awardId);
    if (found === undefined) throw new UnknownAward(command.awardId);
    // Same lock order as recordProgress and revokeBadge: the learner, then the award.
    await lockLearner(trx, found.learnerId);
    requireFlag(await findAward(trx, command.awardId, { lock: true }), command.awardId);
    const at = deps.clock().toISOString();
    await clearAwardFlag(trx, command.awardId, { at, by: command.actorId, comment });
    return { awardId: command.awardId, decision: 'keep', decidedAt: at };
  });
}

/** @throws UnknownAward, AwardNotFlagged unless the award stands with a flag waiting. */
function requireFlag(award: AwardRecord | undefined, awardId: string): AwardRecord {
  if (award === undefined) throw new UnknownAward(awardId);
  if (award.flaggedAt === undefined || award.revokedAt !== undefined) {
    throw new AwardNotFlagged(awardId);
  }
  return award;
}
