/**
 * An administrator creates an account for a trainer, a counsellor or another administrator:
 * an email and a generated first password, shown once to the administrator who hands it over.
 * Only its hash is kept. Built on `createPerson`, which checks the form and the email.
 */
import { randomInt } from 'node:crypto';
import type { Viewer } from '../../auth/policies.ts';
import type { Role } from '../../auth/roles.ts';
import { CreatePersonInput, createPerson } from '../accounts/create-person.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { InvalidInput } from '../accounts/errors.ts';
import { loadPersonAccount, type PersonAccount } from './person-accounts.ts';

/** The roles that make an account a staff account; `learner` may come on top. */
export const STAFF_ROLES: readonly Role[] = ['trainer', 'counsellor', 'admin'];

// Lower-case letters and digits without look-alikes (no 0/o, 1/l/i), to read out or copy.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** @returns a password of four groups of four characters (about 79 bits), e.g. `k7m4-qx2b-…`. */
export function generateInitialPassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < 4; group += 1) {
    let text = '';
    for (let i = 0; i < 4; i += 1) text += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}

/** The administrator's form: `createPerson`'s, without the password, with a staff role. */
export const CreateStaffAccountInput = CreatePersonInput.omit({ password: true }).refine(
  (input) => input.roles.some((role) => STAFF_ROLES.includes(role)),
  {
    path: ['roles'],
    message: 'a staff account holds trainer, counsellor or admin (learners get a QR card)',
  },
);

export interface CreateStaffAccountRequest {
  displayName: string;
  email: string;
  roles: readonly Role[];
  /** `fr` (default) or `en`. */
  locale?: string;
}

/** The new account and its first password, returned this once. */
export interface CreatedStaffAccount {
  account: PersonAccount;
  initialPassword: string;
}

/**
 * @param viewer an admin.
 * @param input the name, email, roles (at least one staff role) and language.
 * @returns the account and its first password.
 * @throws Forbidden unless the viewer is an admin; InvalidInput (nothing written);
 *   EmailAlreadyUsed.
 */
export async function createStaffAccount(
  deps: AccountsDeps,
  viewer: Viewer,
  input: CreateStaffAccountRequest,
): Promise<CreatedStaffAccount> {
  const parsed = CreateStaffAccountInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const initialPassword = generateInitialPassword();
  const person = await createPerson(deps, viewer, { ...parsed.data, password: initialPassword });
  return { account: await loadPersonAccount(deps, person.id), initialPassword };
}
