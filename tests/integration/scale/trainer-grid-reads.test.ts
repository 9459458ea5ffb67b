/**
 * What a trainer's grid costs the database, on the query the web client sends
 * (`client/src/pages/trainer/trainer-queries.ts`): asked again with nothing changed, it reads
 * the group's row alone (its grid stamp, whether the viewer trains it, whether it is archived)
 * besides the sign-in; and every change another writer makes — a validation, a name, the
 * roster, the trainer's own membership, the group archived — shows at the next request.
 * bench/api.bench.ts measures what that saves at 10,000 learners.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupProgressQuery } from '../../../client/src/pages/trainer/trainer-queries.ts';
import { createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { countQueries } from '../../support/query-count.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'scale-trainer-grid-secret-with-enough-entropy-0123456789';
const S = 'seniors-numerique';
const FIRST_SKILL = `${S}/allumer-son-appareil`;
const GROUP = 'groupe-du-mardi';

interface Grid {
  __typename: string;
  skillIds: string[];
  rows: { learnerId: string; displayName: string; statusCodes: string }[];
}

const typenameOf = (data: unknown) =>
  (data as { progressGrid?: { __typename?: string } } | undefined)?.progressGrid?.__typename;

describe.each(testDatabaseKinds())('the trainer grid on %s', (kind) => {
  let engine: EngineFixture;
  let server: Server;
  let base: string;
  let coach: Member;
  let admin: Member;
  let learners: Member[];

  const ask = async (viewer: Member = coach) => {
    const { statements, result } = await countQueries(engine.db, () =>
      postGraphql(
        base,
        GroupProgressQuery.source,
        { groupId: GROUP, curriculumId: S },
        viewer.token,
      ),
    );
    expect(result.errors).toBeUndefined();
    return { statements, grid: result.data?.progressGrid as Grid };
  };
  const statusOf = (grid: Grid, learner: Member, skillId = FIRST_SKILL) => {
    const row = grid.rows.find((r) => r.learnerId === learner.personId);
    return row?.statusCodes.charAt(grid.skillIds.indexOf(skillId));
  };
  const membership = (personId: string, role = 'learner') => ({
    groupId: GROUP,
    personId,
    role,
    joinedAt: engine.clock(),
  });

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
    });
    const root = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, root, ['admin'], 'Alix');
    coach = await createMember(accounts, root, ['trainer'], 'Coach');
    learners = [];
    for (const name of ['Ada', 'Bea', 'Cyril']) {
      learners.push(await createMember(accounts, root, ['learner'], name));
    }
    await engine
      .db('groups')
      .insert({ id: GROUP, name: 'Mardi', curriculumId: S, createdAt: engine.clock() });
    await engine
      .db('group_members')
      .insert([
        membership(coach.personId, 'trainer'),
        ...learners.slice(0, 2).map((l) => membership(l.personId)),
      ]);
    ({ server, base } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('asked again with nothing changed, reads the group’s row alone besides the sign-in', async () => {
    const first = await ask();
    expect(first.grid.__typename).toBe('ProgressGrid');
    expect(first.grid.rows.map((r) => r.displayName)).toEqual(['Ada', 'Bea']);
    const again = await ask();
    expect(again.grid).toEqual(first.grid);
    expect(again.statements, again.statements.join('\n')).toHaveLength(2);
    const [, head] = again.statements;
    expect(head).toMatch(/from [`"]?groups/);
    expect(head).not.toMatch(/group_members m|skill_states|join/);
    // An administrator sees the same grid, kept or not.
    expect((await ask(admin)).grid).toEqual(first.grid);
  });

  it('shows at the next request a validation and a new name, written by another writer', async () => {
    const [ada, bea] = learners as [Member, Member];
    expect(statusOf((await ask()).grid, ada)).toBe('A');
    await engine.record({
      learnerId: ada.personId,
      skillId: FIRST_SKILL,
      type: 'skill-validated',
      actorId: coach.personId,
    });
    const validated = await ask();
    expect(statusOf(validated.grid, ada)).toBe('V');
    expect(statusOf(validated.grid, bea)).toBe('A');
    // Only Ada's rows are read again: Bea's columns are kept while her ledger stays still.
    const stateReads = validated.statements.filter((sql) => sql.includes('skill_states'));
    expect(stateReads).toHaveLength(1);
    expect((await ask()).statements).toHaveLength(2);

    // Plain statements, as an administrator's script or another instance would send them.
    await engine.db('people').where('id', bea.personId).update({ displayName: 'Béatrice' });
    expect((await ask()).grid.rows.map((r) => r.displayName)).toEqual(['Ada', 'Béatrice']);
  });

  it('shows the roster as it is: a learner added, a learner taken out', async () => {
    const [ada, , cyril] = learners as [Member, Member, Member];
    await engine.db('group_members').insert(membership(cyril.personId));
    expect((await ask()).grid.rows.map((r) => r.displayName)).toEqual(['Ada', 'Béatrice', 'Cyril']);
    await engine.db('group_members').where({ groupId: GROUP, personId: ada.personId }).del();
    expect((await ask()).grid.rows.map((r) => r.displayName)).toEqual(['Béatrice', 'Cyril']);
  });

  it('refuses a trainer taken out of the group, and an archived group, though a grid is kept', async () => {
    await ask();
    await engine
      .db('group_members')
      .where({ groupId: GROUP, personId: coach.personId, role: 'trainer' })
      .del();
    const refused = await postGraphql(
      base,
      GroupProgressQuery.source,
      { groupId: GROUP, curriculumId: S },
      coach.token,
    );
    expect(typenameOf(refused.data)).toBe('Forbidden');
    await engine.db('group_members').insert(membership(coach.personId, 'trainer'));
    expect((await ask()).grid.__typename).toBe('ProgressGrid');
    await engine.db('groups').where('id', GROUP).update({ archivedAt: engine.clock() });
    const archived = await postGraphql(
      base,
      GroupProgressQuery.source,
      { groupId: GROUP, curriculumId: S },
      coach.token,
    );
    expect(typenameOf(archived.data)).toBe('Forbidden');
  });
});
