/**
 * The migrations, listed in code rather than found by scanning a folder, so they run the same
 * from TypeScript sources and from a build. Append new ones; never edit one that has run.
 */
import type { Knex } from 'knex';
import * as createCoreTables from './20261126000000_create_core_tables.ts';
import * as addNotificationEmailedAt from './20261126000400_add_notification_emailed_at.ts';
import * as addEvidenceFileName from './20261126000500_add_evidence_file_name.ts';
import * as addPeopleDisabled from './20261126000600_add_people_disabled.ts';
import * as addAwardFlagReview from './20261126000800_add_award_flag_review.ts';
import * as addPeopleHighContrast from './20261126000900_add_people_high_contrast.ts';
import * as createPathwayTables from './20261126001000_create_pathway_tables.ts';
import * as addPeopleDeleted from './20261126001100_add_people_deleted.ts';
import * as createLearnerTracks from './20261126001200_create_learner_tracks.ts';
import * as addPeopleLedgerEnd from './20261126001300_add_people_ledger_end.ts';
import * as addPeopleFactsStamp from './20261126001400_add_people_facts_stamp.ts';
import * as addGroupsGridStamp from './20261127001500_add_groups_grid_stamp.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261126000000_create_core_tables', createCoreTables],
  ['20261126000400_add_notification_emailed_at', addNotificationEmailedAt],
  ['20261126000500_add_evidence_file_name', addEvidenceFileName],
  ['20261126000600_add_people_disabled', addPeopleDisabled],
  ['20261126000800_add_award_flag_review', addAwardFlagReview],
  ['20261126000900_add_people_high_contrast', addPeopleHighContrast],
  ['20261126001000_create_pathway_tables', createPathwayTables],
  ['20261126001100_add_people_deleted', addPeopleDeleted],
  ['20261126001200_create_learner_tracks', createLearnerTracks],
  ['20261126001300_add_people_ledger_end', addPeopleLedgerEnd],
  ['20261126001400_add_people_facts_stamp', addPeopleFactsStamp],
  ['20261127001500_add_groups_grid_stamp', addGroupsGridStamp],
];

export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
