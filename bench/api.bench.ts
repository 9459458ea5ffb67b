/**
 * The API under a realistic volume (issue 8, benchmark 5): the learner home query and the
 * trainer's group grid, the exact GraphQL documents the web client sends, at 50 connections,
 * on a database of 10,000 learners and 1,000,000 progress events (`support/seed-large.ts`), on
 * SQLite and on PostgreSQL, against a trivial `{ __typename }` query on the same server in
 * the same run. Targets: ≥ 0.5 of the trivial query's requests per second, p99 < 50 ms.
 * Values worked out from a learner's ledger are kept between requests while the ledger has
 * not moved (`server/app/ledger-cache.ts`), and their badges, enrolments and unread count while
 * their facts stamp has not (`server/app/learner/learner-facts.ts`), and a trainer's grid while
 * the group's grid stamp has not (`server/app/workshops/group-progress.ts`), so after the
 * warm-up the rotation reads those.
 *
 *   npx tsx bench/api.bench.ts
 *   BENCH_DATABASES=sqlite npx tsx bench/api.bench.ts              (one database)
 *   BENCH_LEARNERS=1000 BENCH_EVENTS=100000 npx tsx bench/api.bench.ts   (a smaller seed)
 *
 * The first run seeds the SQLite file (signing every badge earned takes a while) and caches it
 * under bench/results/; PostgreSQL gets a copy, kept as a template database (see
 * `support/seed-large-postgres.ts`). Requests rotate over 500 learners (and over the groups of
 * their trainers), each with its own access token; the trivial query carries the same learners'
 * tokens, so it pays the same sign-in check (the token, then the person with their roles read) and
 * the difference is the query's own work. SQL statements per request are counted on the server
 * (knex's `query` event, which `server/db/select-rows.ts` also raises) over sequential
 * requests. Writes bench/results/api.json and its summary.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { HomeQuery } from '../client/src/pages/home/home-queries.ts';
import { GroupProgressQuery } from '../client/src/pages/trainer/trainer-queries.ts';
import { signAccessToken } from '../server/auth/access-tokens.ts';
import type { Role } from '../server/auth/roles.ts';
import { createDatabase, type Database, migrate } from '../server/db/connection.ts';
import {
  alternateRounds,
  formatFigures,
  type LoadFigures,
  medianFigures,
  runLoad,
} from './support/load-autocannon.ts';
import { benchDatabaseKinds, type ScratchPostgres } from './support/load-postgres.ts';
import { type LoadServer, startLoadServer } from './support/load-server-process.ts';
import {
  cachedLargeSqlite,
  DEFAULT_SEED_OPTIONS,
  type SeedManifest,
} from './support/seed-large.ts';
import { checkSeededLearners } from './support/seed-large-check.ts';
import { scratchPostgresFromSeed } from './support/seed-large-postgres.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;
/** Learners (and groups) the requests rotate over. */
const SAMPLE = 500;
/** Sequential requests per query to count SQL statements. */
const COUNTED = 20;

const options = {
  ...DEFAULT_SEED_OPTIONS,
  learners: Number(process.env.BENCH_LEARNERS ?? DEFAULT_SEED_OPTIONS.learners),
  events: Number(process.env.BENCH_EVENTS ?? DEFAULT_SEED_OPTIONS.events),
};
const log = (line: string) => console.log(line);
const COUNTED_TABLES = [
  'people',
  'groups',
  'progress_events',
  'skill_states',
  'evidence',
  'badge_awards',
  'notifications',
];

type QueryName = 'home' | 'grid' | 'typename';

interface Measured {
  database: 'sqlite' | 'postgres';
  /** Rows per table of the database measured. */
  rows: Record<string, number>;
  figures: Record<QueryName, LoadFigures>;
  /** One connection, one request at a time: the latency of a request alone. */
  alone: Record<QueryName, LoadFigures>;
  rounds: Record<QueryName, LoadFigures[]>;
  statementsPerRequest: Record<QueryName, number>;
  /** Bytes of one answer of each query (the first learner, the first group). */
  answerBytes: Record<QueryName, number>;
}

/** What one GraphQL request of the rotation sends. */
interface Call {
  token: string;
  body: string;
}

/** Picks `count` items spread evenly over `items`. */
function spread<T>(items: readonly T[], count: number): T[] {
  const step = Math.max(1, Math.floor(items.length / count));
  return items.filter((_, i) => i % step === 0).slice(0, count);
}

