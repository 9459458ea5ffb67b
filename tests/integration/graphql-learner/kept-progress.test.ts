/**
 * What the server keeps between requests (`server/app/ledger-cache.ts`: a learner's settled
 * states, their columns of a trainer's grid) never shows an old answer: asked again and again
 * on one server, the learner's states, their home's progress and the trainer's grid follow each
 * new event at once, and a validation lapsing (time alone, no event) shows as expired.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { type LearnerStatesCache, LedgerCache } from '../../../server/app/ledger-cache.ts';
import { signAccessToken } from '../../../server/auth/access-tokens.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { addEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import type { GraphqlContext } from '../../../server/graphql/builder.ts';
import { createContext } from '../../../server/graphql/context.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { graphqlDepsOf, postGraphql, serveGraphql } from '../../support/graphql-client.ts';
import { addGroup, addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'kept-progress-secret-with-enough-entropy-0123456789abcdef';
const S = 'seniors-numerique';
/** Valid 24 months once validated. */
const LAPSING = `${S}/eviter-les-arnaques`;
const FIRST = `${S}/allumer-son-appareil`;
const MONTH = 31 * 24 * 3600_000;

const STATES = `query($curriculumId: ID!) { mySkillStates(curriculumId: $curriculumId) { skillId status } }`;
const PROGRESS = '{ myEnrolments { curriculum { id } progress { skillsAcquired } } }';
const GRID = `query($groupId: ID!, $curriculumId: ID!) {
  progressGrid(groupId: $groupId, curriculumId: $curriculumId) {
    ... on ProgressGrid { skillIds rows { learnerId statuses cells { skillId status } } } } }`;

describe.each(testDatabaseKinds())('progress kept between requests on %s', (kind) => {
  let engine: EngineFixture;
  let server: Server;
  let base: string;
  let learner: StaffMember;
  let trainer: StaffMember;
  let groupId: string;

  /** A token signed now (the clock moves by months here: older ones expire). */
  const token = (who: StaffMember, roles: Role[]) =>
    signAccessToken({ personId: who.personId, roles }, { secret: JWT_SECRET, now: engine.clock() });

  const read = async () => {
    const states = await postGraphql(
      base,
      STATES,
      { curriculumId: S },
      token(learner, ['learner']),
    );
    const progress = await postGraphql(base, PROGRESS, {}, token(learner, ['learner']));
    const grid = await postGraphql(
      base,
      GRID,
      { groupId, curriculumId: S },
      token(trainer, ['trainer']),
    );
    for (const answer of [states, progress, grid]) expect(answer.errors).toBeUndefined();
    const statusOf = (skillId: string) =>
      ((states.data?.mySkillStates ?? []) as { skillId: string; status: string }[]).find(
        (s) => s.skillId === skillId,
      )?.status;
    const seniors = (
      (progress.data?.myEnrolments ?? []) as {
        curriculum: { id: string };
        progress: { skillsAcquired: number };
      }[]
    ).find((e) => e.curriculum.id === S);
    const table = grid.data?.progressGrid as {
      skillIds: string[];
      rows: {
        learnerId: string;
        statuses: string[];
        cells: { skillId: string; status: string }[];
      }[];
    };
    const row = table.rows.find((r) => r.learnerId === learner.personId);
    // The cells say what the compact columns say.
    expect(row?.cells.map((c) => c.skillId)).toEqual(table.skillIds);
    expect(row?.cells.map((c) => c.status)).toEqual(row?.statuses);
    const cell = (skillId: string) => row?.statuses[table.skillIds.indexOf(skillId)];
    return {
      first: statusOf(FIRST),
      lapsing: statusOf(LAPSING),
      acquired: seniors?.progress.skillsAcquired,
      grid: { first: cell(FIRST), lapsing: cell(LAPSING) },
    };
  };

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
    });
    learner = await addStaff(accounts, ['learner'], 'Camille');
    trainer = await addStaff(accounts, ['trainer'], 'Formatrice');
    groupId = await addGroup(accounts, trainer);
    await accounts.groups.addMember(
      { groupId, personId: learner.personId, role: 'learner' },
      engine.clock(),
    );
    await addEnrolments(engine.db, [
      { personId: learner.personId, curriculumId: S, enrolledAt: engine.clock() },
    ]);
    await engine.addPerson('coach');
    ({ server, base } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });

  afterAll(async () => {
    if (server !== undefined) await closeServer(server);
    await engine?.dispose();
  });

  it('follows each new event at once, and shows a validation lapsing with time alone', async () => {
    const before = await read();
    expect(before).toEqual({
      first: 'AVAILABLE',
      lapsing: 'LOCKED',
      acquired: 0,
      grid: { first: 'AVAILABLE', lapsing: 'LOCKED' },
    });
    // Asked again, the same (and now from what was kept).
    expect(await read()).toEqual(before);

    await engine.record({
      learnerId: learner.personId,
      skillId: LAPSING,
      type: 'skill-validated',
      actorId: 'coach',
    });
    const validated = await read();
    expect(validated).toEqual({
      first: 'AVAILABLE',
      lapsing: 'VALIDATED',
      acquired: 1,
      grid: { first: 'AVAILABLE', lapsing: 'VALIDATED' },
    });
    expect(await read()).toEqual(validated);

    await engine.record({
      learnerId: learner.personId,
      skillId: FIRST,
      type: 'skill-started',
      actorId: 'coach',
    });
    expect(await read()).toMatchObject({ first: 'IN_PROGRESS', grid: { first: 'IN_PROGRESS' } });

    // 24 months later, no event: the validation has lapsed.
    engine.clock.set(new Date(engine.clock().getTime() + 23 * MONTH));
    expect(await read()).toMatchObject({ lapsing: 'VALIDATED', acquired: 1 });
    engine.clock.set(new Date(engine.clock().getTime() + 2 * MONTH));
    expect(await read()).toEqual({
      first: 'IN_PROGRESS',
      lapsing: 'EXPIRED',
      acquired: 0,
      grid: { first: 'IN_PROGRESS', lapsing: 'EXPIRED' },
    });
  });

  it('reads where the ledger ends afresh in a mutation, and as of the sign-in in a query', async () => {
    const learnerStatesCache: LearnerStatesCache = new LedgerCache();
    const deps = { ...graphqlDepsOf(engine, JWT_SECRET), learnerStatesCache };
    const contextOf = async (readOnly: boolean) => {
      const request = new Request('http://grange.test/graphql', {
        method: 'POST',
        headers: { authorization: `Bearer ${token(learner, ['learner'])}` },
      });
      const context = await createContext(deps, { request });
      // What yoga.ts sets once it knows the operation.
      context.operation.readOnly = readOnly;
      return context;
    };
    const statusIn = async (context: GraphqlContext) =>
      (await context.loaders.learnerStates(learner.personId)).get(FIRST)?.status;
    const before = await statusIn(await contextOf(true));
    expect(before).not.toBe('validated');
    // Both signed in (their row read) before the event; the states as they were are kept.
    const query = await contextOf(true);
    const mutation = await contextOf(false);
    await engine.record({
      learnerId: learner.personId,
      skillId: FIRST,
      type: 'skill-validated',
      actorId: 'coach',
    });
    // The query answers as of its sign-in (what was kept then still holds for it)…
    expect(await statusIn(query)).toBe(before);
    // …the mutation, which may have recorded the event itself, as the ledger ends now.
    expect(await statusIn(mutation)).toBe('validated');
    expect(await statusIn(await contextOf(true))).toBe('validated');
  });
});
