/**
 * Seeds demo data on an empty database, for `npm start`: an admin, two trainers, a group per
 * curriculum and fourteen learners at different stages, built through the real use cases —
 * accounts by `createPerson` and `createLearnerAccount` (minors with a guardian's consent),
 * progress by `recordProgress`, so every skill state and badge comes from the engine, evidence
 * (texts and a link) waiting for review, a flagged badge and a revoked one (`revokeBadge`),
 * and workshop sessions by `createWorkshopSession`: past ones with their attendance and one of
 * the seniors today (in the workshops' time zone). A job counsellor follows two job seekers
 * whose pathways (target jobs, milestones, one private note) go through the pathway use cases.
 * The cast is fixed and the events follow a
 * seeded generator; only the secrets are random: the passwords are generated here and the
 * PINs by the account use case, and all are returned once for the console.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Viewer } from '../auth/policies.ts';
import type { Role } from '../auth/roles.ts';
import { hashSecret } from '../auth/secret-hash.ts';
import {
  addEnrolments,
  addSubmittedEvidence,
  anyPersonExists,
  type Enrolment,
  type SubmittedEvidence,
} from '../db/repositories/demo-seed-repository.ts';
import { addAttendance } from '../db/repositories/workshops-repository.ts';
import { createLearnerAccount } from './accounts/create-learner-account.ts';
import { createPerson } from './accounts/create-person.ts';
import { type AccountsDeps, createAccountsDeps } from './accounts/deps.ts';
import type { Catalog } from './check-curricula.ts';
import { curriculumOf } from './curricula-to-domain.ts';
import {
  DEMO_ADMIN,
  DEMO_COUNSELLOR,
  DEMO_GROUPS,
  DEMO_LEARNERS,
  DEMO_PATHWAYS,
  DEMO_REVOCATION,
  DEMO_TRAINERS,
  type DemoLearner,
  type DemoStaffMember,
  type TrainerKey,
} from './demo/cast.ts';
import {
  type PlannedEvent,
  type PlannedMilestone,
  planLearnerEvents,
  planPathwayMilestones,
} from './demo/plan.ts';
import { seededRandom } from './demo/random.ts';
import type {
  DemoLearnerCredentials,
  DemoStaffCredentials,
  SeedDemoResult,
} from './demo/seed-result.ts';
import { type PlannedSession, planDemoSessions } from './demo/workshops.ts';
import { UnknownProgressSkill } from './engine-errors.ts';
import { indexCatalog } from './issuance/catalog-index.ts';
import { followLearner } from './pathway/follows.ts';
import { addCounsellorNote, setMilestone, setTargetJobs } from './pathway/manage-pathway.ts';
import { recordProgress } from './record-progress.ts';
import { revokeBadge } from './revoke-badge.ts';
import { createWorkshopSession } from './workshops/create-workshop-session.ts';

export { formatDemoCredentials } from './demo/format-credentials.ts';

import type { RecordProgressDeps } from './record-progress.ts';

export type { SeedDemoResult } from './demo/seed-result.ts';

/** What seeding needs: the engine's dependencies, the access-token secret and the zone. */
export interface SeedDemoDeps extends RecordProgressDeps {
  jwtSecret: string;
  /** The workshops' IANA zone: today's session is on today's date there. */
  timeZone: string;
}

/** The same demo on every empty database. */
const DEMO_SEED = 20261126;

const DAY = 24 * 3_600_000;

/**
 * @param deps the database, the checked catalog, the issuer, the public URL, the clock and the
 *   access-token secret.
 * @returns `{ seeded: false }` when the database already has people (nothing written);
 *   otherwise the generated sign-in details and what the engine recorded and issued.
 */
