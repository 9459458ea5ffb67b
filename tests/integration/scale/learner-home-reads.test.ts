/**
 * What the learner home costs the database, measured on the query the web client sends
 * (`client/src/pages/home/home-queries.ts`): its next steps and its curricula' progress share
 * one read of the learner's ledger and awards per request (`loaders.learnerSnapshot`), and
 * that read takes no credential or definition snapshot (a few KB of JSON per award), since
 * the home only counts and names badges. bench/api.bench.ts measures what that saves at 10,000
 * learners.
 */

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HomeQuery } from '../../../client/src/pages/home/home-queries.ts';
import { createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { listStandingBadges } from '../../../server/db/repositories/badge-awards-repository.ts';
import { addEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import { listLearnerEnrolments } from '../../../server/db/repositories/learner-enrolments-repository.ts';
import {
  type LearnerFactKind,
  readLearnerFacts,
} from '../../../server/db/repositories/learner-facts-repository.ts';
import {
  addNotification,
  countUnreadNotifications,
} from '../../../server/db/repositories/notifications-repository.ts';
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

const JWT_SECRET = 'scale-learner-home-secret-with-enough-entropy-0123456789';
const S = 'seniors-numerique';
const PREMIERS_PAS = `${S}/premiers-pas`;
const PREMIERS_PAS_SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];

interface Home {
  myNextSteps: {
    skillId: string;
    reasons: string[];
    skill: { curriculumId: string };
    countsFor: { id: string; title: { fr: string } }[];
  }[];
  myUnreadNotifications: number;
  myEnrolments: { curriculum: { id: string }; progress: { badgesEarned: number } }[];
}

describe.each(testDatabaseKinds())('the learner home on %s', (kind) => {
  let engine: EngineFixture;
  let server: Server;
  let base: string;
  let learner: Member;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
    });
    const root = await addStaff(accounts, ['admin'], 'Root');
    learner = await createMember(accounts, root, ['learner'], 'Camille');
    await engine.addPerson('coach');
    await addEnrolments(engine.db, [
      { personId: learner.personId, curriculumId: S, enrolledAt: engine.clock() },
      {
        personId: learner.personId,
        curriculumId: 'identite-numerique',
        enrolledAt: engine.clock(),
      },
    ]);
    for (const skillId of PREMIERS_PAS_SKILLS) {
      await engine.record({
        learnerId: learner.personId,
        skillId,
        type: 'skill-validated',
        actorId: 'coach',
      });
    }
    ({ server, base } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });

  afterAll(async () => {
    if (server !== undefined) await closeServer(server);
    await engine?.dispose();
  });

  it("reads no event, the awards once without their credentials, and where the ledger ends with the learner's row", async () => {
    const { statements, result } = await countQueries(engine.db, () =>
      postGraphql(base, HomeQuery.source, {}, learner.token),
    );
    expect(result.errors).toBeUndefined();
    const home = result.data as unknown as Home;
    expect(home.myEnrolments.map((e) => e.curriculum.id).sort()).toEqual(['identite-numerique', S]);
    const seniors = home.myEnrolments.find((e) => e.curriculum.id === S);
    expect(seniors?.progress.badgesEarned).toBe(1);
    expect(home.myNextSteps.length).toBeGreaterThan(0);
    expect(home.myNextSteps.map((s) => s.skillId)).not.toContain(PREMIERS_PAS_SKILLS[0]);

    const reading = (table: string) => statements.filter((sql) => sql.includes(table));
    // Where the ledger ends comes with the sign-in read of the learner's row, and the tracks
    // saved with their last event hold the rest: no statement reads their events.
    expect(reading('progress_events')).toHaveLength(0);
    expect(reading('people')).toHaveLength(1);
    expect(reading('badge_awards')).toHaveLength(1);
    expect(reading('badge_awards')[0]).not.toMatch(/credential|definition_snapshot|select \*|\.\*/);
    // Next steps and curricula share one read of the enrolments too.
    expect(statements.filter((sql) => /from [`"]?enrolments\b/.test(sql))).toHaveLength(1);
    // The badge earned is held: the next steps no longer count its skills for it.
    expect(JSON.stringify(home.myNextSteps)).not.toContain(`counts-for-badge:${PREMIERS_PAS}`);
  });

  it('names the badges each step counts for, and counts the unread messages without reading them', async () => {
    const ask = async () => {
      const { statements, result } = await countQueries(engine.db, () =>
        postGraphql(base, HomeQuery.source, {}, learner.token),
      );
      expect(result.errors).toBeUndefined();
      return { statements, home: result.data as unknown as Home };
    };
    const { statements, home } = await ask();
    // Their states and facts kept since the first test: the sign-in alone, which says where
    // their ledger ends and that their awards, enrolments and messages have not changed.
    expect(statements, statements.join('\n')).toHaveLength(1);
    for (const step of home.myNextSteps) {
      expect(step.countsFor.map((badge) => badge.id)).toEqual(
        step.reasons.flatMap((r) => (r.startsWith('counts-for-badge:') ? [r.slice(17)] : [])),
      );
      for (const badge of step.countsFor) expect(badge.title.fr).not.toBe('');
    }
    expect(home.myNextSteps.some((step) => step.countsFor.length > 0)).toBe(true);
    // The badge earned told the learner: one unread message, counted, never listed.
    const listed = await postGraphql(base, '{ myNotifications { id read } }', {}, learner.token);
    const messages = listed.data?.myNotifications as { id: string; read: boolean }[];
    expect(messages.length).toBeGreaterThan(0);
    expect(home.myUnreadNotifications).toBe(messages.filter((m) => !m.read).length);
    // Marking one read changes what was kept: the next home reads the count again, and only it.
    const read = await postGraphql(
      base,
      'mutation($id: ID!) { markNotificationRead(id: $id) { __typename } }',
      { id: messages[0]?.id },
      learner.token,
    );
    expect(read.errors).toBeUndefined();
    const after = await ask();
    expect(after.home.myUnreadNotifications).toBe(home.myUnreadNotifications - 1);
    expect(after.statements.filter((sql) => /from [`"]?notifications/.test(sql))).toEqual([
      expect.stringMatching(/count\(\*\)/),
    ]);
  });

  it('sees at the next request what another writer changed: awards, messages, groups', async () => {
    const ask = async (source = HomeQuery.source) => {
      const result = await postGraphql(base, source, {}, learner.token);
      expect(result.errors).toBeUndefined();
      return result.data as unknown as Home;
    };
    const earned = (home: Home) =>
      home.myEnrolments.find((e) => e.curriculum.id === S)?.progress.badgesEarned;
    const before = await ask();
    expect(earned(before)).toBe(1);
    // Written by plain statements, as another instance or an administrator's script would.
    const award = await engine.db('badge_awards').where('learnerId', learner.personId).first();
    await engine.db('badge_awards').where('id', award.id).update({ revokedAt: engine.clock() });
    const revoked = await ask();
    expect(earned(revoked)).toBe(0);
    await engine.db('badge_awards').where('id', award.id).update({ revokedAt: null });
    expect(earned(await ask())).toBe(1);

    await addNotification(engine.db, {
      id: randomUUID(),
      personId: learner.personId,
      kind: 'badge-earned',
      payload: { badgeId: PREMIERS_PAS },
      createdAt: engine.clock().toISOString(),
    });
    expect((await ask()).myUnreadNotifications).toBe(before.myUnreadNotifications + 1);

    const groupsQuery = '{ myEnrolments { curriculum { id } groups { name } } }';
    const groupNames = async () =>
      (
        (await ask(groupsQuery)) as unknown as {
          myEnrolments: { groups: { name: string }[] }[];
        }
      ).myEnrolments.flatMap((e) => e.groups.map((g) => g.name));
    const groupId = randomUUID();
    await engine
      .db('groups')
      .insert({ id: groupId, name: 'Vendredi', curriculumId: S, createdAt: engine.clock() });
    await engine.db('groupMembers').insert({
      groupId,
      personId: learner.personId,
      role: 'learner',
      joinedAt: engine.clock(),
    });
    expect(await groupNames()).toContain('Vendredi');
    await engine.db('groups').where('id', groupId).update({ name: 'Vendredi matin' });
    expect(await groupNames()).toContain('Vendredi matin');
    await engine.db('groups').where('id', groupId).update({ archivedAt: engine.clock() });
    expect((await groupNames()).filter((name) => name.startsWith('Vendredi'))).toEqual([]);
  });

  it('suggests skills of the curricula the learner follows, or of any to one enrolled nowhere', async () => {
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
    });
    const root = await addStaff(accounts, ['admin'], 'Root 2');
    const identity = await createMember(accounts, root, ['learner'], 'Dominique');
    const nowhere = await createMember(accounts, root, ['learner'], 'Sacha');
    await addEnrolments(engine.db, [
      {
        personId: identity.personId,
        curriculumId: 'identite-numerique',
        enrolledAt: engine.clock(),
      },
    ]);
    const suggested = async (member: Member, source = HomeQuery.source) => {
      const result = await postGraphql(base, source, {}, member.token);
      expect(result.errors).toBeUndefined();
      const steps = (result.data as unknown as Home).myNextSteps.map((step) => step.skillId);
      expect(steps.length).toBeGreaterThan(0);
      return steps;
    };
    // Identité numérique opens with seniors skills: those are suggested, nothing unrelated.
    const graph = engine.catalog.graph;
    const leading = new Set(
      graph
        .topologicalOrder()
        .filter((id) => id.startsWith('identite-numerique/'))
        .flatMap((id) => [id, ...graph.ancestors(id)]),
    );
    const forIdentity = await suggested(identity);
    expect(forIdentity.filter((id) => !leading.has(id))).toEqual([]);
    expect(forIdentity.some((id) => id.startsWith(`${S}/`))).toBe(true);
    // Enrolled nowhere: the same suggestions as without the filter.
    expect(await suggested(nowhere)).toEqual(
      await suggested(nowhere, '{ myNextSteps(limit: 5) { skillId skill { curriculumId } } }'),
    );
  });

  it('reads any set of standing badges, enrolments and unread count as each read alone gives it', async () => {
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
    });
    // Two groups on the curriculum, to see their order kept.
    const trainer = await addStaff(accounts, ['trainer'], 'Formatrice');
    for (const name of ['Mardi', 'Jeudi']) {
      const id = randomUUID();
      await accounts.groups.create({ id, name, curriculumId: S }, engine.clock());
      await accounts.groups.addMember(
        { groupId: id, personId: learner.personId, role: 'learner' },
        engine.clock(),
      );
      await accounts.groups.addMember(
        { groupId: id, personId: trainer.personId, role: 'trainer' },
        engine.clock(),
      );
    }
    const id = learner.personId;
    // One unread message for sure (the test above read one).
    await addNotification(engine.db, {
      id: randomUUID(),
      personId: id,
      kind: 'badge-earned',
      payload: { badgeId: PREMIERS_PAS },
      createdAt: engine.clock().toISOString(),
    });
    const alone = {
      standingBadges: await listStandingBadges(engine.db, id),
      enrolments: await listLearnerEnrolments(engine.db, id),
      unreadNotifications: await countUnreadNotifications(engine.db, id),
    };
    expect(alone.standingBadges.length).toBeGreaterThan(0);
    expect(alone.enrolments.flatMap((e) => e.groups.map((g) => g.name))).toEqual([
      'Jeudi',
      'Mardi',
    ]);
    expect(alone.unreadNotifications).toBeGreaterThan(0);
    const kinds = Object.keys(alone) as LearnerFactKind[];
    for (let set = 1; set < 1 << kinds.length; set++) {
      const wanted = kinds.filter((_, i) => (set & (1 << i)) !== 0);
      const { statements, result } = await countQueries(engine.db, () =>
        readLearnerFacts(engine.db, id, wanted),
      );
      expect(result).toEqual(Object.fromEntries(wanted.map((k) => [k, alone[k]])));
      expect(statements).toHaveLength(kind === 'postgres' ? 1 : wanted.length);
    }
    // Someone with none of them: empty lists, and none unread.
    expect(await readLearnerFacts(engine.db, trainer.personId, kinds)).toEqual({
      standingBadges: [],
      enrolments: [],
      unreadNotifications: 0,
    });
  });
});
