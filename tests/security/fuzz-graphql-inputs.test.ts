/**
 * Fuzzing every GraphQL input: each root mutation, and each root query that takes arguments,
 * is called over HTTP on the real application with arguments generated from the schema's own
 * input types, by each role (anonymous, learner, trainer, counsellor, admin). Whatever comes
 * in: no 5xx, a well-formed JSON answer, no error that leaks a stack or SQL, no unexpected
 * (masked) error logged by the server, and a refused mutation (an error or a typed refusal)
 * leaves every table as it was. The fuzz loop runs on SQLite; PostgreSQL gets fewer runs.
 * Then, on both, each id and text of each mutation in turn made longer than any column, in
 * arguments otherwise good enough to be carried out: what the random runs reach only by luck.
 */
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../server/graphql/schema.ts';
import { type DatabaseKind, testDatabaseKinds } from '../support/databases.ts';
import { argumentsOf, isErrorType, operationOf } from './support/fuzz-graphql-arguments.ts';
import {
  createFuzzWorld,
  type FuzzWorld,
  ROLES,
  type RoleName as Role,
} from './support/fuzz-graphql-world.ts';

type Field = GraphQLField<unknown, unknown>;

const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
const queriesWithArguments = Object.values(schema.getQueryType()?.getFields() ?? {}).filter(
  (field) => field.args.length > 0,
);

/**
 * Random runs per field (after one well-typed call per role): the fuzz loop on
 * SQLite, a smaller sample on PostgreSQL. FUZZ_SCALE=10 makes a longer soak.
 */
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS: Record<DatabaseKind, { mutation: number; query: number }> = {
  sqlite: { mutation: 8, query: 4 },
  postgres: { mutation: 2, query: 1 },
};

/**
 * Each call costs a database snapshot: shrinking a failure is cut short after this long, and
 * the smallest counterexample found so far is reported.
 */
const SHRINK_LIMIT_MS = 60_000;

/** What an error shown to a client must never contain: a stack frame, a path, SQL. */
const LEAKS =
  /\n\s+at |\bat \S+ \(|node_modules|\.ts:\d+|SQLITE_|sqlite3|knex|violates .* constraint|duplicate key value|syntax error at or near|relation "[^"]+" does not exist|Unexpected error\./i;

interface Answer {
  status: number;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message?: unknown }[];
    error?: unknown;
  };
}

