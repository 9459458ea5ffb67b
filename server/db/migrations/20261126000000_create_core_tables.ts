/**
 * The first schema: people and roles, credentials, groups and workshop sessions, curriculum
 * versions, the append-only progress ledger and its projection, evidence, badge awards, issuer
 * keys, status lists and notifications. Column definitions are written out here, never
 * imported from models, so this file stays what it was when it first ran.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('people', (t) => {
    t.string('id', 64).primary();
    t.string('display_name', 200).notNullable();
    // Lower-cased at write; many learners (children, some seniors) have none.
    t.string('email', 320).nullable().unique();
    // For learners without email: a short code printed on their QR card, with a PIN.
    t.string('learner_code', 32).nullable().unique();
    t.string('locale', 8).notNullable().defaultTo('fr');
    t.boolean('is_minor').notNullable().defaultTo(false);
    // Minors are private by default: nothing of theirs is shown publicly unless opened.
    t.boolean('private_profile').notNullable().defaultTo(false);
    t.boolean('large_text').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('person_roles', (t) => {
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('role', 16).notNullable();
    t.primary(['person_id', 'role']);
  });

  await knex.schema.createTable('password_credentials', (t) => {
    t.string('person_id', 64).primary().references('people.id').onDelete('CASCADE');
    t.string('hash', 512).notNullable();
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('pin_credentials', (t) => {
    t.string('person_id', 64).primary().references('people.id').onDelete('CASCADE');
    t.string('hash', 512).notNullable();
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true }).nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('guardian_consents', (t) => {
    t.string('id', 64).primary();
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('guardian_name', 200).notNullable();
    t.string('guardian_contact', 320).nullable();
    t.text('scope').notNullable();
    t.string('recorded_by', 64).notNullable().references('people.id');
    t.timestamp('given_at', { useTz: true }).notNullable();
    t.timestamp('withdrawn_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('refresh_tokens', (t) => {
    t.string('id', 64).primary();
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    // Only a hash is stored: a stolen database does not yield usable tokens.
    t.string('token_hash', 128).notNullable().unique();
    // Every rotation stays in one family; reuse of a rotated token revokes the whole family.
    t.string('family_id', 64).notNullable().index();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.string('replaced_by', 64).nullable();
  });

  await knex.schema.createTable('groups', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('curriculum_id', 64).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('archived_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('group_members', (t) => {
    t.string('group_id', 64).notNullable().references('groups.id').onDelete('CASCADE');
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('role', 16).notNullable(); // trainer | learner
    t.timestamp('joined_at', { useTz: true }).notNullable();
    t.primary(['group_id', 'person_id', 'role']);
    t.index(['person_id']);
  });

  await knex.schema.createTable('workshop_sessions', (t) => {
    t.string('id', 64).primary();
    t.string('group_id', 64).notNullable().references('groups.id').onDelete('CASCADE');
    t.string('title', 200).notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    // What present learners scan to check in; rotated per session.
    t.string('check_in_code', 64).notNullable().unique();
    t.text('target_skills').notNullable().defaultTo('[]'); // JSON array of global skill ids
    t.string('created_by', 64).notNullable().references('people.id');
  });

  await knex.schema.createTable('attendance', (t) => {
    t.string('session_id', 64).notNullable().references('workshop_sessions.id').onDelete('CASCADE');
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('method', 16).notNullable(); // roll-call | qr
    t.timestamp('checked_in_at', { useTz: true }).notNullable();
    t.primary(['session_id', 'person_id']);
  });

  await knex.schema.createTable('curriculum_versions', (t) => {
    t.string('curriculum_id', 64).notNullable();
    t.string('content_hash', 80).notNullable();
    t.text('content').notNullable(); // the parsed curriculum, as JSON
    t.timestamp('imported_at', { useTz: true }).notNullable();
    t.boolean('is_current').notNullable().defaultTo(true);
    t.primary(['curriculum_id', 'content_hash']);
  });

  await knex.schema.createTable('enrolments', (t) => {
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('curriculum_id', 64).notNullable();
    t.timestamp('enrolled_at', { useTz: true }).notNullable();
    t.primary(['person_id', 'curriculum_id']);
  });

  // The ledger: rows are only ever inserted. `seq` gives the order events are folded in.
  await knex.schema.createTable('progress_events', (t) => {
    t.bigIncrements('seq').primary();
    t.string('id', 64).notNullable().unique();
    t.string('learner_id', 64).notNullable().references('people.id');
    t.string('skill_id', 160).notNullable();
    t.string('type', 32).notNullable();
    t.text('payload').notNullable().defaultTo('{}'); // level, comment, outcome, evidence id…
    t.string('actor_id', 64).notNullable().references('people.id');
    t.string('session_id', 64).nullable().references('workshop_sessions.id');
    t.string('curriculum_hash', 80).nullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable();
    t.index(['learner_id', 'seq']);
  });

  // Projection of the ledger, rewritten in the same transaction as each event.
  await knex.schema.createTable('skill_states', (t) => {
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('skill_id', 160).notNullable();
    t.string('status', 16).notNullable();
    t.integer('level').nullable();
    t.string('source', 16).nullable(); // self | trainer | jury
    t.string('validated_by', 64).nullable();
    t.timestamp('validated_at', { useTz: true }).nullable();
    t.timestamp('expires_at', { useTz: true }).nullable();
    t.bigInteger('last_seq').notNullable();
    t.primary(['learner_id', 'skill_id']);
  });

  await knex.schema.createTable('evidence', (t) => {
    t.string('id', 64).primary();
    t.string('learner_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('skill_id', 160).notNullable();
    t.string('kind', 8).notNullable(); // text | link | file
    t.text('text').nullable();
    t.string('url', 2048).nullable();
    t.string('file_path', 512).nullable();
    t.string('media_type', 128).nullable();
    t.integer('size_bytes').nullable();
    t.timestamp('submitted_at', { useTz: true }).notNullable();
    t.index(['learner_id', 'skill_id']);
  });

  await knex.schema.createTable('status_lists', (t) => {
    t.string('id', 512).primary(); // the URL of the status list credential
    t.string('purpose', 16).notNullable();
    t.text('state').notNullable(); // the serialised StatusList
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('badge_awards', (t) => {
    t.string('id', 64).primary();
    t.string('learner_id', 64).notNullable().references('people.id');
    t.string('badge_id', 160).notNullable();
    t.string('curriculum_hash', 80).notNullable();
    t.text('definition_snapshot').notNullable(); // the badge and skills as they were at issue
    t.string('status_list_id', 512).nullable().references('status_lists.id');
    t.integer('status_index').nullable();
    t.string('recipient_salt', 64).notNullable();
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.timestamp('valid_until', { useTz: true }).nullable();
    t.text('credential').notNullable(); // the signed OB 3.0 credential, JSON
    t.text('ob2_assertion').nullable(); // the hosted OB 2.0 assertion, JSON
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.text('revocation_reason').nullable();
    t.string('revoked_by', 64).nullable();
    // Withdrawing a validation flags the badge for an admin rather than revoking it silently.
    t.timestamp('flagged_at', { useTz: true }).nullable();
    t.text('flag_reason').nullable();
    t.timestamp('expiry_reminded_at', { useTz: true }).nullable();
    t.index(['learner_id']);
  });
  // A learner holds each badge at most once while it stands: the database itself refuses a
  // second award, however many validations race to complete the criteria.
  await knex.raw(
    'CREATE UNIQUE INDEX badge_awards_one_standing ON badge_awards (learner_id, badge_id) WHERE revoked_at IS NULL',
  );

  await knex.schema.createTable('award_evidence', (t) => {
    t.string('award_id', 64).notNullable().references('badge_awards.id').onDelete('CASCADE');
    t.string('event_id', 64).notNullable().references('progress_events.id');
    t.primary(['award_id', 'event_id']);
  });

  await knex.schema.createTable('issuer_keys', (t) => {
    t.string('id', 512).primary(); // the verification method id
    t.string('algorithm', 16).notNullable();
    t.text('key').notNullable(); // the IssuerKey JSON, secret parts included
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('retired_at', { useTz: true }).nullable();
  });

  await knex.schema.createTable('notifications', (t) => {
    t.string('id', 64).primary();
    t.string('person_id', 64).notNullable().references('people.id').onDelete('CASCADE');
    t.string('kind', 32).notNullable();
    t.text('payload').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('read_at', { useTz: true }).nullable();
    t.index(['person_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'notifications',
    'issuer_keys',
    'award_evidence',
    'badge_awards',
    'status_lists',
    'evidence',
    'skill_states',
    'progress_events',
    'enrolments',
    'curriculum_versions',
    'attendance',
    'workshop_sessions',
    'group_members',
    'groups',
    'refresh_tokens',
    'guardian_consents',
    'pin_credentials',
    'password_credentials',
    'person_roles',
    'people',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
