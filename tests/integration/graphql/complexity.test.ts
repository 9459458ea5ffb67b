/**
 * The cost limit: every operation the web client sends stays under it (so the limit never
 * breaks a page), and a short query asking for lists of lists many times over is refused
 * before it runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DocumentNode,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
} from 'graphql/index.js';
import { getComplexity } from 'graphql-query-complexity/cjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLEXITY_ESTIMATORS,
  DEFAULT_MAX_COMPLEXITY,
} from '../../../server/graphql/complexity-limit.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { graphqlDepsOf, postGraphql, serveGraphql } from '../../support/graphql-client.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const CLIENT_SRC = new URL('../../../client/src/', import.meta.url).pathname;

/**
 * Every operation of the client: the `source` of what its `*-queries.ts` modules export
 * (fragments interpolated, as the browser sends them), and the `gql` literals of components.
 */
async function clientOperations(): Promise<{ file: string; source: string }[]> {
  const found: { file: string; source: string }[] = [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) files.push(path);
    }
  };
  walk(CLIENT_SRC);
  for (const path of files) {
    const file = path.slice(CLIENT_SRC.length);
    if (path.endsWith('-queries.ts')) {
      const module = (await import(path)) as Record<string, unknown>;
      for (const value of Object.values(module)) {
        const source = (value as { source?: unknown } | null)?.source;
        if (typeof source === 'string') found.push({ file, source });
      }
      continue;
    }
    for (const match of readFileSync(path, 'utf8').matchAll(/gql<[\s\S]*?>\(\s*`([^`]*)`/g)) {
      const source = match[1] ?? '';
      if (!source.includes('${')) found.push({ file, source });
    }
  }
  return found;
}

/** A value of a GraphQL input type, enough for the cost analysis to read (lists empty). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = sampleValue(field.type);
    }
    return value;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return 1;
    if (type.name === 'Boolean') return false;
    return 'x';
  }
  return null;
}

/** Values for the required variables of an operation. */
function sampleVariables(document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (type !== undefined && isNonNullType(type)) {
        variables[variable.variable.name.value] = sampleValue(type);
      }
    }
  }
  return variables;
}

/**
 * Twenty copies of curricula → skills → activities: few tokens, shallow, but 100,000+ fields
 * counted (without aliases, which have their own lower cap: alias-limit.ts).
 */
const GREEDY = `{ ${'curricula { skills { activities { title { fr en } } levels { level } } } '.repeat(20)}}`;

const operations = await clientOperations();

describe('the cost of the operations the web client sends', () => {
  it('finds the client operations', () => {
    expect(operations.length).toBeGreaterThan(10);
  });

  it.each(operations.map((o) => [o.file, o.source] as const))(
    '%s stays under the limit',
    (_file, source) => {
      const query = parse(source);
      const complexity = getComplexity({
        schema,
        query,
        estimators: COMPLEXITY_ESTIMATORS,
        variables: sampleVariables(query),
      });
      expect(complexity).toBeLessThanOrEqual(DEFAULT_MAX_COMPLEXITY);
    },
  );

  it('counts the greedy query above the limit', () => {
    const complexity = getComplexity({
      schema,
      query: parse(GREEDY),
      estimators: COMPLEXITY_ESTIMATORS,
      variables: {},
    });
    expect(complexity).toBeGreaterThan(DEFAULT_MAX_COMPLEXITY);
  });
});

describe.each(testDatabaseKinds())('the cost limit over HTTP on %s', (kind) => {
  let engine: EngineFixture;
  let base: string;
  let server: Awaited<ReturnType<typeof serveGraphql>>['server'] | undefined;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, 'complexity-test-secret')));
  });
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('refuses the greedy query with a clear error and runs nothing', async () => {
    const body = await postGraphql(base, GREEDY);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('OPERATION_TOO_COMPLEX');
    expect(body.errors?.[0]?.message).toMatch(/above the limit of 50000/);
  });

  it('answers the same lists asked for once', async () => {
    const body = await postGraphql(base, '{ curricula { skills { id title { fr en } } } }');
    expect(body.errors).toBeUndefined();
    expect(body.data?.curricula as unknown[]).not.toHaveLength(0);
  });
});
