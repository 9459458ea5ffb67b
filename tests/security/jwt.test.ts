/**
 * Threat: someone forges, alters, replays or outlives an access token, or replays a stolen
 * refresh token, to act as another person (often an administrator) on the API.
 *
 * Proves, against the real HTTP server on each database, on the three doors that take a Bearer
 * token (GraphQL, `GET /me/clr.json`, `POST /auth/logout-all`): an unsigned token (`alg: none`
 * in any spelling), a token signed with the attacker's own key under any algorithm, the
 * server's public key used as an HMAC secret (algorithm confusion), a stolen token whose payload
 * was edited, an expired token and one not yet valid or issued in the future are all refused
 * with 401 and change nothing; roles written in a genuine token grant nothing the database does
 * not hold; the token of a disabled person counts as anonymous on GraphQL and is refused on
 * REST; the token of a person who no longer exists (never existed, row removed, or account
 * deleted and kept as a tombstone) is refused; and a refresh token used twice revokes its whole
 * family, the newer tokens included, while the person's other sessions go on. (Access tokens
 * are not looked up one by one: one already issued lives out its 15 minutes at most, unless its
 * person is disabled or deleted, which every door checks on each request.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../server/auth/access-tokens.ts';
import { hashRefreshToken } from '../../server/auth/refresh-tokens.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import {
  accessClaims,
  attackerSignedTokens,
  payloadOf,
  publicKeyAsHmacSecret,
  signedWithServerSecret,
  unsignedToken,
  withPayload,
} from './support/forged-tokens.ts';
import {
  SECURITY_JWT_SECRET,
  type SecurityServer,
  type SignedIn,
  startSecurityServer,
} from './support/security-server.ts';

/** What each door answered to one token. */
interface Answers {
  graphql: { status: number; code: unknown; me: unknown };
  clr: { status: number; code: unknown; wwwAuthenticate: string | null };
  logoutAll: { status: number; code: unknown };
}

