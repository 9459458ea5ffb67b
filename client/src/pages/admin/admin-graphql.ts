/**
 * What every admin operation shares: the typed errors of the API's result unions (each one a
 * `LocalizedError` with a French and English message) and the roles as the API names them.
 */
import type { Role } from '../../app/auth/auth-context.tsx';
import type { LocalizedText } from '../../app/graphql.ts';

/** An expected refusal from a mutation (`... on LocalizedError`). */
export interface TypedError {
  __typename: string;
  code: string;
  message: LocalizedText;
}

/** Selects the typed error of any result union. */
export const ERROR_FIELDS = '... on LocalizedError { code message { fr en } }';

/** @returns whether a union member is one of the API's typed errors. */
export function isTypedError(value: object): value is TypedError {
  return 'code' in value && 'message' in value;
}

/** Every role, in the order the pages list them. */
export const ROLES: readonly Role[] = ['LEARNER', 'TRAINER', 'COUNSELLOR', 'ADMIN'];

/** The roles a staff account may be created with (one at least; LEARNER may come on top). */
export const STAFF_ROLES: readonly Role[] = ['TRAINER', 'COUNSELLOR', 'ADMIN'];

/** @returns a caught error as something `ErrorMessage` shows. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
