/**
 * A person can delete their account (`app/accounts/delete-my-account.ts`). The `people` row
 * stays as a tombstone rather than going away, because rows other people rely on refer to it
 * with foreign keys: the badges the person chose to keep (`badge_awards.learner_id`, so each
 * keeps verifying and can still be revoked), and, for a staff member, the validations,
 * sessions, consents and notes they recorded about others. `deleted_at` marks the tombstone:
 * nothing personal is left on the row (name, email, learner code and preferences are erased),
 * nobody can sign in to it, its tokens are refused and it is listed nowhere. Null for every
 * live account.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.timestamp('deleted_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds `people`, which foreign keys forbid.
  await knex.raw('ALTER TABLE people DROP COLUMN deleted_at');
}