describe.each(testDatabaseKinds())('access and refresh tokens under attack on %s', (kind) => {
  let app: SecurityServer;

  beforeAll(async () => {
    app = await startSecurityServer(kind);
  }, 60_000);
  afterAll(async () => {
    await app?.dispose();
  });

  /** Presents `token` at every door that takes a Bearer token. */
  async function present(token: string): Promise<Answers> {
    const authorization = `Bearer ${token}`;
    const graphql = await app.graphql('{ me { id roles } }', { token });
    const clr = await fetch(`${app.base}/me/clr.json`, { headers: { authorization } });
    const clrBody = (await clr.json()) as { error?: { code?: string } };
    const logoutAll = await fetch(`${app.base}/auth/logout-all`, {
      method: 'POST',
      headers: { authorization },
    });
    const logoutBody = logoutAll.status === 204 ? {} : await logoutAll.json();
    return {
      graphql: {
        status: graphql.status,
        code: graphql.body.errors?.[0]?.extensions?.code,
        me: graphql.body.data?.me,
      },
      clr: {
        status: clr.status,
        code: clrBody.error?.code,
        wwwAuthenticate: clr.headers.get('www-authenticate'),
      },
      logoutAll: {
        status: logoutAll.status,
        code: (logoutBody as { error?: { code?: string } }).error?.code,
      },
    };
  }

  const REFUSED: Answers = {
    graphql: { status: 401, code: 'invalid-access-token', me: undefined },
    clr: { status: 401, code: 'invalid-access-token', wwwAuthenticate: 'Bearer' },
    logoutAll: { status: 401, code: 'invalid-access-token' },
  };

  /** A refresh token of the admin, to show afterwards that no forged logout-all went through. */
  async function adminStillSignedIn(session: SignedIn): Promise<void> {
    const response = await fetch(`${app.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(response.status).toBe(200);
  }

  it('accept a genuine token at every door (the baseline the refusals are measured against)', async () => {
    const learner = await app.signIn(app.learner);
    const answers = await present(learner.accessToken);
    expect(answers.graphql).toEqual({
      status: 200,
      code: undefined,
      me: { id: learner.personId, roles: ['LEARNER'] },
    });
    // Past authentication: the learner simply has no badge to export yet.
    expect(answers.clr).toMatchObject({ status: 404, code: 'no-badge-to-export' });
    expect(answers.logoutAll.status).toBe(204);
  });

  it("refuse unsigned tokens ('none' in any spelling, with or without a signature)", async () => {
    const admin = await app.signIn(app.admin);
    const claims = accessClaims(app.admin.personId, app.clock.now);
    const genuineSignature = admin.accessToken.split('.')[2];
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      for (const signature of ['', genuineSignature]) {
        expect(await present(unsignedToken(claims, alg, signature)), alg).toEqual(REFUSED);
      }
    }
    await adminStillSignedIn(admin);
  });

  it("refuse tokens signed with the attacker's own keys, whatever the algorithm", async () => {
    const admin = await app.signIn(app.admin);
    const claims = accessClaims(app.admin.personId, app.clock.now);
    for (const [how, token] of Object.entries(attackerSignedTokens(claims))) {
      expect(await present(token), how).toEqual(REFUSED);
    }
    await adminStillSignedIn(admin);
  });

  it("refuse the server's public key used as an HMAC secret (algorithm confusion)", async () => {
    const admin = await app.signIn(app.admin);
    const did = (await (await fetch(`${app.base}/.well-known/did.json`)).json()) as {
      verificationMethod: { publicKeyMultibase: string }[];
    };
    const method = did.verificationMethod[0];
    expect(method?.publicKeyMultibase).toMatch(/^z/);
    const forms = [method?.publicKeyMultibase ?? '', JSON.stringify(method)];
    const claims = accessClaims(app.admin.personId, app.clock.now);
    for (const token of publicKeyAsHmacSecret(claims, forms)) {
      expect(await present(token)).toEqual(REFUSED);
    }
    await adminStillSignedIn(admin);
  });

  it('refuse a stolen token whose payload was edited: roles raised, person or expiry changed', async () => {
    const admin = await app.signIn(app.admin);
    const learner = await app.signIn(app.learner);
    const claims = payloadOf(learner.accessToken);
    const exp = Number(claims.exp);
    for (const edited of [
      { ...claims, roles: ['admin'] },
      { ...claims, roles: ['learner', 'trainer', 'counsellor', 'admin'] },
      { ...claims, sub: app.admin.personId },
      { ...claims, exp: exp + 365 * 24 * 3600 },
      { ...claims, typ: 'access', extra: true },
    ]) {
      expect(await present(withPayload(learner.accessToken, edited))).toEqual(REFUSED);
    }
    // Edited header, payload kept: still refused.
    const [, payload, signature] = learner.accessToken.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: '../x' }));
    expect(await present(`${header.toString('base64url')}.${payload}.${signature}`)).toEqual(
      REFUSED,
    );
    await adminStillSignedIn(admin);
  });

  it('refuse expired tokens, tokens not yet valid and tokens issued in the future', async () => {
    const now = Math.floor(app.clock.now.getTime() / 1000);
    const base = accessClaims(app.learner.personId, app.clock.now, ['learner']);
    const sign = (claims: object) => signedWithServerSecret(claims, SECURITY_JWT_SECRET);
    // Only the server's secret could make these: they show what is checked beyond the signature.
    for (const [what, claims] of Object.entries({
      'expired a second ago': { ...base, iat: now - 901, exp: now - 1 },
      'expiring right now': { ...base, iat: now - 900, exp: now },
      'not valid for another hour (nbf)': { ...base, nbf: now + 3600 },
      'issued an hour from now (iat)': { ...base, iat: now + 3600, exp: now + 4500 },
      'living a year instead of 15 minutes': { ...base, exp: now + 365 * 24 * 3600 },
      'without an expiry': { sub: base.sub, roles: base.roles, typ: 'access', iat: now },
      'signed with HS512 and the right secret': null,
    })) {
      const token =
        claims === null ? signedWithServerSecret(base, SECURITY_JWT_SECRET, 'HS512') : sign(claims);
      expect(await present(token), what).toEqual(REFUSED);
    }

    // A genuine token stops working when its 15 minutes are up.
    const session = await app.signIn(app.learner);
    app.clock.advance(14 * 60_000 + 59_000);
    expect((await present(session.accessToken)).graphql.status).toBe(200);
    app.clock.advance(1_000);
    expect(await present(session.accessToken)).toEqual(REFUSED);
  });

  it('grant only the roles the database holds, whatever a genuine token says', async () => {
    // As if the server had signed it: a learner's token claiming every role.
    const token = signAccessToken(
      { personId: app.learner.personId, roles: ['learner', 'trainer', 'counsellor', 'admin'] },
      { secret: SECURITY_JWT_SECRET, now: app.clock.now },
    );
    const me = await app.graphql('{ me { roles } }', { token });
    expect(me.body.data?.me).toEqual({ roles: ['LEARNER'] });
    const people = await app.graphql('{ people { __typename } }', { token });
    expect(people.body.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(people.body.data ?? null).toBeNull();
  });

  it("treat a disabled person's token as anonymous on GraphQL and refuse it on REST", async () => {
    const admin = await app.signIn(app.admin);
    const victim = await app.signUp(['learner'], 'Disabled Dora');
    expect((await present(victim.accessToken)).graphql.me).toMatchObject({ id: victim.personId });
    const disabled = await app.graphql(
      `mutation D($id: ID!) { disableAccount(personId: $id, reason: "carte perdue") { __typename } }`,
      { token: admin.accessToken, variables: { id: victim.personId } },
    );
    expect(disabled.body.data?.disableAccount).toEqual({ __typename: 'PersonAccountSuccess' });

    // The access token is still within its 15 minutes and correctly signed.
    const answers = await present(victim.accessToken);
    expect(answers.graphql).toEqual({ status: 200, code: undefined, me: null });
    expect(answers.clr).toEqual(REFUSED.clr);
    expect(answers.logoutAll).toEqual(REFUSED.logoutAll);
    const badges = await app.graphql('{ myBadges { id } }', { token: victim.accessToken });
    expect(badges.body.errors?.[0]?.extensions?.code).toBe('unauthenticated');
    const refresh = await fetch(`${app.base}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: victim.refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('refuse the token of a person who does not exist, was removed or deleted', async () => {
    const ghost = signAccessToken(
      { personId: randomUUID(), roles: ['admin'] },
      { secret: SECURITY_JWT_SECRET, now: app.clock.now },
    );
    expect(await present(ghost)).toEqual(REFUSED);

    // A person with a genuine token, then removed straight from the table (however accounts
    // come to be deleted, their tokens must die with them).
    const id = randomUUID();
    const at = app.clock.now.toISOString();
    await app.db('people').insert({ id, displayName: 'Gone', createdAt: at, updatedAt: at });
    await app.db('person_roles').insert({ personId: id, role: 'admin' });
    const token = signAccessToken(
      { personId: id, roles: ['admin'] },
      { secret: SECURITY_JWT_SECRET, now: app.clock.now },
    );
    expect((await present(token)).graphql.me).toMatchObject({ id, roles: ['ADMIN'] });
    await app.db('person_roles').where({ personId: id }).delete();
    await app.db('people').where({ id }).delete();
    expect(await present(token)).toEqual(REFUSED);

    // A deleted account kept as a tombstone (`deleted_at`, for the badges it chose to keep).
    const tombstoned = await app.signUp(['learner'], 'Deleted Denise');
    expect((await present(tombstoned.accessToken)).graphql.status).toBe(200);
    await app
      .db('people')
      .where({ id: tombstoned.personId })
      .update({ deletedAt: app.clock.now.toISOString() });
    expect(await present(tombstoned.accessToken)).toEqual(REFUSED);
  });

  it('revoke the whole family when a refresh token comes back, newer tokens included', async () => {
    const refresh = async (refreshToken: string) => {
      const response = await fetch(`${app.base}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      const body = (await response.json()) as {
        refreshToken?: string;
        accessToken?: string;
        error?: { code: string };
      };
      return { status: response.status, body };
    };
    const login = await fetch(`${app.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: app.trainer.email, password: app.trainer.password }),
    });
    expect(login.status).toBe(200);
    const first = ((await login.json()) as { refreshToken: string }).refreshToken;
    const otherDevice = await app.signIn(app.trainer);

    // The thief uses the stolen token first, twice over; the owner then comes back with it.
    const second = await refresh(first);
    expect(second.status).toBe(200);
    const third = await refresh(second.body.refreshToken ?? '');
    expect(third.status).toBe(200);
    const replay = await refresh(first);
    expect(replay).toMatchObject({
      status: 401,
      body: { error: { code: 'invalid-refresh-token' } },
    });

    // Every token of that family is dead, the newest one too; asking again changes nothing.
    for (const token of [third.body.refreshToken, second.body.refreshToken, first]) {
      expect((await refresh(token ?? '')).status).toBe(401);
    }
    const stolen = await app.db('refresh_tokens').where({ tokenHash: hashRefreshToken(first) });
    const family = await app.db('refresh_tokens').where({ familyId: stolen[0]?.familyId });
    expect(family).toHaveLength(3);
    expect(family.filter((row) => row.revokedAt === null)).toEqual([]);
    // The person's other session is another family: it goes on.
    const other = await refresh(otherDevice.refreshToken);
    expect(other.status).toBe(200);
  });
});
