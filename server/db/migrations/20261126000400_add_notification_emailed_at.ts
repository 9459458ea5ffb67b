/**
 * Notifications are also sent by email: `emailed_at` records when, so each is sent once. Null
 * for notifications not (yet) emailed, and for people without email, who are never mailed.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.timestamp('emailed_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('emailed_at');
  });
}
