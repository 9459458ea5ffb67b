/**
 * The viewer's roles as the database has them now. Access tokens carry roles too, but they
 * may be up to 15 minutes old: use cases that change accounts decide on the current ones.
 */
import type { Knex } from 'knex';
import { Forbidden } from '../../auth/errors.ts';
import { isAdmin, type Viewer } from '../../auth/policies.ts';
import type { AccountsDeps } from './deps.ts';

/** @returns the viewer with their current roles (none if the account is gone). */
export async function currentViewer(
  deps: AccountsDeps,
  viewer: Viewer,
  trx?: Knex.Transaction,
): Promise<Viewer> {
  return { personId: viewer.personId, roles: await deps.people.rolesOf(viewer.personId, trx) };
}

/**
 * @returns the viewer with their current roles.
 * @throws Forbidden unless they are an admin now.
 */
export async function requireAdmin(
  deps: AccountsDeps,
  viewer: Viewer,
  trx?: Knex.Transaction,
): Promise<Viewer> {
  const current = await currentViewer(deps, viewer, trx);
  if (!isAdmin(current)) throw new Forbidden();
  return current;
}
