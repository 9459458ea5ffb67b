/**
 * A small real database for the HTTP benchmarks that need one award: migrated, the shipped
 * curricula imported, the issuer created, and a learner who earned a badge through the
 * progress engine (a trainer validated the skills its criteria name), as a workshop would.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCurriculaFolder } from '../../server/app/check-curricula.ts';
import { ensureIssuer } from '../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../server/app/import-curricula.ts';
import { indexCatalog } from '../../server/app/issuance/catalog-index.ts';
import { recordProgress } from '../../server/app/record-progress.ts';
import { createDatabase, type Database, migrate } from '../../server/db/connection.ts';
import { ruleLeaves } from '../../server/domain/criteria/criteria-rule.ts';

export interface SmallDatabase {
  /** Where the server finds it. */
  location: { postgresUrl: string } | { dataDir: string };
  /** The award the learner earned. */
  awardId: string;
}

/**
 * @param where a PostgreSQL URL (an empty database), or undefined: a new SQLite file in a
 *   temporary folder.
 * @param publicUrl the platform's public URL.
 * @returns where the database is, and the award.
 */
export async function createSmallDatabase(
  where: { postgresUrl: string } | undefined,
  publicUrl: string,
): Promise<SmallDatabase> {
  const location = where ?? { dataDir: mkdtempSync(join(tmpdir(), 'grange-bench-')) };
  const db: Database = createDatabase(
    'postgresUrl' in location
      ? { client: 'postgres', url: location.postgresUrl }
      : { client: 'sqlite', filename: join(location.dataDir, 'grange.sqlite') },
  );
  try {
    await migrate(db);
    const checked = await checkCurriculaFolder();
    if (!checked.ok) throw new Error('the shipped curricula have problems');
    const catalog = checked.catalog;
    const clock = () => new Date();
    await importCurricula(db, catalog, clock);
    const issuer = await ensureIssuer(
      db,
      { publicUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
      clock,
    );
    const learnerId = randomUUID();
    const trainerId = randomUUID();
    const now = clock().toISOString();
    await db('people').insert([
      {
        id: learnerId,
        displayName: 'Camille Martin',
        email: 'camille.martin@example.org',
        createdAt: now,
        updatedAt: now,
      },
      { id: trainerId, displayName: 'Formatrice', createdAt: now, updatedAt: now },
    ]);
    await db('personRoles').insert([
      { personId: learnerId, role: 'learner' },
      { personId: trainerId, role: 'trainer' },
    ]);
    // The badge whose criteria name the fewest skills and no other badge.
    const index = indexCatalog(catalog);
    const [badge] = [...index.badges.values()]
      .map((definition) => ({ definition, leaves: ruleLeaves(definition.criteria) }))
      .filter(({ leaves }) => leaves.every((leaf) => leaf.kind === 'skill'))
      .sort((a, b) => a.leaves.length - b.leaves.length);
    if (badge === undefined) throw new Error('no badge is earned from skills alone');
    const deps = { db, catalog, issuer, publicUrl, clock };
    let awardId: string | undefined;
    for (const leaf of badge.leaves) {
      if (leaf.kind !== 'skill') continue;
      const levels = index.skill(leaf.skillId)?.skill.levels?.length ?? 0;
      const result = await recordProgress(deps, {
        learnerId,
        skillId: leaf.skillId,
        type: 'skill-validated',
        actorId: trainerId,
        ...(levels > 0 ? { level: levels } : {}),
      });
      awardId ??= result.issued.find((award) => award.badgeId === badge.definition.id)?.awardId;
    }
    if (awardId === undefined) throw new Error(`${badge.definition.id} was not issued`);
    return { location, awardId };
  } finally {
    await db.destroy();
  }
}
