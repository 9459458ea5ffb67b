/**
 * Evidence files keep their original name as a label (cleaned; never used as a path: files are
 * stored under a random key in `file_path`). Null for text and link evidence, and for files
 * sent without a readable name.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence', (t) => {
    t.string('file_name', 255).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('evidence', (t) => {
    t.dropColumn('file_name');
  });
}
