/**
 * An administrator grants or removes a role, through the account use cases, with one more
 * rule: nobody removes their own admin role (another administrator must), so whoever holds the
 * keys never locks themselves out by a slip of the finger.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Role } from '../../auth/roles.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { grantRole } from '../accounts/grant-role.ts';
import { revokeRole } from '../accounts/revoke-role.ts';
import { asUnknownPerson, CannotRemoveOwnAdminRole } from './people-errors.ts';
import { loadPersonAccount, type PersonAccount } from './person-accounts.ts';

/** Who and which role. */
export interface RoleChange {
  personId: string;
  role: Role;
}

/**
 * @param viewer an admin.
 * @returns the person's account afterwards (granting a role already held changes nothing).
 * @throws Forbidden unless the viewer is an admin; InvalidInput; UnknownPerson.
 */
export async function grantPersonRole(
  deps: AccountsDeps,
  viewer: Viewer,
  change: RoleChange,
): Promise<PersonAccount> {
  try {
    await grantRole(deps, viewer, change);
  } catch (error) {
    throw asUnknownPerson(error);
  }
  return loadPersonAccount(deps, change.personId);
}

/**
 * @param viewer an admin.
 * @returns the person's account afterwards (removing a role not held changes nothing).
 * @throws CannotRemoveOwnAdminRole (nothing written); Forbidden unless the viewer is an admin;
 *   InvalidInput; UnknownPerson; LastAdmin.
 */
export async function revokePersonRole(
  deps: AccountsDeps,
  viewer: Viewer,
  change: RoleChange,
): Promise<PersonAccount> {
  if (change.role === 'admin' && change.personId === viewer.personId) {
    throw new CannotRemoveOwnAdminRole();
  }
  try {
    await revokeRole(deps, viewer, change);
  } catch (error) {
    throw asUnknownPerson(error);
  }
  return loadPersonAccount(deps, change.personId);
}
