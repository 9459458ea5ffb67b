/**
 * The GraphQL endpoint: a graphql-yoga server over the Pothos schema, with unexpected errors
 * masked (logged here, shown as "Unexpected error."), caps on tokens, nesting depth, aliases
 * and cost, one operation per request (yoga's batching stays off: an array of operations is
 * refused), schema introspection off in production, GraphiQL only in development, and
 * operations run compiled (`compiled-execution.ts`).
 *
 * Mount it on an express app with `app.use('/graphql', createGraphqlHandler(deps))`: yoga
 * reads the original URL, so the endpoint stays `/graphql` under the mount.
 */
// The CommonJS build yoga itself loads (see print-schema.ts): a syntax error must be an
// instance of the GraphQLError class yoga knows, or it would be taken for a crash (500).
import { getOperationAST, NoSchemaIntrospectionCustomRule, parse } from 'graphql/index.js';
import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { LedgerCache } from '../app/ledger-cache.ts';
import { aliasLimitRule, DEFAULT_MAX_ALIASES } from './alias-limit.ts';
import type { GraphqlContext, GraphqlDeps } from './builder.ts';
import { compiledExecution } from './compiled-execution.ts';
import { costRefusal, DEFAULT_MAX_COMPLEXITY } from './complexity-limit.ts';
import { createContext } from './context.ts';
import { DEFAULT_MAX_DEPTH, depthLimitRule } from './depth-limit.ts';
import { refuseNulCharacters } from './refuse-nul-characters.ts';
import { schema } from './schema.ts';

/** The most tokens a document may have: far above any real query, far below a hostile one. */
export const MAX_TOKENS = 2_000;

/**
 * Learners' grid columns kept: every learner of a large installation in one curriculum (a
 * learner's columns of one curriculum take about half a kilobyte).
 */
const GRID_COLUMNS_KEPT = 20_000;

/**
 * Whole grids kept, by group and curriculum: every group of a large installation (a grid's rows
 * share their columns with the cache above; each adds about 2 KB of its own).
 */
const GRIDS_KEPT = 2_000;

/** Options of the handler besides its dependencies. */
export interface GraphqlHandlerOptions {
  /** Serve GraphiQL on GET (default: only when NODE_ENV is `development`). */
  graphiql?: boolean;
  /**
   * Answer `__schema` and `__type` (default: unless NODE_ENV is `production`). Off, the schema
   * is not handed to whoever asks; `__typename` still works. `schema.graphql` is the contract.
   */
  introspection?: boolean;
  maxDepth?: number;
  maxAliases?: number;
  maxTokens?: number;
  maxComplexity?: number;
  /**
   * Run operations compiled by graphql-jit (`compiled-execution.ts`; default: true). False:
   * graphql-js interprets them, as the test comparing both answers needs.
   */
  compiled?: boolean;
}

/** The yoga server, usable as express middleware or through `fetch`. */
export type GraphqlHandler = YogaServerInstance<object, GraphqlContext>;

/**
 * @param handlerDeps the database, catalog, issuer, public URL, clock, token secret and logger.
 * @param options GraphiQL and the limits.
 * @returns the yoga server for `/graphql`.
 */
export function createGraphqlHandler(
  handlerDeps: GraphqlDeps,
  options: GraphqlHandlerOptions = {},
): GraphqlHandler {
  // One cache of each kind per handler: requests about the same learners share them.
  const deps: GraphqlDeps = {
    ...handlerDeps,
    learnerStatesCache: handlerDeps.learnerStatesCache ?? new LedgerCache(),
    gridColumnsCache: handlerDeps.gridColumnsCache ?? new LedgerCache(GRID_COLUMNS_KEPT),
    gridsCache: handlerDeps.gridsCache ?? new LedgerCache(GRIDS_KEPT),
    learnerFactsCache: handlerDeps.learnerFactsCache ?? new LedgerCache(),
  };
  const maxTokens = options.maxTokens ?? MAX_TOKENS;
  const introspection = options.introspection ?? process.env.NODE_ENV !== 'production';
  const limits: Plugin = {
    onParse({ setParseFn }) {
      setParseFn((source) => parse(source, { maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(options.maxDepth ?? DEFAULT_MAX_DEPTH));
      addValidationRule(aliasLimitRule(options.maxAliases ?? DEFAULT_MAX_ALIASES));
      if (!introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Partial<GraphqlContext>;
      if (context.operation !== undefined) {
        context.operation.readOnly =
          getOperationAST(args.document, args.operationName)?.operation === 'query';
      }
      const refusal = costRefusal(
        {
          schema: args.schema,
          document: args.document,
          variables: args.variableValues ?? undefined,
          operationName: args.operationName ?? undefined,
        },
        options.maxComplexity ?? DEFAULT_MAX_COMPLEXITY,
      );
      if (refusal !== undefined) setResultAndStopExecution({ errors: [refusal] });
    },
  };
  return createYoga<object, GraphqlContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? process.env.NODE_ENV === 'development',
    landingPage: false,
    // Cross-origin rules are the application's (`http/cors.ts`): yoga's own default would
    // answer any site, credentials included.
    cors: false,
    logging: false,
    context: ({ request }) => createContext(deps, { request }),
    maskedErrors: {
      // Never the original message, even in development: it can carry SQL or file paths.
      isDev: false,
      maskError(error, message) {
        const masked = maskError(error, message, false);
        // Expected errors (typed refusals, bad queries) pass through unchanged; log the rest.
        if (masked !== error) deps.logger.error({ err: error }, 'graphql: unexpected error');
        return masked;
      },
    },
    // Compiled last: an operation the limits refuse is never compiled.
    plugins: [
      limits,
      refuseNulCharacters,
      ...(options.compiled === false ? [] : [compiledExecution]),
    ],
  });
}
