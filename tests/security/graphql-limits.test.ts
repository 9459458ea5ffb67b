/**
 * Threat: one cheap request makes the server do unbounded work (deep nesting, lists of lists,
 * the same costly field under hundreds of aliases, a fragment "bomb", an array of operations,
 * a huge body), maps the whole API through introspection in production, or reads internals
 * (SQL, stack traces, file paths) out of an error.
 *
 * Proves, against the real HTTP server on each database: a query nested too deep, one costing
 * too much, one with too many aliases (fragments included) and an array of operations are each
 * refused with a clear error before anything runs (no data, no write); a chain of fragments
 * spreading each other twice is answered at once with a refusal, not after hours of CPU;
 * introspection (`__schema`, `__type`) is refused when NODE_ENV=production and works in
 * development, `__typename` working in both; errors from a failing database reach the client as
 * "Unexpected error." with no SQL, stack or path; bodies over the limit are refused with 413
 * and a clear JSON message whatever content type they claim, without being read into memory.
 */
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../support/close-server.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { serveApp } from '../support/serve-app.ts';
import {
  type GraphqlAnswer,
  SECURITY_JWT_SECRET,
  type SecurityServer,
  startSecurityServer,
} from './support/security-server.ts';

/** No SQL, no stack frame, no file path, no driver name in what the client sees. */
const INTERNALS =
  /select |insert |update |from "|sqlite|postgres|relation|syntax error|at \S+ \(|\.ts:\d+|\/work\/|node_modules|knex/i;

