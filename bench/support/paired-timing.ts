/**
 * Timing for benchmarks on shared, noisy machines: an operation of ours and its baseline run in
 * batches back to back, round after round (which one goes first alternates), each batch after
 * a full garbage collection; the ratio of a round compares two batches that ran under the same
 * load, and the reported ratio is the median of the rounds'. Throughputs are medians too.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full collection before each batch, so no batch pays for the garbage of the one before
// (the JSON-LD libraries allocate a lot). Garbage a batch makes itself is counted.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** One operation; a returned promise is awaited. */
export type Operation = () => unknown;

export interface PairOptions {
  /** Rounds of (ours, baseline) batches (default 9). */
  rounds?: number;
  /** About how long one batch lasts, in milliseconds (default 150). */
  batchMs?: number;
  /** Untimed running first, so the JIT has compiled the code (default 300 ms). */
  warmUpMs?: number;
}

export interface Throughput {
  /** Median operations per second over the batches (wall clock). */
  opsPerSecond: number;
  /**
   * Median operations per second of this process's CPU time (user + system): what the work
   * costs, less the time other processes of a shared machine took the cores away.
   */
  cpuOpsPerSecond: number;
  /** Half the interquartile range of the batches' rates, relative to the median. */
  spread: number;
  /** Operations per batch. */
  batchSize: number;
}

export interface PairResult {
  ours: Throughput;
  baseline: Throughput;
  /** Median over rounds of (ours ÷ baseline) in operations per second: above 1, ours is faster. */
  ratio: number;
}

/**
 * @param ours our operation.
 * @param baseline the operation it is compared with.
 * @returns both throughputs and the median paired ratio.
 */
export async function comparePaired(
  ours: Operation,
  baseline: Operation,
  options: PairOptions = {},
): Promise<PairResult> {
  const rounds = options.rounds ?? 9;
  const batchMs = options.batchMs ?? 150;
  const warmUpMs = options.warmUpMs ?? 300;
  const oursSize = await calibrate(ours, batchMs, warmUpMs);
  const baselineSize = await calibrate(baseline, batchMs, warmUpMs);
  const oursRates: number[] = [];
  const baselineRates: number[] = [];
  const oursCpu: number[] = [];
  const baselineCpu: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    // Which side goes first alternates, so neither always inherits the other's leftovers.
    const early = round % 2 === 0 ? await batch(ours, oursSize) : undefined;
    const baselineTimed = await batch(baseline, baselineSize);
    const timed = { ours: early ?? (await batch(ours, oursSize)), baseline: baselineTimed };
    const oursRate = oursSize / (timed.ours.wallMs / 1000);
    const baselineRate = baselineSize / (timed.baseline.wallMs / 1000);
    oursRates.push(oursRate);
    baselineRates.push(baselineRate);
    oursCpu.push(oursSize / (timed.ours.cpuMs / 1000));
    baselineCpu.push(baselineSize / (timed.baseline.cpuMs / 1000));
    ratios.push(oursRate / baselineRate);
  }
  return {
    ours: throughput(oursRates, oursCpu, oursSize),
    baseline: throughput(baselineRates, baselineCpu, baselineSize),
    ratio: median(ratios),
  };
}

/**
 * Throughput of one operation alone (rows without a baseline).
 */
export async function measure(op: Operation, options: PairOptions = {}): Promise<Throughput> {
  const rounds = options.rounds ?? 9;
  const size = await calibrate(op, options.batchMs ?? 150, options.warmUpMs ?? 300);
  const rates: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const timed = await batch(op, size);
    rates.push(size / (timed.wallMs / 1000));
    cpu.push(size / (timed.cpuMs / 1000));
  }
  return throughput(rates, cpu, size);
}

export interface Timed {
  wallMs: number;
  /** This process's CPU time (user + system) over the batch. */
  cpuMs: number;
}

/** Wall-clock and CPU milliseconds for `size` operations in a row, after a full collection. */
export async function batch(op: Operation, size: number): Promise<Timed> {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const begin = performance.now();
  for (let i = 0; i < size; i += 1) {
    const result = op();
    if (result instanceof Promise) await result;
  }
  const wallMs = performance.now() - begin;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: Math.max((cpu.user + cpu.system) / 1000, 0.001) };
}

async function calibrate(op: Operation, batchMs: number, warmUpMs: number): Promise<number> {
  const warmUpEnd = performance.now() + warmUpMs;
  while (performance.now() < warmUpEnd) {
    const result = op();
    if (result instanceof Promise) await result;
  }
  // Doubling until a batch lasts a third of the target: the timer is read per batch.
  let size = 1;
  let ms = (await batch(op, size)).wallMs;
  while (ms < batchMs / 3) {
    size *= 2;
    ms = (await batch(op, size)).wallMs;
  }
  return Math.max(1, Math.round((size * batchMs) / ms));
}

function throughput(rates: number[], cpuRates: number[], batchSize: number): Throughput {
  const sorted = [...rates].sort((a, b) => a - b);
  const middle = median(sorted);
  const q1 = sorted[Math.floor((sorted.length - 1) / 4)] as number;
  const q3 = sorted[Math.ceil(((sorted.length - 1) * 3) / 4)] as number;
  return {
    opsPerSecond: middle,
    cpuOpsPerSecond: median(cpuRates),
    spread: (q3 - q1) / 2 / middle,
    batchSize,
  };
}

/** The median of numbers (sorted here). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** "12,345/s" with thousands separators, three significant digits below 100. */
export function perSecond(value: number): string {
  const rounded = value >= 100 ? Math.round(value) : Number(value.toPrecision(3));
  return `${rounded.toLocaleString('en-US')}/s`;
}

/** "×12.3" style ratio text. */
export function times(ratio: number): string {
  return ratio >= 10 ? ratio.toFixed(0) : ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2);
}
