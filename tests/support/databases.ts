/**
 * Real databases for integration tests: a fresh SQLite file per suite, and, when
 * TEST_DATABASES includes "postgres", a fresh schema in the PostgreSQL at
 * TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test). Asking for PostgreSQL
 * and not reaching it fails the run: it is never skipped silently.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { createDatabase, type Database, migrate } from '../../server/db/connection.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The databases to run integration suites against (SQLite always). */
export function testDatabaseKinds(): DatabaseKind[] {
  const asked = (process.env.TEST_DATABASES ?? 'sqlite').split(',').map((s) => s.trim());
  const kinds: DatabaseKind[] = ['sqlite'];
  if (asked.includes('postgres')) kinds.push('postgres');
  return kinds;
}

export const POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  /** Closes the connection and deletes the file or schema. */
  dispose(): Promise<void>;
}

/**
 * A migrated, empty database of the given kind, private to the caller.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'grange-db-'));
    const db = createDatabase({ client: 'sqlite', filename: join(dir, 'grange.sqlite') });
    await migrate(db);
    return {
      kind,
      db,
      dispose: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = knex({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE SCHEMA "${schema}"`);
  } catch (error) {
    await admin.destroy();
    throw new Error(
      `PostgreSQL was asked for (TEST_DATABASES) but cannot be reached at ${POSTGRES_URL}: ${(error as Error).message}`,
    );
  }
  await admin.destroy();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = createDatabase({ client: 'postgres', url: url.toString() });
  await migrate(db);
  return {
    kind,
    db,
    dispose: async () => {
      await db.destroy();
      const cleaner = knex({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
      await cleaner.raw(`DROP SCHEMA "${schema}" CASCADE`);
      await cleaner.destroy();
    },
  };
}
