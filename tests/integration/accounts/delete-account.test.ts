/**
 * Account deletion (GDPR right to erasure) through the real express application, on SQLite and
 * PostgreSQL, with an issuer whose did:web and status lists are the served app's own, so badges
 * are verified exactly as an outside verifier would:
 *
 * - KEEP: the badge still verifies "valid" against the served app and its page names no one;
 *   the person's name, email and learner code are in no table, and their id only where the
 *   kept award needs it (the tombstone and the award's learner id); evidence files are gone
 *   from the disk; the access token, the refresh token and the password no longer work.
 * - REVOKE: the badge verifies "revoked", with the reason, on its page too.
 * - A wrong secret deletes nothing (only the lockout counter moves); the last administrator
 *   cannot delete their account; an administrator deletes a child's account on request.
 * - A failure midway (provoked by a database trigger on the last write) rolls everything back,
 *   status-list bit and files included; once the fault is gone the same deletion succeeds,
 *   for a guardian-consented minor with a card and PIN.
 * - A trainer who leaves: the validations they recorded stay in the learners' records.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBadgePng } from '../../../badges/images/badge-png.ts';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { createLearnerAccount } from '../../../server/app/accounts/create-learner-account.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { DELETION_REVOCATION_REASON } from '../../../server/app/accounts/erase-account.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { ensureIssuer } from '../../../server/app/ensure-issuer.ts';
import { FilesystemEvidenceFileStore } from '../../../server/app/evidence-files/filesystem-store.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import { submitEvidence } from '../../../server/app/learner/submit-evidence.ts';
import { followLearner } from '../../../server/app/pathway/follows.ts';
import {
  addCounsellorNote,
  setMilestone,
  setTargetJobs,
} from '../../../server/app/pathway/manage-pathway.ts';
import { createShareLink, openShareLink } from '../../../server/app/pathway/share-links.ts';
import { type RecordProgressDeps, recordProgress } from '../../../server/app/record-progress.ts';
import type { Viewer } from '../../../server/auth/policies.ts';
import { loadConfig } from '../../../server/config.ts';
import { type Database, isPostgres } from '../../../server/db/connection.ts';
import {
  findAward,
  type StoredCredential,
} from '../../../server/db/repositories/badge-awards-repository.ts';
import { addEnrolments } from '../../../server/db/repositories/demo-seed-repository.ts';
import {
  addAttendance,
  insertWorkshopSession,
} from '../../../server/db/repositories/workshops-repository.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { closeServer } from '../../support/close-server.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { createMember, type Member, postGraphql } from '../../support/graphql-client.ts';
import { shippedCurricula, type TestClock, testClock } from '../engine/engine-fixture.ts';
import { addStaff, type StaffMember } from './fixtures.ts';

const JWT_SECRET = 'delete-account-secret-with-enough-entropy-0123456789';
const S = 'seniors-numerique';
const BADGE_SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];
/** A real 4×4 PNG, rendered by the badge image code. */
const PNG = renderBadgePng(
  '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#2a7"/></svg>',
  4,
);

