/**
 * Sends by email the notifications that warrant it (a badge earned, a validation rejected, a
 * badge about to expire) to the people who have an email, each once. People who sign in with a
 * learner code have no email and are skipped: they see their notifications in the app.
 */
import type { Database } from '../../db/connection.ts';
import {
  listPendingEmails,
  markNotificationEmailed,
  releaseNotificationEmail,
} from '../../db/repositories/notification-emails-repository.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { renderNotificationEmail } from './render-notification-email.ts';

/** What sending needs. */
export interface SendNotificationEmailsDeps {
  db: Database;
  mailer: Mailer;
  /** The platform's public base URL, for links. */
  publicUrl: string;
  clock: () => Date;
}

/** What one run did. */
export interface SendNotificationEmailsResult {
  sent: number;
  /** Notifications whose sending failed: they stay pending for the next run. */
  failed: number;
}

/**
 * @param deps the database, the mailer, the public URL and the clock.
 * @param limit most notifications sent in one run.
 * @returns how many were sent and how many failed.
 */
export async function sendNotificationEmails(
  deps: SendNotificationEmailsDeps,
  limit = 200,
): Promise<SendNotificationEmailsResult> {
  const pending = await listPendingEmails(deps.db, limit);
  let sent = 0;
  let failed = 0;
  for (const notification of pending) {
    // Claimed before sending, so two runs at once never both send it; a failed send gives it
    // back for the next run.
    const claimed = await markNotificationEmailed(
      deps.db,
      notification.id,
      deps.clock().toISOString(),
    );
    if (!claimed) continue;
    try {
      await deps.mailer.send(renderNotificationEmail(notification, deps.publicUrl));
      sent++;
    } catch {
      await releaseNotificationEmail(deps.db, notification.id);
      failed++;
    }
  }
  return { sent, failed };
}
