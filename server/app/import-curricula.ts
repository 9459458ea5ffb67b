/**
 * Stores the loaded curricula as versions: each curriculum's parsed content under its content
 * hash. Run at every start; a curriculum whose content did not change writes nothing.
 */
import type { Database } from '../db/connection.ts';
import {
  insertCurriculumVersion,
  listCurriculumVersions,
  makeCurrentVersion,
} from '../db/repositories/curriculum-versions-repository.ts';
import type { Catalog } from './check-curricula.ts';

/** A curriculum whose current version changed. */
export interface CurriculumVersionChange {
  curriculumId: string;
  contentHash: string;
  /** The version that was current before, if any. */
  previousHash?: string;
  /** `added`: never seen before; `restored`: an older version became current again. */
  kind: 'added' | 'restored';
}

export interface ImportCurriculaResult {
  changed: CurriculumVersionChange[];
  /** Curricula whose current version is already this content. */
  unchanged: string[];
}

/**
 * Imports every curriculum of the catalog, idempotently, in one transaction: same hash, nothing
 * written; a new hash, a new row that becomes current while older rows stop being current.
 *
 * @param db the database.
 * @param catalog the checked catalog.
 * @param clock the time of import.
 * @returns what changed.
 */
export async function importCurricula(
  db: Database,
  catalog: Catalog,
  clock: () => Date,
): Promise<ImportCurriculaResult> {
  return db.transaction(async (trx) => {
    const stored = await listCurriculumVersions(trx);
    const result: ImportCurriculaResult = { changed: [], unchanged: [] };
    const importedAt = clock().toISOString();
    for (const curriculum of catalog.curricula) {
      const contentHash = catalog.versions.get(curriculum.id);
      if (contentHash === undefined)
        throw new Error(`the catalog has no version of ${curriculum.id}`);
      const versions = stored.filter((v) => v.curriculumId === curriculum.id);
      const current = versions.find((v) => v.isCurrent);
      if (current?.contentHash === contentHash) {
        result.unchanged.push(curriculum.id);
        continue;
      }
      const known = versions.some((v) => v.contentHash === contentHash);
      if (!known) await insertCurriculumVersion(trx, { curriculum, contentHash, importedAt });
      await makeCurrentVersion(trx, curriculum.id, contentHash);
      result.changed.push({
        curriculumId: curriculum.id,
        contentHash,
        kind: known ? 'restored' : 'added',
        ...(current ? { previousHash: current.contentHash } : {}),
      });
    }
    return result;
  });
}
