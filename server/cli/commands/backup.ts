/**
 * `grange backup <file>` and `grange restore <file>`: the SQLite database copied into a new
 * file while the server runs, and a backup put in place in a data folder without a database.
 * With PostgreSQL (DATABASE_URL), both point to pg_dump and pg_restore (docs/backup.md).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BackupRefused,
  backupSqliteDatabase,
  type DatabaseSummary,
  restoreSqliteBackup,
} from '../../app/backup/sqlite-backup.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE, UsageError } from '../io.ts';

export const BACKUP_USAGE = `grange backup <file> [--data-dir <folder>]
    Copies the SQLite database (<DATA_DIR>/grange.sqlite) into a new file, safely while the
    server runs. Keep DATA_DIR/secrets.json and DATA_DIR/evidence/ too (docs/backup.md).
grange restore <file> [--data-dir <folder>]
    Puts a backup in place as <DATA_DIR>/grange.sqlite, in a data folder without a database.
    With PostgreSQL (DATABASE_URL), use pg_dump and pg_restore: see docs/backup.md.`;

/** What to run instead when the server uses PostgreSQL: the commands of docs/backup.md. */
export const POSTGRES_BACKUP_POINTER = `this server uses PostgreSQL (DATABASE_URL is set): grange backup and grange restore copy
the SQLite database only. Back PostgreSQL up with pg_dump, safely while the server runs:

    pg_dump --format=custom --no-owner --file=grange-$(date +%F).dump "$DATABASE_URL"

and restore into a new, empty database with:

    pg_restore --no-owner --exit-on-error --dbname="$NEW_DATABASE_URL" grange-<date>.dump

See docs/backup.md (keep DATA_DIR/secrets.json and DATA_DIR/evidence/ too).
`;

/**
 * @param args the words after `grange backup`.
 * @param env the environment the server reads (DATA_DIR, DATABASE_URL).
 * @returns 0 when the backup is written, 1 when it could not be, 2 when used wrongly.
 */
export async function backupCommand(
  args: string[],
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  return run('backup', args, io, env);
}

/**
 * @param args the words after `grange restore`.
 * @param env the environment the server reads (DATA_DIR, DATABASE_URL).
 * @returns 0 when the database is in place, 1 when it could not be, 2 when used wrongly.
 */
export async function restoreCommand(
  args: string[],
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  return run('restore', args, io, env);
}

async function run(
  command: 'backup' | 'restore',
  args: string[],
  io: CliIo,
  env: Record<string, string | undefined>,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`grange ${command}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (config.database.client === 'postgres') {
    io.err(`grange ${command}: ${POSTGRES_BACKUP_POINTER}`);
    return EXIT_USAGE;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) {
    throw new UsageError(
      command === 'backup'
        ? 'give the file to write the backup to, e.g. grange backup backups/grange-2026-03-02.sqlite'
        : 'give the backup file to restore, e.g. grange restore backups/grange-2026-03-02.sqlite',
    );
  }
  if (extra.length > 0) throw new UsageError(`one file at a time (got also "${extra.join(' ')}")`);
  // --data-dir is read from where the command is typed; DATA_DIR as the server reads it.
  const dataDir =
    parsed.values['data-dir'] === undefined
      ? resolve(config.dataDir)
      : resolve(io.cwd, parsed.values['data-dir']);
  const database = join(dataDir, 'grange.sqlite');
  const given = resolve(io.cwd, file);
  try {
    if (command === 'backup') {
      const summary = await backupSqliteDatabase(database, given);
      io.out(`Backup written: ${describe(summary)}`);
      io.out(
        `Not in this file: ${join(dataDir, 'secrets.json')} (sign-in key) and ${join(dataDir, 'evidence')}/ (uploaded files): keep copies of them too.\n`,
      );
    } else {
      const summary = await restoreSqliteBackup(given, database);
      io.out(`Database restored: ${describe(summary)}`);
      const secrets = join(dataDir, 'secrets.json');
      io.out(
        existsSync(secrets)
          ? `${secrets} is there: people stay signed in.\n`
          : `No ${secrets} yet: copy the old one there before starting the server, or everyone signs in again.\n`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof BackupRefused)) throw error;
    io.err(`grange ${command}: ${error.message}\n`);
    return EXIT_INVALID;
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' } },
  });
}

function describe(summary: DatabaseSummary): string {
  const size = `${(summary.bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${summary.file} (${size})
  ${summary.people} people, ${summary.progressEvents} progress events, ${summary.badgeAwards} badge awards (${summary.revokedAwards} revoked); schema ${summary.schema}
`;
}
