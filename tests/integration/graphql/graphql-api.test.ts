/**
 * The GraphQL API through a real express server: who may read and decide what, typed errors in
 * French and English, badges issued by a validation, and the protections (depth, masking).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../../server/app/accounts/create-person.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { revokeRole } from '../../../server/app/accounts/revoke-role.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import type { Role } from '../../../server/auth/roles.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { graphqlDepsOf, serveGraphql } from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-test-secret-with-enough-entropy-0123456789';

interface GraphqlResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; messages?: { fr: string } } }[];
  };
}

interface Member {
  personId: string;
  token: string;
}

/** Starts express with the handler mounted as the lead mounts it. @returns its base URL. */
function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (server === undefined) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

const VALIDATE = `
  mutation Validate($input: ValidateSkillInput!) {
    validateSkill(input: $input) {
      __typename
      ... on ValidateSkillSuccess {
        state { skillId status level source validatedAt }
        issuedBadges { id badgeId title { fr } revoked verificationUrl }
      }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

describe.each(testDatabaseKinds())('the GraphQL API on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let deps: GraphqlDeps;
  let server: Server | undefined;
  let base: string;
  let trainer: Member;
  let learner: Member;
  let outsider: Member;
  let admin: Awaited<ReturnType<typeof addStaff>>;

  async function query(
    source: string,
    variables: Record<string, unknown> = {},
    token?: string,
    url = `${base}/graphql`,
  ): Promise<GraphqlResponse> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify({ query: source, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResponse['body'] };
  }

  async function member(roles: Role[]) {
    const email = `${roles.join('-')}-${randomUUID().slice(0, 8)}@grange.example`;
    const password = `mot-de-passe-${randomUUID()}`;
    const person = await createPerson(accounts, admin, {
      displayName: `${roles.join(' ')} ${email.slice(0, 4)}`,
      email,
      roles,
      password,
    });
    const session = await signInWithPassword(accounts, { email, password });
    return { personId: person.id, token: session.accessToken };
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    admin = await addStaff(accounts, ['admin'], 'Admin');
    trainer = await member(['trainer', 'learner']);
    learner = await member(['learner']);
    outsider = await member(['learner']);
    const groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors du mardi' }, engine.clock());
    for (const [person, role] of [
      [trainer, 'trainer'],
      [trainer, 'learner'],
      [learner, 'learner'],
    ] as const) {
      await accounts.groups.addMember({ groupId, personId: person.personId, role }, engine.clock());
    }
    deps = graphqlDepsOf(engine, JWT_SECRET);
    ({ base, server } = await serveGraphql(deps));
  });
  afterAll(async () => {
    await close(server);
    await engine?.dispose();
  });

  it('answer anonymous `me` with null and refuse anonymous progress with a typed error, not a 500', async () => {
    const me = await query('{ me { id } }');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: { me: null } });

    const states = await query('{ mySkillStates(curriculumId: "seniors-numerique") { skillId } }');
    expect(states.status).toBe(200);
    expect(states.body.data).toBeNull();
    expect(states.body.errors?.[0]?.extensions?.code).toBe('unauthenticated');
    expect(states.body.errors?.[0]?.extensions?.messages?.fr).toContain('Connectez-vous');
  });

  it('refuse a forged token with a 401 rather than the anonymous view', async () => {
    const response = await query('{ me { id } }', {}, 'not-a-token');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('invalid-access-token');
  });

  it('show the signed-in person with the roles the database holds', async () => {
    const me = await query('{ me { id displayName roles locale } }', {}, learner.token);
    expect(me.body.data?.me).toMatchObject({
      id: learner.personId,
      roles: ['LEARNER'],
      locale: 'fr',
    });
  });

  it('list the five curricula with their skills and badges', async () => {
    const response = await query(`{
      curricula {
        id title { fr en } modules { id }
        skills { id module order levels { level } validationMethods prerequisiteIds }
        badges { id title { fr } criteriaNarrative { en } image { color icon } }
      }
    }`);
    const curricula = response.body.data?.curricula as {
      id: string;
      skills: { id: string; prerequisiteIds: string[] }[];
      badges: { id: string; image: { color: string } }[];
    }[];
    expect(curricula).toHaveLength(5);
    const seniors = curricula.find((c) => c.id === 'seniors-numerique');
    expect(
      seniors?.skills.find((s) => s.id === 'seniors-numerique/se-connecter-au-wifi'),
    ).toMatchObject({ prerequisiteIds: ['seniors-numerique/allumer-son-appareil'] });
    expect(
      seniors?.badges.find((b) => b.id === 'seniors-numerique/premiers-pas')?.image.color,
    ).toBe('#2e7d32');
  });

  it('let a trainer validate a learner of their group and issue the badge it completes', async () => {
    const skills = ['allumer-son-appareil', 'utiliser-l-ecran-tactile', 'se-connecter-au-wifi'];
    const results = [];
    for (const skill of skills) {
      engine.clock.tick();
      const response = await query(
        VALIDATE,
        { input: { learnerId: learner.personId, skillId: `seniors-numerique/${skill}` } },
        trainer.token,
      );
      results.push(response.body.data?.validateSkill as Record<string, unknown>);
    }
    expect(results.map((r) => r.__typename)).toEqual(Array(3).fill('ValidateSkillSuccess'));
    expect(results[0]).toMatchObject({
      state: {
        skillId: 'seniors-numerique/allumer-son-appareil',
        status: 'VALIDATED',
        source: 'TRAINER',
      },
      issuedBadges: [],
    });
    const issued = (results[2] as { issuedBadges: { id: string; verificationUrl: string }[] })
      .issuedBadges;
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({
      badgeId: 'seniors-numerique/premiers-pas',
      title: { fr: 'Premiers pas' },
      revoked: false,
      verificationUrl: `${engine.publicUrl}/badges/${issued[0]?.id}`,
    });

    const mine = await query(
      `{
        mySkillStates(curriculumId: "seniors-numerique") { skillId status source }
        myBadges { id badgeId }
        myNextSteps(curriculumId: "seniors-numerique", limit: 3) { skillId status reasons }
      }`,
      {},
      learner.token,
    );
    const states = mine.body.data?.mySkillStates as { skillId: string; status: string }[];
    const status = (id: string) =>
      states.find((s) => s.skillId === `seniors-numerique/${id}`)?.status;
    expect(status('se-connecter-au-wifi')).toBe('VALIDATED');
    expect(status('installer-une-application')).toBe('AVAILABLE');
    expect(status('rechercher-sur-internet')).toBe('LOCKED');
    expect(mine.body.data?.myBadges).toEqual([
      { id: issued[0]?.id, badgeId: 'seniors-numerique/premiers-pas' },
    ]);
    const steps = mine.body.data?.myNextSteps as { skillId: string; status: string }[];
    expect(steps).toHaveLength(3);
    expect(steps.every((s) => s.status === 'AVAILABLE')).toBe(true);
  });

  it('answer Forbidden, in French and English, for a learner outside the groups and for oneself', async () => {
    const before = await engine.count('progress_events');
    for (const learnerId of [outsider.personId, trainer.personId]) {
      const response = await query(
        VALIDATE,
        { input: { learnerId, skillId: 'seniors-numerique/allumer-son-appareil' } },
        trainer.token,
      );
      expect(response.body.data?.validateSkill).toEqual({
        __typename: 'Forbidden',
        code: 'forbidden',
        message: {
          fr: "Vous n'avez pas le droit de faire cela.",
          en: 'You are not allowed to do this.',
        },
      });
    }
    expect(await engine.count('progress_events')).toBe(before);
  });

  it('answer typed errors for an unknown skill, a level out of range and a rejection without comment', async () => {
    const unknown = await query(
      VALIDATE,
      { input: { learnerId: learner.personId, skillId: 'seniors-numerique/voler' } },
      trainer.token,
    );
    expect(unknown.body.data?.validateSkill).toMatchObject({
      __typename: 'UnknownSkill',
      code: 'unknown-skill',
    });
    const level = await query(
      VALIDATE,
      {
        input: {
          learnerId: learner.personId,
          skillId: 'seniors-numerique/allumer-son-appareil',
          level: 4,
        },
      },
      trainer.token,
    );
    expect(level.body.data?.validateSkill).toMatchObject({
      __typename: 'LevelOutOfRange',
      message: { fr: expect.stringContaining("n'a pas de niveaux") },
    });
    const rejection = await query(
      `mutation { rejectSkill(input: {
          learnerId: "${learner.personId}", skillId: "seniors-numerique/installer-une-application",
          comment: "  " }) {
        __typename ... on LocalizedError { code }
      } }`,
      {},
      trainer.token,
    );
    expect(rejection.body.data?.rejectSkill).toEqual({
      __typename: 'InvalidProgressEvent',
      code: 'invalid-progress-event',
    });
  });

  it('let a trainer reject a skill with a comment', async () => {
    const response = await query(
      `mutation($input: RejectSkillInput!) { rejectSkill(input: $input) {
        __typename ... on RejectSkillSuccess { state { skillId status } }
      } }`,
      {
        input: {
          learnerId: learner.personId,
          skillId: 'seniors-numerique/installer-une-application',
          comment: "L'application n'a pas été trouvée dans le magasin.",
        },
      },
      trainer.token,
    );
    expect(response.body.data?.rejectSkill).toEqual({
      __typename: 'RejectSkillSuccess',
      state: { skillId: 'seniors-numerique/installer-une-application', status: 'IN_PROGRESS' },
    });
  });

  it('refuse validateSkill to a learner', async () => {
    const response = await query(
      VALIDATE,
      {
        input: { learnerId: outsider.personId, skillId: 'seniors-numerique/allumer-son-appareil' },
      },
      learner.token,
    );
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('forbidden');
  });

  it('decide on the roles held now, not those in a still-valid token', async () => {
    const former = await member(['trainer']);
    const groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Atelier du jeudi' }, engine.clock());
    await accounts.groups.addMember(
      { groupId, personId: former.personId, role: 'trainer' },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId, personId: outsider.personId, role: 'learner' },
      engine.clock(),
    );
    await revokeRole(accounts, admin, { personId: former.personId, role: 'trainer' });
    const response = await query(
      VALIDATE,
      {
        input: { learnerId: outsider.personId, skillId: 'seniors-numerique/allumer-son-appareil' },
      },
      former.token,
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(await engine.count('progress_events', { learnerId: outsider.personId })).toBe(0);
  });

  it('refuse a query nested deeper than the limit', async () => {
    const response = await query(`{
      __schema { types { fields { type { ofType { ofType { ofType { ofType {
        ofType { ofType { ofType { name } } } } } } } } } } }
    }`);
    // A validation error: nothing runs (no `data`); application/json answers say so with 200.
    expect(response.status).toBe(200);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('query-too-deep');
  });

  it('refuse a document with too many tokens before parsing it all', async () => {
    const response = await query(`{ ${'__typename '.repeat(2_500)} }`);
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.message).toContain('2000 tokens');
  });

  it('mask unexpected errors: no detail reaches the client', async () => {
    const broken = {
      ...engine.catalog,
      get curricula(): never {
        throw new Error('secret detail: /var/lib/grange/data.sqlite');
      },
    };
    const other = await serveGraphql({ ...deps, catalog: broken });
    try {
      const response = await query('{ curricula { id } }', {}, undefined, `${other.base}/graphql`);
      expect(response.status).toBe(200);
      expect(response.body.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(response.body)).not.toContain('secret');
    } finally {
      await close(other.server);
    }
  });
});
