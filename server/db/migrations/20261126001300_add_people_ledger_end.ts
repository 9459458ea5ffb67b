/**
 * Where each person's progress ledger ends: the `seq` of their last event as a learner (0:
 * none). Written by `appendProgressEvent` in the transaction of each event, under the learner's
 * lock, so it never runs ahead of what is committed; equal to `max(seq)` of their events.
 *
 * Every request about a learner asks where their ledger ends (the values worked out from it are
 * kept while it does not move, `app/ledger-cache.ts`). On the person's row, it comes with the
 * sign-in check (one statement fewer per request of a learner about themselves), and a
 * trainer's grid reads it with each learner's name instead of one index search per learner in
 * a million events (bench/api.bench.ts).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.bigInteger('ledger_end').notNullable().defaultTo(0);
  });
  await knex.raw(
    `update people set ledger_end = coalesce(
       (select max(e.seq) from progress_events e where e.learner_id = people.id), 0)`,
  );
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds `people`, which foreign keys forbid.
  await knex.raw('ALTER TABLE people DROP COLUMN ledger_end');
}
