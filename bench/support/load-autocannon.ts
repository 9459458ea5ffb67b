/**
 * HTTP load with autocannon, in rounds that alternate between what is measured and its
 * baseline, so both see the same noise of a shared machine; each figure is then the median of
 * its rounds.
 */
import autocannon from 'autocannon';

/** What one round of load measured. */
export interface LoadFigures {
  requestsPerSecond: number;
  /** Latency percentiles, in milliseconds. */
  p50: number;
  p99: number;
  /** Answers in the round. */
  requests: number;
  /** The server process's CPU time per answer, in microseconds, when it was measured. */
  cpuMicrosPerRequest?: number;
}

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Several requests taken in turn by each connection (varied learners…); else url/body. */
  requests?: autocannon.Request[];
}

/**
 * @param target what to request.
 * @param options connections and seconds of load.
 * @returns the round's figures.
 * @throws Error when any answer was not 2xx or any request failed: a figure made of error
 *   pages would measure the wrong thing.
 */
export async function runLoad(
  target: LoadTarget,
  options: { connections: number; seconds: number; serverCpuMicros?: () => Promise<number> },
): Promise<LoadFigures> {
  const cpuBefore = await options.serverCpuMicros?.();
  const result = await autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.seconds,
    method: target.method ?? 'GET',
    ...(target.headers === undefined ? {} : { headers: target.headers }),
    ...(target.body === undefined ? {} : { body: target.body }),
    ...(target.requests === undefined ? {} : { requests: target.requests }),
  });
  const cpuAfter = await options.serverCpuMicros?.();
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    throw new Error(
      `${target.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts out of ${result.requests.sent}`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    ...(cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
      ? {}
      : { cpuMicrosPerRequest: (cpuAfter - cpuBefore) / result.requests.total }),
  };
}

/**
 * Runs every target once per round, the order turning each round (A B C, B C A, C A B…).
 *
 * @param targets what to measure, by name.
 * @param options rounds, connections and seconds per round.
 * @returns every round's figures, by name.
 */
export async function alternateRounds<Name extends string>(
  targets: Record<Name, LoadTarget>,
  options: {
    rounds: number;
    connections: number;
    seconds: number;
    warmUpSeconds?: number;
    /** The CPU time of the process serving every target, to report it per request. */
    serverCpuMicros?: () => Promise<number>;
  },
): Promise<Record<Name, LoadFigures[]>> {
  const names = Object.keys(targets) as Name[];
  // An untimed round first: the JIT, the database's caches and the connection pools warm up.
  for (const name of names) {
    await runLoad(targets[name], {
      connections: options.connections,
      seconds: options.warmUpSeconds ?? 2,
    });
  }
  const figures = Object.fromEntries(names.map((name) => [name, [] as LoadFigures[]])) as Record<
    Name,
    LoadFigures[]
  >;
  for (let round = 0; round < options.rounds; round += 1) {
    const order = names.map((_, i) => names[(i + round) % names.length] as Name);
    for (const name of order) {
      figures[name].push(await runLoad(targets[name], options));
    }
  }
  return figures;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The medians of a target's rounds. */
export function medianFigures(rounds: readonly LoadFigures[]): LoadFigures {
  const cpu = rounds.flatMap((r) =>
    r.cpuMicrosPerRequest === undefined ? [] : [r.cpuMicrosPerRequest],
  );
  return {
    requestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    requests: median(rounds.map((r) => r.requests)),
    ...(cpu.length === 0 ? {} : { cpuMicrosPerRequest: median(cpu) }),
  };
}

/** "4,210 req/s, p50 9 ms, p99 18 ms" */
export function formatFigures(figures: LoadFigures): string {
  const number = (n: number) => Math.round(n).toLocaleString('en-US');
  const cpu =
    figures.cpuMicrosPerRequest === undefined
      ? ''
      : `, server CPU ${Math.round(figures.cpuMicrosPerRequest)} µs/req`;
  return `${number(figures.requestsPerSecond)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms${cpu}`;
}
