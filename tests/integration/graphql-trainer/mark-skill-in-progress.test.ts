/**
 * The trainer's "En cours" through the GraphQL API on a real express server: the learner's
 * skill goes in progress with a `skill-started` event in the ledger (by the trainer, in the
 * session), a validated skill keeps its validation, and every refusal writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'mark-in-progress-test-secret-with-enough-entropy-0123';
const S = 'seniors-numerique';

const MARK = `
  mutation Mark($learnerId: ID!, $skillId: ID!, $sessionId: ID) {
    markSkillInProgress(learnerId: $learnerId, skillId: $skillId, sessionId: $sessionId) {
      __typename
      ... on MarkSkillInProgressSuccess { state { skillId status level source } }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

describe.each(testDatabaseKinds())('marking a skill in progress on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let trainer: Member;
  let otherTrainer: Member;
  let learner: Member;
  let admin: Member;
  let sessionId: string;

  const mark = (variables: Record<string, unknown>, token: string | undefined) =>
    postGraphql(base, MARK, variables, token);
  const ledgerLength = async (learnerId: string) =>
    (await learnerLedger(engine.db, learnerId)).length;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    const member = (roles: Role[], name: string) => createMember(accounts, root, roles, name);
    // The trainer also learns in their own group: they may not mark themselves.
    trainer = await member(['trainer', 'learner'], 'Claire');
    otherTrainer = await member(['trainer'], 'Bruno');
    learner = await member(['learner'], 'Alice');
    admin = await member(['admin'], 'Admin');
    const groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors', curriculumId: S }, engine.clock());
    for (const [personId, role] of [
      [trainer.personId, 'trainer'],
      [trainer.personId, 'learner'],
      [learner.personId, 'learner'],
    ] as const) {
      await accounts.groups.addMember({ groupId, personId, role }, engine.clock());
    }
    const otherGroupId = randomUUID();
    await accounts.groups.create(
      { id: otherGroupId, name: 'Autre', curriculumId: S },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: otherGroupId, personId: otherTrainer.personId, role: 'trainer' },
      engine.clock(),
    );
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
    const start = engine.clock();
    const created = await postGraphql(
      base,
      `mutation C($input: CreateWorkshopSessionInput!) {
        createWorkshopSession(input: $input) { __typename ... on WorkshopSession { id } }
      }`,
      {
        input: {
          groupId,
          title: 'Le mail',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          targetSkills: [`${S}/envoyer-un-mail`],
        },
      },
      trainer.token,
    );
    const session = created.data?.createWorkshopSession as { id?: string } | undefined;
    if (session?.id === undefined) throw new Error(`no session: ${JSON.stringify(created)}`);
    sessionId = session.id;
  });

  // Access tokens last 15 minutes of the test clock, which recording events moves on.
  beforeEach(async () => {
    engine.clock.tick();
    for (const person of [trainer, otherTrainer, learner, admin]) {
      person.token = (await signInWithPassword(accounts, person)).accessToken;
    }
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('puts the skill in progress and records skill-started by the trainer, in the session', async () => {
    const skillId = `${S}/envoyer-un-mail`;
    const body = await mark({ learnerId: learner.personId, skillId, sessionId }, trainer.token);
    expect(body.data?.markSkillInProgress).toEqual({
      __typename: 'MarkSkillInProgressSuccess',
      state: { skillId, status: 'IN_PROGRESS', level: null, source: null },
    });
    const last = (await learnerLedger(engine.db, learner.personId)).at(-1);
    expect(last?.event).toMatchObject({ type: 'skill-started', skillId, by: trainer.personId });
    expect(last?.sessionId).toBe(sessionId);
    // Nothing to tell the learner: no notification.
    expect(await engine.count('notifications', { personId: learner.personId })).toBe(0);
  });

  it('leaves a validated skill validated, the event kept as a trace', async () => {
    const skillId = `${S}/allumer-son-appareil`;
    await engine.record({
      learnerId: learner.personId,
      skillId,
      type: 'skill-validated',
      actorId: trainer.personId,
    });
    const before = await ledgerLength(learner.personId);
    const body = await mark({ learnerId: learner.personId, skillId }, trainer.token);
    expect(body.data?.markSkillInProgress).toMatchObject({
      __typename: 'MarkSkillInProgressSuccess',
      state: { skillId, status: 'VALIDATED', source: 'TRAINER' },
    });
    expect(await ledgerLength(learner.personId)).toBe(before + 1);
  });

  it('refuses another group’s trainer, oneself, unknown skills and sessions, writing nothing', async () => {
    const skillId = `${S}/envoyer-une-piece-jointe`;
    const learnerBefore = await ledgerLength(learner.personId);
    const trainerBefore = await ledgerLength(trainer.personId);

    const foreign = await mark({ learnerId: learner.personId, skillId }, otherTrainer.token);
    expect(foreign.data?.markSkillInProgress).toMatchObject({
      __typename: 'Forbidden',
      code: 'forbidden',
    });
    const self = await mark({ learnerId: trainer.personId, skillId }, trainer.token);
    expect(self.data?.markSkillInProgress).toMatchObject({ __typename: 'Forbidden' });
    const unknownSkill = await mark(
      { learnerId: learner.personId, skillId: `${S}/voler-dans-les-airs` },
      trainer.token,
    );
    expect(unknownSkill.data?.markSkillInProgress).toMatchObject({
      __typename: 'UnknownSkill',
      code: 'unknown-skill',
    });
    const unknownSession = await mark(
      { learnerId: learner.personId, skillId, sessionId: randomUUID() },
      trainer.token,
    );
    const refusal = unknownSession.data?.markSkillInProgress as {
      __typename: string;
      message: { fr: string };
    };
    expect(refusal.__typename).toBe('InvalidProgressEvent');
    expect(refusal.message.fr).toContain("n'existe pas");
    const nobody = await mark({ learnerId: randomUUID(), skillId }, trainer.token);
    expect(nobody.data?.markSkillInProgress).toMatchObject({ __typename: 'Forbidden' });

    expect(await ledgerLength(learner.personId)).toBe(learnerBefore);
    expect(await ledgerLength(trainer.personId)).toBe(trainerBefore);
  });

  it('is refused to learners, admins and anonymous callers by the API itself', async () => {
    const skillId = `${S}/envoyer-une-piece-jointe`;
    const before = await ledgerLength(learner.personId);
    for (const token of [learner.token, admin.token, undefined]) {
      const body = await mark({ learnerId: learner.personId, skillId }, token);
      expect(body.data).toBeNull();
      expect(['forbidden', 'unauthenticated']).toContain(body.errors?.[0]?.extensions?.code);
    }
    expect(await ledgerLength(learner.personId)).toBe(before);
  });
});
