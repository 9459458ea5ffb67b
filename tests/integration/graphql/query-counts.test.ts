/**
 * No N+1 in the GraphQL API: each main operation, sent over HTTP to the real server, is
 * measured (SQL statements counted through knex) on a small and on a larger data set, and must
 * cost the same whatever the number of items it lists, under a ceiling (today's count and a
 * small margin) so that a regression is caught even when both sizes grow together.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { confirmBulkAward } from '../../../server/app/admin/bulk-award.ts';
import type { Role } from '../../../server/auth/roles.ts';
import {
  listAwardsOfLearner,
  markAwardFlagged,
} from '../../../server/db/repositories/badge-awards-repository.ts';
import { addEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import { insertEvidence } from '../../../server/db/repositories/evidence-repository.ts';
import {
  addAttendance,
  insertWorkshopSession,
} from '../../../server/db/repositories/workshops-repository.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  type GraphqlBody,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { type Counted, countQueries } from '../../support/query-count.ts';
import { addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-query-counts-secret-with-enough-entropy-0123456';
const S = 'seniors-numerique';
const PREMIERS_PAS_SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];
const WIFI = `${S}/se-connecter-au-wifi`;
const EVIDENCE_SKILL = `${S}/installer-une-application`;
/** How many skills the larger learner was told to try again. */
const REJECTED_SKILLS = 10;

/**
 * Every signed-in request first reads the viewer named by the token (the person with their
 * roles: 1 statement) so that decisions use the roles held now; anonymous requests read
 * nothing. The ceilings below include it (they were measured when it took 2).
 */
const VIEWER_QUERIES = 1;

/**
 * The most statements each operation may cost, whatever the size of its lists: the count
 * measured when this test was written (the viewer's 2, then what each comment lists) plus a
 * margin of 2 for a legitimate extra read. Before the loaders, today's sessions cost 10 statements for 2
 * people present and 32 for 20, and the validation queue 10 for 1 request and 43 for 12.
 */
const CEILING = {
  /**
   * Enrolments and their groups 2, the ledger and standing awards 2 (read once per request:
   * next steps and `myProgress` share them, tests/integration/scale/learner-home-reads.test.ts);
   * badges 1; notifications 1.
   */
  learnerHome: 12 + 2,
  /** The ledger. */
  skillStates: 3 + 2,
  /** Groups, members. */
  myGroups: 4 + 2,
  /** Groups, members, sessions, attendance, present people and their roles. */
  todaySessions: 8 + 2,
  /** Groups, members, submissions 3, learners and roles 2, memberships (for file links) 1. */
  validationQueue: 10 + 2,
  /** Access check (memberships, group), members, the learners' state rows. */
  progressGrid: 6 + 2,
  /** Awards with learners, reviews (flag origins and clearances together). */
  awards: 4 + 2,
  /** Admin check (roles), directory, memberships, people, roles. */
  people: 7 + 2,
  /** Admin check (roles), groups, member counts. */
  groups: 5 + 2,
} as const;

const LEARNER_HOME = `{
  me { id displayName roles locale }
  myEnrolments {
    curriculum { id title { fr } }
    enrolledAt
    groups { id name }
    progress { curriculumId skillsTotal skillsAcquired skillsInProgress badgesEarned }
  }
  myNextSteps(limit: 10) { skillId skill { id title { fr } } status reasons score }
  myBadges {
    id badgeId title { fr } issuedAt validUntil revoked verificationUrl
    badge { id curriculumId title { fr } image { color icon } }
  }
  myNotifications { id kind payload createdAt read }
  curricula { id myProgress { skillsAcquired badgesEarned } }
}`;

const SKILL_STATES = `query($curriculumId: ID!) { mySkillStates(curriculumId: $curriculumId) {
  skillId skill { id title { fr } } status level source validatedAt expiresAt
} }`;

const MY_GROUPS = `{ myGroups {
  id name curriculumId
  trainers { personId displayName role }
  learners { personId displayName role }
} }`;

const TODAY_SESSIONS = `{ todaySessions {
  id groupId title startsAt endsAt targetSkills
  attendance { personId displayName method checkedInAt }
} }`;

const VALIDATION_QUEUE = `{ validationQueue {
  __typename
  ... on ValidationQueue { requests {
    learnerId learnerName skillId skill { id title { fr } } submittedAt
    evidence { id kind text file { mediaType sizeBytes name url } }
  } }
  ... on LocalizedError { code }
} }`;

