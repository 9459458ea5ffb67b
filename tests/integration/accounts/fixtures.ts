/**
 * Shared setup of the accounts suites: a controllable clock, and a small cast created through
 * the repositories (an admin and two trainers each with a group), since creating the first
 * admin is not a use case.
 */
import { randomUUID } from 'node:crypto';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import type { Viewer } from '../../../server/auth/policies.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { hashSecret } from '../../../server/auth/secret-hash.ts';
import type { Database } from '../../../server/db/connection.ts';

/** A clock tests move by hand. */
export class TestClock {
  now: Date;

  constructor(iso = '2026-03-02T09:00:00.000Z') {
    this.now = new Date(iso);
  }

  readonly clock = (): Date => new Date(this.now);

  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export const JWT_SECRET = 'test-secret-for-access-tokens-only-0123456789';

/** @returns account dependencies over `db` with the test clock. */
export function accountsDeps(db: Database, clock: TestClock): AccountsDeps {
  return createAccountsDeps({ db, clock: clock.clock, jwtSecret: JWT_SECRET });
}

export interface StaffMember extends Viewer {
  email: string;
  password: string;
}

/**
 * Creates a person with an email, a password and roles, straight through the repositories.
 */
export async function addStaff(
  deps: AccountsDeps,
  roles: Role[],
  name = 'Staff',
): Promise<StaffMember> {
  const id = randomUUID();
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(0, 8)}@grange.example`;
  const password = `pass-${id}`;
  await deps.people.create({ id, displayName: name, email, roles }, deps.clock());
  await deps.credentials.set('password', id, await hashSecret(password), deps.clock());
  return { personId: id, roles, email, password };
}

/** Creates a group trained by `trainer`. @returns its id. */
export async function addGroup(
  deps: AccountsDeps,
  trainer: Viewer,
  name = 'Code club',
): Promise<string> {
  const id = randomUUID();
  await deps.groups.create({ id, name }, deps.clock());
  await deps.groups.addMember(
    { groupId: id, personId: trainer.personId, role: 'trainer' },
    deps.clock(),
  );
  return id;
}

/** @returns how many rows each account table holds, to prove nothing was written. */
export async function countAccountRows(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'people',
    'person_roles',
    'pin_credentials',
    'password_credentials',
    'guardian_consents',
    'group_members',
    'refresh_tokens',
  ]) {
    const [row] = await db(table).count({ n: '*' });
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}
