/**
 * The deletion of an account, shared by `deleteMyAccount` (the person) and
 * `deletePersonAccount` (an administrator, for someone who cannot sign in alone): ONE
 * transaction that revokes the badges if asked and erases every row about the person
 * (`db/repositories/account-erasure-repository.ts` lists what goes and what stays), then, once
 * it has committed, the evidence files on disk. A failure anywhere in the transaction writes
 * nothing; files are removed only after the commit, so a rolled-back deletion loses none.
 *
 * The badges already issued are the person's choice:
 * - `keep`: each stays verifiable (a verifier checks the signed credential against the
 *   published key and status list; its recipient is a salted hash, and it names no one);
 * - `revoke`: each standing badge is revoked (its status-list bit set, the reason said to
 *   verifiers), then kept the same way, so that verifiers answer "revoked" rather than
 *   "unknown".
 */
import type { Knex } from 'knex';
import { eraseAccountRows } from '../../db/repositories/account-erasure-repository.ts';
import { findAward, listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import { lockLearner } from '../../db/repositories/progress-ledger-repository.ts';
import type { EvidenceFileStore } from '../evidence-files/evidence-file-store.ts';
import { revokeStandingAward } from '../revoke-badge.ts';
import type { AccountsDeps } from './deps.ts';
import { LastAdmin, UnknownPerson } from './errors.ts';

/** What happens to the badges already issued. */
export type BadgesOnDeletion = 'keep' | 'revoke';

/** What verifiers read about a badge revoked because its holder deleted their account. */
export const DELETION_REVOCATION_REASON =
  'Supprimé à la demande de la personne / Deleted at the person’s request';

/** What deleting an account needs: the accounts' dependencies and the evidence files. */
export interface DeleteAccountDeps extends AccountsDeps {
  /** Where evidence files are; without it there can be none (uploads need it too). */
  evidenceFiles?: EvidenceFileStore;
}

/** What a deletion did. */
export interface AccountDeletion {
  personId: string;
  deletedAt: string;
  /** Badges that stay valid and verifiable. */
  keptBadges: number;
  /** Badges revoked by this deletion (already revoked ones are counted in neither). */
  revokedBadges: number;
  /**
   * Evidence files that could not be removed from the disk after the commit (the rows are gone,
   * so nothing leads to them); the caller logs them for an operator.
   */
  filesNotRemoved: string[];
}

/**
 * @param request.personId whose account.
 * @param request.actorId who asks: the person, or an administrator (recorded on revocations).
 * @param request.badges keep or revoke the badges already issued.
 * @param request.check run in the transaction before anything is read or written (e.g. the
 *   administrator is still one); throw to refuse.
 * @returns what was done.
 * @throws UnknownPerson when the account does not exist (or was deleted already); LastAdmin
 *   when the person is the only administrator; whatever `check` throws. Nothing is written.
 */
export async function eraseAccount(
  deps: DeleteAccountDeps,
  request: {
    personId: string;
    actorId: string;
    badges: BadgesOnDeletion;
    check?: (trx: Knex.Transaction) => Promise<void>;
  },
): Promise<AccountDeletion> {
  const { personId } = request;
  const deletedAt = deps.clock().toISOString();
  const outcome = await deps.db.transaction(async (trx) => {
    // Taken first, as revokeRole does: two administrators deleting each other at once are
    // serialised, and the second sees that only one is left.
    const admins = await deps.people.lockHoldersOf('admin', trx);
    // The learner's lock, as recordProgress takes it: no badge is issued, no validation
    // recorded, between the reads below and the commit.
    await lockLearner(trx, personId);
    await request.check?.(trx);
    const person = await deps.people.findById(personId, trx);
    if (person === null) throw new UnknownPerson(personId);
    if (admins.includes(personId) && admins.length <= 1) throw new LastAdmin();

    let keptBadges = 0;
    let revokedBadges = 0;
    for (const listed of await listAwardsOfLearner(trx, personId)) {
      if (listed.revokedAt !== undefined) continue;
      if (request.badges === 'keep') {
        keptBadges += 1;
        continue;
      }
      const award = await findAward(trx, listed.id, { lock: true });
      if (award === undefined || award.revokedAt !== undefined) continue;
      await revokeStandingAward(trx, award, {
        at: deletedAt,
        by: request.actorId,
        reason: DELETION_REVOCATION_REASON,
      });
      revokedBadges += 1;
    }
    const erased = await eraseAccountRows(trx, personId, deletedAt);
    return { keptBadges, revokedBadges, evidenceFileKeys: erased.evidenceFileKeys };
  });

  // After the commit only: a rolled-back deletion must not lose a file.
  const filesNotRemoved: string[] = [];
  for (const key of outcome.evidenceFileKeys) {
    try {
      if (deps.evidenceFiles === undefined) throw new Error('no evidence file store');
      await deps.evidenceFiles.remove(key);
    } catch {
      filesNotRemoved.push(key);
    }
  }
  return {
    personId,
    deletedAt,
    keptBadges: outcome.keptBadges,
    revokedBadges: outcome.revokedBadges,
    filesNotRemoved,
  };
}
