import { cpus } from 'node:os';
import {
  alternateRounds,
  formatFigures,
  type LoadFigures,
  medianFigures,
  runLoad,
} from './support/load-autocannon.ts';
import { benchDatabaseKinds, createScratchPostgres } from './support/load-postgres.ts';
import { startLoadServer } from './support/load-server-process.ts';
import { createSmallDatabase } from './support/load-small-database.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const TARGET = 0.8;
const PUBLIC_URL = 'https://badges.grange.example';
const ACCEPT = 'application/vc+ld+json';

interface Measured {
  database: 'sqlite' | 'postgres';
  bytes: number;
  contentType: string;
  statementsPerRequest: number;
  /** SQL statements per answer at 50 connections: requests of the same moment share one read. */
  statementsUnderLoad: number;
  ours: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  /** Bare handler's server CPU per request ÷ ours: the ratio a dedicated machine would show. */
  cpuRatio: number;
  rounds: { ours: LoadFigures[]; bare: LoadFigures[] };
}

async function measure(database: 'sqlite' | 'postgres'): Promise<Measured> {
  const scratch = database === 'postgres' ? await createScratchPostgres('verify') : undefined;
  try {
    const small = await createSmallDatabase(
      scratch === undefined ? undefined : { postgresUrl: scratch.url },
      PUBLIC_URL,
    );
    const server = await startLoadServer(small.location, PUBLIC_URL);
    try {
      const url = `${server.grange}/badges/${small.awardId}`;
      const before = await server.statements();
      const first = await fetch(url, { headers: { accept: ACCEPT } });
      const statementsPerRequest = (await server.statements()) - before;
      const body = Buffer.from(await first.arrayBuffer());
      const contentType = first.headers.get('content-type') ?? '';
      if (first.status !== 200 || !contentType.startsWith(ACCEPT)) {
        throw new Error(`GET ${url} answered ${first.status} ${contentType}`);
      }
      await server.setBare(contentType, body);
      const bareAnswer = Buffer.from(await (await fetch(`${server.control}/bare`)).arrayBuffer());
      if (!bareAnswer.equals(body))
        throw new Error('the bare handler does not answer the same bytes');

      const rounds = await alternateRounds(
        {
          ours: { url, headers: { accept: ACCEPT } },
          bare: { url: `${server.control}/bare`, headers: { accept: ACCEPT } },
        },
        {
          rounds: ROUNDS,
          connections: CONNECTIONS,
          seconds: SECONDS,
          serverCpuMicros: server.cpuMicros,
        },
      );
      const ours = medianFigures(rounds.ours);
      const bare = medianFigures(rounds.bare);
      const statementsBefore = await server.statements();
      const counted = await runLoad(
        { url, headers: { accept: ACCEPT } },
        { connections: CONNECTIONS, seconds: 3 },
      );
      const statementsUnderLoad =
        ((await server.statements()) - statementsBefore) / counted.requests;
      return {
        database,
        bytes: body.length,
        contentType,
        statementsPerRequest,
        statementsUnderLoad,
        ours,
        bare,
        ratio: ours.requestsPerSecond / bare.requestsPerSecond,
        cpuRatio:
          (bare.cpuMicrosPerRequest ?? Number.NaN) / (ours.cpuMicrosPerRequest ?? Number.NaN),
        rounds,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch?.drop();
  }
}

const measured: Measured[] = [];
for (const database of benchDatabaseKinds()) {
  const result = await measure(database);
  measured.push(result);
  console.log(
    `verify-http (${database}): GET /badges/:id as ${ACCEPT}, ${result.bytes} bytes, ${result.statementsPerRequest} SQL statement per request alone, ${result.statementsUnderLoad.toFixed(3)} at ${CONNECTIONS} connections`,
  );
  console.log(`  ours  ${formatFigures(result.ours)}`);
  console.log(`  bare  ${formatFigures(result.bare)}`);
  console.log(
    `  ratio ${result.ratio.toFixed(2)} (target ≥ ${TARGET}); server CPU per request, bare ÷ ours: ${result.cpuRatio.toFixed(2)}`,
  );
}

writeResults('verify-http', {
  bench: 'verify-http',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  connections: CONNECTIONS,
  rounds: ROUNDS,
  secondsPerRound: SECONDS,
  measured,
});

const micros = (figures: LoadFigures) => `${Math.round(figures.cpuMicrosPerRequest ?? 0)} µs`;
const rows: SummaryRow[] = measured.flatMap((m) => [
  {
    measure: `GET /badges/:id as JSON (${m.database}), ${CONNECTIONS} connections`,
    ours: formatFigures(m.ours),
    baseline: `bare express, same bytes: ${formatFigures(m.bare)}`,
    ratio: Number(m.ratio.toFixed(3)),
    target: `≥ ${TARGET}`,
    met: m.ratio >= TARGET,
  },
  {
    measure: `server CPU per request (${m.database}), bare ÷ ours`,
    ours: micros(m.ours),
    baseline: `bare express: ${micros(m.bare)}`,
    ratio: Number(m.cpuRatio.toFixed(3)),
  },
]);
writeSummary({
  name: 'verify-http',
  title: 'Employer verification: GET /badges/:id as JSON against a bare express handler',
  commands: ['npx tsx bench/verify-http.bench.ts'],
  rows,
  notes: [
    `Median of ${ROUNDS} alternating rounds of ${SECONDS} s each (after a 2 s warm-up), autocannon in the parent process, the server in a child process; requests per second compared.`,
    `The credential is ${measured[0]?.bytes ?? 0} bytes of ${ACCEPT}, sent as stored at issue (its text kept in memory after the first request). Whether the award may be shown (it exists, its learner's profile is public) is read for every request, never from a read begun before the request arrived; requests of the same moment share one statement: ${measured.map((m) => `${m.statementsUnderLoad.toFixed(3)} statement per request at ${CONNECTIONS} connections on ${m.database}`).join(', ')} (server/app/published-credential.ts). Revocation does not change the credential: verifiers read it from the status list.`,
    'On two shared cores the load generator, the database and the server compete for CPU (and other programs may run), so requests per second are lower than on a dedicated machine. The server CPU per request (the server process’s CPU time over a round ÷ its answers) is far less disturbed by other programs: its ratio is the requests-per-second ratio a machine where the server is CPU-bound alone would show.',
  ],
});
