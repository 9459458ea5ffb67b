/**
 * Through the GraphQL API on a real express server: a learner's curricula and enrolments with
 * their progress, a trainer's "undo" of a validation (withdrawValidation) with its
 * authorisation and refusals, the badge it flags, and an administrator's review of flagged
 * awards (the flag's origin, keep, revoke — revoked everywhere). Each refusal writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { qualify } from '../../../server/app/curricula-to-domain.ts';
import { verifyStoredCredential } from '../../../server/app/read-published.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { findAward } from '../../../server/db/repositories/badge-awards-repository.ts';
import { addEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import { addNotification } from '../../../server/db/repositories/notifications-repository.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import { listSkillStateRows } from '../../../server/db/repositories/skill-states-repository.ts';
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
import { addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-enrolments-withdraw-secret-with-enough-entropy-01';
const S = 'seniors-numerique';
const ID = 'identite-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;
const ALLUMER = `${S}/allumer-son-appareil`;
const TACTILE = `${S}/utiliser-l-ecran-tactile`;
const WIFI = `${S}/se-connecter-au-wifi`;
const WEB = `${S}/naviguer-sur-le-web`;
/** A skill of a curriculum the learner is not enrolled in. */
const BAFA_SKILL = 'bafa/ouvrir-son-dossier-bafa';

const MY_ENROLMENTS = `{ myEnrolments {
  curriculum { id }
  enrolledAt
  groups { id name }
  progress {
    curriculumId skillsTotal skillsAcquired skillsInProgress skillsAvailable badgesEarned badgesTotal
  }
} }`;

const VALIDATE = `mutation($input: ValidateSkillInput!) { validateSkill(input: $input) {
  __typename
  ... on ValidateSkillSuccess { issuedBadges { id badgeId } }
  ... on LocalizedError { code }
} }`;

const WITHDRAW = `mutation($input: WithdrawValidationInput!) { withdrawValidation(input: $input) {
  __typename
  ... on WithdrawValidationSuccess {
    state { skillId status source validatedAt }
    flaggedAwards { awardId badgeId title { fr } reason }
  }
  ... on NothingToWithdraw { learnerId skillId }
  ... on LocalizedError { code message { fr en } }
} }`;

const FLAGGED = `query($learnerId: ID!) { awards(filter: { learnerId: $learnerId, flaggedOnly: true }) {
  id badgeId flagged flaggedAt flagReason revoked
  flagOrigin { eventId cause skillId skill { id } byPersonId byDisplayName occurredAt recordedAt comment }
  lastFlagClearance { at byPersonId byDisplayName comment }
} }`;

const RESOLVE = `mutation($awardId: ID!, $decision: AwardFlagDecision!, $comment: String!) {
  resolveAwardFlag(awardId: $awardId, decision: $decision, comment: $comment) {
    __typename
    ... on ResolveAwardFlagSuccess { awardId decision decidedAt }
    ... on LocalizedError { code }
  }
}`;

interface Progress {
  curriculumId: string;
  skillsTotal: number;
  skillsAcquired: number;
  skillsInProgress: number;
  skillsAvailable: number;
  badgesEarned: number;
  badgesTotal: number;
}

interface EnrolmentBody {
  curriculum: { id: string };
  enrolledAt: string;
  groups: { id: string; name: string }[];
  progress: Progress;
}

/** @returns the named top-level field of a response, failing the test when it is absent. */
function field<T>(body: GraphqlBody, name: string): T {
  const value = body.data?.[name];
  if (value === null || value === undefined) throw new Error(`no ${name}: ${JSON.stringify(body)}`);
  return value as T;
}

