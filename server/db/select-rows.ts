/**
 * `selectRows(db, sql, bindings)`: the rows of one read-only statement, for the reads nearly
 * every request makes (the sign-in check, a learner's progress, enrolments, notifications).
 *
 * Through knex, such a statement costs several times what SQLite spends running it: the query
 * builder, the pool's acquire and release, a few promise hops and the column-name mapping
 * (bench/api.bench.ts). On SQLite, these statements run instead on a read-only connection kept
 * beside knex's own, synchronously: in WAL mode readers work beside the one writer, and each
 * statement sees the last committed transaction, as a read through knex outside a transaction
 * does. In a transaction (which must see its own writes), in memory (a second connection would
 * open another database) and on PostgreSQL, the statement goes through knex; on PostgreSQL as
 * a named (prepared) statement, parsed and planned once per connection.
 *
 * The SQL is written for both databases: `?` placeholders, snake_case columns aliased to the
 * camelCase names callers read (`person_id as "personId"`). Values come back as each database
 * gives them (SQLite: ISO text and 0/1; PostgreSQL: Date and boolean), as through knex.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import { type Database, isPostgres } from './connection.ts';
import { cachePreparedStatements } from './prepared-statements.ts';

type Reader = BetterSqlite3.Database;

/** Statements run by readers, for their ids in the events knex listeners receive. */
let statements = 0;

/** Each database's reader, opened at its first read; null: this database has none. */
const readers = new WeakMap<Database, Reader | null>();

type Bindings = readonly (string | number | null)[];

/**
 * @param db the database or a transaction.
 * @param sql one SELECT statement, with `?` placeholders.
 * @param bindings the values of the placeholders, in order.
 * @returns the rows.
 */
export function selectRows<Row>(
  db: Database | Knex.Transaction,
  sql: string,
  bindings: Bindings,
): Promise<Row[]> {
  return select<Row>(db, sql, bindings, false);
}

/**
 * `selectRows` with each row as an array of its values, in the order of the select list:
 * for a read of many short rows on every request (a grid's learners), where making an object
 * of each row costs more than SQLite spends finding it. Column names must be unique.
 *
 * @returns the rows, each an array.
 */
export function selectRowArrays<Row extends unknown[]>(
  db: Database | Knex.Transaction,
  sql: string,
  bindings: Bindings,
): Promise<Row[]> {
  return select<Row>(db, sql, bindings, true);
}

/** What both read: on SQLite's reader, else through knex (PostgreSQL: a named statement). */
async function select<Row>(
  db: Database | Knex.Transaction,
  sql: string,
  bindings: Bindings,
  arrays: boolean,
): Promise<Row[]> {
  const reader = db.isTransaction ? undefined : readerOf(db);
  if (reader !== undefined) {
    // Told as knex tells its own statements, so that whoever counts them (the query-count
    // tests, the benchmarks) sees these too.
    const query = { sql, bindings, method: 'select', __knexQueryUid: `reader-${++statements}` };
    db.emit('query', query);
    const statement = reader.prepare(sql);
    let rows: Row[];
    if (arrays) {
      // The statement is shared with whoever prepares the same text: raw only for this call.
      try {
        rows = statement.raw(true).all(...bindings) as Row[];
      } finally {
        statement.raw(false);
      }
    } else {
      rows = statement.all(...bindings) as Row[];
    }
    db.emit('query-response', rows, query);
    return rows;
  }
  const raw = db.raw(sql, bindings as (string | number | null)[]);
  if (!isPostgres(db)) {
    // SQLite through knex (a transaction, a database in memory): objects.
    const rows = (await raw) as Record<string, unknown>[];
    return (arrays ? rows.map((row) => Object.values(row)) : rows) as Row[];
  }
  // On PostgreSQL, a named statement: each connection parses and plans it once, then only
  // binds and runs it (pg keeps the names it has prepared per connection).
  const name = statementName(sql);
  const result = (await raw.options({
    ...(name === undefined ? {} : { name }),
    ...(arrays ? { rowMode: 'array' } : {}),
  })) as { rows: Row[] };
  return result.rows;
}

/** Names given to statements, by their text (the same text always gets the same name). */
const statementNames = new Map<string, string>();

/** Texts named at most: the reads are a few dozen; past this, a text is sent unnamed. */
const NAMED_STATEMENTS = 500;

function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= NAMED_STATEMENTS) return undefined;
    name = `grange_read_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

/**
 * @param build the statement for a list of `count` values (`in (${placeholders(count)})`).
 * @returns `build`, made once per count: the same string each time, so finding its prepared
 *   statement does not hash a new text of hundreds of characters (V8 hashes a string once).
 */
export function sqlPerCount(build: (count: number) => string): (count: number) => string {
  const made: string[] = [];
  return (count) => {
    let sql = made[count];
    if (sql === undefined) {
      sql = build(count);
      if (count <= 100) made[count] = sql;
    }
    return sql;
  };
}

/** `?, ?, ?` for a list of `count` values (`in (…)`). */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** Closes a database's reader, if it has one; `createDatabase`'s `destroy` calls it. */
export function closeReader(db: Database): void {
  const reader = readers.get(db);
  readers.delete(db);
  reader?.close();
}

function readerOf(db: Database): Reader | undefined {
  const known = readers.get(db);
  if (known !== undefined) return known ?? undefined;
  if (db.client.config.client !== 'better-sqlite3') {
    readers.set(db, null);
    return undefined;
  }
  const filename = (db.client.config.connection as { filename?: string } | undefined)?.filename;
  if (filename === undefined || filename === '' || filename === ':memory:') {
    readers.set(db, null);
    return undefined;
  }
  let reader: Reader;
  try {
    // The file exists once knex's connection has opened it; until then, read through knex.
    reader = new BetterSqlite3(filename, { readonly: true, fileMustExist: true });
  } catch {
    return undefined;
  }
  cachePreparedStatements(reader);
  reader.pragma('busy_timeout = 5000');
  reader.pragma('mmap_size = 1073741824');
  readers.set(db, reader);
  return reader;
}