const DELETE_MY_ACCOUNT = `
  mutation Delete($input: DeleteMyAccountInput!) {
    deleteMyAccount(input: $input) {
      __typename
      ... on AccountDeleted { personId deletedAt keptBadges revokedBadges }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

const DELETE_PERSON_ACCOUNT = `
  mutation DeletePerson($input: DeletePersonAccountInput!) {
    deletePersonAccount(input: $input) {
      __typename
      ... on AccountDeleted { personId keptBadges revokedBadges }
      ... on LocalizedError { code }
    }
  }`;

interface DeletionResult {
  __typename: string;
  personId?: string;
  keptBadges?: number;
  revokedBadges?: number;
  code?: string;
}

/** A learner's signed-in session, as the sign-in route gives it. */
interface Signed {
  accessToken: string;
  refreshToken: string;
}

/** What a learner holds before deleting their account. */
interface Holder {
  personId: string;
  name: string;
  /** Their email, or their learner code for a card learner. */
  identifier: string;
  secret: string;
  session: Signed;
  awardId: string;
  credential: StoredCredential;
  fileKey: string;
}

/** Every table of the schema, as the database lists them. */
async function tableNames(db: Database): Promise<string[]> {
  const result = isPostgres(db)
    ? await db.raw(
        "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
      )
    : await db.raw(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
      );
  const rows = (Array.isArray(result) ? result : result.rows) as { name: string }[];
  return rows.map((row) => row.name).sort();
}

function text(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** @returns every `table.column` where `needle` appears, in any row of any table. */
async function whereFound(db: Database, needle: string): Promise<string[]> {
  const found = new Set<string>();
  for (const table of await tableNames(db)) {
    for (const row of (await db(table).select('*')) as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (text(value).includes(needle)) found.add(`${table}.${column}`);
      }
    }
  }
  return [...found].sort();
}

/** @returns every row of every table (rows sorted), to compare before and after. */
async function dump(
  db: Database,
  except: readonly string[] = [],
): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of await tableNames(db)) {
    if (except.includes(table)) continue;
    const rows = (await db(table).select('*')) as Record<string, unknown>[];
    tables[table] = rows
      .map((row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, text(v)])))
      .sort();
  }
  return tables;
}

describe.each(testDatabaseKinds())('account deletion on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let catalog: Catalog;
  let clock: TestClock;
  let issuer: Issuer;
  let server: Server | undefined;
  let base: string;
  let dataDir: string;
  let accounts: AccountsDeps;
  let root: StaffMember;
  let trainer: Member;
  let counsellor: Member;
  let groupId: string;
  let sessionId: string;

  const evidenceDir = () => join(dataDir, 'evidence');
  const filesOnDisk = (): string[] => {
    try {
      return readdirSync(evidenceDir()).sort();
    } catch {
      return [];
    }
  };
  const engineDeps = (): RecordProgressDeps => ({ db, catalog, issuer, publicUrl: base, clock });
  const pathwayDeps = () => ({ db, catalog, clock });
  const viewer = (personId: string, roles: Viewer['roles']): Viewer => ({ personId, roles });

  async function signIn(body: Record<string, string>): Promise<Response> {
    return fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function session(body: Record<string, string>): Promise<Signed> {
    const response = await signIn(body);
    expect(response.status).toBe(200);
    return (await response.json()) as Signed;
  }

  async function deleteMine(token: string, secret: string, badges: 'KEEP' | 'REVOKE') {
    const body = await postGraphql(base, DELETE_MY_ACCOUNT, { input: { secret, badges } }, token);
    return { body, result: body.data?.deleteMyAccount as DeletionResult | undefined };
  }

  /**
   * Gives a learner a full record: group, enrolment, attendance, a badge from three trainer
   * validations, a photo and a text as evidence, target jobs, a milestone, a counsellor who
   * follows them with a note, a share link opened once; then signs them in.
   */
  async function populate(
    personId: string,
    signInBody: Record<string, string>,
  ): Promise<Omit<Holder, 'name' | 'identifier' | 'secret'>> {
    await accounts.groups.addMember({ groupId, personId, role: 'learner' }, clock());
    await addEnrolments(db, [{ personId, curriculumId: S, enrolledAt: clock() }]);
    await addAttendance(db, [
      { sessionId, personId, method: 'qr', checkedInAt: clock().toISOString() },
    ]);
    let awardId: string | undefined;
    for (const skillId of BADGE_SKILLS) {
      clock.tick();
      const result = await recordProgress(engineDeps(), {
        learnerId: personId,
        skillId,
        type: 'skill-validated',
        actorId: trainer.personId,
        sessionId,
      });
      awardId ??= result.issued[0]?.awardId;
    }
    if (awardId === undefined) throw new Error('the badge was not issued');
    const store = new FilesystemEvidenceFileStore(evidenceDir());
    const filed = await submitEvidence(
      { ...engineDeps(), evidenceFiles: { store, maxBytes: 1024 * 1024 } },
      {
        learnerId: personId,
        skillId: `${S}/prendre-des-photos`,
        text: 'Ma photo du jardin',
        file: {
          name: 'jardin.png',
          size: PNG.length,
          arrayBuffer: async () => new Uint8Array(PNG).buffer,
        },
      },
    );
    await submitEvidence(engineDeps(), {
      learnerId: personId,
      skillId: `${S}/envoyer-une-piece-jointe`,
      text: 'J’ai envoyé une photo à ma fille',
    });
    const self = viewer(personId, ['learner']);
    await setTargetJobs(pathwayDeps(), self, ['developpeur-web']);
    await setMilestone(pathwayDeps(), self, {
      learnerId: personId,
      milestoneId: 'cv-pret',
      reachedOn: clock().toISOString().slice(0, 10),
    });
    await followLearner(pathwayDeps(), viewer(root.personId, ['admin']), {
      counsellorId: counsellor.personId,
      learnerId: personId,
    });
    await addCounsellorNote(pathwayDeps(), viewer(counsellor.personId, ['counsellor']), {
      learnerId: personId,
      text: 'Motivée, cherche un stage',
    });
    const { token } = await createShareLink(pathwayDeps(), self, {
      items: { targets: true, milestones: true, awardIds: [awardId] },
    });
    await openShareLink(pathwayDeps(), token, 'Mozilla/5.0 Firefox');
    const award = await findAward(db, awardId);
    if (award === undefined || filed.evidence.file === undefined) throw new Error('not stored');
    return {
      personId,
      session: await session(signInBody),
      awardId,
      credential: award.credential,
      fileKey: filed.evidence.file.key,
    };
  }

  /** An adult learner with an email and a password, and everything `populate` gives. */
  async function emailLearner(name: string): Promise<Holder> {
    const member = await createMember(accounts, root, ['learner'], name);
    const held = await populate(member.personId, {
      email: member.email,
      password: member.password,
    });
    return { ...held, name, identifier: member.email, secret: member.password };
  }

  /** Verifies a credential as an outside verifier would, against the served app, a day on. */
  function verify(credential: unknown, email?: string) {
    return verifyCredential(credential, {
      now: new Date(clock().getTime() + 24 * 3600_000),
      allowLoopback: true,
      timeoutMs: 5_000,
      knownIssuers: [issuer.profile.id],
      ...(email === undefined ? {} : { email }),
    });
  }

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    db = test.db;
    catalog = await shippedCurricula();
    clock = testClock();
    // The server listens before the issuer exists: the issuer's did:web is its own address.
    let app: Express | undefined;
    server = createServer((request, response) => {
      if (app === undefined) response.writeHead(503).end();
      else app(request, response);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await importCurricula(db, catalog, clock);
    issuer = await ensureIssuer(
      db,
      { publicUrl: base, name: 'Grange Numérique', email: 'contact@grange.example' },
      clock,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'grange-delete-account-'));
    app = createApp({
      config: loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: base }),
      db,
      logger: createLogger('silent'),
      catalog,
      clock,
      jwtSecret: JWT_SECRET,
      issuer,
    });
    accounts = createAccountsDeps({ db, clock, jwtSecret: JWT_SECRET });
    root = await addStaff(accounts, ['admin'], 'Root');
    trainer = await createMember(accounts, root, ['trainer'], 'Animateur Bastien');
    counsellor = await createMember(accounts, root, ['counsellor'], 'Conseillère Inès');
    groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors', curriculumId: S }, clock());
    await accounts.groups.addMember(
      { groupId, personId: trainer.personId, role: 'trainer' },
      clock(),
    );
    sessionId = randomUUID();
    await insertWorkshopSession(db, {
      id: sessionId,
      groupId,
      title: 'Atelier tablette',
      startsAt: clock().toISOString(),
      endsAt: new Date(clock().getTime() + 4 * 3600_000).toISOString(),
      checkInCode: randomUUID().slice(0, 8),
      targetSkills: BADGE_SKILLS,
      createdBy: trainer.personId,
    });
  }, 60_000);

  afterAll(async () => {
    await closeServer(server);
    await test?.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('KEEP: the badge still verifies, no personal data is left anywhere, files and tokens are gone', async () => {
    const learner = await emailLearner('Élodie Façon-Delétion');
    expect(filesOnDisk()).toContain(learner.fileKey);
    expect((await verify(learner.credential, learner.identifier)).verdict).toBe('valid');
    // Sanity: before deletion, the scan does find the person.
    expect(await whereFound(db, learner.name)).toContain('people.displayName');

    const { result } = await deleteMine(learner.session.accessToken, learner.secret, 'KEEP');
    expect(result).toMatchObject({
      __typename: 'AccountDeleted',
      personId: learner.personId,
      keptBadges: 1,
      revokedBadges: 0,
    });

    // The badge verifies as before, against the served app's DID document and status list.
    const report = await verify(learner.credential, learner.identifier);
    expect(report.verdict).toBe('valid');
    // The credential never carried the name or the email in clear.
    expect(JSON.stringify(learner.credential)).not.toContain(learner.name);
    expect(JSON.stringify(learner.credential)).not.toContain(learner.identifier);
    const page = await fetch(`${base}/badges/${learner.awardId}`, {
      headers: { accept: 'text/html', 'accept-language': 'fr' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('Élodie');
    expect(html).toContain('Nom non affiché');
    expect(html).not.toContain('Badge révoqué');

    // Nothing personal in any table; the id only where the kept award needs it.
    expect(await whereFound(db, learner.name)).toEqual([]);
    expect(await whereFound(db, 'Élodie')).toEqual([]);
    expect(await whereFound(db, learner.identifier)).toEqual([]);
    expect(await whereFound(db, 'Motivée, cherche un stage')).toEqual([]);
    expect(await whereFound(db, 'Ma photo du jardin')).toEqual([]);
    expect(await whereFound(db, learner.personId)).toEqual(['badge_awards.learnerId', 'people.id']);
    const [tombstone] = await db('people').where('id', learner.personId);
    expect(tombstone).toMatchObject({
      email: null,
      learnerCode: null,
      displayName: 'Compte supprimé',
    });
    expect(tombstone?.deletedAt).not.toBeNull();
    // Their events went: where their ledger ends says so.
    expect(Number(tombstone?.ledgerEnd)).toBe(0);
    const award = await findAward(db, learner.awardId);
    expect(award?.revokedAt).toBeUndefined();
    expect(award?.credential).toEqual(learner.credential);

    // The evidence file is gone from the disk.
    expect(filesOnDisk()).not.toContain(learner.fileKey);

    // Tokens stop working at once; the password too.
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${learner.session.accessToken}`,
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(graphql.status).toBe(401);
    const clr = await fetch(`${base}/me/clr.json`, {
      headers: { authorization: `Bearer ${learner.session.accessToken}` },
    });
    expect(clr.status).toBe(401);
    const refresh = await fetch(`${base}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: learner.session.refreshToken }),
    });
    expect(refresh.status).toBe(401);
    const again = await signIn({ email: learner.identifier, password: learner.secret });
    expect(again.status).toBe(401);
    // Nobody lists or manages the tombstone.
    const people = await postGraphql(
      base,
      '{ people(first: 100) { __typename ... on PeoplePage { nodes { id } } } }',
      {},
      (await session({ email: root.email, password: root.password })).accessToken,
    );
    const listed = people.data?.people as { nodes: { id: string }[] } | undefined;
    const ids = (listed?.nodes ?? []).map((n) => n.id);
    expect(ids).not.toContain(learner.personId);
    expect(ids).toContain(trainer.personId);
  }, 60_000);

  it('REVOKE: the badge verifies as revoked, with the reason, and the person is erased the same way', async () => {
    const learner = await emailLearner('Octave Révoqué');
    const { result } = await deleteMine(learner.session.accessToken, learner.secret, 'REVOKE');
    expect(result).toMatchObject({ __typename: 'AccountDeleted', keptBadges: 0, revokedBadges: 1 });
    const report = await verify(learner.credential, learner.identifier);
    expect(report.verdict).toBe('revoked');
    const award = await findAward(db, learner.awardId);
    expect(award?.revocationReason).toBe(DELETION_REVOCATION_REASON);
    const html = await (
      await fetch(`${base}/badges/${learner.awardId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(html).toContain('Badge révoqué');
    expect(html).toContain('Supprimé à la demande de la personne');
    expect(await whereFound(db, learner.name)).toEqual([]);
    expect(await whereFound(db, learner.identifier)).toEqual([]);
    // The revocation records who asked: the person, now a tombstone.
    expect(await whereFound(db, learner.personId)).toEqual([
      'badge_awards.learnerId',
      'badge_awards.revokedBy',
      'people.id',
    ]);
    expect(filesOnDisk()).not.toContain(learner.fileKey);
  }, 60_000);

  it('deletes nothing on a wrong secret (only the lockout counter moves)', async () => {
    const learner = await emailLearner('Maëlle Prudente');
    const before = await dump(db, ['password_credentials']);
    const [credential] = await db('password_credentials').where('personId', learner.personId);
    const { result } = await deleteMine(
      learner.session.accessToken,
      'pas-mon-mot-de-passe',
      'KEEP',
    );
    expect(result?.__typename).toBe('WrongSecret');
    expect(result?.code).toBe('wrong-secret');
    expect(await dump(db, ['password_credentials'])).toEqual(before);
    const [after] = await db('password_credentials').where('personId', learner.personId);
    expect(Number(after?.failedAttempts)).toBe(Number(credential?.failedAttempts) + 1);
    expect(after?.hash).toBe(credential?.hash);
    expect(filesOnDisk()).toContain(learner.fileKey);
    // An empty secret is refused as bad input, nothing deleted either.
    const empty = await deleteMine(learner.session.accessToken, '', 'KEEP');
    expect(empty.result?.__typename).toBe('InvalidInput');
    expect(
      (await postGraphql(base, '{ me { id } }', {}, learner.session.accessToken)).data,
    ).toEqual({
      me: { id: learner.personId },
    });
  }, 60_000);

  it('rolls everything back when a write fails midway, then deletes a minor’s account with their PIN', async () => {
    // Created by an administrator outside any group: `populate` puts them in the group.
    const created = await createLearnerAccount(accounts, viewer(root.personId, ['admin']), {
      displayName: 'Timéo Mineur',
      isMinor: true,
      guardian: {
        name: 'Nadia Gardienne',
        contact: 'nadia@example.org',
        scope: 'Suivi et badges',
        allowsPublicShare: true,
      },
    });
    const signInBody = { learnerCode: created.learnerCode, pin: created.pin };
    const held = await populate(created.person.id, signInBody);
    const before = await dump(db);
    const filesBefore = filesOnDisk();

    // A fault on the very last write (the tombstone): every earlier delete, and the badge's
    // revocation with its status-list bit, must be undone.
    await installFault();
    try {
      const { body } = await deleteMine(held.session.accessToken, created.pin, 'REVOKE');
      expect(body.errors?.[0]?.message).toBeDefined();
      expect(JSON.stringify(body)).not.toMatch(/provoked|trigger|people/i);
    } finally {
      await removeFault();
    }
    expect(await dump(db)).toEqual(before);
    expect(filesOnDisk()).toEqual(filesBefore);
    expect((await verify(held.credential)).verdict).toBe('valid');

    const { result } = await deleteMine(held.session.accessToken, created.pin, 'REVOKE');
    expect(result).toMatchObject({ __typename: 'AccountDeleted', revokedBadges: 1 });
    expect((await verify(held.credential)).verdict).toBe('revoked');
    for (const needle of ['Timéo', 'Nadia Gardienne', 'nadia@example.org', created.learnerCode]) {
      expect(await whereFound(db, needle), needle).toEqual([]);
    }
    expect(filesOnDisk()).not.toContain(held.fileKey);
    const pin = await signIn(signInBody);
    expect(pin.status).toBe(401);
  }, 60_000);

  it('refuses the last administrator, and lets an administrator delete a child’s account on request', async () => {
    const rootSession = await session({ email: root.email, password: root.password });
    const last = await deleteMine(rootSession.accessToken, root.password, 'KEEP');
    expect(last.result?.__typename).toBe('LastAdmin');
    expect((await postGraphql(base, '{ me { id } }', {}, rootSession.accessToken)).data).toEqual({
      me: { id: root.personId },
    });

    const child = await createLearnerAccount(accounts, viewer(trainer.personId, ['trainer']), {
      groupId,
      displayName: 'Zoé Enfant',
      isMinor: true,
      guardian: { name: 'Paul Parent', scope: 'Suivi' },
    });
    const childSession = await session({ learnerCode: child.learnerCode, pin: child.pin });
    const ask = (personId: string, secret: string) =>
      postGraphql(
        base,
        DELETE_PERSON_ACCOUNT,
        { input: { personId, badges: 'KEEP', secret } },
        rootSession.accessToken,
      ).then((body) => body.data?.deletePersonAccount as DeletionResult);
    expect((await ask(child.person.id, 'pas-mon-mot-de-passe')).__typename).toBe('WrongSecret');
    expect((await ask(root.personId, root.password)).__typename).toBe('CannotDeleteOwnAccountHere');
    expect((await ask('personne-inconnue', root.password)).__typename).toBe('UnknownPerson');
    expect(await ask(child.person.id, root.password)).toMatchObject({
      __typename: 'AccountDeleted',
      personId: child.person.id,
    });
    expect(await whereFound(db, 'Zoé Enfant')).toEqual([]);
    expect(await whereFound(db, 'Paul Parent')).toEqual([]);
    const me = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${childSession.accessToken}`,
      },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(me.status).toBe(401);
    // Deleted twice: nobody is there any more.
    expect((await ask(child.person.id, root.password)).__typename).toBe('UnknownPerson');
    // A learner may not use the administrators' deletion.
    const learner = await createMember(accounts, root, ['learner'], 'Curieux');
    const refused = await postGraphql(
      base,
      DELETE_PERSON_ACCOUNT,
      { input: { personId: trainer.personId, badges: 'KEEP', secret: learner.password } },
      learner.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('forbidden');
  }, 60_000);

  it('keeps what a trainer recorded about learners when the trainer deletes their account', async () => {
    const leaving = await createMember(accounts, root, ['trainer'], 'Animatrice Partante');
    await accounts.groups.addMember(
      { groupId, personId: leaving.personId, role: 'trainer' },
      clock(),
    );
    const learner = await createMember(accounts, root, ['learner'], 'Apprenant Fidèle');
    await accounts.groups.addMember(
      { groupId, personId: learner.personId, role: 'learner' },
      clock(),
    );
    clock.tick();
    const recorded = await recordProgress(engineDeps(), {
      learnerId: learner.personId,
      skillId: BADGE_SKILLS[0] ?? '',
      type: 'skill-validated',
      actorId: leaving.personId,
    });
    const token = (await session({ email: leaving.email, password: leaving.password })).accessToken;
    const { result } = await deleteMine(token, leaving.password, 'KEEP');
    expect(result?.__typename).toBe('AccountDeleted');
    const [event] = await db('progress_events').where('id', recorded.entry.event.id);
    expect(event).toMatchObject({ learnerId: learner.personId, actorId: leaving.personId });
    expect(await whereFound(db, 'Animatrice Partante')).toEqual([]);
    expect(await whereFound(db, leaving.email)).toEqual([]);
  }, 60_000);

  /** A trigger that fails the tombstone's UPDATE: the deletion's last write. */
  async function installFault(): Promise<void> {
    if (isPostgres(db)) {
      await db.raw(
        "create function fail_tombstone() returns trigger as $$ begin raise exception 'provoked failure'; end $$ language plpgsql",
      );
      await db.raw(
        'create trigger fail_tombstone before update of deleted_at on people for each row execute function fail_tombstone()',
      );
    } else {
      await db.raw(
        "create trigger fail_tombstone before update of deleted_at on people begin select raise(abort, 'provoked failure'); end",
      );
    }
  }

  async function removeFault(): Promise<void> {
    await db.raw(`drop trigger if exists fail_tombstone${isPostgres(db) ? ' on people' : ''}`);
    if (isPostgres(db)) await db.raw('drop function if exists fail_tombstone()');
  }
});
