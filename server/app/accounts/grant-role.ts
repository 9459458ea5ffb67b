/** An admin grants a role to a person (granting one already held changes nothing). */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { ROLES, type Role } from '../../auth/roles.ts';
import { requireAdmin } from './actor.ts';
import type { AccountsDeps } from './deps.ts';
import { InvalidInput, UnknownPerson } from './errors.ts';

export const RoleChangeInput = z.object({
  personId: z.string().min(1).max(64),
  role: z.enum(ROLES),
});

/**
 * @param viewer an admin.
 * @param input who and which role.
 * @returns the person's roles afterwards.
 * @throws Forbidden unless the viewer is an admin; InvalidInput; UnknownPerson.
 */
export async function grantRole(
  deps: AccountsDeps,
  viewer: Viewer,
  input: { personId: string; role: Role },
): Promise<Role[]> {
  const parsed = RoleChangeInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { personId, role } = parsed.data;
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    if (!(await deps.people.findById(personId, trx))) throw new UnknownPerson(personId);
    await deps.people.addRole(personId, role, trx);
    return deps.people.rolesOf(personId, trx);
  });
}