export async function seedDemoData(deps: SeedDemoDeps): Promise<SeedDemoResult> {
  if (await anyPersonExists(deps.db)) return { seeded: false };
  const accounts = createAccountsDeps({
    db: deps.db,
    clock: deps.clock,
    jwtSecret: deps.jwtSecret,
  });
  const now = deps.clock();
  const random = seededRandom(DEMO_SEED);
  // Plan first: a cast that no longer matches the curricula fails before anything is written.
  const plans = new Map(
    DEMO_LEARNERS.map((learner) => [
      learner.key,
      planLearnerEvents(deps.catalog, learner, now, random),
    ]),
  );
  const learnerKeys = new Set(DEMO_LEARNERS.map((learner) => learner.key));
  const pathways = DEMO_PATHWAYS.map((pathway) => ({
    pathway,
    milestones: planPathwayMilestones(deps.catalog, pathway, learnerKeys, now),
  }));
  const sessions = planDemoSessions(now, deps.timeZone);
  for (const skillId of sessions.flatMap((session) => session.targetSkills)) {
    if (!deps.catalog.graph.has(skillId)) throw new UnknownProgressSkill(skillId);
  }

  const admin = await createFirstAdmin(accounts);
  const adminViewer: Viewer = { personId: admin.personId, roles: ['admin'] };
  const trainers: Record<TrainerKey, DemoStaffCredentials> = {
    sophie: await createStaff(accounts, adminViewer, DEMO_TRAINERS.sophie, ['trainer']),
    karim: await createStaff(accounts, adminViewer, DEMO_TRAINERS.karim, ['trainer']),
  };
  const counsellor = await createStaff(accounts, adminViewer, DEMO_COUNSELLOR, ['counsellor']);
  const groupIds = await createGroups(accounts, trainers);

  const learners: DemoLearnerCredentials[] = [];
  for (const learner of DEMO_LEARNERS) {
    const group = groupOf(learner);
    const groupId = groupIds.get(group.curriculumId) ?? '';
    learners.push(
      await createLearner(accounts, adminViewer, trainers[group.trainer], groupId, learner),
    );
  }
  await enrolLearners(accounts, learners, plans, now, deps.catalog);

  let events = 0;
  const issued: Array<{ learnerKey: string; badgeId: string; awardId: string }> = [];
  for (const learner of DEMO_LEARNERS) {
    const person = learners.find((l) => l.key === learner.key);
    const trainer = trainers[groupOf(learner).trainer];
    if (person === undefined) continue;
    for (const event of plans.get(learner.key) ?? []) {
      const result = await recordProgress(deps, {
        learnerId: person.personId,
        actorId: event.actor === 'learner' ? person.personId : trainer.personId,
        skillId: event.skillId,
        type: event.type,
        occurredAt: event.occurredAt,
        ...(event.level === undefined ? {} : { level: event.level }),
        ...(event.comment === undefined ? {} : { comment: event.comment }),
        ...(event.outcome === undefined ? {} : { outcome: event.outcome }),
        ...(event.evidenceId === undefined ? {} : { evidenceId: event.evidenceId }),
      });
      events += 1;
      for (const award of result.issued) {
        issued.push({ learnerKey: learner.key, badgeId: award.badgeId, awardId: award.awardId });
      }
    }
  }
  await createSessions(deps, sessions, trainers, groupIds, learners);
  await revokeDemoAward(deps, admin, issued);
  await seedPathways(deps, adminViewer, counsellor, learners, pathways);
  return {
    seeded: true,
    credentials: { admin, trainers: [trainers.sophie, trainers.karim], counsellor, learners },
    events,
    issued,
  };
}

/**
 * The first admin: no one can create them through `createPerson` (which needs an admin), so
 * they go straight through the repositories, person and password in one transaction.
 */
async function createFirstAdmin(accounts: AccountsDeps): Promise<DemoStaffCredentials> {
  const password = generatePassword();
  const hash = await hashSecret(password);
  const now = accounts.clock();
  const person = await accounts.db.transaction(async (trx) => {
    const created = await accounts.people.create(
      {
        id: randomUUID(),
        displayName: DEMO_ADMIN.displayName,
        email: DEMO_ADMIN.email,
        roles: ['admin'],
      },
      now,
      trx,
    );
    await accounts.credentials.set('password', created.id, hash, now, trx);
    return created;
  });
  return {
    personId: person.id,
    displayName: DEMO_ADMIN.displayName,
    email: DEMO_ADMIN.email,
    password,
  };
}

/** A staff account with a fresh password, made by the admin through `createPerson`. */
async function createStaff(
  accounts: AccountsDeps,
  adminViewer: Viewer,
  member: DemoStaffMember,
  roles: Role[],
): Promise<DemoStaffCredentials> {
  const password = generatePassword();
  const person = await createPerson(accounts, adminViewer, {
    displayName: member.displayName,
    email: member.email,
    roles,
    password,
  });
  return { personId: person.id, displayName: member.displayName, email: member.email, password };
}

