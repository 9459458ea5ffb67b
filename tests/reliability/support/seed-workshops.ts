/**
 * People for the reliability suites, made through the real use cases on the server's own
 * database (from the test process, while the server is idle): an administrator (made through
 * the repositories, since creating the first admin is no use case), then per workshop a
 * trainer, a group following a curriculum, its learners, a session running now and every
 * learner marked present. People who will use the API get the access token a sign-in gives
 * them, signed with the server's own secret (read from its data folder): no password is set,
 * since hashing one costs about half a second of CPU on a busy CI machine (scrypt, 32 MiB) and
 * two hundred of them would take minutes; signing in has its own suites.
 */
import { randomUUID } from 'node:crypto';
import { createPerson } from '../../../server/app/accounts/create-person.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { addGroupMember } from '../../../server/app/admin/group-members.ts';
import { createGroup } from '../../../server/app/admin/manage-groups.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { createWorkshopSession } from '../../../server/app/workshops/create-workshop-session.ts';
import { recordAttendance } from '../../../server/app/workshops/record-attendance.ts';
import { signAccessToken } from '../../../server/auth/access-tokens.ts';
import type { Viewer } from '../../../server/auth/policies.ts';
import type { Role } from '../../../server/auth/roles.ts';
import type { Database } from '../../../server/db/connection.ts';
import { DEFAULT_TIME_ZONE } from '../../../server/domain/calendar.ts';

/** What seeding needs: the server's database, its catalog and its access-token secret. */
export interface SeedContext {
  db: Database;
  catalog: Catalog;
  jwtSecret: string;
}

/** Someone of the cast; `token` is set when they were signed in. */
export interface CastMember {
  personId: string;
  displayName: string;
  email: string;
  token?: string;
}

/** One group at one session: its trainer and the learners present. */
export interface Workshop {
  groupId: string;
  sessionId: string;
  curriculumId: string;
  trainer: CastMember;
  learners: CastMember[];
}

export interface SeedOptions {
  workshops: number;
  learnersPerWorkshop: number;
  curriculumId: string;
  /** Skills the sessions work on (shown to the trainer). */
  targetSkills: readonly string[];
  /** Give everyone an access token (15 minutes); else no one signs in. */
  signIn: boolean;
  /** Tells people apart between several casts on one database. */
  label?: string;
}

/** The real clock: the server checks session times and token expiry against it. */
const clock = () => new Date();

/**
 * @param context the database, catalog and token secret of the server.
 * @param options how many workshops of how many learners, on which curriculum.
 * @returns the workshops, with the admin who made them.
 */
export async function seedWorkshops(
  context: SeedContext,
  options: SeedOptions,
): Promise<{ admin: Viewer; workshops: Workshop[] }> {
  const accounts = createAccountsDeps({ db: context.db, clock, jwtSecret: context.jwtSecret });
  const admin = await addAdmin(accounts);
  const label = options.label ?? 'cast';
  const workshops: Workshop[] = [];
  for (let w = 0; w < options.workshops; w++) {
    const trainer = await addMember(accounts, admin, ['trainer'], `${label} animateur ${w + 1}`, {
      signIn: options.signIn,
    });
    const group = await createGroup({ ...accounts, catalog: context.catalog }, admin, {
      name: `${label} groupe ${w + 1}`,
      curriculumId: options.curriculumId,
    });
    await addGroupMember(accounts, admin, {
      groupId: group.id,
      personId: trainer.personId,
      role: 'trainer',
    });
    const learners: CastMember[] = [];
    for (let i = 0; i < options.learnersPerWorkshop; i++) {
      learners.push(
        await addMember(accounts, admin, ['learner'], `${label} apprenant ${w + 1}-${i + 1}`, {
          signIn: options.signIn,
        }),
      );
    }
    for (const learner of learners) {
      await addGroupMember(accounts, admin, {
        groupId: group.id,
        personId: learner.personId,
        role: 'learner',
      });
    }
    const trainerViewer: Viewer = { personId: trainer.personId, roles: ['trainer'] };
    const now = Date.now();
    const session = await createWorkshopSession(
      { db: context.db, catalog: context.catalog, clock },
      trainerViewer,
      {
        groupId: group.id,
        title: `${label} séance ${w + 1}`,
        startsAt: new Date(now - 30 * 60_000).toISOString(),
        endsAt: new Date(now + 4 * 3_600_000).toISOString(),
        targetSkills: options.targetSkills,
      },
    );
    await recordAttendance({ db: context.db, clock, timeZone: DEFAULT_TIME_ZONE }, trainerViewer, {
      sessionId: session.id,
      learnerIds: learners.map((l) => l.personId),
    });
    workshops.push({
      groupId: group.id,
      sessionId: session.id,
      curriculumId: options.curriculumId,
      trainer,
      learners,
    });
  }
  return { admin, workshops };
}

async function addAdmin(accounts: AccountsDeps): Promise<Viewer> {
  const id = randomUUID();
  await accounts.people.create(
    {
      id,
      displayName: 'Administratrice',
      email: `admin-${id.slice(0, 8)}@grange.example`,
      roles: ['admin'],
    },
    clock(),
  );
  return { personId: id, roles: ['admin'] };
}

async function addMember(
  accounts: AccountsDeps,
  admin: Viewer,
  roles: Role[],
  displayName: string,
  options: { signIn: boolean },
): Promise<CastMember> {
  const email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@grange.example`;
  const person = await createPerson(accounts, admin, { displayName, email, roles });
  const member: CastMember = { personId: person.id, displayName, email };
  if (options.signIn) member.token = accessToken(person, accounts.jwtSecret);
  return member;
}

/**
 * @param person who signs in, with their roles.
 * @param jwtSecret the server's access-token secret.
 * @returns an access token valid for 15 minutes from now, as a sign-in gives.
 */
export function accessToken(
  person: { id: string; roles: readonly Role[] },
  jwtSecret: string,
): string {
  return signAccessToken(
    { personId: person.id, roles: person.roles },
    { secret: jwtSecret, now: clock() },
  );
}
