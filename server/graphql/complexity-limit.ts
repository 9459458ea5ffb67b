/**
 * A cost limit on operations, next to the depth and token caps: each field costs 1, and a
 * field returning a list costs what its selection costs times the number of items it may
 * return (its `first` argument, else an assumed 10). A query asking for lists of lists of
 * lists is refused before anything runs, however few tokens it has. The analysis itself stops
 * after MAX_QUERY_NODES fields (fragments spread where used): past that, a document of a few
 * hundred tokens (fragments spreading each other twice over) would keep it busy for hours.
 */
import { createRequire } from 'node:module';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { GraphQLError, getNullableType, isListType } from 'graphql/index.js';
import type * as QueryComplexity from 'graphql-query-complexity/cjs';
import { createGraphQLError } from 'graphql-yoga';

// The CommonJS build, loaded with require: it then uses the same `graphql` build as Pothos and
// yoga (see yoga.ts), so the schema's types are recognised; and Node cannot see the named
// exports of this CommonJS file through an ESM import.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity/cjs',
) as typeof QueryComplexity;
type ComplexityEstimator = QueryComplexity.ComplexityEstimator;

/** Far above the client's heaviest operation (a test computes them all), far below abuse. */
export const DEFAULT_MAX_COMPLEXITY = 50_000;

/** The most fields the analysis walks, fragments spread: far above any real operation. */
export const MAX_QUERY_NODES = 10_000;

/** How many items a list without a `first` argument is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;

/** Lists multiply their selection's cost; other fields fall through to the simple estimator. */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!isListType(getNullableType(field.type))) return undefined;
  const first = typeof args.first === 'number' && args.first > 0 ? args.first : undefined;
  return 1 + (first ?? ASSUMED_LIST_SIZE) * Math.max(childComplexity, 1);
};

/** The estimators, in order, for the rule and for tests that measure client operations. */
export const COMPLEXITY_ESTIMATORS: ComplexityEstimator[] = [
  listEstimator,
  simpleEstimator({ defaultComplexity: 1 }),
];

/**
 * The cost of one request, judged when it is about to run (not during validation): graphql-yoga
 * keeps one validation verdict per document, and list sizes and the operation chosen come from
 * the request, so a verdict at validation would be reused for another request of the same text —
 * a cheap operation named first let a costly one beside it through afterwards.
 *
 * @param request the schema, the document, the request's variables and operation name.
 * @param maximum the highest cost allowed.
 * @returns the refusal to answer with, or undefined when the request may run. Variables that do
 *   not fit the operation are left for execution to report, as it does.
 */
export function costRefusal(
  request: {
    schema: GraphQLSchema;
    document: DocumentNode;
    variables: Record<string, unknown> | undefined;
    operationName: string | undefined;
  },
  maximum: number,
): GraphQLError | undefined {
  const cost = judgedCost(request);
  if (cost === 'too-many-nodes') return tooManyNodes();
  if (cost === undefined || cost <= maximum) return undefined;
  return createGraphQLError(
    `This operation costs ${cost}, above the limit of ${maximum}: ask for fewer nested lists or use smaller pages (first).`,
    { extensions: { code: 'OPERATION_TOO_COMPLEX' } },
  );
}

type Judgement = number | 'too-many-nodes' | undefined;

/**
 * Costs already worked out, per document (yoga hands the same parsed document for the same
 * text) and per operation name and variables (their texts blanked): a page sends the same few
 * requests again and again, and walking the document with the schema costs about as much as a
 * short query.
 */
const judged = new WeakMap<DocumentNode, Map<string, Judgement>>();
/** Variables longer than this as JSON are judged each time rather than kept as a key. */
const LONGEST_KEY = 2_000;
/** Judgements kept per document; the oldest go first. */
const KEPT_PER_DOCUMENT = 100;

function judgedCost(request: Parameters<typeof costRefusal>[0]): Judgement {
  // The cost reads numbers (`first`) and booleans (`@include`), never what a text says: the
  // same operation for another group or learner is the same cost, judged once.
  const shape = JSON.stringify(request.variables ?? {}, (_key, value: unknown) =>
    typeof value === 'string' ? '' : value,
  );
  const key = `${request.operationName ?? ''}\u0000${shape}`;
  if (key.length > LONGEST_KEY) return judge(request);
  let costs = judged.get(request.document);
  if (costs === undefined) {
    costs = new Map();
    judged.set(request.document, costs);
  }
  if (costs.has(key)) return costs.get(key);
  const judgement = judge(request);
  if (costs.size >= KEPT_PER_DOCUMENT) costs.delete(costs.keys().next().value as string);
  costs.set(key, judgement);
  return judgement;
}

/** @returns the cost, too many nodes, or undefined when the variables do not fit (execution says so). */
function judge(request: Parameters<typeof costRefusal>[0]): Judgement {
  try {
    return getComplexity({
      schema: request.schema,
      query: request.document,
      estimators: COMPLEXITY_ESTIMATORS,
      variables: request.variables ?? {},
      maxQueryNodes: MAX_QUERY_NODES,
      ...(request.operationName ? { operationName: request.operationName } : {}),
    });
  } catch (error) {
    if (error instanceof GraphQLError && /number of nodes/.test(error.message)) {
      return 'too-many-nodes';
    }
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

function tooManyNodes(): GraphQLError {
  const en = `This operation selects more than ${MAX_QUERY_NODES} fields once its fragments are spread: spread each fragment once and ask for fewer fields.`;
  return createGraphQLError(en, {
    extensions: {
      code: 'OPERATION_TOO_COMPLEX',
      messages: {
        fr: `Cette requête sélectionne plus de ${MAX_QUERY_NODES} champs une fois ses fragments dépliés : utilisez chaque fragment une fois et demandez moins de champs.`,
        en,
      },
    },
  });
}
