/**
 * The `grange` command line: dispatches to one file per command group.
 */
import { BACKUP_USAGE, backupCommand, restoreCommand } from './commands/backup.ts';
import { CURRICULA_USAGE, curriculaCommand } from './commands/curricula.ts';
import { VERIFY_USAGE, verifyCommand } from './commands/verify.ts';
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from './io.ts';

export const USAGE = `Usage:
${CURRICULA_USAGE}
${VERIFY_USAGE}
${BACKUP_USAGE}
grange help
    Shows this help.
`;

/**
 * Runs one `grange` command.
 *
 * @param argv the words after `grange`.
 * @returns the process exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [group, ...rest] = argv;
  try {
    if (group === undefined || group === 'help' || group === '--help' || group === '-h') {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (group === 'curricula') return await curriculaCommand(rest, io);
    if (group === 'verify') return await verifyCommand(rest, io);
    if (group === 'backup') return await backupCommand(rest, io);
    if (group === 'restore') return await restoreCommand(rest, io);
    throw new UsageError(`unknown command "${group}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`grange: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
