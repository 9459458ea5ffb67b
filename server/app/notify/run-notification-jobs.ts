/**
 * The periodic work of a running server: remind learners of badges about to expire, then email
 * every pending notification. Each step is idempotent, so a crash or a restart only delays it.
 */

import type { Database } from '../../db/connection.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { Catalog } from '../check-curricula.ts';
import { remindExpiringBadges } from './remind-expiring-badges.ts';
import { sendNotificationEmails } from './send-notification-emails.ts';

export interface NotificationJobsDeps {
  db: Database;
  catalog: Catalog;
  mailer: Mailer;
  publicUrl: string;
  clock: () => Date;
}

/** One run of both jobs; @returns what was done, for the logs. */
export async function runNotificationJobs(
  deps: NotificationJobsDeps,
): Promise<{ reminded: number; sent: number; failed: number }> {
  const reminded = await remindExpiringBadges({ db: deps.db, catalog: deps.catalog }, deps.clock());
  const { sent, failed } = await sendNotificationEmails(deps);
  return { reminded: reminded.length, sent, failed };
}
