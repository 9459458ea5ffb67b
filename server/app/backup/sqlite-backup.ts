/**
 * Backing up and restoring the SQLite database with SQLite's online backup API (through
 * better-sqlite3's `backup`): the copy is taken in one step, inside one read transaction, so
 * it is the database as of one instant even while the server keeps writing (WAL mode: writers
 * are not blocked, and nothing they commit later leaks in). The copy is written under a
 * temporary name, checked (`PRAGMA integrity_check`, a Grange schema), turned into a single
 * self-contained file (rollback journal instead of WAL) and only then given its name, which
 * must be new: a backup never overwrites anything, and a restore never replaces a database.
 *
 * What the file does not hold: `<DATA_DIR>/secrets.json` (the key of sign-in tokens and of
 * evidence links) and `<DATA_DIR>/evidence/` (uploaded files). The issuer's signing keys and
 * status lists are in the database, so every badge verifies from the file alone.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants, linkSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../../domain/errors.ts';

/** Why a backup or a restore was not made; nothing was written then. */
export class BackupRefused extends DomainError {}

/** What a backup (or a restored database) holds. */
export interface DatabaseSummary {
  file: string;
  bytes: number;
  people: number;
  progressEvents: number;
  badgeAwards: number;
  revokedAwards: number;
  /** The last migration applied: the schema version the file needs. */
  schema: string;
}

/**
 * Copies the live database into a new backup file.
 *
 * @param source the server's database file (`<DATA_DIR>/grange.sqlite`).
 * @param target the backup file to create; its folder must exist.
 * @returns what the backup holds.
 * @throws BackupRefused when there is no database at `source`, `target` exists or its folder is
 *   missing or not writable, or the copy is not a sound Grange database.
 */
export async function backupSqliteDatabase(
  source: string,
  target: string,
): Promise<DatabaseSummary> {
  requireFile(
    source,
    'no-database',
    `There is no Grange database at ${source}: run the command where the server runs, with its DATA_DIR (or --data-dir).`,
  );
  requireNewFile(target);
  return copyDatabase(source, target);
}

/**
 * Puts a backup in place as the database of a data folder where there is none.
 *
 * @param backup the backup file.
 * @param target the database file to create (`<DATA_DIR>/grange.sqlite`); its folder is made
 *   when missing.
 * @returns what the restored database holds.
 * @throws BackupRefused when the backup is missing or not a sound Grange database, or a
 *   database is already at `target` (a restore never replaces one).
 */
export async function restoreSqliteBackup(
  backup: string,
  target: string,
): Promise<DatabaseSummary> {
  requireFile(backup, 'no-backup', `There is no backup file at ${backup}.`);
  describeDatabase(backup);
  for (const file of [target, `${target}-wal`]) {
    if (exists(file)) {
      throw new BackupRefused(
        'database-exists',
        `A database is already at ${file}: stop the server and move it away first (a restore never replaces a database).`,
      );
    }
  }
  // The data folder is made as the server would make it.
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (error) {
    throw new BackupRefused(
      'folder-not-writable',
      `Could not create the data folder ${dirname(target)}: ${message(error)}`,
    );
  }
  requireWritableFolder(dirname(target));
  return copyDatabase(backup, target);
}

/**
 * @param file a database or backup file.
 * @param label how to name it in a refusal (a temporary copy is named after its source).
 * @returns its counts and schema version.
 * @throws BackupRefused when it is damaged or not a Grange database.
 */
export function describeDatabase(file: string, label = file): DatabaseSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupRefused(
      'not-a-database',
      `${label} is not readable as SQLite: ${message(error)}`,
    );
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') {
      throw new BackupRefused('damaged', `${label} is damaged (integrity check: ${integrity}).`);
    }
    const hasSchema = db
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = ?")
      .get('knex_migrations') as { n: number };
    if (hasSchema.n === 0) {
      throw new BackupRefused(
        'not-grange',
        `${label} is an SQLite file but not a Grange database.`,
      );
    }
    const count = (table: string, where = '') =>
      (db.prepare(`select count(*) as n from ${table} ${where}`).get() as { n: number }).n;
    const last = db.prepare('select name from knex_migrations order by id desc limit 1').get() as
      | { name: string }
      | undefined;
    return {
      file,
      bytes: statSync(file).size,
      people: count('people'),
      progressEvents: count('progress_events'),
      badgeAwards: count('badge_awards'),
      revokedAwards: count('badge_awards', 'where revoked_at is not null'),
      schema: last?.name ?? 'none',
    };
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw new BackupRefused('not-grange', `${label} is not a Grange database: ${message(error)}`);
  } finally {
    db.close();
  }
}

async function copyDatabase(source: string, target: string): Promise<DatabaseSummary> {
  const partial = join(
    dirname(target),
    `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`,
  );
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // Everything in one step: one read transaction, one instant of the database.
      await db.backup(partial, { progress: (info) => info.totalPages });
    } catch (error) {
      throw new BackupRefused('write-failed', `Could not write ${target}: ${message(error)}`);
    } finally {
      db.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    try {
      // One file, no -wal beside it: safe to copy, archive or mail as it is.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    describeDatabase(partial, source);
    try {
      // A hard link fails when the name exists: the check before was not a promise.
      linkSync(partial, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' || exists(target)) {
        throw targetExists(target);
      }
      // A file system without hard links: a rename, the name being still free.
      renameSync(partial, target);
    }
    return describeDatabase(target);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(`${partial}${suffix}`, { force: true });
  }
}

function requireFile(file: string, code: string, text: string): void {
  try {
    if (statSync(file).isFile()) return;
  } catch {
    // reported below
  }
  throw new BackupRefused(code, text);
}

function requireNewFile(target: string): void {
  if (exists(target)) throw targetExists(target);
  requireWritableFolder(dirname(target));
}

function requireWritableFolder(folder: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new BackupRefused(
      'folder-missing',
      `The folder ${folder} does not exist (or is not a folder): create it first, or give another path.`,
    );
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new BackupRefused(
      'folder-not-writable',
      `The folder ${folder} is not writable by this user: give a path in a folder you can write to.`,
    );
  }
}

function targetExists(target: string): BackupRefused {
  return new BackupRefused(
    'target-exists',
    `${target} already exists: give a new file name (a backup never overwrites a file).`,
  );
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
