/**
 * Workshop times through the GraphQL API on a real express server, in the workshops' zone
 * (Europe/Paris): QR check-in only from 30 minutes before a session until it ends, roll-call
 * from the session's local day on, sessions of at most 12 hours, and `todaySessions` on the
 * Paris calendar day around midnight and the summer-time change. The test clock only moves
 * forward; every refusal is checked to write nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import type { Role } from '../../../server/auth/roles.ts';
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
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-workshop-times-secret-with-enough-entropy-01';
const SENIORS = 'seniors-numerique';

const CREATE_SESSION = `
  mutation Create($input: CreateWorkshopSessionInput!) {
    createWorkshopSession(input: $input) {
      __typename
      ... on WorkshopSession { id checkInCode }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

const CHECK_IN = `
  mutation C($code: String!) {
    checkIn(code: $code) {
      __typename
      ... on CheckInSuccess { sessionId }
      ... on CheckInClosed { opensAt closesAt }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

const ROLL_CALL = `
  mutation Roll($sessionId: ID!, $learnerIds: [ID!]!) {
    recordAttendance(sessionId: $sessionId, learnerIds: $learnerIds) {
      __typename
      ... on RecordAttendanceSuccess { attendance { personId method } }
      ... on RollCallNotOpen { opensAt }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

interface Outcome {
  __typename: string;
  code?: string;
  message?: { fr: string; en: string };
  opensAt?: string;
  closesAt?: string;
  id?: string;
  checkInCode?: string;
  sessionId?: string;
}

function outcome(body: GraphqlBody, name: string): Outcome {
  const value = body.data?.[name];
  if (value === null || value === undefined) throw new Error(`no ${name}: ${JSON.stringify(body)}`);
  return value as Outcome;
}

describe.each(testDatabaseKinds())('workshop times in Europe/Paris on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let admin: Awaited<ReturnType<typeof addStaff>>;

  const member = (roles: Role[], name: string): Promise<Member> =>
    createMember(accounts, admin, roles, name);

  /** Access tokens last 15 minutes of the test clock: sign in again after moving it. */
  async function as(person: Member): Promise<string> {
    return (await signInWithPassword(accounts, person)).accessToken;
  }

  async function newGroup(trainer: Member, learners: Member[]): Promise<string> {
    const id = randomUUID();
    await accounts.groups.create(
      { id, name: `Groupe ${id.slice(0, 6)}`, curriculumId: SENIORS },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: id, personId: trainer.personId, role: 'trainer' },
      engine.clock(),
    );
    for (const learner of learners) {
      await accounts.groups.addMember(
        { groupId: id, personId: learner.personId, role: 'learner' },
        engine.clock(),
      );
    }
    return id;
  }

  async function createSession(
    trainer: Member,
    groupId: string,
    title: string,
    startsAt: string,
    endsAt: string,
  ): Promise<Outcome> {
    const body = await postGraphql(
      base,
      CREATE_SESSION,
      {
        input: {
          groupId,
          title,
          startsAt,
          endsAt,
          targetSkills: [`${SENIORS}/envoyer-un-mail`],
        },
      },
      await as(trainer),
    );
    return outcome(body, 'createWorkshopSession');
  }

  async function checkIn(learner: Member, code: string): Promise<Outcome> {
    return outcome(await postGraphql(base, CHECK_IN, { code }, await as(learner)), 'checkIn');
  }

  async function todayTitles(trainer: Member): Promise<string[]> {
    const body = await postGraphql(base, '{ todaySessions { title } }', {}, await as(trainer));
    const sessions = body.data?.todaySessions as { title: string }[] | undefined;
    if (sessions === undefined) throw new Error(`no todaySessions: ${JSON.stringify(body)}`);
    return sessions.map((s) => s.title);
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    admin = await addStaff(accounts, ['admin'], 'Admin');
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('open QR check-in 30 minutes before the session and close it when it ends', async () => {
    const trainer = await member(['trainer'], 'Karim');
    const [alice, bernard, chantal] = [
      await member(['learner'], 'Alice'),
      await member(['learner'], 'Bernard'),
      await member(['learner'], 'Chantal'),
    ] as [Member, Member, Member];
    const groupId = await newGroup(trainer, [alice, bernard, chantal]);
    // 14:00 to 16:00 UTC on Monday 2 March 2026: 15:00 to 17:00 in Paris (winter time).
    const session = await createSession(
      trainer,
      groupId,
      'Envoyer un mail',
      '2026-03-02T14:00:00Z',
      '2026-03-02T16:00:00Z',
    );
    const code = session.checkInCode ?? '';
    const present = () => engine.count('attendance', { sessionId: session.id });

    engine.clock.set(new Date('2026-03-02T13:29:00Z'));
    const early = await checkIn(alice, code);
    expect(early).toMatchObject({
      __typename: 'CheckInClosed',
      code: 'check-in-closed',
      opensAt: '2026-03-02T13:30:00.000Z',
      closesAt: '2026-03-02T16:00:00.000Z',
    });
    expect(early.message?.fr).toBe(
      "L'atelier n'est pas ouvert à l'enregistrement : il a lieu le lundi 2 mars 2026 de 15:00 à 17:00. L'enregistrement ouvre 30 minutes avant le début.",
    );
    expect(early.message?.en).toContain(
      'it takes place on Monday, 2 March 2026 from 15:00 to 17:00',
    );
    expect(await present()).toBe(0);

    engine.clock.set(new Date('2026-03-02T13:30:00Z'));
    expect(await checkIn(alice, code)).toEqual({
      __typename: 'CheckInSuccess',
      sessionId: session.id,
    });
    engine.clock.set(new Date('2026-03-02T16:00:00Z'));
    expect((await checkIn(bernard, code)).__typename).toBe('CheckInSuccess');
    expect(await present()).toBe(2);

    engine.clock.set(new Date('2026-03-02T16:01:00Z'));
    const late = await checkIn(chantal, code);
    expect(late.__typename).toBe('CheckInClosed');
    expect(late.message?.fr).toContain(
      "n'est pas ouvert à l'enregistrement : il a eu lieu le lundi 2 mars 2026 de 15:00 à 17:00",
    );
    expect(late.message?.en).toContain('ask the trainer to mark you present');
    expect(await present()).toBe(2);

    // The trainer's roll-call still marks her present after the session.
    const roll = outcome(
      await postGraphql(
        base,
        ROLL_CALL,
        { sessionId: session.id, learnerIds: [chantal.personId] },
        await as(trainer),
      ),
      'recordAttendance',
    );
    expect(roll.__typename).toBe('RecordAttendanceSuccess');
    expect(await present()).toBe(3);
  });

  it('open the roll-call at the start of the session’s day in Paris, and keep it open after', async () => {
    const trainer = await member(['trainer'], 'Sophie');
    const learner = await member(['learner'], 'Denise');
    const groupId = await newGroup(trainer, [learner]);
    // 23:30 in Paris on Tuesday 10 March, 22:30 UTC.
    const session = await createSession(
      trainer,
      groupId,
      'Soirée tablette',
      '2026-03-10T22:30:00Z',
      '2026-03-10T23:30:00Z',
    );
    const roll = async () =>
      outcome(
        await postGraphql(
          base,
          ROLL_CALL,
          { sessionId: session.id, learnerIds: [learner.personId] },
          await as(trainer),
        ),
        'recordAttendance',
      );

    // 23:59 in Paris on the 9th: the day before.
    engine.clock.set(new Date('2026-03-09T22:59:00Z'));
    const early = await roll();
    expect(early).toMatchObject({
      __typename: 'RollCallNotOpen',
      code: 'roll-call-not-open',
      opensAt: '2026-03-09T23:00:00.000Z',
    });
    expect(early.message?.fr).toContain(
      "L'appel n'est pas encore possible : l'atelier a lieu du mardi 10 mars 2026 à 23:30 au mercredi 11 mars 2026 à 00:30.",
    );
    expect(await engine.count('attendance', { sessionId: session.id })).toBe(0);

    // 00:00 in Paris on the 10th, though UTC still says the 9th.
    engine.clock.set(new Date('2026-03-09T23:00:00Z'));
    expect((await roll()).__typename).toBe('RecordAttendanceSuccess');
    // A correction a week later is still accepted.
    engine.clock.set(new Date('2026-03-17T10:00:00Z'));
    expect((await roll()).__typename).toBe('RecordAttendanceSuccess');
    expect(await engine.count('attendance', { sessionId: session.id })).toBe(1);
  });

  it('list today’s sessions on the Paris calendar day, around midnight and the summer-time change', async () => {
    const trainer = await member(['trainer'], 'Nadia');
    const groupId = await newGroup(trainer, []);
    const sessions: Array<[title: string, startsAt: string, endsAt: string]> = [
      // Friday 27 March in Paris, and in UTC.
      ['ven. 23:00', '2026-03-27T22:00:00Z', '2026-03-27T22:45:00Z'],
      // Saturday 28 March in Paris (00:05), still the 27th in UTC.
      ['sam. 00:05', '2026-03-27T23:05:00Z', '2026-03-27T23:50:00Z'],
      // Saturday 28 March, 23:30 to midnight in Paris.
      ['sam. 23:30', '2026-03-28T22:30:00Z', '2026-03-28T23:00:00Z'],
      // Sunday 29 March in Paris (00:10), still the 28th in UTC.
      ['dim. 00:10', '2026-03-28T23:10:00Z', '2026-03-28T23:40:00Z'],
      // Sunday 29 March, after the clocks went forward (UTC+2).
      ['dim. 10:00', '2026-03-29T08:00:00Z', '2026-03-29T10:00:00Z'],
      ['dim. 23:30', '2026-03-29T21:30:00Z', '2026-03-29T21:55:00Z'],
      // Monday 30 March in Paris (00:10), still the 29th in UTC.
      ['lun. 00:10', '2026-03-29T22:10:00Z', '2026-03-29T22:40:00Z'],
    ];
    for (const [title, startsAt, endsAt] of sessions) {
      expect((await createSession(trainer, groupId, title, startsAt, endsAt)).__typename).toBe(
        'WorkshopSession',
      );
    }

    // 23:45 in Paris on Saturday 28 March.
    engine.clock.set(new Date('2026-03-28T22:45:00Z'));
    expect(await todayTitles(trainer)).toEqual(['sam. 00:05', 'sam. 23:30']);
    // 00:05 in Paris on Sunday 29 March: the 23:30 session ended at midnight, so it is not today.
    engine.clock.set(new Date('2026-03-28T23:05:00Z'));
    expect(await todayTitles(trainer)).toEqual(['dim. 00:10', 'dim. 10:00', 'dim. 23:30']);
    // 23:59 on the 23-hour Sunday: still the 29th.
    engine.clock.set(new Date('2026-03-29T21:59:00Z'));
    expect(await todayTitles(trainer)).toEqual(['dim. 00:10', 'dim. 10:00', 'dim. 23:30']);
    engine.clock.set(new Date('2026-03-29T22:00:00Z'));
    expect(await todayTitles(trainer)).toEqual(['lun. 00:10']);
  });

  it('refuse a session longer than 12 hours or ending before it starts, writing nothing', async () => {
    const trainer = await member(['trainer'], 'Paul');
    const groupId = await newGroup(trainer, []);
    const before = await engine.count('workshop_sessions');
    const long = await createSession(
      trainer,
      groupId,
      'Faute de frappe',
      '2026-04-02T08:00:00Z',
      '2026-04-12T10:00:00Z',
    );
    expect(long).toMatchObject({
      __typename: 'InvalidWorkshopSession',
      code: 'invalid-workshop-session',
    });
    expect(long.message?.fr).toContain('plus de 12 heures');
    const backwards = await createSession(
      trainer,
      groupId,
      'À l’envers',
      '2026-04-02T10:00:00Z',
      '2026-04-02T09:00:00Z',
    );
    expect(backwards.__typename).toBe('InvalidWorkshopSession');
    expect(await engine.count('workshop_sessions')).toBe(before);
    const fullDay = await createSession(
      trainer,
      groupId,
      'Journée BAFA',
      '2026-04-02T07:00:00Z',
      '2026-04-02T19:00:00Z',
    );
    expect(fullDay.__typename).toBe('WorkshopSession');
  });
});
