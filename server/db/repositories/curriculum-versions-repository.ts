/**
 * Curriculum versions: each curriculum's parsed content stored under its content hash, one of
 * them current. Old versions stay, so awards judged against them remain explainable.
 */
import type { Curriculum } from '../../../curricula/schema.ts';
import type { Database } from '../connection.ts';
import { CurriculumVersionModel } from '../models/curriculum-version.model.ts';

/** A stored version, without its content. */
export interface CurriculumVersionRecord {
  curriculumId: string;
  contentHash: string;
  importedAt: string;
  isCurrent: boolean;
}

/**
 * @param db the database or a transaction.
 * @param curriculumId only this curriculum's versions, when given.
 * @returns the stored versions, oldest import first.
 */
export async function listCurriculumVersions(
  db: Database,
  curriculumId?: string,
): Promise<CurriculumVersionRecord[]> {
  const query = CurriculumVersionModel.query(db)
    .select('curriculumId', 'contentHash', 'importedAt', 'isCurrent')
    .orderBy([{ column: 'importedAt' }, { column: 'curriculumId' }, { column: 'contentHash' }]);
  if (curriculumId !== undefined) query.where('curriculumId', curriculumId);
  const rows = await query;
  return rows.map((row) => ({
    curriculumId: row.curriculumId,
    contentHash: row.contentHash,
    importedAt: row.importedAt,
    isCurrent: row.isCurrent,
  }));
}

/**
 * @param db the database or a transaction.
 * @param curriculumId the curriculum.
 * @param contentHash the version.
 * @returns the parsed curriculum of that version, or undefined when it was never imported.
 */
export async function findCurriculumVersionContent(
  db: Database,
  curriculumId: string,
  contentHash: string,
): Promise<Curriculum | undefined> {
  const row = await CurriculumVersionModel.query(db).findById([curriculumId, contentHash]);
  return row === undefined ? undefined : (JSON.parse(row.content) as Curriculum);
}

/**
 * Stores a version (not yet current: see {@link makeCurrentVersion}). A version already stored
 * is left as it is.
 *
 * @param db a transaction, so the insert and the change of current version go together.
 */
export async function insertCurriculumVersion(
  db: Database,
  version: { curriculum: Curriculum; contentHash: string; importedAt: string },
): Promise<void> {
  await CurriculumVersionModel.query(db)
    .insert({
      curriculumId: version.curriculum.id,
      contentHash: version.contentHash,
      content: JSON.stringify(version.curriculum),
      importedAt: version.importedAt,
      isCurrent: false,
    })
    .onConflict(['curriculumId', 'contentHash'])
    .ignore();
}

/**
 * Makes one version the current one of its curriculum, and every other version of it not.
 *
 * @param db the database or a transaction.
 */
export async function makeCurrentVersion(
  db: Database,
  curriculumId: string,
  contentHash: string,
): Promise<void> {
  await CurriculumVersionModel.query(db)
    .patch({ isCurrent: false })
    .where('curriculumId', curriculumId)
    .whereNot('contentHash', contentHash)
    .where('isCurrent', true);
  await CurriculumVersionModel.query(db)
    .patch({ isCurrent: true })
    .where({ curriculumId, contentHash });
}