/** The rotations of requests: learners' home, trainers' grids, the trivial query. */
function calls(server: LoadServer, manifest: SeedManifest): Record<QueryName, Call[]> {
  const now = new Date();
  const token = (personId: string, roles: Role[]) =>
    signAccessToken({ personId, roles }, { secret: server.jwtSecret, now });
  const learners = spread(manifest.learnerIds, SAMPLE).map((id) => token(id, ['learner']));
  // Groups of about a full size, as a trainer's screen shows them.
  const groups = spread(
    manifest.groups.filter((g) => g.learners >= 20),
    SAMPLE,
  );
  return {
    home: learners.map((t) => ({ token: t, body: JSON.stringify({ query: HomeQuery.source }) })),
    grid: groups.map((g) => ({
      token: token(g.trainerId, ['trainer']),
      body: JSON.stringify({
        query: GroupProgressQuery.source,
        variables: { groupId: g.id, curriculumId: g.curriculumId },
      }),
    })),
    typename: learners.map((t) => ({
      token: t,
      body: JSON.stringify({ query: '{ __typename }' }),
    })),
  };
}

async function post(server: LoadServer, call: Call): Promise<{ text: string; status: number }> {
  const response = await fetch(`${server.grange}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${call.token}` },
    body: call.body,
  });
  return { text: await response.text(), status: response.status };
}

/**
 * Every call of the rotation answers 200 with data and no error (autocannon only sees the
 * status, and a GraphQL error answers 200): a figure made of refusals would mean nothing.
 */
async function checkAnswers(
  server: LoadServer,
  rotation: Record<QueryName, Call[]>,
): Promise<void> {
  for (const [name, list] of Object.entries(rotation)) {
    for (const call of list) {
      const { text, status } = await post(server, call);
      const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown[] };
      const grid = body.data?.progressGrid as { __typename?: string } | undefined;
      if (status !== 200 || body.errors !== undefined || body.data === undefined) {
        throw new Error(`${name}: ${status} ${text.slice(0, 300)}`);
      }
      if (name === 'grid' && grid?.__typename !== 'ProgressGrid') {
        throw new Error(`grid: ${text.slice(0, 300)}`);
      }
    }
  }
}

