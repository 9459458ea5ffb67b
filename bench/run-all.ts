/**
 * `npm run bench`: runs every `bench/*.bench.ts`, one after another, each in its own process
 * (so one script's heap, JIT state and open handles never weigh on the next), then turns the
 * summaries they wrote during this run (`bench/results/<name>.summary.json`, see
 * `support/summary.ts`, marked with this run's `BENCH_RUN_ID`) into `bench/RESULTS.md`: the machine, the date, the commands, and per
 * section a table of measure, ours, baseline, ratio, target and whether it was met.
 *
 *   npm run bench
 *   BENCH_ONLY=issuance,verification npm run bench
 *
 * Exits non-zero when a script failed (crashed, or threw because a check inside it failed); a
 * missed target is a row of the table, not a failure.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BenchSummary } from './support/summary.ts';

/** The order scripts run in; any other `*.bench.ts` runs afterwards, alphabetically. */
const ORDER = [
  'domain-graph',
  'engine',
  'badges',
  'issuance',
  'verification',
  'verify-http',
  'api',
  'client',
];

const benchFolder = new URL('./', import.meta.url);
const resultsFolder = new URL('./results/', import.meta.url);

interface ScriptRun {
  name: string;
  command: string;
  exitCode: number;
  seconds: number;
}

const available = readdirSync(benchFolder)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name !== '');
const unknown = only.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(
    `BENCH_ONLY names no script: ${unknown.join(', ')}. Scripts: ${available.join(', ')}.`,
  );
  process.exit(2);
}
const chosen = only.length === 0 ? available : available.filter((name) => only.includes(name));

const startedAt = new Date();
// Each script's summaries carry this id (support/summary.ts): a summary written meanwhile by a
// script run by hand elsewhere is not taken for one of this run's.
const runId = `${startedAt.toISOString()}-${process.pid}`;
const machine = describeMachine();
const runs: ScriptRun[] = [];
for (const name of chosen) {
  console.log(`\n=== ${name} ===`);
  runs.push(await runScript(name));
}

const summaries = readSummaries(startedAt.getTime()).filter((summary) => summary.run === runId);
writeFileSync(new URL('RESULTS.md', benchFolder), renderResults());
console.log(
  `\nbench/RESULTS.md written: ${summaries.length} sections from ${runs.length} scripts.`,
);
const failed = runs.filter((run) => run.exitCode !== 0);
if (failed.length > 0) {
  console.error(`Failed: ${failed.map((run) => `${run.name} (exit ${run.exitCode})`).join(', ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------

function rank(name: string): number {
  const at = ORDER.indexOf(name);
  return at === -1 ? ORDER.length : at;
}

function runScript(name: string): Promise<ScriptRun> {
  const file = new URL(`${name}.bench.ts`, benchFolder).pathname;
  const begin = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_RUN_ID: runId },
    });
    const done = (exitCode: number) =>
      resolve({
        name,
        command: `npx tsx bench/${name}.bench.ts`,
        exitCode,
        seconds: (performance.now() - begin) / 1000,
      });
    child.on('error', (error) => {
      console.error(`${name}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal === null ? 1 : 128)));
  });
}

/** The summaries written since `since` (epoch ms), in the order they were written. */
function readSummaries(since: number): BenchSummary[] {
  let files: string[];
  try {
    files = readdirSync(resultsFolder).filter((file) => file.endsWith('.summary.json'));
  } catch {
    return [];
  }
  return files
    .map((file) => ({ url: new URL(file, resultsFolder), file }))
    .map(({ url, file }) => ({ file, url, mtime: statSync(url).mtimeMs }))
    .filter(({ mtime }) => mtime >= since)
    .sort((a, b) => a.mtime - b.mtime)
    .flatMap(({ url, file }) => {
      try {
        return [JSON.parse(readFileSync(url, 'utf8')) as BenchSummary];
      } catch (error) {
        console.error(`${file} is not readable JSON: ${(error as Error).message}`);
        return [];
      }
    });
}

function describeMachine(): Record<string, string> {
  const cores = cpus();
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return {
    CPU: `${cores[0]?.model.trim() ?? 'unknown'} × ${cores.length} cores`,
    Memory: `${gib(totalmem())} (${gib(freemem())} free at start)`,
    Node: process.version,
    OS: `${type()} ${release()} (${process.platform} ${process.arch})`,
    'Load average at start (1, 5, 15 min)': loadavg()
      .map((load) => load.toFixed(2))
      .join(', '),
  };
}

function renderResults(): string {
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (\`bench/run-all.ts\`) on ${startedAt.toISOString()}.`,
    'Every figure is a median of several timed batches, and every ratio compares ours with a',
    'baseline measured in the same run on the same machine, ours ÷ baseline in operations per',
    'second (above 1: ours is faster). Machines differ and this one may be shared with other',
    'jobs: the ratios, not the absolute figures, are what carry over. How each script measures is',
    'in `bench/README.md` and at the top of each script.',
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    ...Object.entries(machine).map(([key, value]) => `| ${cell(key)} | ${cell(value)} |`),
    '',
    '## Commands',
    '',
    '```sh',
    only.length === 0 ? 'npm run bench' : `BENCH_ONLY=${only.join(',')} npm run bench`,
    '```',
    '',
    '| Script | Alone | Time | Exit |',
    '| --- | --- | --- | --- |',
    ...runs.map(
      (run) =>
        `| ${run.name} | \`${run.command}\` | ${run.seconds.toFixed(0)} s | ${run.exitCode === 0 ? 'ok' : `**failed (${run.exitCode})**`} |`,
    ),
  ];
  if (only.length > 0) {
    lines.push('', `Partial run: only ${only.join(', ')}.`);
  }
  for (const summary of summaries) {
    lines.push(
      '',
      `## ${cell(summary.title)}`,
      '',
      summary.commands.map((command) => `\`${command}\``).join(', '),
      '',
      '| Measure | Ours | Baseline | Ratio | Target | Met |',
      '| --- | --- | --- | --- | --- | --- |',
      ...summary.rows.map(
        (row) =>
          `| ${cell(row.measure)} | ${cell(row.ours)} | ${cell(row.baseline)} | ${ratioText(row.ratio)} | ${cell(row.target ?? '')} | ${metText(row.met)} |`,
      ),
    );
    if (summary.notes !== undefined && summary.notes.length > 0) {
      lines.push('', ...summary.notes.map((note) => `- ${note}`));
    }
  }
  const silent = runs.filter(
    (run) =>
      run.exitCode === 0 &&
      !summaries.some((s) => s.commands.some((c) => c.includes(`bench/${run.name}.bench.ts`))),
  );
  if (silent.length > 0) {
    lines.push(
      '',
      `Scripts that ran but wrote no summary: ${silent.map((run) => run.name).join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function ratioText(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  if (ratio >= 100) return `${Math.round(ratio).toLocaleString('en-US')}×`;
  if (ratio >= 10) return `${ratio.toFixed(0)}×`;
  return `${ratio.toPrecision(2)}×`;
}

function metText(met: boolean | undefined): string {
  if (met === undefined) return '';
  return met ? 'yes' : '**no**';
}
