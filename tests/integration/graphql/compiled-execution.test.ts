/**
 * Operations run compiled by graphql-jit (`server/graphql/compiled-execution.ts`, from their
 * second request on) answer exactly what graphql-js's interpreter answers: every query the web
 * client sends, asked by a learner, a trainer, the job counsellor and the admin of the demo
 * data, byte for byte the same through both (data, typed refusals and errors with their places
 * in the query alike).
 * Then what compiling by document must not confuse: the operations of one document, named
 * per request, and an unexpected error masked with its location kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeedDemoResult, seedDemoData } from '../../../server/app/seed-demo.ts';
import { signAccessToken } from '../../../server/auth/access-tokens.ts';
import { compiledOperations } from '../../../server/graphql/compiled-execution.ts';
import { createGraphqlHandler, type GraphqlHandler } from '../../../server/graphql/yoga.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { graphqlDepsOf } from '../../support/graphql-client.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'compiled-execution-secret-with-enough-entropy-0123456789';

type Seeded = Extract<SeedDemoResult, { seeded: true }>;

/**
 * The client's query modules. Imported by path when the test runs: some pull in the client's
 * JSX, which only the client's own TypeScript configuration compiles.
 */
const CLIENT_QUERY_MODULES = [
  'admin/awards/award-queries.ts',
  'admin/awards/bulk-award-queries.ts',
  'admin/curricula/curricula-queries.ts',
  'admin/groups/group-queries.ts',
  'admin/jury/jury-queries.ts',
  'admin/keys/keys-queries.ts',
  'admin/people/people-queries.ts',
  'badges/badge-queries.ts',
  'curriculum/curriculum-queries.ts',
  'home/home-queries.ts',
  'pathway/pathway-queries.ts',
  'settings/settings-queries.ts',
  'skill/skill-queries.ts',
  'trainer/trainer-queries.ts',
];

/** Every query document of those modules (mutations change data: left out). */
async function clientQueries(): Promise<{ name: string; source: string }[]> {
  const modules = await Promise.all(
    CLIENT_QUERY_MODULES.map(
      (path) =>
        import(new URL(`../../../client/src/pages/${path}`, import.meta.url).href) as Promise<
          Record<string, unknown>
        >,
    ),
  );
  return modules.flatMap((module) =>
    Object.entries(module).flatMap(([name, value]) => {
      const source = (value as { source?: unknown } | null)?.source;
      return typeof source === 'string' && /^\s*query\b/.test(source) ? [{ name, source }] : [];
    }),
  );
}

