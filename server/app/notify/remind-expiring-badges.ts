/**
 * Reminds holders of badges that expire within 30 days: one 'expiry-soon' notification per
 * award, once (the award's `expiry_reminded_at` records it). Emailing it is then the job of
 * `send-notification-emails.ts`.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection.ts';
import {
  addExpiryNotification,
  listAwardsToRemind,
  markExpiryReminded,
} from '../../db/repositories/notification-emails-repository.ts';
import type { Catalog } from '../check-curricula.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';

/** How long before expiry the holder is reminded. */
export const EXPIRY_REMINDER_DAYS = 30;

/** What reminding needs. */
export interface RemindExpiringBadgesDeps {
  db: Database;
  catalog: Catalog;
}

/**
 * @param deps the database and the catalog (for badge titles).
 * @param now the current instant.
 * @returns the ids of the awards reminded by this run.
 */
export async function remindExpiringBadges(
  deps: RemindExpiringBadgesDeps,
  now: Date,
): Promise<string[]> {
  const until = new Date(now.getTime() + EXPIRY_REMINDER_DAYS * 24 * 3600_000);
  const awards = await listAwardsToRemind(deps.db, now, until);
  const index = indexCatalog(deps.catalog);
  const at = now.toISOString();
  const reminded: string[] = [];
  for (const award of awards) {
    // The mark and the notification are one write: a reminder is never lost nor doubled.
    const done = await deps.db.transaction(async (trx) => {
      if (!(await markExpiryReminded(trx, award.id, at))) return false;
      await addExpiryNotification(trx, {
        id: randomUUID(),
        personId: award.learnerId,
        payload: {
          awardId: award.id,
          badgeId: award.badgeId,
          name: index.badge(award.badgeId)?.badge.title.fr ?? award.badgeId,
          validUntil: award.validUntil,
        },
        createdAt: at,
      });
      return true;
    });
    if (done) reminded.push(award.id);
  }
  return reminded;
}
