/**
 * An admin creates an account with an email (staff, adult learners), with roles and optionally
 * a first password. Learners without email, and minors, go through `createLearnerAccount`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { ROLES } from '../../auth/roles.ts';
import { hashSecret } from '../../auth/secret-hash.ts';
import { DuplicatePersonKey, type Person } from '../../db/repositories/people-repository.ts';
import { requireAdmin } from './actor.ts';
import type { AccountsDeps } from './deps.ts';
import { EmailAlreadyUsed, InvalidInput } from './errors.ts';

/** Shortest password accepted: long enough to resist guessing, short enough to remember. */
export const MIN_PASSWORD_LENGTH = 10;

/** The admin's form. */
export const CreatePersonInput = z.object({
  displayName: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  roles: z.array(z.enum(ROLES)).min(1),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).optional(),
  locale: z.enum(['fr', 'en']).optional(),
});

export type CreatePersonInput = z.input<typeof CreatePersonInput>;

/**
 * @param viewer an admin.
 * @param input name, email, roles, optional first password.
 * @returns the new person.
 * @throws Forbidden unless the viewer is an admin; InvalidInput; EmailAlreadyUsed.
 */
export async function createPerson(
  deps: AccountsDeps,
  viewer: Viewer,
  input: CreatePersonInput,
): Promise<Person> {
  const parsed = CreatePersonInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { displayName, email, roles, password, locale } = parsed.data;
  await requireAdmin(deps, viewer);
  const passwordHash = password ? await hashSecret(password) : null;
  const now = deps.clock();
  try {
    return await deps.db.transaction(async (trx) => {
      await requireAdmin(deps, viewer, trx);
      if (await deps.people.emailExists(email, trx)) throw new EmailAlreadyUsed();
      const person = await deps.people.create(
        { id: randomUUID(), displayName, email, locale: locale ?? 'fr', roles },
        now,
        trx,
      );
      if (passwordHash) await deps.credentials.set('password', person.id, passwordHash, now, trx);
      return person;
    });
  } catch (error) {
    // Two admins creating the same address at once: the unique index decides.
    if (error instanceof DuplicatePersonKey) throw new EmailAlreadyUsed();
    throw error;
  }
}
