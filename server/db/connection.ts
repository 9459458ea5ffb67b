/**
 * The Knex connection: SQLite file by default (WAL, foreign keys on), PostgreSQL when
 * DATABASE_URL is set. The same migrations run on both.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import type { Config } from '../config.ts';
import { migrationSource } from './migrations/index.ts';
import { cachePreparedStatements, type SqliteConnection } from './prepared-statements.ts';
import { closeReader } from './select-rows.ts';

export type Database = Knex;

/**
 * @param database where the data lives.
 * @returns a Knex instance; call `migrate` before use and `destroy` at shutdown.
 */
export function createDatabase(database: Config['database']): Database {
  if (database.client === 'postgres') {
    return knex({
      client: 'pg',
      connection: database.url,
      pool: { min: 0, max: 10 },
      ...knexSnakeCaseMappers(),
    });
  }
  if (database.filename !== ':memory:') mkdirSync(dirname(database.filename), { recursive: true });
  const db = knex({
    client: 'better-sqlite3',
    connection: { filename: database.filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, and a single connection serialises transactions
    // instead of failing them with SQLITE_BUSY.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (connection: SqliteConnection, done: (error?: Error) => void) => {
        try {
          cachePreparedStatements(connection);
          connection.pragma('journal_mode = WAL');
          connection.pragma('foreign_keys = ON');
          connection.pragma('busy_timeout = 5000');
          // Read through memory-mapped pages rather than read() calls: half the cost of a
          // learner's ledger on a large database (bench/api.bench.ts). Address space, not
          // memory: the OS page cache holds the pages either way.
          connection.pragma('mmap_size = 1073741824');
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    },
    ...knexSnakeCaseMappers(),
  });
  // The read-only connection of `select-rows.ts` closes with knex's (`db.destroy()` calls
  // its client's, which may be replaced; `db.destroy` itself may not).
  const client = db.client as { destroy(callback?: unknown): Promise<void> };
  const destroy = client.destroy.bind(client);
  client.destroy = (callback?: unknown) => {
    closeReader(db);
    return destroy(callback);
  };
  return db;
}

/** Runs every pending migration. */
export async function migrate(db: Database): Promise<void> {
  await db.migrate.latest({ migrationSource });
}

export { isPostgres } from './dialect.ts';
