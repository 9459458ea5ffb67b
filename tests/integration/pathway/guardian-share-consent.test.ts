/**
 * A minor's public share links follow their guardian's word: the trainer creating the account
 * records it (off unless said), an admin changes it later, and `createShareLink` refuses a
 * minor's link, writing nothing, until it is on.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPin } from '../../../server/app/accounts/sign-in-with-pin.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addGroup, addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'guardian-share-secret-with-enough-entropy-0123456789';

const CREATE_MINOR = `mutation ($groupId: ID!, $name: String!, $allows: Boolean) {
  createLearnerAccount(groupId: $groupId, displayName: $name, isMinor: true,
    guardian: { name: "Sam Parent", scope: "suivi des compétences", allowsPublicShare: $allows }) {
    __typename
    ... on CreateLearnerAccountSuccess { personId learnerCode pin }
  }
}`;

const SHARE = `mutation { createShareLink(input: { targets: true, milestones: false, awardIds: [] }) {
  __typename
  ... on LocalizedError { code }
  ... on CreateShareLinkSuccess { link { id } }
} }`;

const SET_CONSENT = `mutation ($learnerId: ID!, $allows: Boolean!) {
  setGuardianConsent(learnerId: $learnerId, allowsPublicShare: $allows) {
    __typename
    ... on LocalizedError { code message { fr en } }
    ... on SetGuardianConsentSuccess { learnerId allowsPublicShare }
  }
}`;

describe.each(testDatabaseKinds())("a minor's public shares and their guardian on %s", (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let admin: Member;
  let trainer: Member;
  let groupId: string;

  const gql = (source: string, variables: Record<string, unknown>, token: string) =>
    postGraphql(base, source, variables, token);

  /** Creates a minor through the trainer's form and signs them in with their PIN. */
  async function createMinor(name: string, allows: boolean | undefined) {
    const body = await gql(
      CREATE_MINOR,
      { groupId, name, ...(allows === undefined ? {} : { allows }) },
      trainer.token,
    );
    const created = body.data?.createLearnerAccount as {
      __typename: string;
      personId: string;
      learnerCode: string;
      pin: string;
    };
    expect(created.__typename).toBe('CreateLearnerAccountSuccess');
    const session = await signInWithPin(accounts, created);
    return { personId: created.personId, token: session.accessToken };
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, root, ['admin'], 'Admin');
    trainer = await createMember(accounts, root, ['trainer'], 'Trainer');
    groupId = await addGroup(accounts, { personId: trainer.personId, roles: ['trainer'] });
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  }, 60_000);
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('records no public sharing unless the trainer says so, and refuses the link', async () => {
    const minor = await createMinor('Noa', undefined);
    const [consent] = await accounts.people.guardianConsentsOf(minor.personId);
    expect(consent?.allowsPublicShare).toBe(false);
    const before = await engine.count('share_links');
    const body = await gql(SHARE, {}, minor.token);
    expect(body.data?.createShareLink).toEqual({
      __typename: 'PublicShareNeedsConsent',
      code: 'public-share-needs-consent',
    });
    expect(await engine.count('share_links')).toBe(before);
  });

  it("lets a minor share when the trainer recorded the guardian's yes", async () => {
    const minor = await createMinor('Lou', true);
    const [consent] = await accounts.people.guardianConsentsOf(minor.personId);
    expect(consent?.allowsPublicShare).toBe(true);
    const body = await gql(SHARE, {}, minor.token);
    expect(body.data?.createShareLink).toMatchObject({ __typename: 'CreateShareLinkSuccess' });
  });

  it('follows an admin who changes the consent later, both ways', async () => {
    const minor = await createMinor('Sacha', false);
    const allow = await gql(SET_CONSENT, { learnerId: minor.personId, allows: true }, admin.token);
    expect(allow.data?.setGuardianConsent).toEqual({
      __typename: 'SetGuardianConsentSuccess',
      learnerId: minor.personId,
      allowsPublicShare: true,
    });
    const shared = await gql(SHARE, {}, minor.token);
    expect(shared.data?.createShareLink).toMatchObject({ __typename: 'CreateShareLinkSuccess' });

    await gql(SET_CONSENT, { learnerId: minor.personId, allows: false }, admin.token);
    const refused = await gql(SHARE, {}, minor.token);
    expect(refused.data?.createShareLink).toMatchObject({ __typename: 'PublicShareNeedsConsent' });
  });

  it('answers typed errors: a trainer may not, nobody by that id, nobody with a consent', async () => {
    const minor = await createMinor('Eden', false);
    const asTrainer = await gql(
      SET_CONSENT,
      { learnerId: minor.personId, allows: true },
      trainer.token,
    );
    expect(asTrainer.errors?.map((error) => error.extensions?.code)).toEqual(['forbidden']);
    const [consent] = await accounts.people.guardianConsentsOf(minor.personId);
    expect(consent?.allowsPublicShare).toBe(false);

    const unknown = await gql(SET_CONSENT, { learnerId: 'nobody', allows: true }, admin.token);
    expect(unknown.data?.setGuardianConsent).toMatchObject({ __typename: 'UnknownPerson' });

    // An adult account has no guardian consent whose terms could change.
    const adult = await gql(
      SET_CONSENT,
      { learnerId: trainer.personId, allows: true },
      admin.token,
    );
    expect(adult.data?.setGuardianConsent).toMatchObject({
      __typename: 'NoStandingGuardianConsent',
      code: 'no-standing-guardian-consent',
      message: { fr: expect.stringContaining('accord parental'), en: expect.any(String) },
    });
  });
});
