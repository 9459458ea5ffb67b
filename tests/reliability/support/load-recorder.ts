/**
 * What the load test measures: every answer's latency by kind of operation, every answer that
 * was not what the page expects, and the badges the API said it issued.
 */

/** Latencies per kind of operation, and every answer that was not what the page expects. */
export class LoadRecorder {
  readonly latencies = new Map<string, number[]>();
  readonly failures: { kind: string; problem: string }[] = [];
  /** Badges the API said it issued (single and bulk validations). */
  issuedBadges = 0;

  record(kind: string, milliseconds: number): void {
    const list = this.latencies.get(kind) ?? [];
    list.push(milliseconds);
    this.latencies.set(kind, list);
  }

  fail(kind: string, problem: string): void {
    this.failures.push({ kind, problem: problem.slice(0, 500) });
  }

  /** p50, p99 and max latency (ms) and requests per second of each kind, over `seconds`. */
  summary(seconds: number): Record<string, KindSummary> {
    const out: Record<string, KindSummary> = {};
    for (const [kind, values] of [...this.latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...values].sort((a, b) => a - b);
      out[kind] = {
        count: sorted.length,
        requestsPerSecond: round(sorted.length / seconds),
        p50: round(percentile(sorted, 0.5)),
        p99: round(percentile(sorted, 0.99)),
        max: round(sorted.at(-1) ?? 0),
      };
    }
    return out;
  }
}

/** One kind of operation over the run; latencies in milliseconds. */
export interface KindSummary {
  count: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
