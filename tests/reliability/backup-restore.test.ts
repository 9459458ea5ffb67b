/**
 * Backup and restore (issue 7). The real server issues badges and one is revoked; then, while
 * learners and a trainer keep writing through the API, the backup is taken — `grange backup`
 * (SQLite's online backup) on SQLite, `pg_dump` on PostgreSQL, the commands docs/backup.md
 * gives. The original server is stopped and a fresh instance starts from the backup alone
 * (`grange restore` into a new data folder with the old secrets.json; `pg_restore` into a new
 * database) at the same public URL. Every badge in the backup must verify as an outside
 * verifier sees it, fetched from the restored server — valid, and the revoked one revoked —
 * the restored database must be consistent (the backup is one instant, never half a write),
 * and the learners' sign-in tokens still work.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../badges/verify/verify-credential.ts';
import { BadgesQuery } from '../../client/src/pages/badges/badge-queries.ts';
import { BulkValidateMutation } from '../../client/src/pages/trainer/trainer-queries.ts';
import type { Catalog } from '../../server/app/check-curricula.ts';
import { revokeBadge } from '../../server/app/revoke-badge.ts';
import { createDatabase, type Database } from '../../server/db/connection.ts';
import { shippedCurricula } from '../integration/engine/engine-fixture.ts';
import { POSTGRES_URL, testDatabaseKinds } from '../support/databases.ts';
import { postGraphql } from '../support/graphql-client.ts';
import {
  type ServerProcess,
  type ServerSettings,
  startServerProcess,
} from '../support/server-process.ts';
import { writeInBackground } from './support/background-writes.ts';
import { checkConsistency } from './support/consistency.ts';
import { skillsBadgesFirst, topLevel } from './support/load-journeys.ts';
import { createScratchSite, onPostgres, type ScratchSite } from './support/scratch-site.ts';
import { seedWorkshops, type Workshop } from './support/seed-workshops.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CURRICULUM = 'seniors-numerique';
const LEARNERS = 12;

/** Runs a command to its end without blocking the event loop (the writes go on meanwhile). */
function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; output: string; startedAt: number; endedAt: number }> {
  const startedAt = Date.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk.toString();
  });
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ code, output, startedAt, endedAt: Date.now() })),
  );
}

/** The `grange` command as operators run it. */
function grange(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [join(ROOT, 'bin/grange.js'), ...args], env);
}

/**
 * The part both databases share: badges issued and one revoked, writes in the background
 * while `takeBackup` runs, then `restore` and the checks against the restored server.
 */
