/**
 * A place for one server of a reliability suite: a fresh data folder, a free port and its
 * public URL, and the database — the SQLite file in the data folder, or a fresh schema in the
 * test PostgreSQL (TEST_POSTGRES_URL) — plus a connection to it from the test process, to seed
 * before a run and to check afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { loadOrCreateSecrets } from '../../../server/auth/secrets.ts';
import { createDatabase, type Database } from '../../../server/db/connection.ts';
import { type DatabaseKind, POSTGRES_URL } from '../../support/databases.ts';
import { freePort, type ServerSettings } from '../../support/server-process.ts';

export interface ScratchSite {
  kind: DatabaseKind;
  settings: ServerSettings;
  /** A connection from the test process (open it once the server has migrated). */
  connect(): Database;
  /** The access-token secret the server generated in its data folder. */
  jwtSecret(): string;
  /** Drops the schema (PostgreSQL) and deletes the data folder. */
  dispose(): Promise<void>;
}

/**
 * @param kind the database the server will run on.
 * @returns the settings to start the server with; nothing is created in the database yet.
 */
export async function createScratchSite(kind: DatabaseKind): Promise<ScratchSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-reliability-'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  let databaseUrl: string | undefined;
  let schema: string | undefined;
  if (kind === 'postgres') {
    schema = `reliability_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await onPostgres(`CREATE SCHEMA "${schema}"`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const settings: ServerSettings = {
    dataDir,
    port,
    publicUrl,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
  };
  return {
    kind,
    settings,
    connect: () =>
      createDatabase(
        databaseUrl === undefined
          ? { client: 'sqlite', filename: join(dataDir, 'grange.sqlite') }
          : { client: 'postgres', url: databaseUrl },
      ),
    jwtSecret: () => loadOrCreateSecrets(dataDir).jwtSecret,
    dispose: async () => {
      if (schema !== undefined) await onPostgres(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the test PostgreSQL, failing clearly when it cannot be reached. */
export async function onPostgres(sql: string): Promise<void> {
  const admin = knex({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(sql);
  } catch (error) {
    throw new Error(
      `PostgreSQL was asked for (TEST_DATABASES) but "${sql}" failed at ${POSTGRES_URL}: ${(error as Error).message}`,
    );
  } finally {
    await admin.destroy();
  }
}
