/**
 * Employment-pathway records (issue 6): a learner's target jobs and milestones, counsellors'
 * private notes, who follows whom, share links with their opening log, and whether a
 * guardian's consent lets a minor share publicly. Badges and skills are not copied here: the
 * pathway reads them from the ledger and the awards at read time.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pathway_targets', (t) => {
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('job_id', 64).notNullable();
    t.integer('position').notNullable();
    t.string('chosen_by', 64).notNullable().references('people.id');
    t.timestamp('chosen_at', { useTz: true }).notNullable();
    t.primary(['learner_id', 'job_id']);
  });
  await knex.schema.createTable('pathway_milestones', (t) => {
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('milestone_id', 64).notNullable();
    t.string('reached_on', 10).notNullable(); // calendar day, YYYY-MM-DD
    t.string('set_by', 64).notNullable().references('people.id');
    t.timestamp('set_at', { useTz: true }).notNullable();
    t.primary(['learner_id', 'milestone_id']);
  });
  await knex.schema.createTable('counsellor_notes', (t) => {
    t.string('id', 64).primary();
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('counsellor_id', 64).notNullable().references('people.id');
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.index(['learner_id']);
  });
  await knex.schema.createTable('counsellor_follows', (t) => {
    t.string('id', 64).primary();
    t.string('counsellor_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('started_by', 64).notNullable().references('people.id');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.string('ended_by', 64).nullable().references('people.id');
    t.timestamp('ended_at', { useTz: true }).nullable();
    t.index(['counsellor_id']);
    t.index(['learner_id']);
  });
  // One standing follow per pair (both databases support partial indexes).
  await knex.raw(
    'CREATE UNIQUE INDEX counsellor_follows_one_standing ON counsellor_follows (counsellor_id, learner_id) WHERE ended_at IS NULL',
  );
  await knex.schema.createTable('share_links', (t) => {
    t.string('id', 64).primary();
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    // SHA-256 of the 128-bit token: the token itself is shown once and never stored.
    t.string('token_hash', 64).notNullable().unique();
    t.text('items').notNullable(); // JSON: which parts of the pathway the link shows
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.index(['learner_id']);
  });
  await knex.schema.createTable('share_link_openings', (t) => {
    t.string('id', 64).primary();
    t.string('share_link_id', 64).notNullable().references('share_links.id').onDelete('CASCADE');
    t.timestamp('opened_at', { useTz: true }).notNullable();
    t.string('user_agent', 64).notNullable(); // coarse: browser family and device kind only
    t.index(['share_link_id']);
  });
  await knex.schema.alterTable('guardian_consents', (t) => {
    t.boolean('allows_public_share').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE guardian_consents DROP COLUMN allows_public_share');
  await knex.schema.dropTable('share_link_openings');
  await knex.schema.dropTable('share_links');
  await knex.schema.dropTable('counsellor_follows');
  await knex.schema.dropTable('counsellor_notes');
  await knex.schema.dropTable('pathway_milestones');
  await knex.schema.dropTable('pathway_targets');
}