async function backUpRestoreAndVerify(options: {
  original: ServerSettings;
  /** The original server, running. */
  server: ServerProcess;
  db: Database;
  catalog: Catalog;
  workshop: Workshop;
  adminId: string;
  takeBackup(): ReturnType<typeof run>;
  /** Puts the backup in place; returns the restored server's settings and a connection. */
  restore(): Promise<{ settings: ServerSettings; db: Database }>;
}): Promise<void> {
  const { original, db, catalog, workshop } = options;
  let server = options.server;
  const skills = skillsBadgesFirst(catalog, CURRICULUM);
  // A badge for everyone: the skills of the one needing fewest, validated for the session.
  for (const skillId of skills.slice(0, 2)) {
    const body = await postGraphql(
      original.publicUrl,
      BulkValidateMutation.source,
      { sessionId: workshop.sessionId, skillId, level: topLevel(catalog, skillId) },
      workshop.trainer.token,
    );
    expect(body.data?.bulkValidate).toMatchObject({ __typename: 'BulkValidateSuccess' });
  }
  const issued = (await db('badgeAwards').select('id')) as { id: string }[];
  expect(issued.length).toBeGreaterThanOrEqual(LEARNERS);
  const revokedId = issued[0]?.id ?? '';
  await revokeBadge(
    { db, clock: () => new Date() },
    { awardId: revokedId, reason: 'Attribué par erreur.', actorId: options.adminId },
  );

  // The backup, while learners and the trainer keep writing.
  const writes = writeInBackground(original.publicUrl, workshop, skills.slice(2));
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const backup = await options.takeBackup();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const done = await writes.stop();
  expect(backup.output).not.toContain('rror');
  expect(backup.code).toBe(0);
  const duringBackup = done.filter(
    (w) => w.endedAt > backup.startedAt && w.startedAt < backup.endedAt,
  );
  expect(duringBackup.length).toBeGreaterThan(0);
  await server.stop();
  const originalAwards = new Map(
    (
      (await db('badgeAwards').select('id', 'credential')) as { id: string; credential: string }[]
    ).map((a) => [a.id, a.credential]),
  );

  // A fresh instance from the backup alone, at the same public URL.
  const restored = await options.restore();
  try {
    const consistency = await checkConsistency(restored.db, catalog);
    expect(consistency.problems).toEqual([]);
    const awards = (await restored.db('badgeAwards').select('id', 'credential', 'learnerId')) as {
      id: string;
      credential: string;
      learnerId: string;
    }[];
    expect(awards.length).toBeGreaterThanOrEqual(issued.length);
    // The backup is the original as of one instant: nothing in it differs from the original.
    for (const award of awards) expect(award.credential).toBe(originalAwards.get(award.id));

    server = await startServerProcess(restored.settings);
    console.log(
      `restored: ${awards.length} awards (1 revoked), ${consistency.events} events; ${duringBackup.length} writes ran during the backup`,
    );
    try {
      for (const award of awards) {
        const report = await verifyCredential(`${restored.settings.publicUrl}/badges/${award.id}`, {
          allowLoopback: true,
          proofCache: false,
        });
        expect({ award: award.id, verdict: report.verdict }).toEqual({
          award: award.id,
          verdict: award.id === revokedId ? 'revoked' : 'valid',
        });
      }
      // Same secrets: a token signed before the backup still opens the learner's badges.
      const learner = workshop.learners[1];
      const badges = await postGraphql(
        restored.settings.publicUrl,
        BadgesQuery.source,
        {},
        learner?.token,
      );
      expect(badges.data?.myBadges).toHaveLength(
        awards.filter((a) => a.learnerId === learner?.personId).length,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await restored.db.destroy();
  }
}

describe('grange backup and grange restore on SQLite', () => {
  let site: ScratchSite;
  let db: Database;
  let restoredDir: string;
  let backupDir: string;

  beforeAll(() => {
    restoredDir = mkdtempSync(join(tmpdir(), 'grange-restored-'));
    backupDir = mkdtempSync(join(tmpdir(), 'grange-backups-'));
  });

  afterAll(async () => {
    await db?.destroy();
    await site?.dispose();
    rmSync(restoredDir, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('backs up while the server writes, and every badge verifies from the restored copy', async () => {
    site = await createScratchSite('sqlite');
    // The server's start creates the schema, the issuer and secrets.json; seeding needs them.
    const server = await startServerProcess(site.settings);
    db = site.connect();
    const catalog = await shippedCurricula();
    const { admin, workshops } = await seedOneWorkshop(db, catalog, site.jwtSecret());
    const file = join(backupDir, 'grange-backup.sqlite');
    await backUpRestoreAndVerify({
      original: site.settings,
      server,
      db,
      catalog,
      workshop: workshops[0] as Workshop,
      adminId: admin.personId,
      takeBackup: () => grange(['backup', file, '--data-dir', site.settings.dataDir]),
      restore: async () => {
        const restore = await grange(['restore', file, '--data-dir', restoredDir]);
        expect(restore.output).toContain('Database restored');
        expect(restore.output).toContain('copy the old one there');
        expect(restore.code).toBe(0);
        // Restoring over a database is refused, and leaves it as it was.
        const again = await grange(['restore', file, '--data-dir', restoredDir]);
        expect(again.code).toBe(1);
        expect(again.output).toContain('a restore never replaces a database');
        copyFileSync(
          join(site.settings.dataDir, 'secrets.json'),
          join(restoredDir, 'secrets.json'),
        );
        const settings = { ...site.settings, dataDir: restoredDir };
        return {
          settings,
          db: createDatabase({ client: 'sqlite', filename: join(restoredDir, 'grange.sqlite') }),
        };
      },
    });
  });
});

// Only when PostgreSQL is asked for (TEST_DATABASES), like every suite's PostgreSQL half.
describe.each(testDatabaseKinds().filter((kind) => kind === 'postgres'))(
  'pg_dump and pg_restore on %s',
  () => {
    const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const sourceName = `grange_backup_${suffix}`;
    const targetName = `grange_restore_${suffix}`;
    const urlOf = (name: string) => {
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${name}`;
      return url.toString();
    };
    let site: ScratchSite;
    let db: Database;
    let dumpDir: string;

    beforeAll(async () => {
      dumpDir = mkdtempSync(join(tmpdir(), 'grange-dumps-'));
      await onPostgres(`CREATE DATABASE "${sourceName}"`);
      await onPostgres(`CREATE DATABASE "${targetName}"`);
    });

    afterAll(async () => {
      await db?.destroy();
      await site?.dispose();
      rmSync(dumpDir, { recursive: true, force: true });
      await onPostgres(`DROP DATABASE IF EXISTS "${sourceName}" WITH (FORCE)`);
      await onPostgres(`DROP DATABASE IF EXISTS "${targetName}" WITH (FORCE)`);
    });

    it('dumps while the server writes, and every badge verifies from the restored database', async () => {
      // The site's own data folder and port; its database is the scratch one, not a schema.
      site = await createScratchSite('sqlite');
      const original: ServerSettings = { ...site.settings, databaseUrl: urlOf(sourceName) };
      const server = await startServerProcess(original);
      db = createDatabase({ client: 'postgres', url: urlOf(sourceName) });
      const catalog = await shippedCurricula();
      const { admin, workshops } = await seedOneWorkshop(db, catalog, site.jwtSecret());
      // The pointer the CLI gives is the command run here.
      const pointer = await grange(['backup', 'x.sqlite'], { DATABASE_URL: urlOf(sourceName) });
      expect(pointer.code).toBe(2);
      expect(pointer.output).toContain('pg_dump --format=custom --no-owner --file=');
      const file = join(dumpDir, 'grange.dump');
      await backUpRestoreAndVerify({
        original,
        server,
        db,
        catalog,
        workshop: workshops[0] as Workshop,
        adminId: admin.personId,
        takeBackup: () =>
          run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, urlOf(sourceName)]),
        restore: async () => {
          const restore = await run('pg_restore', [
            '--no-owner',
            '--exit-on-error',
            `--dbname=${urlOf(targetName)}`,
            file,
          ]);
          expect(restore.output).not.toContain('error');
          expect(restore.code).toBe(0);
          return {
            settings: { ...original, databaseUrl: urlOf(targetName) },
            db: createDatabase({ client: 'postgres', url: urlOf(targetName) }),
          };
        },
      });
    });
  },
);

/** One workshop of LEARNERS signed-in learners: what both tests back up while it is used. */
function seedOneWorkshop(db: Database, catalog: Catalog, jwtSecret: string) {
  return seedWorkshops(
    { db, catalog, jwtSecret },
    {
      workshops: 1,
      learnersPerWorkshop: LEARNERS,
      curriculumId: CURRICULUM,
      targetSkills: [],
      signIn: true,
      label: 'sauvegarde',
    },
  );
}