const PROGRESS_GRID = `query($groupId: ID!) { progressGrid(groupId: $groupId, curriculumId: "${S}") {
  __typename
  ... on ProgressGrid { skillIds rows { learnerId displayName cells { skillId status level } } }
  ... on LocalizedError { code }
} }`;

const AWARDS = `query($learnerId: ID!) { awards(filter: { learnerId: $learnerId }) {
  id badgeId title { fr } learnerId learnerDisplayName issuedAt
  flagged flaggedAt flagReason revoked verificationUrl
  flagOrigin { eventId cause skillId skill { id } byPersonId byDisplayName comment }
  lastFlagClearance { at byDisplayName comment }
} }`;

const PEOPLE = `query($search: String!) { people(filter: { search: $search }) {
  __typename
  ... on PeoplePage {
    totalCount
    nodes { id displayName email learnerCode roles disabled groups { groupId groupName role } }
  }
  ... on LocalizedError { code }
} }`;

const GROUPS = `{ groups {
  id name curriculumId curriculum { id } trainerCount learnerCount archived
} }`;

/** @returns the named top-level field of a response, failing the test when it is absent. */
function field<T>(body: GraphqlBody, name: string): T {
  expect(body.errors).toBeUndefined();
  const value = body.data?.[name];
  if (value === null || value === undefined) throw new Error(`no ${name}: ${JSON.stringify(body)}`);
  return value as T;
}

