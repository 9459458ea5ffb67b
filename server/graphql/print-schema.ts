/**
 * `npm run schema:print`: writes the schema, in SDL, to `schema.graphql` at the repository
 * root. The web client builds against that file, never against server code, and a test fails
 * when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The deep path names the CommonJS build, the one Pothos and yoga load: under Vitest a bare
// 'graphql' would resolve to the ESM build, whose printSchema rejects types from the other.
import { printSchema } from 'graphql/index.js';
import { schema } from './schema.ts';

/** Where the printed schema lives. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** @returns the schema as committed: SDL with a trailing newline. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, printedSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
