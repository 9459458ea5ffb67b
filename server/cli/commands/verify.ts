/**
 * `grange verify <file|url> [--email …] [--json]`: the verifier for anyone who received a badge.
 * Exits 0 only when the badge is valid.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CheckStatus, VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { type CliIo, EXIT_INVALID, EXIT_OK, UsageError } from '../io.ts';

export const VERIFY_USAGE = `grange verify <file|url> [--email <address>] [--known-issuer <id>]… [--json]
    Checks a badge (Open Badges 2.0 or 3.0: JSON, signed token, baked PNG or SVG, or its link);
    exits 0 only when it is valid. --allow-loopback lets it fetch from this machine (local runs).`;

const SYMBOL: Record<CheckStatus, string> = { passed: '✓', failed: '✗', 'could-not-check': '?' };

/**
 * @param args the words after `grange verify`.
 * @returns the exit code: 0 valid, 1 anything else.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [target, ...extra] = positionals;
  if (target === undefined) throw new UsageError('give the badge file or its link');
  if (extra.length > 0) throw new UsageError(`one badge at a time (got also "${extra.join(' ')}")`);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new UsageError('--timeout takes a number of milliseconds, e.g. --timeout 5000');
  }

  const input = await readInput(target, io);
  const report = await verifyCredential(input, {
    ...(values.email ? { email: values.email } : {}),
    knownIssuers: values['known-issuer'] ?? [],
    allowLoopback: values['allow-loopback'] === true,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.verdict === 'valid' ? EXIT_OK : EXIT_INVALID;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      json: { type: 'boolean' },
      'known-issuer': { type: 'string', multiple: true },
      'allow-loopback': { type: 'boolean' },
      timeout: { type: 'string' },
    },
  });
}

/** A URL is verified as is; anything else is a file, read as bytes (PNG, SVG, JSON or JWS). */
async function readInput(target: string, io: CliIo): Promise<string | Uint8Array> {
  if (/^https?:\/\//.test(target)) return target;
  const path = resolve(io.cwd, target);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${target} is not a file`);
    if (info.size > 10 * 1024 * 1024)
      throw new UsageError(`${target} is larger than 10 MiB: not a badge`);
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** The report for people: French first, English below, one line per check. */
export function formatReport(report: VerificationReport): string {
  const lines: string[] = [];
  const summary = report.summary;
  if (summary?.name) lines.push(`Badge : ${summary.name}`);
  if (summary?.issuerName) lines.push(`Émetteur / Issuer : ${summary.issuerName}`);
  if (lines.length > 0) lines.push('');
  lines.push(`${report.verdict === 'valid' ? '✓' : '✗'} ${report.message.fr}`);
  lines.push(`  ${report.message.en}`);
  lines.push('');
  for (const c of report.checks) {
    lines.push(`  ${SYMBOL[c.status]} ${c.message.fr}`);
    lines.push(`    ${c.message.en}`);
  }
  return `${lines.join('\n')}\n`;
}