describe.each(testDatabaseKinds())('GraphQL query counts on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let staff: StaffMember;
  let admin: Member;
  /** Trains one group of 2 learners. */
  let coach: Member;
  /** Trains three groups: one of 12 learners and two of 4 of them. */
  let lead: Member;
  /** A learner with 1 curriculum, 1 award and few events. */
  let few: Member;
  /** A learner with 5 curricula, 8 awards, more events and notifications. */
  let many: Member;
  let smallGroup: string;
  let bigGroup: string;
  /** The 2 learners of the small group, then the 12 of the big one. */
  const smallLearners: string[] = [];
  const bigLearners: string[] = [];

  const member = (roles: Role[], name: string): Promise<Member> =>
    createMember(accounts, staff, roles, name);

  /** A learner without a token (only trainers and admins look at them). */
  async function learner(name: string): Promise<string> {
    const id = randomUUID();
    await accounts.people.create({ id, displayName: name, roles: ['learner'] }, engine.clock());
    return id;
  }

  async function group(
    name: string,
    curriculumId: string,
    trainerId: string,
    learnerIds: readonly string[],
  ): Promise<string> {
    const id = randomUUID();
    await accounts.groups.create({ id, name, curriculumId }, engine.clock());
    await accounts.groups.addMember(
      { groupId: id, personId: trainerId, role: 'trainer' },
      engine.clock(),
    );
    for (const personId of learnerIds) {
      await accounts.groups.addMember({ groupId: id, personId, role: 'learner' }, engine.clock());
    }
    return id;
  }

  /** A session of today, with these learners present. */
  async function sessionToday(groupId: string, createdBy: string, present: readonly string[]) {
    const id = randomUUID();
    const now = engine.clock();
    await insertWorkshopSession(engine.db, {
      id,
      groupId,
      title: 'Atelier du jour',
      startsAt: now.toISOString(),
      endsAt: new Date(now.getTime() + 2 * 3_600_000).toISOString(),
      checkInCode: randomUUID(),
      targetSkills: [EVIDENCE_SKILL],
      createdBy,
    });
    await addAttendance(
      engine.db,
      present.map((personId) => ({
        sessionId: id,
        personId,
        method: 'roll-call' as const,
        checkedInAt: now.toISOString(),
      })),
    );
  }

  /** The learner hands in a photo for the evidence skill (a row, then the ledger event). */
  async function submitPhoto(learnerId: string): Promise<void> {
    const evidenceId = randomUUID();
    await insertEvidence(engine.db, {
      id: evidenceId,
      learnerId,
      skillId: EVIDENCE_SKILL,
      kind: 'file',
      text: 'Voici la capture.',
      file: {
        key: randomBytes(16).toString('hex'),
        mediaType: 'image/jpeg',
        sizeBytes: 2048,
        name: 'capture.jpg',
      },
      submittedAt: engine.clock().toISOString(),
    });
    await engine.record({
      learnerId,
      skillId: EVIDENCE_SKILL,
      type: 'evidence-submitted',
      actorId: learnerId,
      evidenceId,
    });
  }

  /** Premiers pas earned through a trainer's validations, then flagged by a withdrawal. */
  async function earnThenFlag(learnerId: string, trainerId: string): Promise<void> {
    for (const skillId of PREMIERS_PAS_SKILLS) {
      await engine.record({ learnerId, skillId, type: 'skill-validated', actorId: trainerId });
    }
    await engine.record({
      learnerId,
      skillId: WIFI,
      type: 'validation-withdrawn',
      actorId: trainerId,
      comment: 'Validé par erreur.',
    });
  }

  const signIn = async (who: Member) => {
    who.token = (await signInWithPassword(accounts, who)).accessToken;
  };

  const counted = (source: string, token: string, variables: Record<string, unknown> = {}) =>
    countQueries(engine.db, () => postGraphql(base, source, variables, token));

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    staff = await addStaff(accounts, ['admin'], 'Root');
    admin = await member(['admin'], 'Admin');
    coach = await member(['trainer'], 'Coach');
    lead = await member(['trainer'], 'Lead');
    few = await member(['learner'], 'Petit-Lou');
    many = await member(['learner'], 'Grand-Max');

    smallLearners.push(few.personId, await learner('Petit-1'));
    bigLearners.push(many.personId);
    for (let i = 1; i <= 11; i += 1) bigLearners.push(await learner(`Grand-${i}`));
    smallGroup = await group('Petit groupe', S, coach.personId, smallLearners);
    bigGroup = await group('Grand groupe', S, lead.personId, bigLearners);
    const others = await Promise.all([
      group('Identité', 'identite-numerique', lead.personId, bigLearners.slice(0, 4)),
      group('Code', 'coding-kids', lead.personId, bigLearners.slice(4, 8)),
    ]);

    const curricula = engine.catalog.curricula.map((c) => c.id);
    await addEnrolments(engine.db, [
      { personId: few.personId, curriculumId: S, enrolledAt: engine.clock() },
      ...curricula.map((curriculumId) => ({
        personId: many.personId,
        curriculumId,
        enrolledAt: engine.clock(),
      })),
    ]);

    // Awards: 1 for `few`; 8 for `many` (7 of them given directly, 2 flagged by hand).
    await earnThenFlag(few.personId, coach.personId);
    await earnThenFlag(many.personId, lead.personId);
    const direct = engine.catalog.badges
      .filter((badge) => badge.curriculumId !== S)
      .slice(0, 7)
      .map((badge) => badge.id);
    expect(direct).toHaveLength(7);
    for (const badgeId of direct) {
      const report = await confirmBulkAward(engine.deps, staff, {
        badgeId,
        csv: `email\n${many.email}\n`,
      });
      expect(report.okCount).toBe(1);
    }
    const manyAwards = await listAwardsOfLearner(engine.db, many.personId);
    expect(manyAwards).toHaveLength(8);
    for (const award of manyAwards.filter((a) => a.badgeId !== `${S}/premiers-pas`).slice(0, 2)) {
      await markAwardFlagged(engine.db, award.id, {
        at: engine.clock().toISOString(),
        reason: 'À vérifier.',
      });
    }

    // A longer ledger for `many`: rejections (they issue nothing) on skills of the curriculum.
    const rejected = engine.catalog.graph
      .topologicalOrder()
      .filter((id) => id.startsWith(`${S}/`) && !PREMIERS_PAS_SKILLS.includes(id))
      .filter((id) => id !== EVIDENCE_SKILL)
      .slice(0, REJECTED_SKILLS);
    for (const skillId of rejected) {
      await engine.record({
        learnerId: many.personId,
        skillId,
        type: 'skill-rejected',
        actorId: lead.personId,
        comment: 'Pas encore : on reprend la semaine prochaine.',
      });
    }

    // Evidence awaiting review: 1 learner of the small group, all 12 of the big one.
    await submitPhoto(smallLearners[1] ?? '');
    for (const learnerId of bigLearners) await submitPhoto(learnerId);

    // Today's sessions: 1 with 2 present for the coach, 3 with 20 present for the lead.
    await sessionToday(smallGroup, coach.personId, smallLearners);
    await sessionToday(bigGroup, lead.personId, bigLearners);
    await sessionToday(others[0] ?? '', lead.personId, bigLearners.slice(0, 4));
    await sessionToday(others[1] ?? '', lead.personId, bigLearners.slice(4, 8));

    // Records moved the clock on: fresh access tokens for everyone who asks.
    for (const who of [admin, coach, lead, few, many]) await signIn(who);
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  /** Asserts both sizes cost the same, within the ceiling (the SQL is shown when not). */
  function sameCost(small: Counted<GraphqlBody>, large: Counted<GraphqlBody>, ceiling: number) {
    const sql = (counted: Counted<GraphqlBody>) => `\n${counted.statements.join('\n')}`;
    expect(small.queries, sql(small)).toBeGreaterThan(VIEWER_QUERIES);
    expect(large.queries, `small:${sql(small)}\nlarge:${sql(large)}`).toBe(small.queries);
    expect(large.queries, sql(large)).toBeLessThanOrEqual(ceiling);
  }

  it('read the viewer in 1 statement per signed-in request, none when anonymous', async () => {
    const signedIn = await counted('{ __typename }', few.token);
    expect(signedIn.queries).toBe(VIEWER_QUERIES);
    const anonymous = await countQueries(engine.db, () => postGraphql(base, '{ __typename }'));
    expect(anonymous.queries).toBe(0);
    // `me` is the viewer already read: it costs nothing more.
    const me = await counted('{ me { id roles } }', few.token);
    expect(me.queries).toBe(VIEWER_QUERIES);
  });

  it("read a learner's home in as many queries for 1 award as for 8", async () => {
    interface Home {
      myEnrolments: unknown[];
      myBadges: { badge: { id: string } | null }[];
      myNotifications: unknown[];
    }
    const small = await counted(LEARNER_HOME, few.token);
    const large = await counted(LEARNER_HOME, many.token);
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    const smallHome = small.result.data as unknown as Home;
    const largeHome = large.result.data as unknown as Home;
    expect(smallHome.myBadges).toHaveLength(1);
    expect(largeHome.myBadges).toHaveLength(8);
    expect(largeHome.myBadges.every((award) => award.badge !== null)).toBe(true);
    expect(smallHome.myEnrolments).toHaveLength(1);
    expect(largeHome.myEnrolments).toHaveLength(engine.catalog.curricula.length);
    expect(largeHome.myNotifications.length).toBeGreaterThan(smallHome.myNotifications.length);
    sameCost(small, large, CEILING.learnerHome);
  });

  it('read skill states in as many queries for a short ledger as for a long one', async () => {
    // A server of its own: nothing kept yet from these learners' ledgers (tests above read them).
    const fresh = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET));
    try {
      const countedOn = (token: string) =>
        countQueries(engine.db, () =>
          postGraphql(fresh.base, SKILL_STATES, { curriculumId: S }, token),
        );
      const small = await countedOn(few.token);
      const large = await countedOn(many.token);
      const states = field<{ status: string }[]>(large.result, 'mySkillStates');
      expect(states.filter((s) => s.status === 'IN_PROGRESS')).toHaveLength(REJECTED_SKILLS);
      expect(states.some((s) => s.status === 'SUBMITTED')).toBe(true);
      sameCost(small, large, CEILING.skillStates);
      // Asked again, their ledgers where they were: the sign-in read alone (it says where
      // each ledger ends; the states were kept).
      expect((await countedOn(few.token)).queries).toBe(VIEWER_QUERIES);
      const again = await countedOn(many.token);
      expect(again.queries).toBe(VIEWER_QUERIES);
      expect(again.result).toEqual(large.result);
    } finally {
      await closeServer(fresh.server);
    }
  });

  it("read a trainer's groups and members in as many queries for 1 group as for 3", async () => {
    const small = await counted(MY_GROUPS, coach.token);
    const large = await counted(MY_GROUPS, lead.token);
    expect(field<unknown[]>(small.result, 'myGroups')).toHaveLength(1);
    const groups = field<{ learners: unknown[] }[]>(large.result, 'myGroups');
    expect(groups.map((g) => g.learners.length).sort()).toEqual([12, 4, 4].sort());
    sameCost(small, large, CEILING.myGroups);
  });

  it("read today's sessions and attendance in as many queries for 2 present as for 20", async () => {
    type Session = { attendance: { displayName: string }[] };
    const small = await counted(TODAY_SESSIONS, coach.token);
    const large = await counted(TODAY_SESSIONS, lead.token);
    const sessions = field<Session[]>(large.result, 'todaySessions');
    expect(field<Session[]>(small.result, 'todaySessions')).toHaveLength(1);
    expect(sessions).toHaveLength(3);
    const present = sessions.flatMap((s) => s.attendance);
    expect(present).toHaveLength(20);
    expect(present.every((a) => a.displayName.startsWith('Grand-'))).toBe(true);
    sameCost(small, large, CEILING.todaySessions);
  });

  it('read the validation queue with names and file links in as many queries for 1 as for 12', async () => {
    type Queue = {
      requests: { learnerName: string; evidence: { file: { url: string | null } | null }[] }[];
    };
    const small = await counted(VALIDATION_QUEUE, coach.token);
    const large = await counted(VALIDATION_QUEUE, lead.token);
    expect(field<Queue>(small.result, 'validationQueue').requests).toHaveLength(1);
    const requests = field<Queue>(large.result, 'validationQueue').requests;
    expect(requests).toHaveLength(12);
    expect(requests.every((r) => r.learnerName.startsWith('Grand-'))).toBe(true);
    // The lead trains every one of them: each photo comes with its signed link.
    expect(requests.every((r) => r.evidence[0]?.file?.url?.startsWith('/evidence-files/'))).toBe(
      true,
    );
    sameCost(small, large, CEILING.validationQueue);
  });

  it('read the progress grid in as many queries for 2 learners as for 12', async () => {
    const small = await counted(PROGRESS_GRID, coach.token, { groupId: smallGroup });
    const large = await counted(PROGRESS_GRID, lead.token, { groupId: bigGroup });
    expect(field<{ rows: unknown[] }>(small.result, 'progressGrid').rows).toHaveLength(2);
    expect(field<{ rows: unknown[] }>(large.result, 'progressGrid').rows).toHaveLength(12);
    sameCost(small, large, CEILING.progressGrid);
  });

  it("read an admin's awards with learners and flags in as many queries for 1 as for 8", async () => {
    type Award = { flagged: boolean; flagOrigin: { byDisplayName: string } | null };
    const small = await counted(AWARDS, admin.token, { learnerId: few.personId });
    const large = await counted(AWARDS, admin.token, { learnerId: many.personId });
    const one = field<Award[]>(small.result, 'awards');
    expect(one).toHaveLength(1);
    expect(one[0]?.flagOrigin?.byDisplayName).toBe('Coach');
    const eight = field<Award[]>(large.result, 'awards');
    expect(eight).toHaveLength(8);
    expect(eight.filter((a) => a.flagged)).toHaveLength(3);
    expect(eight.filter((a) => a.flagOrigin !== null)).toHaveLength(1);
    sameCost(small, large, CEILING.awards);
  });

  it('read the people list with roles and groups in as many queries for 2 as for 12', async () => {
    type Page = { totalCount: number; nodes: { roles: string[]; groups: unknown[] }[] };
    const small = await counted(PEOPLE, admin.token, { search: 'petit' });
    const large = await counted(PEOPLE, admin.token, { search: 'grand' });
    expect(field<Page>(small.result, 'people').nodes).toHaveLength(2);
    const page = field<Page>(large.result, 'people');
    expect(page.nodes).toHaveLength(12);
    expect(page.nodes.every((p) => p.roles.includes('LEARNER') && p.groups.length > 0)).toBe(true);
    sameCost(small, large, CEILING.people);
  });

  it('read the groups list in as many queries for 4 groups as for 14', async () => {
    const small = await counted(GROUPS, admin.token);
    expect(field<unknown[]>(small.result, 'groups')).toHaveLength(4);
    for (let i = 0; i < 10; i += 1) {
      await group(`Groupe ${i}`, S, coach.personId, bigLearners.slice(0, i + 1));
    }
    const large = await counted(GROUPS, admin.token);
    expect(field<unknown[]>(large.result, 'groups')).toHaveLength(14);
    sameCost(small, large, CEILING.groups);
  });
});