describe.each(testDatabaseKinds())('GraphQL limits under attack on %s', (kind) => {
  let app: SecurityServer;
  let production: { server: Server; base: string } | undefined;

  beforeAll(async () => {
    app = await startSecurityServer(kind);
    // The same database served as in production (NODE_ENV=production).
    production = await serveApp(app.db, {
      clock: app.clock.clock,
      jwtSecret: SECURITY_JWT_SECRET,
      env: { NODE_ENV: 'production', DATA_DIR: app.dataDir },
    });
  }, 60_000);
  afterAll(async () => {
    await closeServer(production?.server);
    await app?.dispose();
  });

  /** The answer refused before execution: no `data`, and the expected code first. */
  function expectRefused(answer: GraphqlAnswer, code: string): void {
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code, JSON.stringify(answer.body)).toBe(code);
  }

  it('refuse a query nested deeper than 10 levels', async () => {
    // The schema's own types nest without end (introspection is on in development).
    const deep = `{ __type(name: "Query") { fields { type {${' ofType {'.repeat(7)} name ${'} '.repeat(10)}}`;
    const answer = await app.graphql(deep);
    expectRefused(answer, 'query-too-deep');
    expect(answer.body.errors?.[0]?.message).toMatch(/nested 11 levels deep; at most 10/);
  });

  it('refuse a fragment bomb at once instead of walking 2^60 spreads', async () => {
    let bomb = 'query Bomb { ...F0 }\n';
    for (let i = 0; i < 60; i += 1)
      bomb += `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }\n`;
    bomb += 'fragment F60 on Query { curricula { id } }\n';
    const started = Date.now();
    const answer = await app.graphql(bomb);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COMPLEX');
    expect(answer.body.errors?.[0]?.message).toMatch(/more than 10000 fields/);
    // The same with aliases inside: still cheap, and the aliases are counted where spread.
    const aliased = bomb.replace('curricula { id }', 'a: curricula { id }');
    const second = await app.graphql(aliased);
    expect(second.status).toBeLessThan(500);
    expect(second.body.errors?.map((e) => e.extensions?.code)).toContain('too-many-aliases');
  });

  it('refuse lists of lists asked for many times over (cost), running nothing', async () => {
    // No alias needed: the cost counts every selection, even those execution would merge.
    const greedy = `{ ${'curricula { skills { activities { title { fr en } } levels { level } } } '.repeat(20)} }`;
    const answer = await app.graphql(greedy);
    expectRefused(answer, 'OPERATION_TOO_COMPLEX');
    expect(answer.body.errors?.[0]?.message).toMatch(/above the limit of 50000/);
  });

  it('refuse a costly operation sent beside a cheap one, whichever was asked first', async () => {
    // yoga keeps one validation verdict per document: a cost verdict reached at validation for
    // the operation named in the first request would let the costly one through afterwards.
    const greedy =
      'curricula { skills { activities { title { fr en } } levels { level } } } '.repeat(20);
    const document = `query Cheap { __typename } query Costly { ${greedy} }`;
    const post = (operationName: string) =>
      fetch(`${app.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, operationName }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as GraphqlAnswer['body'],
      }));
    for (let round = 0; round < 2; round += 1) {
      expect((await post('Cheap')).body.data).toEqual({ __typename: 'Query' });
      expectRefused(await post('Costly'), 'OPERATION_TOO_COMPLEX');
    }
  });

  it('refuse the same costly field under many aliases, even spread through fragments', async () => {
    const learner = await app.signIn(app.learner);
    const exports = (n: number) =>
      Array.from({ length: n }, (_, i) => `e${i}: myDataExport`).join(' ');
    const many = await app.graphql(`query Dump { ${exports(200)} }`, {
      token: learner.accessToken,
    });
    expectRefused(many, 'too-many-aliases');
    expect(many.body.errors?.[0]?.message).toMatch(/200 aliases; at most 15/);
    expect(many.body.errors?.[0]?.extensions?.messages).toMatchObject({
      fr: expect.stringContaining('15 au plus'),
    });
    const hidden = await app.graphql(
      `query Hidden { ...A ...B } fragment A on Query { ${exports(8)} }
       fragment B on Query { ...A x: me { id } }`,
      { token: learner.accessToken },
    );
    expectRefused(hidden, 'too-many-aliases');
    // Fifteen are allowed, and each runs.
    const fifteen = await app.graphql(`{ ${exports(15)} }`, { token: learner.accessToken });
    expect(fifteen.body.errors).toBeUndefined();
    expect(Object.keys(fifteen.body.data ?? {})).toHaveLength(15);
  });

  it('refuse an array of operations (no batching): nothing in it runs', async () => {
    const learner = await app.signIn(app.learner);
    const before = await app.graphql('{ myPreferences { locale } }', {
      token: learner.accessToken,
    });
    expect(before.body.data?.myPreferences).toEqual({ locale: 'fr' });
    const batch = [
      { query: 'mutation { updateMyPreferences(locale: "en") { __typename } }' },
      ...Array.from({ length: 50 }, () => ({ query: '{ myDataExport }' })),
    ];
    const response = await fetch(`${app.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${learner.accessToken}`,
      },
      body: JSON.stringify(batch),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphqlAnswer['body'];
    expect(Array.isArray(body)).toBe(false);
    expect(body.errors?.[0]?.message).toMatch(/batching is not supported/i);
    const after = await app.graphql('{ myPreferences { locale } }', {
      token: learner.accessToken,
    });
    expect(after.body.data?.myPreferences).toEqual({ locale: 'fr' });
  });

  it('answer introspection in development, refuse it in production; __typename works in both', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    const development = await app.graphql(introspect);
    expect(development.body.data?.__schema).toEqual({ queryType: { name: 'Query' } });

    const post = async (query: string) => {
      const response = await fetch(`${production?.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlAnswer['body'] };
    };
    for (const query of [
      introspect,
      '{ __type(name: "Person") { fields { name } } }',
      'query { ...F } fragment F on Query { __schema { types { name } } }',
    ]) {
      const refused = await post(query);
      expect(refused.status).toBeLessThan(500);
      expect(refused.body.data ?? null).toBeNull();
      expect(refused.body.errors?.[0]?.message).toMatch(/introspection/i);
    }
    // Over GET as well: yoga runs queries sent in the URL.
    const viaGet = await fetch(
      `${production?.base}/graphql?query=${encodeURIComponent(introspect)}`,
      { headers: { accept: 'application/json' } },
    );
    const viaGetBody = (await viaGet.json()) as GraphqlAnswer['body'];
    expect(viaGetBody.data ?? null).toBeNull();
    expect(viaGetBody.errors?.[0]?.message).toMatch(/introspection/i);
    const typename = await post('{ __typename curricula { __typename id } }');
    expect(typename.body.errors).toBeUndefined();
    expect(typename.body.data?.__typename).toBe('Query');
  });

  it('mask what a failing database says: no SQL, no stack, no path', async () => {
    const admin = await app.signIn(app.admin);
    const learner = await app.signIn(app.learner);
    // Attacker input the database may choke on (PostgreSQL refuses NUL bytes in text).
    for (const id of ['\u0000', "' or 1=1 --", 'x'.repeat(10_000), '../../etc/passwd']) {
      for (const [query, token] of [
        ['query E($id: ID!) { evidence(id: $id) { __typename } }', admin.accessToken],
        ['query G($id: ID!) { group(id: $id) { __typename } }', admin.accessToken],
        ['query S($id: ID!) { mySkillStates(curriculumId: $id) { skillId } }', learner.accessToken],
      ] as const) {
        const answer = await app.graphql(query, { token, variables: { id } });
        expect(answer.status, query).toBeLessThan(500);
        expect(JSON.stringify(answer.body)).not.toMatch(INTERNALS);
      }
    }

    // A database failing under the resolver: the table the notifications are read from is gone.
    await app.db.schema.renameTable('notifications', 'notifications_away');
    try {
      const answer = await app.graphql('{ myNotifications { id } }', {
        token: learner.accessToken,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.data ?? null).toBeNull();
      expect(answer.body.errors).toEqual([
        {
          message: 'Unexpected error.',
          locations: expect.any(Array),
          path: ['myNotifications'],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(answer.body)).not.toMatch(INTERNALS);
    } finally {
      await app.db.schema.renameTable('notifications_away', 'notifications');
    }
  });

  it('refuse a JSON body over 256 kB with 413 and a clear JSON message', async () => {
    const huge = JSON.stringify({ query: `{ __typename }`, variables: { x: 'a'.repeat(300_000) } });
    const response = await fetch(`${app.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as {
      error: { code: string; message: { fr: string; en: string } };
    };
    expect(body.error.code).toBe('too-large');
    expect(body.error.message.fr).toContain('256 ko');
    expect(body.error.message.en).toContain('256 kB');
  });

  it.each([
    ['application/graphql+json'],
    ['application/graphql'],
    ['application/json, text/plain'],
    ['APPLICATION/JSON'],
    ['application/x-www-form-urlencoded'],
    ['text/plain'],
  ])('refuse an oversized body sent as %s (413, never read whole)', async (contentType) => {
    const query = `{ __typename }`;
    const body = contentType.includes('json')
      ? JSON.stringify({ query, variables: { x: 'a'.repeat(2_000_000) } })
      : contentType === 'application/graphql'
        ? `${query}${' '.repeat(2_000_000)}`
        : `query=${encodeURIComponent(query)}&x=${'a'.repeat(2_000_000)}`;
    const response = await fetch(`${app.base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        // Past the cross-site guard: the attacker here is a script, not another site's form.
        authorization: `Bearer ${app.learner.accessToken}`,
        'graphql-preflight': '1',
      },
      body,
    });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as { error: { code: string } };
    expect(answer.error.code).toBe('too-large');
  });

  it('refuse a body of unstated length over the limit, however it is sent', async () => {
    // Chunked: no Content-Length to judge by; the server must stop reading at the limit.
    // JSON is counted as it is read and cut at 256 kB (413); yoga would read any other type
    // whole, so without a stated length it is not read at all (411).
    for (const [contentType, expected] of [
      ['application/json', 413],
      ['application/graphql+json', 411],
    ] as const) {
      const { port } = new URL(app.base);
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/graphql',
            headers: {
              'content-type': contentType,
              'transfer-encoding': 'chunked',
              'graphql-preflight': '1',
            },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', (error: NodeJS.ErrnoException) => {
          // The server closes the connection once it has answered: the answer may still be on
          // its way when the next write fails.
          if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
            setTimeout(() => resolve(-1), 1_000);
          } else reject(error);
        });
        request.write('{"query":"{ __typename }","variables":{"x":"');
        const chunk = 'a'.repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 4 * 1024 * 1024) {
            sent += chunk.length;
            if (!request.write(chunk)) return void request.once('drain', pump);
          }
          request.end('"}}');
        };
        pump();
      });
      expect(status, contentType).toBe(expected);
    }
  });
});
