/**
 * The trainer's workshop features through the GraphQL API on a real express server: groups,
 * sessions, roll-call and QR check-in, bulk validation with badge issuance, the validation
 * queue, the progress grid (with a query count that does not grow with the group) and learner
 * accounts. Each refusal is checked to write nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expandGrid } from '../../../client/src/pages/trainer/trainer-queries.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import type { Role } from '../../../server/auth/roles.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
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
import { countQueries } from '../../support/query-count.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-trainer-test-secret-with-enough-entropy-0123';
const SENIORS = 'seniors-numerique';
const skill = (id: string) => `${SENIORS}/${id}`;

/** @returns the named top-level field of a response, failing the test when it is absent. */
function field<T>(body: GraphqlBody, name: string): T {
  const value = body.data?.[name];
  if (value === null || value === undefined) throw new Error(`no ${name}: ${JSON.stringify(body)}`);
  return value as T;
}

const CREATE_SESSION = `
  mutation Create($input: CreateWorkshopSessionInput!) {
    createWorkshopSession(input: $input) {
      __typename
      ... on WorkshopSession { id groupId title checkInCode targetSkills attendance { personId } }
      ... on LocalizedError { code }
    }
  }`;

const RECORD_ATTENDANCE = `
  mutation Roll($sessionId: ID!, $learnerIds: [ID!]!) {
    recordAttendance(sessionId: $sessionId, learnerIds: $learnerIds) {
      __typename
      ... on RecordAttendanceSuccess { attendance { personId method displayName } }
      ... on LocalizedError { code }
    }
  }`;

const BULK_VALIDATE = `
  mutation Bulk($sessionId: ID!, $skillId: ID!) {
    bulkValidate(sessionId: $sessionId, skillId: $skillId) {
      __typename
      ... on BulkValidateSuccess {
        results { learnerId outcome reason error { code } issuedBadges { badgeId } }
      }
      ... on LocalizedError { code }
    }
  }`;

const GRID = `
  query Grid($groupId: ID!) {
    progressGrid(groupId: $groupId, curriculumId: "${SENIORS}") {
      __typename
      ... on ProgressGrid {
        skillIds skills { id }
        rows { learnerId displayName cells { skillId status level } statuses levels statusCodes levelCodes }
      }
      ... on LocalizedError { code }
    }
  }`;

