/**
 * Runs operations through graphql-jit instead of graphql-js's interpreter: an operation of a
 * document asked a second time is compiled into plain JavaScript (its fields, arguments, type
 * checks and list walks written out), then every request asking it again only runs that. The
 * web client sends a handful of fixed documents, which yoga's parse cache hands over as the
 * same objects, so compiled operations are found by document. A trainer's grid resolves some
 * 300 fields; compiled, the grid and the learner home each cost about 140 µs less per request
 * (bench/api.bench.ts). A document seen once runs interpreted: compiling costs several times
 * one run, which a stream of one-off documents (someone exploring, someone probing) should not
 * buy. Validation, the limits (`yoga.ts`) and error masking are unchanged: they run before and
 * after execution.
 */
import { createRequire } from 'node:module';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
// The CommonJS build Pothos and yoga load (see print-schema.ts).
import { GraphQLError, type SourceLocation } from 'graphql/index.js';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

// graphql-jit's CommonJS build, which loads that same graphql: its ESM build would judge the
// schema's types against other classes.
const { compileQuery, isCompiledQuery } = createRequire(import.meta.url)(
  'graphql-jit',
) as typeof import('graphql-jit');

type Compiled = CompiledQuery | ExecutionResult;

/** What is known of an operation: seen once (not compiled yet), or compiled. */
type Known = 'seen once' | Compiled;

/**
 * Operations, by schema, document, then operation name: a document may hold several
 * operations, and each request names the one it runs.
 */
const operations = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Known>>>();

/** Operations compiled since the process started (tests check the compiled path ran). */
let compiledCount = 0;

/** @returns how many operations have been compiled since the process started. */
export function compiledOperations(): number {
  return compiledCount;
}

/** @returns the compiled operation, or undefined the first time it is asked (then noted). */
function compiledOperation(args: ExecutionArgs): Compiled | undefined {
  let byDocument = operations.get(args.schema);
  if (byDocument === undefined) {
    byDocument = new WeakMap();
    operations.set(args.schema, byDocument);
  }
  let byName = byDocument.get(args.document);
  if (byName === undefined) {
    byName = new Map();
    byDocument.set(args.document, byName);
  }
  const name = args.operationName ?? '';
  const known = byName.get(name);
  if (known === undefined) {
    byName.set(name, 'seen once');
    return undefined;
  }
  if (known !== 'seen once') return known;
  const compiled = compileQuery<Record<string, unknown>, Record<string, unknown>>(
    args.schema,
    args.document,
    args.operationName ?? undefined,
  );
  compiledCount += 1;
  byName.set(name, compiled);
  return compiled;
}

/** @returns the operation's result, from its compiled form. */
function executeCompiled(
  compiled: Compiled,
  args: ExecutionArgs,
): ExecutionResult | Promise<ExecutionResult> {
  // Not compiled: the document cannot run as asked (an unknown operation name…); the result
  // says why, as graphql-js's execute would.
  if (!isCompiledQuery(compiled)) return compiled;
  const result = compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {});
  return result instanceof Promise
    ? result.then((settled) => withLocatedErrors(settled, args.document))
    : withLocatedErrors(result, args.document);
}

/**
 * The yoga plugin: an operation asked before runs compiled; the first time, graphql-js runs it
 * (yoga's execute is left in place).
 */
export const compiledExecution: Plugin = {
  onExecute({ args, setExecuteFn }) {
    const compiled = compiledOperation(args);
    if (compiled === undefined) return;
    setExecuteFn(((executionArgs: ExecutionArgs) =>
      executeCompiled(compiled, executionArgs)) as Parameters<typeof setExecuteFn>[0]);
  },
};

/**
 * graphql-jit's errors say where they happened by line and column alone, and yoga rebuilds
 * every error it answers from the document's source and offsets (its masking, its
 * serialiser): they become errors as graphql-js makes them, the thrown error kept as the
 * original (so a typed refusal still passes the masking, and an unexpected one is still
 * masked, its place in the query kept).
 */
function withLocatedErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  const { errors, ...rest } = result;
  if (errors === undefined || errors.length === 0) return result;
  const source = document.loc?.source;
  // Errors first, as graphql-js writes its results: the same answer, byte for byte.
  return {
    errors: errors.map((error) => {
      const locations = error.locations ?? [];
      return new GraphQLError(error.message, {
        ...(source === undefined || locations.length === 0
          ? {}
          : { source, positions: locations.map((at) => offsetOf(source.body, at)) }),
        ...(error.path === undefined ? {} : { path: error.path }),
        ...(error.originalError == null ? {} : { originalError: error.originalError }),
        ...(error.extensions === undefined ? {} : { extensions: error.extensions }),
      });
    }),
    ...rest,
  };
}

/** @returns the offset in `body` of a line and column (both counted from 1). */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  const lineBreak = /\r\n|[\n\r]/g;
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const found = lineBreak.exec(body);
    if (found === null) break;
    start = found.index + found[0].length;
  }
  return start + column - 1;
}
