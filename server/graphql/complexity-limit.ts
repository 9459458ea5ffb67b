/**
 * A cost limit on operations, next to the depth and token caps: each field costs 1, and a
 * field returning a list costs what its selection costs times the number of items it may
 * return (its `first` argument, else an assumed 10). A query asking for lists of lists of
 * lists is refused before anything runs, however few tokens it has. The analysis itself stops
 * after MAX_QUERY_NODES fields (fragments spread where used): past that, a document of a few
 * hundred tokens (fragments spreading each other twice over) would keep it busy for hours.
 */
import { createRequire } from 'node:module';
import type { ASTVisitor, ValidationContext } from 'graphql';
import { GraphQLError, getNullableType, isListType } from 'graphql/index.js';
import type * as QueryComplexity from 'graphql-query-complexity/cjs';
import { createGraphQLError } from 'graphql-yoga';

// The CommonJS build, loaded with require: it then uses the same `graphql` build as Pothos and
// yoga (see yoga.ts), so the schema's types are recognised; and Node cannot see the named
// exports of this CommonJS file through an ESM import.
const { createComplexityRule, simpleEstimator } = createRequire(import.meta.url)(
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
 * The rule judges the document, every operation in it, and not one request: graphql-yoga keeps
 * one validation verdict per document (its validation cache), so a verdict that depended on the
 * request's operation name or variables would be reused for another request of the same text —
 * a cheap operation named first would let a costly one beside it through afterwards. List sizes
 * given by variables count as the assumed size; a field whose size comes from a variable must
 * bound it where it runs.
 *
 * @param maximum the highest cost allowed, per operation.
 * @returns the validation rule.
 */
export function complexityLimitRule(maximum: number) {
  const rule = createComplexityRule({
    maximumComplexity: maximum,
    maxQueryNodes: MAX_QUERY_NODES,
    estimators: COMPLEXITY_ESTIMATORS,
    createError: (max, actual) =>
      createGraphQLError(
        `This operation costs ${actual}, above the limit of ${max}: ask for fewer nested lists or use smaller pages (first).`,
        { extensions: { code: 'OPERATION_TOO_COMPLEX', http: { status: 400 } } },
      ),
  });
  // The library throws when it walks too many fields, which would end validation with a bare
  // message and hide every other error: report it as a refusal like the others instead.
  return (context: ValidationContext): ASTVisitor => {
    const visitor = rule(context);
    const { enter, leave } = visitor.OperationDefinition as {
      enter: (node: unknown) => void;
      leave: (node: unknown) => unknown;
    };
    let overflowed = false;
    visitor.OperationDefinition = {
      enter: (node: unknown) => {
        try {
          enter.call(visitor, node);
        } catch (error) {
          if (!(error instanceof GraphQLError) || !/number of nodes/.test(error.message)) {
            throw error;
          }
          overflowed = true;
          context.reportError(tooManyNodes());
        }
      },
      leave: (node: unknown) => (overflowed ? undefined : leave.call(visitor, node)),
    };
    return visitor as unknown as ASTVisitor;
  };
}

function tooManyNodes(): GraphQLError {
  const en = `This operation selects more than ${MAX_QUERY_NODES} fields once its fragments are spread: spread each fragment once and ask for fewer fields.`;
  return createGraphQLError(en, {
    extensions: {
      code: 'OPERATION_TOO_COMPLEX',
      http: { status: 400 },
      messages: {
        fr: `Cette requête sélectionne plus de ${MAX_QUERY_NODES} champs une fois ses fragments dépliés : utilisez chaque fragment une fois et demandez moins de champs.`,
        en,
      },
    },
  });
}
