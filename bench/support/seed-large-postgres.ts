/**
 * The seeded database on PostgreSQL. The SQLite file of `seed-large.ts` is copied once into a
 * template database, `grange_bench_seed_<hash>` (made under a temporary name and renamed when
 * complete); each run then clones it (`CREATE DATABASE … TEMPLATE`, a file copy that takes
 * seconds) into its own scratch database, dropped at the end. Templates of other seeds are
 * dropped when a new one is made. To remove the template by hand:
 * `DROP DATABASE grange_bench_seed_<hash>` (psql `\l grange_bench*` lists them).
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import knex, { type Knex } from 'knex';
import { createDatabase, migrate } from '../../server/db/connection.ts';
import {
  BENCH_POSTGRES_URL,
  createScratchPostgres,
  postgresUrlOf,
  type ScratchPostgres,
} from './load-postgres.ts';

/**
 * Copies every row of a seeded SQLite file into a migrated, empty PostgreSQL database, table
 * by table in foreign-key order, then moves the ledger's sequence on and analyses. Each batch
 * is one `INSERT … SELECT * FROM unnest(<one array per column>)`: a handful of parameters
 * whatever the number of rows, which PostgreSQL parses far faster than rows of placeholders.
 *
 * @param sqliteFile the seeded file.
 * @param postgresUrl the migrated, empty database.
 * @param log progress lines.
 */
export async function copySqliteToPostgres(
  sqliteFile: string,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<void> {
  const began = performance.now();
  const from = knex({
    client: 'better-sqlite3',
    connection: { filename: sqliteFile, options: { readonly: true } },
    useNullAsDefault: true,
  });
  const to = knex({ client: 'pg', connection: postgresUrl, pool: { min: 1, max: 1 } });
  try {
    // The rows come from a consistent database: skip the foreign-key triggers while copying
    // (a superuser's setting; the scratch database is the benchmark's own).
    await to.raw('set session_replication_role = replica');
    const tables = (
      (await from.raw(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%'",
      )) as { name: string }[]
    ).map((t) => t.name);
    const dependsOn = new Map<string, string[]>();
    for (const table of tables) {
      const keys = (await from.raw(`pragma foreign_key_list("${table}")`)) as { table: string }[];
      dependsOn.set(
        table,
        keys.map((k) => k.table).filter((t) => t !== table),
      );
    }
    const ordered: string[] = [];
    const visit = (table: string) => {
      if (ordered.includes(table)) return;
      for (const parent of dependsOn.get(table) ?? []) visit(parent);
      ordered.push(table);
    };
    for (const table of tables) visit(table);

    for (const table of ordered) {
      const { rows: pgColumns } = (await to.raw(
        "select column_name, udt_name from information_schema.columns where table_name = ? and table_schema = 'public'",
        [table],
      )) as { rows: { column_name: string; udt_name: string }[] };
      const types = new Map(pgColumns.map((c) => [c.column_name, c.udt_name]));
      let last = 0;
      let copied = 0;
      for (;;) {
        const rows = (await from.raw(
          `select rowid as __rowid, * from "${table}" where rowid > ? order by rowid limit 20000`,
          [last],
        )) as Record<string, unknown>[];
        if (rows.length === 0) break;
        last = Number(rows.at(-1)?.__rowid);
        const columns = Object.keys(rows[0] as object).filter((c) => types.has(c));
        const arrays = columns.map((column) => {
          const type = types.get(column);
          return rows.map((row) => {
            const value = row[column];
            if (value === null || value === undefined) return null;
            if (type === 'bool') return value === 1 || value === true;
            if (type === 'timestamptz' && typeof value === 'number') {
              return new Date(value).toISOString();
            }
            return value;
          });
        });
        await to.raw(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select * from unnest(${columns
            .map((c) => `?::${types.get(c)}[]`)
            .join(', ')})`,
          // One array per column: pg sends each as a PostgreSQL array (knex passes it through).
          arrays as unknown as Knex.RawBinding[],
        );
        copied += rows.length;
      }
      if (copied > 0) {
        log(`copy: ${table} ${copied} rows (${Math.round((performance.now() - began) / 1000)} s)`);
      }
    }
    await to.raw(
      "select setval(pg_get_serial_sequence('progress_events', 'seq'), coalesce((select max(seq) from progress_events), 1))",
    );
    await to.raw('analyze');
  } finally {
    await from.destroy();
    await to.destroy();
  }
}

/**
 * @param sqliteFile the seeded SQLite file (`bench/results/seed-large-<hash>.sqlite`).
 * @param label the scratch database's label.
 * @param log progress lines.
 * @returns a new scratch database holding the seed; drop it when done.
 */
export async function scratchPostgresFromSeed(
  sqliteFile: string,
  label: string,
  log: (line: string) => void,
): Promise<ScratchPostgres> {
  const hash = /^seed-large-([0-9a-f]+)\.sqlite$/.exec(basename(sqliteFile))?.[1];
  if (hash === undefined) throw new Error(`${sqliteFile} is not a seed-large file`);
  const template = `grange_bench_seed_${hash}`;
  const partial = `${template}_partial`;
  const admin = knex({ client: 'pg', connection: BENCH_POSTGRES_URL, pool: { min: 0, max: 1 } });
  try {
    const { rows } = (await admin.raw(
      "select datname from pg_database where datname like 'grange_bench_seed_%'",
    )) as { rows: { datname: string }[] };
    if (!rows.some((row) => row.datname === template)) {
      for (const { datname } of rows) {
        await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
      await admin.raw(`CREATE DATABASE "${partial}"`);
      const db = createDatabase({ client: 'postgres', url: postgresUrlOf(partial) });
      try {
        await migrate(db);
      } finally {
        await db.destroy();
      }
      log(`copy: ${sqliteFile} into the template database ${template}`);
      await copySqliteToPostgres(sqliteFile, postgresUrlOf(partial), log);
      await admin.raw(`ALTER DATABASE "${partial}" RENAME TO "${template}"`);
    }
  } finally {
    await admin.destroy();
  }
  return createScratchPostgres(label, { template });
}
