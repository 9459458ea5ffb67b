/**
 * An admin removes a role from a person. The last admin cannot remove their own admin role:
 * someone must always be able to manage accounts.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Role } from '../../auth/roles.ts';
import { requireAdmin } from './actor.ts';
import type { AccountsDeps } from './deps.ts';
import { InvalidInput, LastAdmin, UnknownPerson } from './errors.ts';
import { RoleChangeInput } from './grant-role.ts';

/**
 * @param viewer an admin.
 * @param input who and which role.
 * @returns the person's roles afterwards.
 * @throws Forbidden unless the viewer is an admin; InvalidInput; UnknownPerson; LastAdmin.
 */
export async function revokeRole(
  deps: AccountsDeps,
  viewer: Viewer,
  input: { personId: string; role: Role },
): Promise<Role[]> {
  const parsed = RoleChangeInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { personId, role } = parsed.data;
  return deps.db.transaction(async (trx) => {
    // Taken first, so two admins removing each other at once are serialised and the second
    // sees that only one admin is left.
    const admins = role === 'admin' ? await deps.people.lockHoldersOf('admin', trx) : [];
    await requireAdmin(deps, viewer, trx);
    if (!(await deps.people.findById(personId, trx))) throw new UnknownPerson(personId);
    if (role === 'admin' && admins.includes(personId) && admins.length <= 1) {
      throw new LastAdmin();
    }
    await deps.people.removeRole(personId, role, trx);
    return deps.people.rolesOf(personId, trx);
  });
}
