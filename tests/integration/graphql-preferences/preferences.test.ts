/**
 * The display preferences through the GraphQL API on a real express server: a person reads
 * and changes their own language, large text and high contrast; changes are kept (read back
 * in a new request, as another device would); a bad language is a typed error and writes
 * nothing; anonymous callers are refused.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
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

const JWT_SECRET = 'graphql-preferences-secret-with-enough-entropy-0123';

const READ = `query { myPreferences { locale largeText highContrast } }`;
const UPDATE = `
  mutation Update($locale: String, $largeText: Boolean, $highContrast: Boolean) {
    updateMyPreferences(locale: $locale, largeText: $largeText, highContrast: $highContrast) {
      __typename
      ... on Preferences { locale largeText highContrast }
      ... on UnsupportedLocale { code locale message { fr en } }
    }
  }`;

describe.each(testDatabaseKinds())('display preferences on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let learner: Member;
  let other: Member;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const staff = await addStaff(accounts, ['admin'], 'Root');
    learner = await createMember(accounts, staff, ['learner'], 'Jeannine');
    other = await createMember(accounts, staff, ['learner'], 'Michel');
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  });
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('start in French, normal text, normal contrast', async () => {
    const body = await postGraphql(base, READ, {}, learner.token);
    expect(body.data?.myPreferences).toEqual({
      locale: 'fr',
      largeText: false,
      highContrast: false,
    });
  });

  it('change only what is sent, and keep it for the next request', async () => {
    engine.clock.tick();
    const first = await postGraphql(base, UPDATE, { largeText: true }, learner.token);
    expect(first.data?.updateMyPreferences).toEqual({
      __typename: 'Preferences',
      locale: 'fr',
      largeText: true,
      highContrast: false,
    });
    const second = await postGraphql(
      base,
      UPDATE,
      { highContrast: true, locale: 'en' },
      learner.token,
    );
    expect(second.data?.updateMyPreferences).toMatchObject({
      locale: 'en',
      largeText: true,
      highContrast: true,
    });
    const read = await postGraphql(base, READ, {}, learner.token);
    expect(read.data?.myPreferences).toEqual({ locale: 'en', largeText: true, highContrast: true });
    // The person's language is the account's: `me` says it too.
    const me = await postGraphql(base, 'query { me { locale } }', {}, learner.token);
    expect(me.data?.me).toEqual({ locale: 'en' });
    // Another person's preferences did not move.
    const theirs = await postGraphql(base, READ, {}, other.token);
    expect(theirs.data?.myPreferences).toEqual({
      locale: 'fr',
      largeText: false,
      highContrast: false,
    });
  });

  it('refuse a language the platform does not speak, with a typed error, writing nothing', async () => {
    const before = await postGraphql(base, READ, {}, other.token);
    const body = await postGraphql(base, UPDATE, { locale: 'de', largeText: true }, other.token);
    expect(body.data?.updateMyPreferences).toMatchObject({
      __typename: 'UnsupportedLocale',
      code: 'unsupported-locale',
      locale: 'de',
      message: { fr: expect.stringContaining('« fr »') },
    });
    const after = await postGraphql(base, READ, {}, other.token);
    expect(after.data?.myPreferences).toEqual(before.data?.myPreferences);
  });

  it('refuse anonymous callers', async () => {
    const read = await postGraphql(base, READ);
    expect(read.errors?.[0]?.extensions?.code).toBe('unauthenticated');
    const write = await postGraphql(base, UPDATE, { largeText: true });
    expect(write.errors?.[0]?.extensions?.code).toBe('unauthenticated');
  });

  it('give each skill its activities, as the curriculum lists them', async () => {
    const body = await postGraphql(
      base,
      `query { curricula { id skills { id activities { kind title { fr en } durationMinutes unplugged url } } } }`,
    );
    const seniors = (
      (body.data?.curricula ?? []) as Array<{
        id: string;
        skills: Array<{ id: string; activities: Array<{ kind: string; url: string | null }> }>;
      }>
    ).find((c) => c.id === 'seniors-numerique');
    const first = seniors?.skills.find((s) => s.id === 'seniors-numerique/allumer-son-appareil');
    expect(first?.activities[0]).toMatchObject({
      kind: 'WORKSHOP',
      title: { fr: 'Atelier « Mon appareil et moi »' },
      durationMinutes: 60,
      unplugged: false,
    });
    const all = seniors?.skills.flatMap((s) => s.activities) ?? [];
    // Every resource carries its address.
    expect(all.filter((a) => a.kind === 'RESOURCE').every((a) => a.url?.startsWith('http'))).toBe(
      true,
    );
  });
});