describe.each(testDatabaseKinds())('compiled execution on %s', (kind) => {
  let engine: EngineFixture;
  let seeded: Seeded;
  let compiled: GraphqlHandler;
  let interpreted: GraphqlHandler;

  const ask = async (
    handler: GraphqlHandler,
    personId: string,
    query: string,
    variables: Record<string, unknown> = {},
    operationName?: string,
  ) => {
    const token = signAccessToken(
      { personId, roles: ['learner'] },
      { secret: JWT_SECRET, now: engine.clock() },
    );
    const response = await handler.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    const outcome = await seedDemoData({
      ...engine.deps,
      jwtSecret: JWT_SECRET,
      timeZone: 'Europe/Paris',
    });
    if (!outcome.seeded) throw new Error('the demo data was not seeded');
    seeded = outcome;
    const deps = graphqlDepsOf(engine, JWT_SECRET);
    compiled = createGraphqlHandler(deps);
    interpreted = createGraphqlHandler(deps, { compiled: false });
  }, 300_000);

  afterAll(async () => {
    await engine?.dispose();
  });

  it('answers every query of the web client as graphql-js does, whoever asks', async () => {
    const { credentials } = seeded;
    const [group] = (await engine.db('groups').select('id', 'curriculumId').orderBy('id')) as {
      id: string;
      curriculumId: string;
    }[];
    const [session] = (await engine.db('workshopSessions').select('id').orderBy('id')) as {
      id: string;
    }[];
    const follower = credentials.learners.find((l) => l.key === 'yasmine');
    const [badge] = engine.catalog.badges;
    if (group === undefined || session === undefined || follower === undefined || !badge) {
      throw new Error('the demo data lacks a group, a session, a followed learner or a badge');
    }
    const variables: Record<string, Record<string, unknown>> = {
      AdminGroup: { id: group.id },
      TrainerGroup: { id: group.id },
      TrainerSession: { id: session.id },
      AdminGroups: { includeArchived: true },
      AdminPeople: { first: 20 },
      Curriculum: { curriculumId: group.curriculumId },
      Skill: { curriculumId: group.curriculumId },
      LearnerPathway: { learnerId: follower.personId },
      LearnerSummary: { learnerId: follower.personId },
      PreviewBulkAward: { badgeId: badge.id, csv: 'email\nnobody@example.org\n' },
      TrainerGroupProgress: { groupId: group.id, curriculumId: group.curriculumId },
      TrainerSessionContext: {
        groupId: group.id,
        curriculumId: group.curriculumId,
        withGrid: true,
      },
    };
    const [trainer] = credentials.trainers;
    const [learner] = credentials.learners;
    if (trainer === undefined || learner === undefined) throw new Error('no demo trainer');
    const viewers = [learner, follower, trainer, credentials.counsellor, credentials.admin];
    const queries = await clientQueries();
    expect(queries.length).toBeGreaterThanOrEqual(25);
    const compiledBefore = compiledOperations();
    let withData = 0;
    for (const { name, source } of queries) {
      const operation = /^\s*query\s+(\w+)/.exec(source)?.[1] ?? name;
      for (const viewer of viewers) {
        const asked = variables[operation] ?? {};
        const expected = await ask(interpreted, viewer.personId, source, asked);
        // The first request of a document runs interpreted, the next ones compiled.
        const first = await ask(compiled, viewer.personId, source, asked);
        const actual = await ask(compiled, viewer.personId, source, asked);
        expect(first, `${operation} asked first by ${viewer.displayName}`).toEqual(expected);
        expect(actual, `${operation} asked by ${viewer.displayName}`).toEqual(expected);
        const body = JSON.parse(actual.text) as { data?: Record<string, unknown> | null };
        if (body.data != null) withData += 1;
      }
    }
    // Most answers carry data (not only refusals): the comparison covers what pages show.
    expect(withData).toBeGreaterThan(queries.length * 2);
    // Every one of them was compiled (once: the same document object each time).
    expect(compiledOperations() - compiledBefore).toBe(queries.length);
  });

  it('runs the operation each request names, from a document holding several', async () => {
    const document = 'query A { __typename } query B { curricula { id } }';
    const admin = seeded.credentials.admin.personId;
    for (const handler of [compiled, interpreted]) {
      const a = JSON.parse((await ask(handler, admin, document, {}, 'A')).text);
      const b = JSON.parse((await ask(handler, admin, document, {}, 'B')).text);
      const again = JSON.parse((await ask(handler, admin, document, {}, 'A')).text);
      const bAgain = JSON.parse((await ask(handler, admin, document, {}, 'B')).text);
      expect(a).toEqual({ data: { __typename: 'Query' } });
      expect(again).toEqual(a);
      expect(b.data.curricula.length).toBe(engine.catalog.curricula.length);
      expect(bAgain).toEqual(b);
    }
    const unnamed = await ask(compiled, admin, document);
    expect(unnamed).toEqual(await ask(interpreted, admin, document));
    expect(unnamed.text).toMatch(/operation/i);
  });

  it('compiles a document on its second request, never one asked once', async () => {
    const admin = seeded.credentials.admin.personId;
    const once = `{ curricula { id } __typename }`;
    const before = compiledOperations();
    await ask(compiled, admin, once);
    expect(compiledOperations()).toBe(before);
    await ask(compiled, admin, once);
    expect(compiledOperations()).toBe(before + 1);
    await ask(compiled, admin, once);
    expect(compiledOperations()).toBe(before + 1);
    // An operation the limits refuse is refused before anything is compiled, however often.
    const costly = `{ ${'curricula { skills { activities { title { fr en } } levels { level } } } '.repeat(20)} }`;
    for (let round = 0; round < 3; round += 1) {
      const refused = JSON.parse((await ask(compiled, admin, costly)).text);
      expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COMPLEX');
    }
    expect(compiledOperations()).toBe(before + 1);
  });

  it('masks an unexpected error and keeps where in the query it happened', async () => {
    const learner = seeded.credentials.learners[0]?.personId ?? '';
    const query = '{\n  __typename\n  myNotifications { id }\n}';
    await engine.db.schema.renameTable('notifications', 'notifications_away');
    try {
      const expected = await ask(interpreted, learner, query);
      await ask(compiled, learner, query);
      const actual = await ask(compiled, learner, query);
      expect(actual).toEqual(expected);
      expect(JSON.parse(actual.text).errors).toEqual([
        {
          message: 'Unexpected error.',
          locations: [{ line: 3, column: 3 }],
          path: ['myNotifications'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
    } finally {
      await engine.db.schema.renameTable('notifications_away', 'notifications');
    }
  });
});
