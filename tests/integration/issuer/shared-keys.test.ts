/**
 * Two server instances on one database (one SQLite file, one PostgreSQL schema): a key
 * rotated or retired through instance A is what instance B signs with and publishes at once,
 * though nobody tells B. Keys change through A's GraphQL API as an administrator would change
 * them; badges are issued through B's GraphQL API by a trainer; an outside verifier checks
 * them against what B serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createMember, type GraphqlBody, type Member } from '../../support/graphql-client.ts';
import { addGroup, addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { type Deployment, type Instance, startDeployment } from './server-instances.ts';

const PREMIERS_PAS_SKILLS = [
  'seniors-numerique/allumer-son-appareil',
  'seniors-numerique/utiliser-l-ecran-tactile',
  'seniors-numerique/se-connecter-au-wifi',
];

const ROTATE = `mutation($algorithm: KeyAlgorithm!) {
  rotateIssuerKey(algorithm: $algorithm) { key { id algorithm active } } }`;
const RETIRE = `mutation($id: ID!) {
  retireIssuerKey(id: $id) {
    __typename
    ... on IssuerKeySuccess { key { id active retiredAt } }
    ... on LocalizedError { code }
  } }`;
const VALIDATE = `mutation($input: ValidateSkillInput!) {
  validateSkill(input: $input) {
    __typename
    ... on ValidateSkillSuccess { issuedBadges { id badgeId } }
    ... on LocalizedError { code }
  } }`;

interface Credential {
  proof: { verificationMethod: string; created: string }[];
  credentialStatus: { statusListCredential: string };
}

interface DidDocument {
  verificationMethod: { id: string; revoked?: string }[];
}

describe.each(testDatabaseKinds())('issuer keys shared by two server instances on %s', (kind) => {
  let deployment: Deployment;
  let a: Instance;
  let b: Instance;
  let root: StaffMember;
  let admin: Member;
  let trainer: Member;
  let groupId: string;

  const gql = async (
    instance: Instance,
    source: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<GraphqlBody> => {
    const response = await deployment.request(instance.name, '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: source, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphqlBody;
  };

  const getJson = async <T>(instance: Instance, path: string): Promise<T> => {
    const response = await deployment.request(instance.name, path, {
      headers: { accept: 'application/vc+ld+json' },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  /** Rotates in a new Ed25519 key through A's API. @returns its id. */
  const rotateOnA = async (): Promise<string> => {
    deployment.clock.tick();
    const body = await gql(a, ROTATE, { algorithm: 'ED25519' }, admin.token);
    const rotated = body.data?.rotateIssuerKey as { key: { id: string; active: boolean } };
    expect(rotated.key.active).toBe(true);
    return rotated.key.id;
  };

  const retireOnA = async (id: string): Promise<void> => {
    deployment.clock.tick();
    const body = await gql(a, RETIRE, { id }, admin.token);
    expect(body.data?.retireIssuerKey).toMatchObject({
      __typename: 'IssuerKeySuccess',
      key: { id, active: false },
    });
  };

  /** A new learner of the trainer's group earns « Premiers pas » through B's API. */
  const earnThroughB = async (name: string): Promise<{ credential: Credential; email: string }> => {
    const learner = await createMember(b.accounts, root, ['learner'], name);
    await b.accounts.groups.addMember(
      { groupId, personId: learner.personId, role: 'learner' },
      deployment.clock(),
    );
    let awardId: string | undefined;
    for (const skillId of PREMIERS_PAS_SKILLS) {
      deployment.clock.tick();
      const body = await gql(
        b,
        VALIDATE,
        { input: { learnerId: learner.personId, skillId } },
        trainer.token,
      );
      const result = body.data?.validateSkill as {
        __typename: string;
        issuedBadges: { id: string }[];
      };
      expect(result.__typename).toBe('ValidateSkillSuccess');
      awardId ??= result.issuedBadges[0]?.id;
    }
    if (awardId === undefined) throw new Error('« Premiers pas » was not issued');
    return { credential: await getJson<Credential>(b, `/badges/${awardId}`), email: learner.email };
  };

  const verifyOutside = (credential: unknown, email: string): Promise<VerificationReport> =>
    verifyCredential(credential, {
      now: new Date(deployment.clock().getTime() + 3_600_000),
      allowLoopback: true,
      timeoutMs: 5_000,
      knownIssuers: [b.issuer.profile.id],
      email,
    });

  const didOf = (instance: Instance) => getJson<DidDocument>(instance, '/.well-known/did.json');

  beforeAll(async () => {
    deployment = await startDeployment(kind, ['a', 'b']);
    [a, b] = deployment.instances as [Instance, Instance];
    // Verifiers fetch the DID document and the status lists from B.
    deployment.front.fallback = 'b';
    root = await addStaff(a.accounts, ['admin'], 'Root');
    admin = await createMember(a.accounts, root, ['admin'], 'Admin');
    trainer = await createMember(a.accounts, root, ['trainer'], 'Trainer');
    groupId = await addGroup(a.accounts, { personId: trainer.personId, roles: ['trainer'] });
  }, 60_000);
  afterAll(async () => {
    await deployment?.dispose();
  });

  it('a key rotated through A signs what B issues next, and it verifies', async () => {
    const [first] = b.issuer.keys.filter((key) => key.algorithm === 'Ed25519');
    const before = await earnThroughB('Avant');
    expect(before.credential.proof[0]?.verificationMethod).toBe(first?.id);

    const rotated = await rotateOnA();
    // B was not told: its start-up copy of the keys does not have the new one.
    expect(b.issuer.keys.some((key) => key.id === rotated)).toBe(false);

    const after = await earnThroughB('Après');
    expect(after.credential.proof[0]?.verificationMethod).toBe(rotated);
    expect((await didOf(b)).verificationMethod.map((method) => method.id)).toContain(rotated);
    expect((await verifyOutside(after.credential, after.email)).verdict).toBe('valid');
    // What the old key signed stays valid.
    expect((await verifyOutside(before.credential, before.email)).verdict).toBe('valid');
  });

  it('a key retired through A shows retired in B’s DID document at once, and B never signs with it', async () => {
    const keys = (await didOf(b)).verificationMethod;
    const [oldest, current] = keys as [DidDocument['verificationMethod'][0], { id: string }];
    await retireOnA(oldest.id);
    const retired = (await didOf(b)).verificationMethod.find((method) => method.id === oldest.id);
    expect(retired?.revoked).toBe(deployment.clock().toISOString());

    // The newest key retired too: B goes back to the newest key still active.
    const newest = await rotateOnA();
    await retireOnA(newest);
    const published = (await didOf(b)).verificationMethod;
    expect(published.find((method) => method.id === newest)?.revoked).toBeDefined();
    expect(published.filter((method) => method.revoked === undefined).map((m) => m.id)).toEqual([
      current.id,
    ]);

    const earned = await earnThroughB('Ensuite');
    expect(earned.credential.proof[0]?.verificationMethod).toBe(current.id);
    expect((await verifyOutside(earned.credential, earned.email)).verdict).toBe('valid');
    // B's status list is signed with that key too.
    const list = await getJson<Credential>(b, '/status/1');
    expect(list.proof[0]?.verificationMethod).toBe(current.id);
    expect(JSON.stringify(await didOf(b))).not.toMatch(/secretKey|privateKey/);
  });
});
