/**
 * The "contraste élevé" display preference, remembered per person next to `large_text` (which
 * the core migration has): the web client applies both as soon as the person signs in, on any
 * device.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.boolean('high_contrast').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN: knex's SQLite fallback rebuilds `people`, which foreign keys forbid.
  await knex.raw('ALTER TABLE people DROP COLUMN high_contrast');
}