describe.each(testDatabaseKinds())('the trainer workshop API on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let admin: Awaited<ReturnType<typeof addStaff>>;
  let trainer: Member;
  let otherTrainer: Member;
  let learners: Member[];
  let outsider: Member;
  let groupId: string;
  let otherGroupId: string;
  let sessionId: string;
  let checkInCode: string;

  const query = (source: string, variables: Record<string, unknown> = {}, token?: string) =>
    postGraphql(base, source, variables, token);

  const member = (roles: Role[], name: string): Promise<Member> =>
    createMember(accounts, admin, roles, name);

  async function newGroup(name: string, trainerId: string, learnerIds: string[]) {
    const id = randomUUID();
    await accounts.groups.create({ id, name, curriculumId: SENIORS }, engine.clock());
    await accounts.groups.addMember(
      { groupId: id, personId: trainerId, role: 'trainer' },
      engine.clock(),
    );
    for (const personId of learnerIds) {
      await accounts.groups.addMember({ groupId: id, personId, role: 'learner' }, engine.clock());
    }
    return id;
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    admin = await addStaff(accounts, ['admin'], 'Admin');
    trainer = await member(['trainer', 'learner'], 'Claire');
    otherTrainer = await member(['trainer'], 'Bruno');
    learners = [
      await member(['learner'], 'Alice'),
      await member(['learner'], 'Bernard'),
      await member(['learner'], 'Chantal'),
    ];
    outsider = await member(['learner'], 'Denis');
    groupId = await newGroup(
      'Seniors du mardi',
      trainer.personId,
      learners.map((l) => l.personId),
    );
    // The trainer is also learning in their own group: bulk validation must skip them.
    await accounts.groups.addMember(
      { groupId, personId: trainer.personId, role: 'learner' },
      engine.clock(),
    );
    otherGroupId = await newGroup('Seniors du jeudi', otherTrainer.personId, [outsider.personId]);
    const deps: GraphqlDeps = graphqlDepsOf(engine, JWT_SECRET);
    ({ base, server } = await serveGraphql(deps));
  });

  // Access tokens last 15 minutes of the test clock, which recording events moves on.
  beforeEach(async () => {
    for (const person of [trainer, otherTrainer, outsider, ...learners]) {
      person.token = (await signInWithPassword(accounts, person)).accessToken;
    }
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('list the groups a trainer trains, with learners, and refuse another trainer the group', async () => {
    const mine = await query(
      '{ myGroups { id name learners { personId displayName role } trainers { personId } } }',
      {},
      trainer.token,
    );
    const groups = mine.data?.myGroups as { id: string; learners: { displayName: string }[] }[];
    expect(groups.map((g) => g.id)).toEqual([groupId]);
    expect(groups[0]?.learners.map((l) => l.displayName).sort()).toEqual([
      'Alice',
      'Bernard',
      'Chantal',
      'Claire',
    ]);

    const GROUP =
      'query G($id: ID!) { group(id: $id) { __typename ... on Group { id name } ... on LocalizedError { code } } }';
    expect((await query(GROUP, { id: groupId }, trainer.token)).data?.group).toEqual({
      __typename: 'Group',
      id: groupId,
      name: 'Seniors du mardi',
    });
    expect((await query(GROUP, { id: groupId }, otherTrainer.token)).data?.group).toEqual({
      __typename: 'Forbidden',
      code: 'forbidden',
    });
    const asLearner = await query('{ myGroups { id } }', {}, learners[0]?.token);
    expect(asLearner.errors?.[0]?.extensions?.code).toBe('forbidden');
  });

  it('create a session with an unguessable check-in code, and refuse other trainers and learners', async () => {
    const input = {
      groupId,
      title: 'Se connecter au wifi',
      // The test clock starts at 09:00 UTC: the session is on, so QR check-in is open.
      startsAt: '2026-03-02T09:00:00Z',
      endsAt: '2026-03-02T11:00:00Z',
      targetSkills: [skill('se-connecter-au-wifi')],
    };
    const before = await engine.count('workshop_sessions');
    const refused = await query(CREATE_SESSION, { input }, otherTrainer.token);
    expect(refused.data?.createWorkshopSession).toEqual({
      __typename: 'Forbidden',
      code: 'forbidden',
    });
    const learnerTry = await query(CREATE_SESSION, { input }, learners[0]?.token);
    expect(learnerTry.data).toBeNull();
    expect(learnerTry.errors?.[0]?.extensions?.code).toBe('forbidden');
    const backwards = await query(
      CREATE_SESSION,
      { input: { ...input, endsAt: '2026-03-02T08:00:00Z' } },
      trainer.token,
    );
    expect(backwards.data?.createWorkshopSession).toMatchObject({
      code: 'invalid-workshop-session',
    });
    expect(await engine.count('workshop_sessions')).toBe(before);

    const created = await query(CREATE_SESSION, { input }, trainer.token);
    const session = created.data?.createWorkshopSession as {
      __typename: string;
      id: string;
      checkInCode: string;
    };
    expect(session).toMatchObject({
      __typename: 'WorkshopSession',
      groupId,
      targetSkills: [skill('se-connecter-au-wifi')],
      attendance: [],
    });
    expect(session.checkInCode).toMatch(/^[\w-]{22,}$/);
    sessionId = session.id;
    checkInCode = session.checkInCode;

    const today = await query('{ todaySessions { id title } }', {}, trainer.token);
    expect(today.data?.todaySessions).toEqual([{ id: sessionId, title: 'Se connecter au wifi' }]);
    const other = await query('{ todaySessions { id } }', {}, otherTrainer.token);
    expect(other.data?.todaySessions).toEqual([]);
  });

  it('let a learner of the group check in by code, and refuse a wrong code or a non-member', async () => {
    const CHECK_IN =
      'mutation C($code: String!) { checkIn(code: $code) { __typename ... on CheckInSuccess { sessionId } ... on LocalizedError { code } } }';
    const wrong = await query(CHECK_IN, { code: 'not-the-code' }, learners[0]?.token);
    expect(wrong.data?.checkIn).toEqual({
      __typename: 'InvalidCheckInCode',
      code: 'invalid-check-in-code',
    });
    const stranger = await query(CHECK_IN, { code: checkInCode }, outsider.token);
    expect(stranger.data?.checkIn).toEqual({ __typename: 'NotInGroup', code: 'not-in-group' });
    expect(await engine.count('attendance')).toBe(0);

    const ok = await query(CHECK_IN, { code: checkInCode }, learners[0]?.token);
    expect(ok.data?.checkIn).toEqual({ __typename: 'CheckInSuccess', sessionId });
    const again = await query(CHECK_IN, { code: checkInCode }, learners[0]?.token);
    expect(again.data?.checkIn).toEqual({ __typename: 'CheckInSuccess', sessionId });
    expect(await engine.count('attendance', { sessionId })).toBe(1);
  });

  it('record a roll-call idempotently, refusing strangers and other trainers without writing', async () => {
    const everyone = [...learners.map((l) => l.personId), trainer.personId];
    const foreign = await query(
      RECORD_ATTENDANCE,
      { sessionId, learnerIds: everyone },
      otherTrainer.token,
    );
    expect(foreign.data?.recordAttendance).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
    const stranger = await query(
      RECORD_ATTENDANCE,
      { sessionId, learnerIds: [learners[1]?.personId, outsider.personId] },
      trainer.token,
    );
    expect(stranger.data?.recordAttendance).toEqual({
      __typename: 'NotInGroup',
      code: 'not-in-group',
    });
    expect(await engine.count('attendance', { sessionId })).toBe(1);

    for (let i = 0; i < 2; i += 1) {
      engine.clock.tick();
      const roll = await query(
        RECORD_ATTENDANCE,
        { sessionId, learnerIds: everyone },
        trainer.token,
      );
      const present = field<{ attendance: { personId: string; method: string }[] }>(
        roll,
        'recordAttendance',
      ).attendance;
      expect(present).toHaveLength(4);
      // Alice scanned the QR code first: her record stays.
      expect(present.find((p) => p.personId === learners[0]?.personId)?.method).toBe('QR');
    }
    expect(await engine.count('attendance', { sessionId })).toBe(4);

    const read = await query(
      'query S($id: ID!) { workshopSession(id: $id) { __typename ... on WorkshopSession { attendance { personId } } ... on LocalizedError { code } } }',
      { id: sessionId },
      otherTrainer.token,
    );
    expect(read.data?.workshopSession).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
  });

  it('validate a skill for every learner present, issue the badge it completes, skip the trainer', async () => {
    const [alice, bernard, chantal] = learners.map((l) => l.personId) as [string, string, string];
    for (const learnerId of [alice, bernard, chantal]) {
      await engine.record({
        learnerId,
        skillId: skill('allumer-son-appareil'),
        type: 'skill-validated',
        actorId: trainer.personId,
      });
    }
    await engine.record({
      learnerId: alice,
      skillId: skill('utiliser-l-ecran-tactile'),
      type: 'skill-validated',
      actorId: trainer.personId,
    });

    const events = await engine.count('progress_events');
    const foreign = await query(
      BULK_VALIDATE,
      { sessionId, skillId: skill('se-connecter-au-wifi') },
      otherTrainer.token,
    );
    expect(foreign.data?.bulkValidate).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
    const asLearner = await query(
      BULK_VALIDATE,
      { sessionId, skillId: skill('se-connecter-au-wifi') },
      learners[0]?.token,
    );
    expect(asLearner.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(await engine.count('progress_events')).toBe(events);

    engine.clock.tick();
    const bulk = await query(
      BULK_VALIDATE,
      { sessionId, skillId: skill('se-connecter-au-wifi') },
      trainer.token,
    );
    const results = field<{
      results: {
        learnerId: string;
        outcome: string;
        reason: string | null;
        issuedBadges: { badgeId: string }[];
      }[];
    }>(bulk, 'bulkValidate').results;
    const byLearner = new Map(results.map((r) => [r.learnerId, r]));
    expect(results).toHaveLength(4);
    expect(byLearner.get(trainer.personId)).toMatchObject({ outcome: 'SKIPPED', reason: 'self' });
    for (const id of [alice, bernard, chantal]) {
      expect(byLearner.get(id)?.outcome).toBe('VALIDATED');
    }
    expect(byLearner.get(alice)?.issuedBadges).toEqual([{ badgeId: `${SENIORS}/premiers-pas` }]);
    expect(byLearner.get(bernard)?.issuedBadges).toEqual([]);
    expect(await engine.count('progress_events')).toBe(events + 3);
    expect(await engine.count('progress_events', { sessionId, learnerId: trainer.personId })).toBe(
      0,
    );
    expect(await engine.count('badge_awards', { learnerId: alice })).toBe(1);
  });

  it('show the progress grid of the group, learners × skills', async () => {
    const grid = (await query(GRID, { groupId }, trainer.token)).data?.progressGrid as {
      skillIds: string[];
      skills: { id: string }[];
      rows: {
        learnerId: string;
        cells: { skillId: string; status: string; level: number | null }[];
        statuses: string[];
        levels: (number | null)[];
        statusCodes: string;
        levelCodes: string;
      }[];
    };
    expect(grid.skillIds[0]).toBe(skill('allumer-son-appareil'));
    const alice = grid.rows.find((r) => r.learnerId === learners[0]?.personId);
    const status = (id: string) => alice?.cells.find((c) => c.skillId === skill(id))?.status;
    expect(status('se-connecter-au-wifi')).toBe('VALIDATED');
    expect(status('installer-une-application')).toBe('AVAILABLE');
    expect(status('rechercher-sur-internet')).toBe('LOCKED');
    expect(alice?.cells).toHaveLength(grid.skillIds.length);
    // The compact form the grid page reads says the same, column for column.
    expect(grid.skills.map((s) => s.id)).toEqual(grid.skillIds);
    for (const row of grid.rows) {
      expect(row.statuses).toEqual(row.cells.map((c) => c.status));
      expect(row.levels).toEqual(row.cells.map((c) => c.level));
    }
    // And so do the letters and digits it actually asks for, as the page decodes them.
    const expanded = expandGrid({
      __typename: 'ProgressGrid',
      skillIds: grid.skillIds,
      skills: [],
      rows: grid.rows.map((row) => ({
        learnerId: row.learnerId,
        displayName: 'x',
        statusCodes: row.statusCodes,
        levelCodes: row.levelCodes,
      })),
    });
    expect(expanded.rows.map((row) => row.cells)).toEqual(grid.rows.map((row) => row.cells));
    expect(grid.rows.every((row) => row.statusCodes.length === grid.skillIds.length)).toBe(true);
    const refused = await query(GRID, { groupId }, otherTrainer.token);
    expect(refused.data?.progressGrid).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
  });

  it('refuses the grid of an archived or unknown group: Forbidden to its trainer, unknown to an admin', async () => {
    const root = await member(['admin'], 'Administratrice');
    const archived = await newGroup('Archivé', trainer.personId, [learners[0]?.personId ?? '']);
    await engine.db('groups').where({ id: archived }).update({ archivedAt: engine.clock() });
    const gridOf = async (id: string, token: string) =>
      (await query(GRID, { groupId: id }, token)).data?.progressGrid as { __typename: string };
    expect((await gridOf(archived, trainer.token)).__typename).toBe('Forbidden');
    expect((await gridOf(archived, root.token)).__typename).toBe('UnknownGroup');
    expect((await gridOf(randomUUID(), trainer.token)).__typename).toBe('Forbidden');
    expect((await gridOf(randomUUID(), root.token)).__typename).toBe('UnknownGroup');
    // The group itself, still active, for an admin who does not train it.
    expect((await gridOf(groupId, root.token)).__typename).toBe('ProgressGrid');
  });

  it('shows a skill available in the grid when its prerequisite of another curriculum is validated', async () => {
    // « Naviguer sur le web » (seniors) is the one prerequisite of an identité numérique skill.
    const identity = 'identite-numerique';
    const dependent = engine.catalog.graph
      .topologicalOrder()
      .find(
        (id) =>
          id.startsWith(`${identity}/`) &&
          engine.catalog.graph.prerequisites(id).join() === skill('naviguer-sur-le-web'),
      );
    expect(dependent).toBeDefined();
    const learner = await member(['learner'], 'Élodie');
    const group = randomUUID();
    await accounts.groups.create(
      { id: group, name: 'Identité', curriculumId: identity },
      engine.clock(),
    );
    for (const [personId, role] of [
      [trainer.personId, 'trainer'],
      [learner.personId, 'learner'],
    ] as const) {
      await accounts.groups.addMember({ groupId: group, personId, role }, engine.clock());
    }
    const identityGrid = async () => {
      const answer = await query(
        `query { progressGrid(groupId: "${group}", curriculumId: "${identity}") {
          ... on ProgressGrid { rows { learnerId cells { skillId status } } } } }`,
        {},
        trainer.token,
      );
      const grid = answer.data?.progressGrid as {
        rows: { cells: { skillId: string; status: string }[] }[];
      };
      return grid.rows[0]?.cells.find((c) => c.skillId === dependent)?.status;
    };
    expect(await identityGrid()).toBe('LOCKED');
    await engine.record({
      learnerId: learner.personId,
      skillId: skill('naviguer-sur-le-web'),
      type: 'skill-validated',
      actorId: trainer.personId,
    });
    expect(await identityGrid()).toBe('AVAILABLE');
  });

  it('read the grid in the same number of queries for 3 learners as for 8', async () => {
    const many: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const id = randomUUID();
      await accounts.people.create(
        { id, displayName: `Apprenant ${i}`, roles: ['learner'] },
        engine.clock(),
      );
      many.push(id);
    }
    const small = await newGroup('Petit groupe', trainer.personId, many.slice(0, 3));
    const large = await newGroup('Grand groupe', trainer.personId, many);
    for (const learnerId of many) {
      await engine.record({
        learnerId,
        skillId: skill('allumer-son-appareil'),
        type: 'skill-validated',
        actorId: trainer.personId,
      });
    }
    const counted = async (id: string) => {
      const { queries, result } = await countQueries(engine.db, () =>
        query(GRID, { groupId: id }, trainer.token),
      );
      return { queries, rows: field<{ rows: unknown[] }>(result, 'progressGrid').rows.length };
    };
    const three = await counted(small);
    const eight = await counted(large);
    expect(three.rows).toBe(3);
    expect(eight.rows).toBe(8);
    expect(three.queries).toBeGreaterThan(0);
    expect(eight.queries).toBe(three.queries);
    // Asked again, nothing moved: the sign-in, then the group with whether the viewer trains
    // it and its learners with where their ledgers end (their columns were kept).
    expect(await counted(large)).toEqual({ queries: 2, rows: 8 });
  });

  it('list submitted evidence awaiting review for the trainer’s groups only', async () => {
    const chantal = learners[2]?.personId ?? '';
    const evidenceId = randomUUID();
    await engine.db('evidence').insert({
      id: evidenceId,
      learnerId: chantal,
      skillId: skill('installer-une-application'),
      kind: 'text',
      text: "J'ai installé l'application de la mairie.",
      submittedAt: engine.clock().toISOString(),
    });
    await engine.record({
      learnerId: chantal,
      skillId: skill('installer-une-application'),
      type: 'evidence-submitted',
      actorId: chantal,
      evidenceId,
    });
    const QUEUE = `query Q($groupId: ID) { validationQueue(groupId: $groupId) {
      __typename
      ... on ValidationQueue { requests { learnerId learnerName skillId evidence { id kind text } } }
      ... on LocalizedError { code } } }`;
    const mine = await query(QUEUE, {}, trainer.token);
    expect(mine.data?.validationQueue).toEqual({
      __typename: 'ValidationQueue',
      requests: [
        {
          learnerId: chantal,
          learnerName: 'Chantal',
          skillId: skill('installer-une-application'),
          evidence: [
            { id: evidenceId, kind: 'text', text: "J'ai installé l'application de la mairie." },
          ],
        },
      ],
    });
    const theirs = await query(QUEUE, {}, otherTrainer.token);
    expect(theirs.data?.validationQueue).toEqual({ __typename: 'ValidationQueue', requests: [] });
    const foreign = await query(QUEUE, { groupId }, otherTrainer.token);
    expect(foreign.data?.validationQueue).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
  });

  it('create a learner account in the group, once, and refuse another trainer', async () => {
    const CREATE = `mutation A($groupId: ID!, $name: String!, $minor: Boolean!, $guardian: GuardianInput) {
      createLearnerAccount(groupId: $groupId, displayName: $name, isMinor: $minor, guardian: $guardian) {
        __typename
        ... on CreateLearnerAccountSuccess { personId learnerCode pin qrPayload }
        ... on LocalizedError { code }
      } }`;
    const people = await engine.count('people');
    const foreign = await query(
      CREATE,
      { groupId, name: 'Émile', minor: false },
      otherTrainer.token,
    );
    expect(foreign.data?.createLearnerAccount).toEqual({
      __typename: 'Forbidden',
      code: 'forbidden',
    });
    const minor = await query(CREATE, { groupId, name: 'Léa', minor: true }, trainer.token);
    expect(minor.data?.createLearnerAccount).toEqual({
      __typename: 'GuardianConsentRequired',
      code: 'guardian-consent-required',
    });
    expect(await engine.count('people')).toBe(people);

    const created = await query(
      CREATE,
      {
        groupId,
        name: 'Léa',
        minor: true,
        guardian: { name: 'Sophie Martin', scope: 'suivi des compétences' },
      },
      trainer.token,
    );
    const account = created.data?.createLearnerAccount as {
      personId: string;
      learnerCode: string;
      pin: string;
      qrPayload: string;
    };
    expect(account.pin).toMatch(/^\d+$/);
    expect(account.qrPayload).toBe(`grange:learner:${account.learnerCode}`);
    const group = await query(
      'query G($id: ID!) { group(id: $id) { ... on Group { learners { personId } } } }',
      { id: groupId },
      trainer.token,
    );
    expect(
      field<{ learners: { personId: string }[] }>(group, 'group').learners.map((l) => l.personId),
    ).toContain(account.personId);
    expect(await engine.count('group_members', { groupId: otherGroupId })).toBe(2);
  });
});
