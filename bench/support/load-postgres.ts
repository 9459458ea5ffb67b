/**
 * A scratch PostgreSQL database for one benchmark run: `grange_bench_<pid>_<label>` on the
 * server of `BENCH_POSTGRES_URL` (default postgres://postgres@127.0.0.1:5432/test, the test
 * server), created at the start and dropped at the end, so the tests' schemas in the `test`
 * database are never touched.
 */
import knex from 'knex';

export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchPostgres {
  /** The URL of the new, empty database. */
  url: string;
  /** Drops it (connections still open to it are ended first). */
  drop(): Promise<void>;
}

/**
 * @param label a short name for the database (letters, digits, underscores).
 * @param options.template a database to clone (`CREATE DATABASE … TEMPLATE`) rather than start
 *   empty.
 * @returns the new database.
 * @throws Error naming the URL when the server cannot be reached.
 */
export async function createScratchPostgres(
  label: string,
  options: { template?: string } = {},
): Promise<ScratchPostgres> {
  if (!/^[a-z0-9_]{1,30}$/.test(label)) throw new Error(`bad database label "${label}"`);
  const name = `grange_bench_${process.pid}_${label}`;
  const admin = knex({ client: 'pg', connection: BENCH_POSTGRES_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.raw(
      options.template === undefined
        ? `CREATE DATABASE "${name}"`
        : `CREATE DATABASE "${name}" TEMPLATE "${options.template}"`,
    );
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot be reached at ${BENCH_POSTGRES_URL} (set BENCH_POSTGRES_URL, or leave postgres out of BENCH_DATABASES): ${(error as Error).message}`,
    );
  } finally {
    await admin.destroy();
  }
  return {
    url: postgresUrlOf(name),
    drop: async () => {
      const cleaner = knex({
        client: 'pg',
        connection: BENCH_POSTGRES_URL,
        pool: { min: 0, max: 1 },
      });
      try {
        await cleaner.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleaner.destroy();
      }
    },
  };
}

/** @returns the URL of the database `name` on the benchmarks' PostgreSQL server. */
export function postgresUrlOf(name: string): string {
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The databases a benchmark runs on: `BENCH_DATABASES=sqlite,postgres` (the default). */
export function benchDatabaseKinds(): ('sqlite' | 'postgres')[] {
  const asked = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const kinds: ('sqlite' | 'postgres')[] = [];
  if (asked.includes('sqlite')) kinds.push('sqlite');
  if (asked.includes('postgres')) kinds.push('postgres');
  if (kinds.length === 0) throw new Error('BENCH_DATABASES names no database: sqlite, postgres');
  return kinds;
}