async function post(
  world: FuzzWorld,
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
): Promise<Answer> {
  const response = await fetch(`${world.base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer['body'] = {};
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    // Asserted below: the answer must be JSON.
  }
  return { status: response.status, text, body };
}

/**
 * The answer is JSON: a GraphQL result (data and/or errors, each error a message that leaks
 * nothing) or, for a request refused before GraphQL (a body over 256 kB), the application's
 * own error with its code and French and English message.
 */
function expectWellFormed(answer: Answer, context: string, sent: unknown): void {
  expect(answer.status, context).toBeLessThan(500);
  expect(typeof answer.body === 'object' && answer.body !== null, context).toBe(true);
  if (answer.body.error !== undefined) {
    expect(answer.status, context).toBeGreaterThanOrEqual(400);
    expect(answer.body.error, context).toMatchObject({
      code: expect.any(String),
      message: { fr: expect.any(String), en: expect.any(String) },
    });
    return;
  }
  expect('data' in answer.body || 'errors' in answer.body, `${context}\n${answer.text}`).toBe(true);
  for (const error of answer.body.errors ?? []) {
    expect(typeof error.message, context).toBe('string');
    // GraphQL quotes a refused value back: what was sent is not a leak.
    const echoed = stringsIn(sent).reduce(
      (message, value) => message.split(value).join(''),
      String(error.message),
    );
    expect(echoed, context).not.toMatch(LEAKS);
  }
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value, JSON.stringify(value)];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringsIn);
}

/** Refused: an error, no result, or a typed refusal (a type implementing LocalizedError). */
function refused(answer: Answer, field: string): boolean {
  if (answer.body.error !== undefined || (answer.body.errors ?? []).length > 0) return true;
  const result = answer.body.data?.[field];
  if (result === null || result === undefined) return true;
  const typename = (result as { __typename?: unknown }).__typename;
  return typeof typename === 'string' && isErrorType(schema, typename);
}

/** Refused for who is asking (signed out, or a role the field is not for). */
function deniedByRole(answer: Answer): boolean {
  const codes = (answer.body.errors ?? []).map(
    (error) => (error as { extensions?: { code?: unknown } }).extensions?.code,
  );
  return codes.includes('forbidden') || codes.includes('unauthenticated');
}

/**
 * Longer than any id the tables hold (`string('id', 64)`), in two-byte characters: PostgreSQL
 * refuses to store it in an id column rather than find it missing (SQLite stores anything).
 */
const OVERLONG_ID = 'à'.repeat(65);

/** Longer than any text column short of `text` (names, titles: 200 or 255 characters). */
const OVERLONG_TEXT = 'à'.repeat(5_000);

/**
 * Where a field's arguments hold values of a scalar type (`ID`, `String`): each such argument,
 * and each such field of an input object argument (`input.sessionId`), whether the sample gave
 * it a value or not.
 */
function scalarPaths(field: Field, scalar: 'ID' | 'String'): string[][] {
  const isScalar = (type: GraphQLInputType) => getNamedType(type).name === scalar;
  return field.args.flatMap((arg) => {
    const named = getNamedType(arg.type);
    if (isScalar(arg.type)) return [[arg.name]];
    if (!isInputObjectType(named)) return [];
    return Object.values(named.getFields())
      .filter((inner) => isScalar(inner.type))
      .map((inner) => [arg.name, inner.name]);
  });
}

/** The arguments with the value at `path` replaced (a list gets one element). */
function withValue(
  args: Record<string, unknown>,
  field: Field,
  path: string[],
  value: string,
): Record<string, unknown> {
  const copy = structuredClone(args);
  let holder = copy;
  let type: GraphQLInputType | undefined = field.args.find((arg) => arg.name === path[0])?.type;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      const unwrapped = type !== undefined && isNonNullType(type) ? type.ofType : type;
      holder[key] = unwrapped !== undefined && isListType(unwrapped) ? [value] : value;
      break;
    }
    const next = holder[key];
    holder[key] = typeof next === 'object' && next !== null ? next : {};
    holder = holder[key] as Record<string, unknown>;
    const named = type === undefined ? undefined : getNamedType(type);
    type =
      named !== undefined && isInputObjectType(named)
        ? named.getFields()[path[i + 1] as string]?.type
        : undefined;
  }
  return copy;
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

describe.each(testDatabaseKinds())('every GraphQL input under fuzzing on %s', (kind) => {
  let world: FuzzWorld;
  /** For each root field, how many calls reached its resolver (it returned a result). */
  const reached = new Map<string, number>();

  beforeAll(async () => {
    world = await createFuzzWorld(kind);
  }, 120_000);
  afterAll(async () => {
    await world?.dispose();
  });

  /** The tables as the last refused call left them (no need to read them again). */
  let lastSnapshot: Map<string, string> | undefined;

  /**
   * Calls `field` once with generated arguments as `role`, and checks the answer; for a
   * mutation, also that a refusal wrote nothing.
   *
   * @returns whether the role got past authorisation, and whether the call was carried out.
   */
  async function call(
    operationKind: 'query' | 'mutation',
    field: Field,
    role: Role,
    variables: Record<string, unknown>,
  ): Promise<{ through: boolean; carriedOut: boolean }> {
    const query = operationOf(schema, operationKind, field, variables);
    const context = `${role} → ${field.name}(${JSON.stringify(variables).slice(0, 400)})`;
    const before =
      operationKind === 'mutation' ? (lastSnapshot ?? (await world.snapshot())) : undefined;
    lastSnapshot = undefined;
    const answer = await post(world, query, variables, world.tokenOf(role));
    expectWellFormed(answer, context, variables);
    expect(world.takeUnexpectedErrors(), context).toEqual([]);
    const result = answer.body.data?.[field.name];
    if (result !== null && result !== undefined) {
      reached.set(field.name, (reached.get(field.name) ?? 0) + 1);
    }
    const carriedOut = !refused(answer, field.name);
    if (before !== undefined) {
      if (!carriedOut) {
        const after = await world.snapshot();
        lastSnapshot = after;
        expect(changedTables(before, after), `a refused call wrote: ${context}`).toEqual([]);
      } else {
        await world.heal();
      }
    }
    return { through: !deniedByRole(answer), carriedOut };
  }

  /**
   * Fuzzes one field. Each role first calls it once with well-typed arguments (every
   * role is tried, and it shows which roles get past authorisation); then random arguments,
   * mostly sent by the roles that got through, so the fuzz reaches the use cases.
   */
  async function fuzz(operationKind: 'query' | 'mutation', field: Field): Promise<void> {
    const through = new Set<Role>();
    for (const role of ROLES) {
      const [args = {}] = fc.sample(argumentsOf(field, world.pools, true), 1);
      if ((await call(operationKind, field, role, args)).through) through.add(role);
    }
    // Well-typed arguments may still be refused (an unknown job code, say): a few more tries
    // by the roles that got through, so that every resolver is reached whatever the seed.
    for (let extra = 0; extra < 5 && !reached.has(field.name) && through.size > 0; extra += 1) {
      const [args = {}] = fc.sample(argumentsOf(field, world.pools, true), 1);
      for (const role of through) await call(operationKind, field, role, args);
    }
    const role =
      through.size === 0
        ? fc.constantFrom(...ROLES)
        : fc.oneof(
            { arbitrary: fc.constantFrom(...through), weight: 3 },
            { arbitrary: fc.constantFrom(...ROLES), weight: 1 },
          );
    await fc.assert(
      fc.asyncProperty(role, argumentsOf(field, world.pools), async (who, args) => {
        await call(operationKind, field, who, args);
      }),
      { numRuns: RUNS[kind][operationKind] * FUZZ_SCALE, interruptAfterTimeLimit: SHRINK_LIMIT_MS },
    );
  }

  it('answers every mutation cleanly, and a refused one writes nothing', async () => {
    for (const field of mutations) await fuzz('mutation', field);
  }, 600_000);

  it('answers every query that takes arguments cleanly', async () => {
    for (const field of queriesWithArguments) await fuzz('query', field);
  }, 600_000);

  it('refuses text holding a NUL character before any database sees it', async () => {
    // Found on PostgreSQL, which cannot compare such text: "Unexpected error." and a 500.
    const document = 'mutation Nul($id: ID!) { markNotificationRead(id: $id) { __typename } }';
    // The same document without a NUL first: a verdict kept by the validation cache must not
    // let the next variables through.
    const clean = await post(world, document, { id: 'ab' }, world.tokenOf('learner'));
    expect(clean.body.errors).toBeUndefined();
    const inVariable = await post(world, document, { id: 'a\u0000b' }, world.tokenOf('learner'));
    const inLiteral = await post(
      world,
      'mutation Nul { markNotificationRead(id: "a\\u0000b") { __typename } }',
      {},
      world.tokenOf('learner'),
    );
    for (const answer of [inVariable, inLiteral]) {
      expectWellFormed(answer, 'NUL', {});
      expect(answer.body.errors?.[0]).toMatchObject({ extensions: { code: 'nul-character' } });
    }
    const signIn = await fetch(`${world.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ learnerCode: 'AB\u0000CD', pin: '482913' }),
    });
    expect(signIn.status).toBe(400);
    expect(world.takeUnexpectedErrors()).toEqual([]);
  });

  it('answers every mutation cleanly when one id or text is longer than any column', async () => {
    // Found by the fuzz loop on PostgreSQL: validateSkill with a session id of hundreds of
    // characters stored it (no lookup first) and the database refused: "Unexpected error."
    // Here, for each mutation, arguments that some role gets carried out, then each of their
    // ids and texts in turn made too long: with the other arguments good, the call goes as far
    // as that value can take it, where random arguments are mostly stopped earlier.
    const carriedOut: string[] = [];
    const without: string[] = [];
    for (const field of mutations) {
      const changes = [
        ...scalarPaths(field, 'ID').map((path) => ({ path, value: OVERLONG_ID })),
        ...scalarPaths(field, 'String').map((path) => ({ path, value: OVERLONG_TEXT })),
      ];
      if (changes.length === 0) continue;
      const good = await carriedOutArguments(field);
      (good === undefined ? without : carriedOut).push(field.name);
      // Without arguments carried out (a flagged award, a learner's own notification, a
      // validation to withdraw: what generated arguments rarely give), a sample, by every role.
      const [sample = {}] = fc.sample(argumentsOf(field, world.pools, true), {
        numRuns: 1,
        seed: 1,
      });
      const runs = good === undefined ? ROLES.map((role) => ({ role, args: sample })) : [good];
      for (const { path, value } of changes) {
        for (const { role, args } of runs) {
          await call('mutation', field, role, withValue(args, field, path, value));
        }
      }
    }
    // The test is worth something only if most calls went deep.
    expect(carriedOut.length, `no arguments carried out: ${without.join(', ')}`).toBeGreaterThan(
      2 * without.length,
    );
  }, 600_000);

  /** Well-typed arguments that one of the roles gets carried out (a few samples tried). */
  async function carriedOutArguments(
    field: Field,
  ): Promise<{ args: Record<string, unknown>; role: Role } | undefined> {
    // The roles that get past authorisation, from the first sample; then only they try.
    let roles: readonly Role[] = ROLES;
    for (let seed = 1; seed <= 40 && roles.length > 0; seed += 1) {
      const [args = {}] = fc.sample(argumentsOf(field, world.pools, true), { numRuns: 1, seed });
      const through: Role[] = [];
      for (const role of roles) {
        const answer = await call('mutation', field, role, args);
        if (answer.carriedOut) return { args, role };
        if (answer.through) through.push(role);
      }
      roles = through;
    }
    return undefined;
  }

  it('reached the resolver of every mutation at least once', () => {
    const missed = mutations.map((field) => field.name).filter((name) => !reached.has(name));
    expect(missed).toEqual([]);
  });
});
