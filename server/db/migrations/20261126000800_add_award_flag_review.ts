/**
 * An administrator reviews a flagged award with the facts in hand and leaves a trace:
 *
 * - `flag_event_id`: the ledger event that raised the flag (a withdrawal, a jury's refusal),
 *   so the review shows which validation was taken back, by whom and when. Null for a flag
 *   raised by hand and for flags raised before this column existed.
 * - `flag_cleared_at`, `flag_cleared_by`, `flag_clear_comment`: the last time an administrator
 *   kept a flagged award (the flag itself is cleared, so a later withdrawal can flag it again).
 *
 * Plain columns, without foreign keys (like `revoked_by`): on SQLite, adding or dropping a
 * foreign key rebuilds the table, and dropping `badge_awards` inside the migration's
 * transaction fails once `award_evidence` rows refer to it. Ledger events are never deleted.
 */
import type { Knex } from 'knex';

const COLUMNS = ['flag_event_id', 'flag_cleared_at', 'flag_cleared_by', 'flag_clear_comment'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('badge_awards', (t) => {
    t.string('flag_event_id', 64).nullable();
    t.timestamp('flag_cleared_at', { useTz: true }).nullable();
    t.string('flag_cleared_by', 64).nullable();
    t.text('flag_clear_comment').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  // `ALTER TABLE … DROP COLUMN` on both databases (SQLite ≥ 3.35), not Knex's table rebuild.
  for (const column of COLUMNS) {
    await knex.raw('ALTER TABLE ?? DROP COLUMN ??', ['badge_awards', column]);
  }
}
