/**
 * The one shape every benchmark leaves behind for `bench/RESULTS.md`: each script writes
 * `bench/results/<name>.summary.json` through `writeSummary`, and `bench/run-all.ts` turns the
 * summaries of one run into the results page. Figures are ratios against a baseline measured in
 * the same run, because the machines are shared and noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface SummaryRow {
  /** What was measured, in a few words: "GET /badges/:id as JSON, 50 connections". */
  measure: string;
  /** Our figure with its unit: "4,210 req/s, p99 18 ms". */
  ours: string;
  /** The baseline's figure, measured in the same run, and what it is: "bare express: 5,020 req/s". */
  baseline: string;
  /** ours ÷ baseline (higher is better), or null when the row has no baseline (a size, a count). */
  ratio: number | null;
  /** The target from the issue, in words: "≥ 0.8", "p99 < 50 ms". */
  target?: string;
  /** Whether the target was met in this run. */
  met?: boolean;
}

export interface BenchSummary {
  /** The script's short name: "issuance", "api-sqlite"; also the file name. */
  name: string;
  /** A heading for the section: "Issuance: OB 3.0 credentials during a bulk validation". */
  title: string;
  /** How to run it alone: ["npx tsx bench/issuance.bench.ts"]. */
  commands: string[];
  rows: SummaryRow[];
  /** Anything a reader needs to read the figures: dataset sizes, medians of how many runs. */
  notes?: string[];
  /** Set by `writeSummary` from `BENCH_RUN_ID` (given by run-all.ts): which run wrote it. */
  run?: string;
}

/**
 * Writes everything a script measured (every batch, every ratio) to
 * `bench/results/<name>.json`, for whoever wants more than the summary.
 */
export function writeResults(name: string, results: unknown): void {
  const folder = new URL('../results/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  writeFileSync(new URL(`${name}.json`, folder), `${JSON.stringify(results, null, 2)}\n`);
}

/** Writes the summary where `bench/run-all.ts` reads it. */
export function writeSummary(summary: BenchSummary): void {
  const folder = new URL('../results/', import.meta.url);
  mkdirSync(folder, { recursive: true });
  const run = process.env.BENCH_RUN_ID;
  writeFileSync(
    new URL(`${summary.name}.summary.json`, folder),
    `${JSON.stringify(run === undefined ? summary : { ...summary, run }, null, 2)}\n`,
  );
}
