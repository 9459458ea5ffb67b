/**
 * kill -9 during a bulk validation that issues badges (issue 7). The real server runs in its
 * own process; a trainer validates, in one bulk mutation, the last skill 150 learners lack for
 * the « Premiers pas » badge; the test watches the database and kills the server (SIGKILL)
 * once some awards are written but not all — after the first, after a third, after two
 * thirds — restarts it on the same database, and checks: each learner's validation is there
 * with all its consequences (projection, award, status-list index, evidence, notification) or
 * not at all, nothing is duplicated or orphaned, and running the same bulk validation again
 * completes it exactly: every learner ends with one award. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkValidateMutation } from '../../client/src/pages/trainer/trainer-queries.ts';
import type { Catalog } from '../../server/app/check-curricula.ts';
import type { Database } from '../../server/db/connection.ts';
import { shippedCurricula } from '../integration/engine/engine-fixture.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { type GraphqlBody, postGraphql } from '../support/graphql-client.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { checkConsistency } from './support/consistency.ts';
import { createScratchSite, type ScratchSite } from './support/scratch-site.ts';
import { accessToken, seedWorkshops, type Workshop } from './support/seed-workshops.ts';

const CURRICULUM = 'seniors-numerique';
const skill = (id: string) => `${CURRICULUM}/${id}`;
/** « Premiers pas »: switch on, the touch screen (or keyboard and mouse), and Wi-Fi. */
const BADGE = skill('premiers-pas');
const PREPARED = [skill('allumer-son-appareil'), skill('utiliser-l-ecran-tactile')];
const LAST_SKILL = skill('se-connecter-au-wifi');
const LEARNERS = 150;
/** When to kill: once this many of the 150 awards are written. */
const KILL_AFTER = [1, 50, 100];

interface BulkResult {
  learnerId: string;
  outcome: string;
  issuedBadges: { badgeId?: string; id: string }[];
}

describe.each(testDatabaseKinds())('kill -9 during a bulk validation on %s', (kind) => {
  let site: ScratchSite;
  let server: ServerProcess | undefined;
  let db: Database;
  let catalog: Catalog;
  let cohorts: Workshop[];

  // A fresh token each time: a slow machine may take longer than a token lives (15 min).
  const bulkValidate = (workshop: Workshop, skillId: string): Promise<GraphqlBody> =>
    postGraphql(
      site.settings.publicUrl,
      BulkValidateMutation.source,
      { sessionId: workshop.sessionId, skillId, level: null },
      accessToken({ id: workshop.trainer.personId, roles: ['trainer'] }, site.jwtSecret()),
    );

  const awardsOf = async (workshop: Workshop): Promise<number> => {
    const [row] = (await db('badgeAwards')
      .whereIn(
        'learnerId',
        workshop.learners.map((l) => l.personId),
      )
      .where('badgeId', BADGE)
      .count({ n: '*' })) as { n: number | string }[];
    return Number(row?.n ?? 0);
  };

  beforeAll(async () => {
    site = await createScratchSite(kind);
    server = await startServerProcess(site.settings);
    db = site.connect();
    catalog = await shippedCurricula();
    ({ workshops: cohorts } = await seedWorkshops(
      { db, catalog, jwtSecret: site.jwtSecret() },
      {
        workshops: KILL_AFTER.length,
        learnersPerWorkshop: LEARNERS,
        curriculumId: CURRICULUM,
        targetSkills: [...PREPARED, LAST_SKILL],
        signIn: false,
        label: 'panne',
      },
    ));
    // Everyone one validation away from the badge, through the same mutation.
    for (const cohort of cohorts) {
      for (const skillId of PREPARED) {
        const body = await bulkValidate(cohort, skillId);
        const results =
          (body.data?.bulkValidate as { results?: BulkResult[] } | undefined)?.results ?? [];
        expect(results.filter((r) => r.outcome === 'VALIDATED')).toHaveLength(LEARNERS);
      }
    }
    for (const cohort of cohorts) expect(await awardsOf(cohort)).toBe(0);
  });

  afterAll(async () => {
    await server?.kill();
    await db?.destroy();
    await site?.dispose();
  });

  it.each(KILL_AFTER.map((after, run) => [run + 1, after] as const))(
    'run %i: killed after %i awards, loses nothing and a retry completes it exactly',
    async (run, after) => {
      const cohort = cohorts[run - 1] as Workshop;
      expect(await awardsOf(cohort)).toBe(0);

      // The bulk validation runs in the server; its answer never comes.
      const pending = bulkValidate(cohort, LAST_SKILL).then(
        () => 'answered',
        () => 'cut off',
      );
      const deadline = Date.now() + 300_000;
      while ((await awardsOf(cohort)) < after) {
        if (Date.now() > deadline) throw new Error(`no ${after} awards within 5 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await server?.kill();
      server = undefined;
      expect(await pending).toBe('cut off');

      // Mid-way: some learners have their award, not all; each is whole or absent.
      const written = await awardsOf(cohort);
      expect(written).toBeGreaterThanOrEqual(after);
      expect(written).toBeLessThan(LEARNERS);
      const validated = await validatedLearners(db, cohort);
      expect(validated.size).toBe(written);
      const afterKill = await checkConsistency(db, catalog);
      expect(afterKill.problems).toEqual([]);

      // Restart on the same database; the same bulk validation again.
      server = await startServerProcess(site.settings);
      const retry = await bulkValidate(cohort, LAST_SKILL);
      const results =
        (retry.data?.bulkValidate as { results?: BulkResult[] } | undefined)?.results ?? [];
      expect(results.filter((r) => r.outcome === 'VALIDATED')).toHaveLength(LEARNERS);
      // The retry issues exactly the badges the kill prevented, to exactly those learners.
      // (Learners validated before the kill get a second validation event, as when a trainer
      // validates twice: the ledger keeps it, and it earns nothing twice.)
      const issuedTo = results.filter((r) => r.issuedBadges.length > 0).map((r) => r.learnerId);
      expect(issuedTo).toHaveLength(LEARNERS - written);
      expect(issuedTo.filter((id) => validated.has(id))).toEqual([]);
      expect(results.every((r) => r.issuedBadges.length <= 1)).toBe(true);

      expect(await awardsOf(cohort)).toBe(LEARNERS);
      const final = await checkConsistency(db, catalog);
      expect(final.problems).toEqual([]);
      console.log(
        `${kind} run ${run}: killed with ${written}/${LEARNERS} awards written; after the retry ${final.standingAwards} awards in all, ${final.events} events, no problem`,
      );
    },
  );
});

/** The learners of the cohort whose last-skill validation is in the ledger. */
async function validatedLearners(db: Database, cohort: Workshop): Promise<Set<string>> {
  const rows = (await db('progressEvents')
    .whereIn(
      'learnerId',
      cohort.learners.map((l) => l.personId),
    )
    .where({ skillId: LAST_SKILL, type: 'skill-validated' })
    .select('learnerId')) as { learnerId: string }[];
  const ids = rows.map((r) => r.learnerId);
  expect(new Set(ids).size).toBe(ids.length);
  return new Set(ids);
}