/** One group per curriculum with its trainer, in one transaction. @returns ids by curriculum. */
async function createGroups(
  accounts: AccountsDeps,
  trainers: Record<TrainerKey, DemoStaffCredentials>,
): Promise<Map<string, string>> {
  const now = accounts.clock();
  return accounts.db.transaction(async (trx) => {
    const ids = new Map<string, string>();
    for (const group of DEMO_GROUPS) {
      const id = randomUUID();
      await accounts.groups.create(
        { id, name: group.name, curriculumId: group.curriculumId },
        now,
        trx,
      );
      await accounts.groups.addMember(
        { groupId: id, personId: trainers[group.trainer].personId, role: 'trainer' },
        now,
        trx,
      );
      ids.set(group.curriculumId, id);
    }
    return ids;
  });
}

/**
 * Adults with an email get a password account from the admin; the others (children, some
 * seniors, minors) get a learner code and PIN from their trainer, minors with their guardian's
 * consent.
 */
async function createLearner(
  accounts: AccountsDeps,
  adminViewer: Viewer,
  trainer: DemoStaffCredentials,
  groupId: string,
  learner: DemoLearner,
): Promise<DemoLearnerCredentials> {
  const base = {
    key: learner.key,
    displayName: learner.displayName,
    profile: learner.profile,
    curriculumId: learner.curriculumId,
    showInConsole: learner.showInConsole,
  };
  if (learner.email !== undefined) {
    const password = generatePassword();
    const person = await createPerson(accounts, adminViewer, {
      displayName: learner.displayName,
      email: learner.email,
      roles: ['learner'],
      password,
    });
    // createPerson puts no one in a group: the admin adds them to their workshop.
    await accounts.groups.addMember(
      { groupId, personId: person.id, role: 'learner' },
      accounts.clock(),
    );
    return { ...base, personId: person.id, email: learner.email, password };
  }
  const created = await createLearnerAccount(
    accounts,
    { personId: trainer.personId, roles: ['trainer'] },
    {
      groupId,
      displayName: learner.displayName,
      isMinor: learner.isMinor,
      ...(learner.guardian === undefined ? {} : { guardian: learner.guardian }),
    },
  );
  return {
    ...base,
    personId: created.person.id,
    learnerCode: created.learnerCode,
    pin: created.pin,
  };
}

/**
 * Each learner follows their group's curriculum, and any other curriculum whose skills they
 * worked on (the prerequisites of digital identity live in the seniors' curriculum), since the
 * day they joined; the evidence their events name is stored with them. One transaction.
 */
async function enrolLearners(
  accounts: AccountsDeps,
  learners: readonly DemoLearnerCredentials[],
  plans: ReadonlyMap<string, readonly PlannedEvent[]>,
  now: Date,
  catalog: Catalog,
): Promise<void> {
  const index = indexCatalog(catalog);
  const enrolments: Enrolment[] = [];
  const evidence: SubmittedEvidence[] = [];
  for (const learner of learners) {
    const cast = DEMO_LEARNERS.find((l) => l.key === learner.key);
    const enrolledAt = new Date(now.getTime() - (cast?.joinedDaysAgo ?? 0) * DAY);
    const curricula = new Set([learner.curriculumId]);
    for (const event of plans.get(learner.key) ?? []) {
      curricula.add(curriculumOf(event.skillId));
      if (event.evidenceId === undefined) continue;
      const title = index.skill(event.skillId)?.skill.title.fr ?? event.skillId;
      evidence.push({
        id: event.evidenceId,
        learnerId: learner.personId,
        skillId: event.skillId,
        submittedAt: new Date(event.occurredAt),
        ...(event.evidenceUrl === undefined
          ? {
              text: `Ce que j'ai fait pour « ${title} » : le compte rendu de l'atelier, avec mes captures d'écran.`,
            }
          : { text: `Mon travail pour « ${title} », en ligne.`, url: event.evidenceUrl }),
      });
    }
    for (const curriculumId of [...curricula].sort()) {
      enrolments.push({ personId: learner.personId, curriculumId, enrolledAt });
    }
  }
  await accounts.db.transaction(async (trx) => {
    await addEnrolments(trx, enrolments);
    await addSubmittedEvidence(trx, evidence);
  });
}

/**
 * Each session is planned by its group's trainer through the real use case (fresh check-in
 * code); the attendance of past sessions is written at the times people arrived then, which
 * neither the QR check-in nor the roll-call (both stamped "now") can do.
 */