describe.each(testDatabaseKinds())('learner enrolments and withdrawn validations on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let deps: GraphqlDeps;
  let server: Server | undefined;
  let base: string;
  let root: StaffMember;
  let admin: Member;
  let trainer: Member;
  let otherTrainer: Member;
  let trainerLearner: Member;
  let learner: Member;
  let classmate: Member;
  let groupId: string;
  let enrolledAt: Date;
  let premiersPasAward: string;

  const gql = (source: string, variables: Record<string, unknown> = {}, token?: string) =>
    postGraphql(base, source, variables, token);

  const member = (roles: Role[], name: string) => createMember(accounts, root, roles, name);

  /** Rows that a refused withdrawal must leave as they were. */
  const written = async () => ({
    events: await engine.count('progress_events'),
    states: await engine.count('skill_states', { status: 'withdrawn' }),
    flagged: Number(
      (await engine.db('badge_awards').whereNotNull('flaggedAt').count({ n: '*' }))[0]?.n,
    ),
    notifications: await engine.count('notifications'),
  });

  async function validate(learnerId: string, skillId: string, by: Member = trainer) {
    const body = await gql(VALIDATE, { input: { learnerId, skillId } }, by.token);
    const result = field<{ __typename: string; issuedBadges: { id: string; badgeId: string }[] }>(
      body,
      'validateSkill',
    );
    expect(result.__typename).toBe('ValidateSkillSuccess');
    return result.issuedBadges;
  }

  /**
   * The progress expected from the catalog alone: validated skills are acquired, other skills
   * with events are in progress, and a skill without events is available when every
   * prerequisite is validated.
   */
  function expectedProgress(
    curriculumId: string,
    validated: ReadonlySet<string>,
    worked: ReadonlySet<string>,
    badgesEarned: number,
  ): Progress {
    const curriculum = engine.catalog.curricula.find((c) => c.id === curriculumId);
    if (curriculum === undefined) throw new Error(`no curriculum ${curriculumId}`);
    const ids = curriculum.skills.map((s) => qualify(curriculumId, s.id));
    const fresh = ids.filter((id) => !validated.has(id) && !worked.has(id));
    return {
      curriculumId,
      skillsTotal: ids.length,
      skillsAcquired: ids.filter((id) => validated.has(id)).length,
      skillsInProgress: ids.filter((id) => worked.has(id) && !validated.has(id)).length,
      skillsAvailable: fresh.filter((id) =>
        engine.catalog.graph.prerequisites(id).every((p) => validated.has(p)),
      ).length,
      badgesEarned,
      badgesTotal: curriculum.badges.length,
    };
  }

  async function myEnrolments(who: Member = learner): Promise<EnrolmentBody[]> {
    return field<EnrolmentBody[]>(await gql(MY_ENROLMENTS, {}, who.token), 'myEnrolments');
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    root = await addStaff(accounts, ['admin'], 'Root');
    admin = await member(['admin'], 'Adèle Admin');
    trainer = await member(['trainer'], 'Claire Animatrice');
    otherTrainer = await member(['trainer'], 'Bruno Autre');
    trainerLearner = await member(['trainer', 'learner'], 'Théo Formé');
    learner = await member(['learner'], 'Lucie');
    classmate = await member(['learner'], 'Octave');

    groupId = randomUUID();
    await accounts.groups.create(
      { id: groupId, name: 'Seniors du mardi', curriculumId: S },
      engine.clock(),
    );
    const members: [Member, 'trainer' | 'learner'][] = [
      [trainer, 'trainer'],
      [trainerLearner, 'trainer'],
      [trainerLearner, 'learner'],
      [learner, 'learner'],
      [classmate, 'learner'],
    ];
    for (const [person, role] of members) {
      await accounts.groups.addMember({ groupId, personId: person.personId, role }, engine.clock());
    }
    const otherGroupId = randomUUID();
    await accounts.groups.create(
      { id: otherGroupId, name: 'Seniors du jeudi', curriculumId: S },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: otherGroupId, personId: otherTrainer.personId, role: 'trainer' },
      engine.clock(),
    );
    // An archived group of the learner's is not listed.
    const archivedId = randomUUID();
    await accounts.groups.create(
      { id: archivedId, name: 'Ancien groupe', curriculumId: S },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: archivedId, personId: learner.personId, role: 'learner' },
      engine.clock(),
    );
    await engine.db('groups').where({ id: archivedId }).update({ archivedAt: engine.clock() });

    // Joining a group enrols a learner (H3's addGroupMember); here the rows are written directly.
    enrolledAt = engine.clock();
    await addEnrolments(engine.db, [
      { personId: learner.personId, curriculumId: S, enrolledAt },
      {
        personId: learner.personId,
        curriculumId: ID,
        enrolledAt: new Date(enrolledAt.getTime() + 60_000),
      },
      { personId: classmate.personId, curriculumId: S, enrolledAt },
      { personId: trainerLearner.personId, curriculumId: S, enrolledAt },
    ]);

    deps = graphqlDepsOf(engine, JWT_SECRET);
    ({ base, server } = await serveGraphql(deps));
  });

  // Access tokens last 15 minutes of the test clock, which recording events moves on.
  beforeEach(async () => {
    for (const person of [admin, trainer, otherTrainer, trainerLearner, learner, classmate]) {
      person.token = (await signInWithPassword(accounts, person)).accessToken;
    }
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('list the curricula a learner is enrolled in, with their groups and counts that follow validations', async () => {
    const before = await myEnrolments();
    expect(before).toEqual([
      {
        curriculum: { id: S },
        enrolledAt: enrolledAt.toISOString(),
        groups: [{ id: groupId, name: 'Seniors du mardi' }],
        progress: expectedProgress(S, new Set(), new Set(), 0),
      },
      {
        curriculum: { id: ID },
        enrolledAt: new Date(enrolledAt.getTime() + 60_000).toISOString(),
        groups: [],
        progress: expectedProgress(ID, new Set(), new Set(), 0),
      },
    ]);
    expect(before[0]?.progress.skillsAvailable).toBeGreaterThan(0);

    const issued: { id: string; badgeId: string }[] = [];
    for (const skillId of [ALLUMER, TACTILE, WIFI]) {
      issued.push(...(await validate(learner.personId, skillId)));
    }
    expect(issued.map((a) => a.badgeId)).toEqual([PREMIERS_PAS]);
    premiersPasAward = issued[0]?.id as string;
    const rejected = await gql(
      `mutation($input: RejectSkillInput!) { rejectSkill(input: $input) { __typename } }`,
      { input: { learnerId: learner.personId, skillId: WEB, comment: 'On revoit les onglets.' } },
      trainer.token,
    );
    expect(field<{ __typename: string }>(rejected, 'rejectSkill').__typename).toBe(
      'RejectSkillSuccess',
    );
    // Progress in a curriculum the learner is not enrolled in is not listed.
    await validate(learner.personId, BAFA_SKILL);

    const validated = new Set([ALLUMER, TACTILE, WIFI]);
    const after = await myEnrolments();
    expect(after.map((e) => e.curriculum.id)).toEqual([S, ID]);
    expect(after[0]?.progress).toEqual(expectedProgress(S, validated, new Set([WEB]), 1));
    expect(after[0]?.progress).toMatchObject({ skillsAcquired: 3, skillsInProgress: 1 });
    // Identity skills whose prerequisites live in the seniors' curriculum unlock too.
    expect(after[1]?.progress).toEqual(expectedProgress(ID, validated, new Set(), 0));

    // Curriculum.myProgress agrees, for every curriculum at once; null when anonymous.
    const curricula = field<{ id: string; myProgress: Progress | null }[]>(
      await gql(
        '{ curricula { id myProgress { curriculumId skillsTotal skillsAcquired skillsInProgress skillsAvailable badgesEarned badgesTotal } } }',
        {},
        learner.token,
      ),
      'curricula',
    );
    expect(curricula.find((c) => c.id === S)?.myProgress).toEqual(after[0]?.progress);
    expect(curricula.find((c) => c.id === 'bafa')?.myProgress).toMatchObject({
      skillsAcquired: 1,
    });
    const anonymous = field<{ myProgress: Progress | null }[]>(
      await gql('{ curricula { myProgress { skillsAcquired } } }'),
      'curricula',
    );
    expect(anonymous.every((c) => c.myProgress === null)).toBe(true);

    // Someone enrolled nowhere gets an empty list; anonymous callers are refused.
    expect(await myEnrolments(otherTrainer)).toEqual([]);
    const refused = await gql(MY_ENROLMENTS);
    expect(refused.errors?.[0]?.extensions?.code).toBe('unauthenticated');
  });

  it("read enrolments and every curriculum's progress in as many queries for 1 curriculum as for 5", async () => {
    const counted = async (source: string, token?: string) => {
      const { queries, result } = await countQueries(engine.db, () => gql(source, {}, token));
      expect(result.errors).toBeUndefined();
      return queries;
    };
    const everywhere = await member(['learner'], 'Partout');
    const curricula = engine.catalog.curricula.map((c) => c.id);
    expect(curricula.length).toBeGreaterThanOrEqual(5);
    await addEnrolments(
      engine.db,
      curricula.map((curriculumId) => ({
        personId: everywhere.personId,
        curriculumId,
        enrolledAt: engine.clock(),
      })),
    );
    const one = await member(['learner'], 'Une fois');
    await addEnrolments(engine.db, [
      { personId: one.personId, curriculumId: S, enrolledAt: engine.clock() },
    ]);
    for (const who of [everywhere, one]) {
      await engine.record({
        learnerId: who.personId,
        skillId: ALLUMER,
        type: 'skill-validated',
        actorId: trainer.personId,
      });
      who.token = (await signInWithPassword(accounts, who)).accessToken;
    }
    // Read once each first: the server then has both learners' states (a first read also
    // reads the saved tracks), so both are counted alike.
    expect((await myEnrolments(everywhere)).length).toBe(curricula.length);
    expect(await myEnrolments(one)).toHaveLength(1);
    const forOne = await counted(MY_ENROLMENTS, one.token);
    expect(forOne).toBeGreaterThan(0);
    expect(await counted(MY_ENROLMENTS, everywhere.token)).toBe(forOne);

    // Curriculum.myProgress: the awards, read once for every curriculum listed; where the
    // ledger ends came with the sign-in (the learner's row), and their states were kept. A
    // message received moves their facts stamp: what was kept of their awards is read again.
    await addNotification(engine.db, {
      id: randomUUID(),
      personId: one.personId,
      kind: 'badge-earned',
      payload: {},
      createdAt: engine.clock().toISOString(),
    });
    const without = await counted('{ curricula { id } }', one.token);
    const progress = () => counted('{ curricula { id myProgress { skillsAcquired } } }', one.token);
    expect((await progress()) - without).toBe(1);
    // Nothing changed since: the awards kept at that stamp are used, no statement of their own.
    expect((await progress()) - without).toBe(0);
    expect(await counted('{ curricula { id myProgress { skillsAcquired } } }')).toBe(0);
  });

  it("refuse a withdrawal by another group's trainer or by the learner themselves, writing nothing", async () => {
    const before = await written();

    const input = { learnerId: learner.personId, skillId: WIFI, comment: 'Erreur de saisie' };
    const other = await gql(WITHDRAW, { input }, otherTrainer.token);
    expect(field(other, 'withdrawValidation')).toMatchObject({
      __typename: 'Forbidden',
      code: 'forbidden',
    });

    const self = await gql(WITHDRAW, { input }, learner.token);
    expect(self.data?.withdrawValidation ?? null).toBeNull();
    expect(self.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(await written()).toEqual(before);

    // A trainer who also learns in the group cannot take back their own validation.
    await validate(trainerLearner.personId, ALLUMER);
    const beforeOwn = await written();
    const own = await gql(
      WITHDRAW,
      { input: { ...input, learnerId: trainerLearner.personId, skillId: ALLUMER } },
      trainerLearner.token,
    );
    expect(field(own, 'withdrawValidation')).toMatchObject({ __typename: 'Forbidden' });
    expect(await written()).toEqual(beforeOwn);

    const state = (await listSkillStateRows(engine.db, learner.personId)).get(WIFI);
    expect(state?.status).toBe('validated');
  });

  it.each([
    ['an empty comment', '   '],
    ['no comment at all', ''],
  ])('refuse %s with a typed error and write nothing', async (_label, comment) => {
    const before = await written();
    const body = await gql(
      WITHDRAW,
      { input: { learnerId: learner.personId, skillId: WIFI, comment } },
      trainer.token,
    );
    expect(field(body, 'withdrawValidation')).toMatchObject({
      __typename: 'InvalidProgressEvent',
      code: 'invalid-progress-event',
      message: { fr: expect.stringMatching(/commentaire/) },
    });
    expect(await written()).toEqual(before);
  });

  it("let the group's trainer withdraw: the state, the ledger and the projection agree, and the badge is flagged", async () => {
    engine.clock.tick();
    const before = await engine.count('progress_events');
    const body = await gql(
      WITHDRAW,
      {
        input: {
          learnerId: learner.personId,
          skillId: WIFI,
          comment: 'Validée pour la mauvaise personne',
        },
      },
      trainer.token,
    );
    const result = field<{
      __typename: string;
      state: { skillId: string; status: string; source: string | null };
      flaggedAwards: { awardId: string; badgeId: string; title: { fr: string }; reason: string }[];
    }>(body, 'withdrawValidation');
    expect(result).toEqual({
      __typename: 'WithdrawValidationSuccess',
      state: { skillId: WIFI, status: 'WITHDRAWN', source: null, validatedAt: null },
      flaggedAwards: [
        {
          awardId: premiersPasAward,
          badgeId: PREMIERS_PAS,
          title: { fr: 'Premiers pas' },
          reason:
            'La validation de « Se connecter au Wi-Fi » a été retirée : Validée pour la mauvaise personne',
        },
      ],
    });

    // The ledger has the event, the projection and the learner's own view agree with it.
    const last = (await learnerLedger(engine.db, learner.personId)).at(-1);
    expect(last?.event).toMatchObject({
      type: 'validation-withdrawn',
      skillId: WIFI,
      by: trainer.personId,
      reason: 'Validée pour la mauvaise personne',
    });
    expect(await engine.count('progress_events')).toBe(before + 1);
    expect((await listSkillStateRows(engine.db, learner.personId)).get(WIFI)).toMatchObject({
      status: 'withdrawn',
      source: null,
      lastSeq: last?.seq,
    });
    const mine = field<{ skillId: string; status: string }[]>(
      await gql(
        `query($c: ID!) { mySkillStates(curriculumId: $c) { skillId status } }`,
        { c: S },
        learner.token,
      ),
      'mySkillStates',
    );
    expect(mine.find((s) => s.skillId === WIFI)?.status).toBe('WITHDRAWN');

    // The badge still stands (flagged, not revoked), so it still counts as earned.
    const [seniors] = await myEnrolments();
    expect(seniors?.progress).toEqual(
      expectedProgress(S, new Set([ALLUMER, TACTILE]), new Set([WEB, WIFI]), 1),
    );

    // Withdrawing again: there is nothing left to withdraw, and nothing is written.
    const still = await written();
    const again = await gql(
      WITHDRAW,
      { input: { learnerId: learner.personId, skillId: WIFI, comment: 'Encore' } },
      trainer.token,
    );
    expect(field(again, 'withdrawValidation')).toMatchObject({
      __typename: 'NothingToWithdraw',
      code: 'nothing-to-withdraw',
      learnerId: learner.personId,
      skillId: WIFI,
    });
    expect(await written()).toEqual(still);
  });

  it('list the flagged award for administrators with which validation was withdrawn, by whom and when', async () => {
    const body = await gql(FLAGGED, { learnerId: learner.personId }, admin.token);
    const [award] = field<Record<string, unknown>[]>(body, 'awards');
    const withdrawal = (await learnerLedger(engine.db, learner.personId)).at(-1);
    expect(award).toEqual({
      id: premiersPasAward,
      badgeId: PREMIERS_PAS,
      flagged: true,
      flaggedAt: withdrawal?.recordedAt,
      flagReason:
        'La validation de « Se connecter au Wi-Fi » a été retirée : Validée pour la mauvaise personne',
      revoked: false,
      flagOrigin: {
        eventId: withdrawal?.event.id,
        cause: 'VALIDATION_WITHDRAWN',
        skillId: WIFI,
        skill: { id: WIFI },
        byPersonId: trainer.personId,
        byDisplayName: 'Claire Animatrice',
        occurredAt: withdrawal?.event.at,
        recordedAt: withdrawal?.recordedAt,
        comment: 'Validée pour la mauvaise personne',
      },
      lastFlagClearance: null,
    });
    // Only administrators see the list.
    const refused = await gql(FLAGGED, { learnerId: learner.personId }, trainer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('forbidden');
  });

  it('let an administrator keep a flagged award: the flag is cleared, the decision kept, and a new withdrawal flags it again', async () => {
    const empty = await gql(
      RESOLVE,
      { awardId: premiersPasAward, decision: 'KEEP', comment: ' ' },
      admin.token,
    );
    expect(field(empty, 'resolveAwardFlag')).toEqual({
      __typename: 'ReasonRequired',
      code: 'reason-required',
    });
    expect((await findAward(engine.db, premiersPasAward))?.flaggedAt).toBeDefined();

    engine.clock.tick();
    const kept = await gql(
      RESOLVE,
      {
        awardId: premiersPasAward,
        decision: 'KEEP',
        comment: 'Wi-Fi revu ensemble en atelier : le badge reste acquis.',
      },
      admin.token,
    );
    expect(field(kept, 'resolveAwardFlag')).toEqual({
      __typename: 'ResolveAwardFlagSuccess',
      awardId: premiersPasAward,
      decision: 'KEEP',
      decidedAt: engine.clock().toISOString(),
    });
    expect(
      field(await gql(FLAGGED, { learnerId: learner.personId }, admin.token), 'awards'),
    ).toEqual([]);
    const all = field<Record<string, unknown>[]>(
      await gql(
        `query($learnerId: ID!) { awards(filter: { learnerId: $learnerId }) {
          id flagged flagReason revoked flagOrigin { eventId }
          lastFlagClearance { at byPersonId byDisplayName comment }
        } }`,
        { learnerId: learner.personId },
        admin.token,
      ),
      'awards',
    );
    expect(all).toEqual([
      {
        id: premiersPasAward,
        flagged: false,
        flagReason: null,
        revoked: false,
        flagOrigin: null,
        lastFlagClearance: {
          at: engine.clock().toISOString(),
          byPersonId: admin.personId,
          byDisplayName: 'Adèle Admin',
          comment: 'Wi-Fi revu ensemble en atelier : le badge reste acquis.',
        },
      },
    ]);
    const award = await findAward(engine.db, premiersPasAward);
    const report = await verifyStoredCredential(
      { ...deps, verify: { allowLoopback: true, timeoutMs: 5_000 } },
      award?.credential,
    );
    expect(report.verdict).toBe('valid');

    // Deciding again: no flag waits any more.
    const twice = await gql(
      RESOLVE,
      { awardId: premiersPasAward, decision: 'REVOKE', comment: 'Finalement non' },
      admin.token,
    );
    expect(field(twice, 'resolveAwardFlag')).toEqual({
      __typename: 'AwardNotFlagged',
      code: 'award-not-flagged',
    });
    expect((await findAward(engine.db, premiersPasAward))?.revokedAt).toBeUndefined();

    // The flag was cleared, so a later withdrawal the badge relies on raises a new one.
    await validate(learner.personId, WIFI);
    const withdrawn = await gql(
      WITHDRAW,
      { input: { learnerId: learner.personId, skillId: ALLUMER, comment: 'Appareil d’un autre' } },
      trainer.token,
    );
    expect(
      field<{ flaggedAwards: { awardId: string }[] }>(withdrawn, 'withdrawValidation')
        .flaggedAwards,
    ).toEqual([
      {
        awardId: premiersPasAward,
        badgeId: PREMIERS_PAS,
        title: { fr: 'Premiers pas' },
        reason:
          'La validation de « Allumer et éteindre son appareil » a été retirée : Appareil d’un autre',
      },
    ]);
  });

  it('let an administrator withdraw and then revoke the flagged award: it is revoked everywhere', async () => {
    const issued: string[] = [];
    for (const skillId of [ALLUMER, TACTILE, WIFI]) {
      issued.push(...(await validate(classmate.personId, skillId)).map((a) => a.id));
    }
    const [awardId] = issued;
    expect(awardId).toBeDefined();

    // An administrator may withdraw too (error or fraud), without training the group.
    const withdrawn = await gql(
      WITHDRAW,
      { input: { learnerId: classmate.personId, skillId: TACTILE, comment: 'Fraude constatée' } },
      admin.token,
    );
    expect(field(withdrawn, 'withdrawValidation')).toMatchObject({
      __typename: 'WithdrawValidationSuccess',
      state: { status: 'WITHDRAWN' },
      flaggedAwards: [{ awardId }],
    });
    const [flagged] = field<{ flagOrigin: { byDisplayName: string; cause: string } }[]>(
      await gql(FLAGGED, { learnerId: classmate.personId }, admin.token),
      'awards',
    );
    expect(flagged?.flagOrigin).toMatchObject({
      byDisplayName: 'Adèle Admin',
      cause: 'VALIDATION_WITHDRAWN',
    });

    const before = await engine.count('badge_awards', { revoked_at: null });
    const unknown = await gql(
      RESOLVE,
      { awardId: 'no-such-award', decision: 'REVOKE', comment: 'x' },
      admin.token,
    );
    expect(field(unknown, 'resolveAwardFlag')).toEqual({
      __typename: 'UnknownAward',
      code: 'unknown-award',
    });
    const empty = await gql(RESOLVE, { awardId, decision: 'REVOKE', comment: '' }, admin.token);
    expect(field(empty, 'resolveAwardFlag')).toMatchObject({ __typename: 'ReasonRequired' });
    const byTrainer = await gql(
      RESOLVE,
      { awardId, decision: 'REVOKE', comment: 'Pas mon rôle' },
      trainer.token,
    );
    expect(byTrainer.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(await engine.count('badge_awards', { revoked_at: null })).toBe(before);

    engine.clock.tick();
    const revoked = await gql(
      RESOLVE,
      { awardId, decision: 'REVOKE', comment: 'Compétence non démontrée : fraude.' },
      admin.token,
    );
    expect(field(revoked, 'resolveAwardFlag')).toEqual({
      __typename: 'ResolveAwardFlagSuccess',
      awardId,
      decision: 'REVOKE',
      decidedAt: engine.clock().toISOString(),
    });

    // Revoked everywhere: the learner's badges, the admin list, verifiers, the flagged list.
    expect(
      field(await gql('{ myBadges { id revoked } }', {}, classmate.token), 'myBadges'),
    ).toEqual([{ id: awardId, revoked: true }]);
    const award = await findAward(engine.db, awardId as string);
    const report = await verifyStoredCredential(
      { ...deps, verify: { allowLoopback: true, timeoutMs: 5_000 } },
      award?.credential,
    );
    expect(report.verdict).toBe('revoked');
    expect(
      field(
        await gql(
          '{ awards(filter: { revoked: true }) { id revoked revocationReason } }',
          {},
          admin.token,
        ),
        'awards',
      ),
    ).toContainEqual({
      id: awardId,
      revoked: true,
      revocationReason: 'Compétence non démontrée : fraude.',
    });
    expect(
      field(await gql(FLAGGED, { learnerId: classmate.personId }, admin.token), 'awards'),
    ).toEqual([]);
    const [classmateSeniors] = await myEnrolments(classmate);
    expect(classmateSeniors?.progress.badgesEarned).toBe(0);
  });
});