/** An autocannon request that takes the next call of the rotation each time it is sent. */
function rotating(list: readonly Call[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      path: '/graphql',
      setupRequest: (request) => {
        const call = list[next % list.length] as Call;
        next += 1;
        return {
          ...request,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${call.token}`,
          },
          body: call.body,
        };
      },
    },
  ];
}

async function measure(
  database: 'sqlite' | 'postgres',
  seed: { file: string; manifest: SeedManifest },
): Promise<Measured> {
  let scratch: ScratchPostgres | undefined;
  let location: { postgresUrl: string } | { dataDir: string };
  if (database === 'postgres') {
    scratch = await scratchPostgresFromSeed(seed.file, 'api', log);
    location = { postgresUrl: scratch.url };
  } else {
    // A copy: the server migrates it, and the cached file stays as seeded.
    const dataDir = mkdtempSync(join(tmpdir(), 'grange-bench-api-'));
    copyFileSync(seed.file, join(dataDir, 'grange.sqlite'));
    location = { dataDir };
  }
  try {
    const db: Database = createDatabase(
      'postgresUrl' in location
        ? { client: 'postgres', url: location.postgresUrl }
        : { client: 'sqlite', filename: join(location.dataDir, 'grange.sqlite') },
    );
    const rows: Record<string, number> = {};
    try {
      await migrate(db);
      await checkSeededLearners(db, spread(seed.manifest.learnerIds, 20));
      for (const table of COUNTED_TABLES) {
        const [row] = await db(table).count({ n: '*' });
        rows[table] = Number(row?.n ?? 0);
      }
    } finally {
      await db.destroy();
    }
    const server = await startLoadServer(location, seed.manifest.options.publicUrl);
    try {
      const rotation = calls(server, seed.manifest);
      await checkAnswers(server, rotation);
      const statementsPerRequest = {} as Record<QueryName, number>;
      const answerBytes = {} as Record<QueryName, number>;
      for (const name of Object.keys(rotation) as QueryName[]) {
        const list = rotation[name];
        answerBytes[name] = Buffer.byteLength((await post(server, list[0] as Call)).text);
        const before = await server.statements();
        for (const call of list.slice(0, COUNTED)) await post(server, call);
        statementsPerRequest[name] = ((await server.statements()) - before) / COUNTED;
      }
      const target = (name: QueryName) => ({
        url: server.grange,
        requests: rotating(rotation[name]),
      });
      const rounds = await alternateRounds(
        { home: target('home'), grid: target('grid'), typename: target('typename') },
        {
          rounds: ROUNDS,
          connections: CONNECTIONS,
          seconds: SECONDS,
          warmUpSeconds: 3,
          serverCpuMicros: server.cpuMicros,
        },
      );
      const alone = {} as Record<QueryName, LoadFigures>;
      for (const name of Object.keys(rotation) as QueryName[]) {
        alone[name] = await runLoad(target(name), { connections: 1, seconds: SECONDS });
      }
      return {
        database,
        rows,
        alone,
        rounds,
        figures: {
          home: medianFigures(rounds.home),
          grid: medianFigures(rounds.grid),
          typename: medianFigures(rounds.typename),
        },
        statementsPerRequest,
        answerBytes,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch?.drop();
  }
}

const seed = await cachedLargeSqlite(options, log);
const measured: Measured[] = [];
for (const database of benchDatabaseKinds()) {
  const result = await measure(database, seed);
  measured.push(result);
  console.log(`api (${database}): ${JSON.stringify(result.rows)}`);
  for (const name of ['home', 'grid', 'typename'] as const) {
    console.log(
      `  ${name.padEnd(9)} ${formatFigures(result.figures[name])}, ${result.statementsPerRequest[name]} SQL/request, ${result.answerBytes[name]} bytes; alone: p50 ${result.alone[name].p50} ms, p99 ${result.alone[name].p99} ms`,
    );
  }
}

writeResults('api', {
  bench: 'api',
  date: new Date().toISOString(),
  node: process.version,
  seed: { options, seededAt: seed.manifest.seededAt },
  connections: CONNECTIONS,
  rounds: ROUNDS,
  secondsPerRound: SECONDS,
  measured,
});

const QUERY_TITLES: Record<Exclude<QueryName, 'typename'>, string> = {
  home: 'learner home (query Home)',
  grid: 'trainer grid (query TrainerGroupProgress)',
};
const rows: SummaryRow[] = measured.flatMap((m) =>
  (['home', 'grid'] as const).flatMap((name) => {
    const ours = m.figures[name];
    const base = m.figures.typename;
    const ratio = ours.requestsPerSecond / base.requestsPerSecond;
    return [
      {
        measure: `${QUERY_TITLES[name]} (${m.database}), ${CONNECTIONS} connections`,
        ours: `${formatFigures(ours)}, ${m.statementsPerRequest[name]} SQL/request`,
        baseline: `{ __typename }: ${formatFigures(base)}, ${m.statementsPerRequest.typename} SQL/request`,
        ratio: Number(ratio.toFixed(3)),
        target: `≥ ${RATIO_TARGET}`,
        met: ratio >= RATIO_TARGET,
      },
      {
        measure: `${QUERY_TITLES[name]} (${m.database}), p99 at ${CONNECTIONS} connections`,
        ours: `${ours.p99.toFixed(1)} ms (one request at a time: p50 ${m.alone[name].p50} ms, p99 ${m.alone[name].p99} ms)`,
        baseline: `{ __typename }: ${base.p99.toFixed(1)} ms (alone: p99 ${m.alone.typename.p99} ms)`,
        ratio: null,
        target: `p99 < ${P99_TARGET_MS} ms`,
        met: ours.p99 < P99_TARGET_MS,
      },
    ];
  }),
);
writeSummary({
  name: 'api',
  title: `API: learner home and trainer grid on ${options.learners.toLocaleString('en-US')} learners and ${options.events.toLocaleString('en-US')} events`,
  commands: ['npx tsx bench/api.bench.ts'],
  rows,
  notes: [
    `Seeded data: ${Object.entries(measured[0]?.rows ?? {})
      .map(([table, n]) => `${n.toLocaleString('en-US')} ${table}`)
      .join(
        ', ',
      )}; rows inserted in batches straight into the tables (bypassing the use cases), the projection folded and the badges issued by the domain core and issueBadge (bench/support/seed-large.ts), checked on a sample of learners before measuring.`,
    `Median of ${ROUNDS} alternating rounds of ${SECONDS} s (after a 3 s warm-up each), autocannon in the parent process, the server in a child process; requests rotate over ${SAMPLE} learners and their trainers' groups, each with its own token.`,
    'The trivial query carries the same learners’ tokens: every signed-in request reads the person with their roles, so the ratio measures the query’s own cost.',
    'The server keeps what it works out from a learner’s ledger (their settled states, their grid columns: server/app/ledger-cache.ts) and checks on every request, in the database, that the ledger still ends where it did; it keeps their standing badges, enrolments and unread count likewise while their facts stamp, which database triggers move with every change to those, stays still (server/app/learner/learner-facts.ts). Both marks come with the sign-in read of the person’s row. A trainer’s whole grid is kept likewise while the group’s grid stamp, which triggers move when a member’s ledger or name or the roster changes, stays still (server/app/workshops/group-progress.ts): read with the group’s row. After the warm-up, the rotation’s learners are read from what is kept, as a learner reloading their home or a trainer refreshing a grid are; the first request about each learner works it out.',
    'On two shared cores the load generator, the database and the server compete for CPU; the server CPU per request is the figure other programs disturb least.',
    `At ${CONNECTIONS} connections a request waits for the ones ahead of it: its latency is about ${CONNECTIONS} ÷ the requests per second (Little’s law), so p99 < 50 ms there needs over 1,000 requests per second. The figures "alone" (one connection, ${SECONDS} s) give a request's own latency.`,
  ],
});