async function createSessions(
  deps: SeedDemoDeps,
  sessions: readonly PlannedSession[],
  trainers: Record<TrainerKey, DemoStaffCredentials>,
  groupIds: ReadonlyMap<string, string>,
  learners: readonly DemoLearnerCredentials[],
): Promise<void> {
  for (const planned of sessions) {
    const group = DEMO_GROUPS.find((g) => g.curriculumId === planned.curriculumId);
    const groupId = groupIds.get(planned.curriculumId);
    if (group === undefined || groupId === undefined) {
      throw new Error(`demo data: no group for ${planned.curriculumId}`);
    }
    const session = await createWorkshopSession(
      deps,
      { personId: trainers[group.trainer].personId, roles: ['trainer'] },
      {
        groupId,
        title: planned.title,
        startsAt: planned.startsAt,
        endsAt: planned.endsAt,
        targetSkills: planned.targetSkills,
      },
    );
    const start = Date.parse(session.startsAt);
    await addAttendance(
      deps.db,
      planned.present.map(({ learnerKey, method }, i) => {
        const person = learners.find((l) => l.key === learnerKey);
        if (person === undefined) throw new Error(`demo data: no learner ${learnerKey}`);
        // QR codes are scanned on arrival; the roll is called once everyone has sat down.
        const at = method === 'qr' ? start - (10 - i) * 60_000 : start + 10 * 60_000;
        return {
          sessionId: session.id,
          personId: person.personId,
          method,
          checkedInAt: new Date(at).toISOString(),
        };
      }),
    );
  }
}

/** The admin revokes the badge whose validation was withdrawn, with the reason shown to all. */
async function revokeDemoAward(
  deps: SeedDemoDeps,
  admin: DemoStaffCredentials,
  issued: ReadonlyArray<{ learnerKey: string; badgeId: string; awardId: string }>,
): Promise<void> {
  const award = issued.find(
    (i) => i.learnerKey === DEMO_REVOCATION.learnerKey && i.badgeId === DEMO_REVOCATION.badgeId,
  );
  if (award === undefined) {
    throw new Error(`demo data: ${DEMO_REVOCATION.learnerKey} holds no ${DEMO_REVOCATION.badgeId}`);
  }
  await revokeBadge(deps, {
    awardId: award.awardId,
    reason: DEMO_REVOCATION.reason,
    actorId: admin.personId,
  });
}

/**
 * The admin makes the counsellor follow each job seeker; the learner picks their target jobs;
 * milestones are recorded by whoever the cast says; the counsellor writes the notes.
 */
async function seedPathways(
  deps: SeedDemoDeps,
  adminViewer: Viewer,
  counsellor: DemoStaffCredentials,
  learners: readonly DemoLearnerCredentials[],
  pathways: ReadonlyArray<{
    pathway: (typeof DEMO_PATHWAYS)[number];
    milestones: readonly PlannedMilestone[];
  }>,
): Promise<void> {
  const counsellorViewer: Viewer = { personId: counsellor.personId, roles: ['counsellor'] };
  for (const { pathway, milestones } of pathways) {
    const learner = learners.find((l) => l.key === pathway.learnerKey);
    if (learner === undefined) throw new Error(`demo data: no learner ${pathway.learnerKey}`);
    const learnerViewer: Viewer = { personId: learner.personId, roles: ['learner'] };
    await followLearner(deps, adminViewer, {
      counsellorId: counsellor.personId,
      learnerId: learner.personId,
    });
    await setTargetJobs(deps, learnerViewer, pathway.targetJobs);
    for (const milestone of milestones) {
      await setMilestone(deps, milestone.by === 'learner' ? learnerViewer : counsellorViewer, {
        learnerId: learner.personId,
        milestoneId: milestone.milestoneId,
        reachedOn: milestone.reachedOn,
      });
    }
    for (const text of pathway.notes) {
      await addCounsellorNote(deps, counsellorViewer, { learnerId: learner.personId, text });
    }
  }
}

function groupOf(learner: DemoLearner) {
  const group = DEMO_GROUPS.find((g) => g.curriculumId === learner.curriculumId);
  if (group === undefined) throw new Error(`demo data: no group for ${learner.curriculumId}`);
  return group;
}

// No 0/O, 1/l/I: the password is read off a console and typed by hand.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** @returns a fresh random password, three groups of four: 14 characters, about 70 bits. */
function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g += 1) {
    let group = '';
    for (let i = 0; i < 4; i += 1) group += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
