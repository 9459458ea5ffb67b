/**
 * A learner's skill tracks as of one event of their ledger (`domain/progress/track-snapshot.ts`),
 * so reading their progress folds only the events after it instead of the whole ledger, whose
 * rows lie scattered over the table (one learner's events are written weeks apart). Written in
 * the transaction of each event (`recordProgress`), and by a read that found it missing or far
 * behind; `catalog_key` names the catalog it was folded with (skills and validities): a
 * snapshot of another catalog is ignored and rebuilt. A cache, never the record: deleting
 * every row loses nothing.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('learner_tracks', (t) => {
    t.string('learner_id', 64).primary().references('people.id').onDelete('CASCADE');
    t.bigInteger('through_seq').notNullable();
    t.string('catalog_key', 80).notNullable();
    t.text('tracks').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('learner_tracks');
}
