/**
 * The `File` scalar: a file sent with the GraphQL multipart request spec (yoga parses the
 * multipart body and puts a WHATWG `File` in the variables). Input only. Its name and declared
 * type are not trusted: the use cases read the bytes.
 */
import { createGraphQLError } from 'graphql-yoga';
import type { IncomingFile } from '../../app/learner/submit-evidence.ts';
import { builder } from '../builder.ts';

export const FileScalar = builder.scalarType('File', {
  description:
    'A file upload (GraphQL multipart request spec: the `operations`, `map` and file parts ' +
    'of a multipart/form-data POST). Input only.',
  serialize: () => {
    throw createGraphQLError('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (!isFile(value)) {
      throw createGraphQLError(
        'Expected a file sent as a part of a multipart request (GraphQL multipart request spec).',
      );
    }
    return value;
  },
  parseLiteral: () => {
    throw createGraphQLError('A file cannot be written in the query: send it as a variable.');
  },
});

/** Yoga's File comes from its fetch ponyfill, not Node's global, so the shape is checked. */
function isFile(value: unknown): value is IncomingFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof IncomingFile, unknown>>;
  return (
    typeof candidate.size === 'number' &&
    typeof candidate.arrayBuffer === 'function' &&
    (candidate.name === undefined || typeof candidate.name === 'string')
  );
}
