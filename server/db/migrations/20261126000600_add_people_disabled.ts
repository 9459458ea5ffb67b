/**
 * An administrator can disable an account (someone who left, a lost card being abused): while
 * `disabled_at` is set the person cannot sign in and their tokens are refused. The reason is
 * kept for the other administrators. Both are null for an active account.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.timestamp('disabled_at', { useTz: true }).nullable();
    t.text('disabled_reason').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN (SQLite 3.35+ has it): knex's SQLite fallback copies and drops the whole
  // table, which foreign keys from every other table forbid for `people`.
  await knex.raw('ALTER TABLE people DROP COLUMN disabled_reason');
  await knex.raw('ALTER TABLE people DROP COLUMN disabled_at');
}
