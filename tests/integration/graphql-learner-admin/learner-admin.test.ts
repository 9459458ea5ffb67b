/**
 * Learner self-service and badge administration through the GraphQL API on a real express
 * server: evidence, self-assessment, notifications, the data export, award revocation (seen
 * by the learner and by verifiers), issuer keys, jury decisions, and the admin-only guard.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { verifyStoredCredential } from '../../../server/app/read-published.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { findAward } from '../../../server/db/repositories/badge-awards-repository.ts';
import { learnerLedger } from '../../../server/db/repositories/progress-ledger-repository.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-learner-admin-secret-with-enough-entropy-0123';

const SUBMIT = `
  mutation Submit($skillId: ID!, $text: String, $url: String) {
    submitEvidence(skillId: $skillId, text: $text, url: $url) {
      __typename
      ... on SubmitEvidenceSuccess { evidence { id kind text url } state { skillId status } }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

const SENIORS_BADGE_SKILLS = [
  'seniors-numerique/allumer-son-appareil',
  'seniors-numerique/utiliser-l-ecran-tactile',
  'seniors-numerique/se-connecter-au-wifi',
];
const JURY_SKILL = 'bafa/decision-du-jury-bafa';

describe.each(testDatabaseKinds())(
  'learner self-service and badge administration on %s',
  (kind) => {
    let engine: EngineFixture;
    let accounts: AccountsDeps;
    let deps: GraphqlDeps;
    let server: Server | undefined;
    let base: string;
    let staff: StaffMember;
    let admin: Member;
    let trainer: Member;
    let learner: Member;
    let other: Member;

    const gql = (source: string, variables: Record<string, unknown> = {}, token?: string) =>
      postGraphql(base, source, variables, token);

    const member = (roles: Role[], name: string): Promise<Member> =>
      createMember(accounts, staff, roles, name);

    /** Has a trainer validate the three skills of « Premiers pas »: @returns the award id. */
    async function earnPremiersPas(learnerId: string): Promise<string> {
      let awardId: string | undefined;
      for (const skillId of SENIORS_BADGE_SKILLS) {
        const result = await engine.record({
          learnerId,
          skillId,
          type: 'skill-validated',
          actorId: trainer.personId,
        });
        awardId ??= result.issued[0]?.awardId;
      }
      if (awardId === undefined) throw new Error('the badge was not issued');
      return awardId;
    }

    beforeAll(async () => {
      engine = await createEngineFixture(kind);
      accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
      staff = await addStaff(accounts, ['admin'], 'Root');
      admin = await member(['admin'], 'Admin');
      trainer = await member(['trainer'], 'Trainer');
      learner = await member(['learner'], 'Lucie');
      other = await member(['learner'], 'Octave');
      deps = graphqlDepsOf(engine, JWT_SECRET);
      ({ base, server } = await serveGraphql(deps));
    });
    afterAll(async () => {
      await closeServer(server);
      await engine?.dispose();
    });

    it('put the skill in "submitted" and append the submission to the ledger', async () => {
      engine.clock.tick();
      const skillId = 'bafa/ouvrir-son-dossier-bafa';
      const body = await gql(
        SUBMIT,
        {
          skillId,
          text: 'Mon numéro de dossier est 2026-0042.',
          url: 'https://bafa-bafd.gouv.fr/',
        },
        learner.token,
      );
      const result = body.data?.submitEvidence as {
        __typename: string;
        evidence: { id: string; kind: string };
        state: { status: string };
      };
      expect(result).toMatchObject({
        __typename: 'SubmitEvidenceSuccess',
        evidence: { kind: 'link', text: 'Mon numéro de dossier est 2026-0042.' },
        state: { skillId, status: 'SUBMITTED' },
      });
      const ledger = await learnerLedger(engine.db, learner.personId);
      expect(ledger.at(-1)?.event).toMatchObject({
        type: 'evidence-submitted',
        skillId,
        evidenceId: result.evidence.id,
        by: learner.personId,
      });
      expect(await engine.count('evidence', { id: result.evidence.id })).toBe(1);
    });

    it.each([
      ['a javascript: link', { url: 'javascript:alert(1)' }],
      ['an ftp link', { url: 'ftp://example.org/file' }],
      ['no link at all', { url: 'pas un lien' }],
      ['a text over 5,000 characters', { text: 'a'.repeat(5_001) }],
      ['nothing', { text: '   ' }],
    ])('refuse %s with InvalidEvidence and write nothing', async (_label, input) => {
      const before = [await engine.count('evidence'), await engine.count('progress_events')];
      const body = await gql(
        SUBMIT,
        { skillId: 'bafa/ouvrir-son-dossier-bafa', ...input },
        learner.token,
      );
      expect(body.data?.submitEvidence).toMatchObject({
        __typename: 'InvalidEvidence',
        code: 'invalid-evidence',
      });
      expect([await engine.count('evidence'), await engine.count('progress_events')]).toEqual(
        before,
      );
    });

    it('refuse evidence for an unknown skill and leave no orphan evidence row', async () => {
      const before = await engine.count('evidence');
      const body = await gql(SUBMIT, { skillId: 'bafa/nulle-part', text: 'x' }, learner.token);
      expect(body.data?.submitEvidence).toMatchObject({ __typename: 'UnknownSkill' });
      expect(await engine.count('evidence')).toBe(before);
    });

    it('refuse self-assessment where the curriculum forbids it, and accept it elsewhere', async () => {
      const SELF = `mutation($skillId: ID!) { selfAssess(skillId: $skillId) {
      __typename
      ... on SelfAssessSuccess { state { status source } }
      ... on LocalizedError { code message { fr } }
    } }`;
      const before = await engine.count('progress_events');
      const refused = await gql(SELF, { skillId: JURY_SKILL }, learner.token);
      expect(refused.data?.selfAssess).toMatchObject({
        __typename: 'SelfAssessmentForbidden',
        code: 'self-assessment-forbidden',
      });
      expect(await engine.count('progress_events')).toBe(before);

      const allowed = engine.catalog.curricula
        .flatMap((c) => c.skills.map((s) => ({ id: `${c.id}/${s.id}`, skill: s })))
        .find((s) => s.skill.validation.selfAssessment && (s.skill.levels?.length ?? 0) === 0);
      expect(allowed).toBeDefined();
      engine.clock.tick();
      const accepted = await gql(SELF, { skillId: allowed?.id }, learner.token);
      expect(accepted.data?.selfAssess).toMatchObject({
        __typename: 'SelfAssessSuccess',
        state: { status: 'VALIDATED', source: 'SELF' },
      });
    });

    it("keep notifications per person: another person's id is not found", async () => {
      await engine.record({
        learnerId: learner.personId,
        skillId: 'bafa/ouvrir-son-dossier-bafa',
        type: 'skill-rejected',
        comment: 'Il manque le numéro de dossier.',
        actorId: trainer.personId,
      });
      const LIST = '{ myNotifications { id kind payload read } }';
      const mine = (await gql(LIST, {}, learner.token)).data?.myNotifications as {
        id: string;
        kind: string;
        payload: string;
        read: boolean;
      }[];
      const rejection = mine.find((n) => n.kind === 'validation-rejected');
      expect(rejection).toMatchObject({ read: false });
      expect(JSON.parse(rejection?.payload ?? '{}')).toMatchObject({
        comment: 'Il manque le numéro de dossier.',
      });
      expect((await gql(LIST, {}, other.token)).data?.myNotifications).toEqual([]);

      const MARK = `mutation($id: ID!) { markNotificationRead(id: $id) {
      __typename ... on LocalizedError { code }
    } }`;
      const stolen = await gql(MARK, { id: rejection?.id }, other.token);
      expect(stolen.data?.markNotificationRead).toEqual({
        __typename: 'UnknownNotification',
        code: 'unknown-notification',
      });
      const still = (await gql(LIST, {}, learner.token)).data?.myNotifications as {
        read: boolean;
      }[];
      expect(still.every((n) => !n.read)).toBe(true);

      const read = await gql(MARK, { id: rejection?.id }, learner.token);
      expect(read.data?.markNotificationRead).toEqual({
        __typename: 'MarkNotificationReadSuccess',
      });
      const after = (await gql(LIST, {}, learner.token)).data?.myNotifications as {
        id: string;
        read: boolean;
      }[];
      expect(after.find((n) => n.id === rejection?.id)?.read).toBe(true);
    });

    it("export the viewer's own data, nobody else's, and no secret", async () => {
      await earnPremiersPas(learner.personId);
      await gql(
        SUBMIT,
        { skillId: 'bafa/ouvrir-son-dossier-bafa', text: 'Secret d’Octave' },
        other.token,
      );
      const text = (await gql('{ myDataExport }', {}, learner.token)).data?.myDataExport as string;
      const data = JSON.parse(text) as {
        profile: { id: string; displayName: string };
        roles: string[];
        progressEvents: unknown[];
        skillStates: unknown[];
        evidence: { text?: string }[];
        awards: { badgeId: string; verificationUrl: string }[];
        notifications: unknown[];
      };
      expect(data.profile).toMatchObject({ id: learner.personId, displayName: 'Lucie' });
      expect(data.roles).toEqual(['learner']);
      expect(data.progressEvents.length).toBeGreaterThan(3);
      expect(data.skillStates.length).toBeGreaterThan(3);
      expect(data.evidence.map((e) => e.text)).toContain('Mon numéro de dossier est 2026-0042.');
      expect(data.awards[0]).toMatchObject({ badgeId: 'seniors-numerique/premiers-pas' });
      expect(data.awards[0]?.verificationUrl).toMatch(new RegExp(`^${engine.publicUrl}/badges/`));
      expect(data.notifications.length).toBeGreaterThan(0);

      expect(text).not.toContain(other.personId);
      expect(text).not.toContain('Octave');
      const [credential] = await engine
        .db('passwordCredentials')
        .where('personId', learner.personId)
        .select('hash');
      expect(typeof credential?.hash).toBe('string');
      expect(text).not.toContain(credential?.hash as string);
      expect(text).not.toMatch(/scrypt|sha256\$|tokenHash|recipientSalt/i);
    });

    it('let an admin revoke an award: myBadges shows it revoked and verifiers say revoked', async () => {
      const awardId = await earnPremiersPas(other.personId);
      const listed = await gql(
        `query($learnerId: ID!) { awards(filter: { learnerId: $learnerId, revoked: false }) {
        id badgeId learnerDisplayName revoked flagged
      } }`,
        { learnerId: other.personId },
        admin.token,
      );
      expect(listed.data?.awards).toEqual([
        {
          id: awardId,
          badgeId: 'seniors-numerique/premiers-pas',
          learnerDisplayName: 'Octave',
          revoked: false,
          flagged: false,
        },
      ]);

      engine.clock.tick();
      const REVOKE = `mutation($awardId: ID!, $reason: String!) {
      revokeBadge(awardId: $awardId, reason: $reason) {
        __typename
        ... on RevokeBadgeSuccess { awardId alreadyRevoked }
        ... on LocalizedError { code }
      } }`;
      const empty = await gql(REVOKE, { awardId, reason: '  ' }, admin.token);
      expect(empty.data?.revokeBadge).toEqual({
        __typename: 'ReasonRequired',
        code: 'reason-required',
      });
      const revoked = await gql(
        REVOKE,
        { awardId, reason: 'Validation saisie par erreur.' },
        admin.token,
      );
      expect(revoked.data?.revokeBadge).toEqual({
        __typename: 'RevokeBadgeSuccess',
        awardId,
        alreadyRevoked: false,
      });

      const mine = await gql('{ myBadges { id revoked } }', {}, other.token);
      expect(mine.data?.myBadges).toEqual([{ id: awardId, revoked: true }]);
      const award = await findAward(engine.db, awardId);
      const report = await verifyStoredCredential(
        { ...deps, verify: { allowLoopback: true, timeoutMs: 5_000 } },
        award?.credential,
      );
      expect(report.verdict).toBe('revoked');

      const revokedList = await gql(
        '{ awards(filter: { revoked: true }) { id revoked revocationReason } }',
        {},
        admin.token,
      );
      expect(revokedList.data?.awards).toContainEqual({
        id: awardId,
        revoked: true,
        revocationReason: 'Validation saisie par erreur.',
      });

      const bulk = await gql(
        `mutation($ids: [ID!]!) { bulkRevoke(awardIds: $ids, reason: "Session annulée") {
        __typename ... on BulkRevokeSuccess { items { awardId ok alreadyRevoked errorCode } }
      } }`,
        { ids: [awardId, 'no-such-award'] },
        admin.token,
      );
      expect(bulk.data?.bulkRevoke).toEqual({
        __typename: 'BulkRevokeSuccess',
        items: [
          { awardId, ok: true, alreadyRevoked: true, errorCode: null },
          {
            awardId: 'no-such-award',
            ok: false,
            alreadyRevoked: false,
            errorCode: 'unknown-award',
          },
        ],
      });
    });

    it('refuse a bulk revocation of more than 200 awards with a typed error', async () => {
      const ids = Array.from({ length: 201 }, (_, i) => `award-${i}`);
      const body = await gql(
        `mutation($ids: [ID!]!) { bulkRevoke(awardIds: $ids, reason: "r") {
        __typename ... on LocalizedError { code }
      } }`,
        { ids },
        admin.token,
      );
      expect(body.data?.bulkRevoke).toEqual({
        __typename: 'TooManyAwards',
        code: 'too-many-awards',
      });
    });

    it('refuse retiring the last active key of an algorithm, and allow it after a rotation', async () => {
      const KEYS = '{ issuerKeys { id algorithm createdAt retiredAt active } }';
      const RETIRE = `mutation($id: ID!) { retireIssuerKey(id: $id) {
      __typename ... on IssuerKeySuccess { key { id retiredAt active } } ... on LocalizedError { code }
    } }`;
      const response = await gql(KEYS, {}, admin.token);
      const keys = response.data?.issuerKeys as {
        id: string;
        algorithm: string;
        active: boolean;
      }[];
      expect(keys.map((k) => k.algorithm).sort()).toEqual(['ED25519', 'RSA']);
      expect(JSON.stringify(response)).not.toMatch(/secret|private|PRIVATE KEY|BEGIN/i);

      const rsa = keys.find((k) => k.algorithm === 'RSA');
      for (const key of keys) {
        const refused = await gql(RETIRE, { id: key.id }, admin.token);
        expect(refused.data?.retireIssuerKey).toEqual({
          __typename: 'LastActiveIssuerKey',
          code: 'last-active-issuer-key',
        });
      }
      expect(await engine.count('issuer_keys', { retired_at: null })).toBe(2);

      engine.clock.tick();
      const rotated = await gql(
        'mutation { rotateIssuerKey(algorithm: RSA) { key { id algorithm active } } }',
        {},
        admin.token,
      );
      expect(rotated.data?.rotateIssuerKey).toMatchObject({
        key: { algorithm: 'RSA', active: true },
      });
      engine.clock.tick();
      const retired = await gql(RETIRE, { id: rsa?.id }, admin.token);
      expect(retired.data?.retireIssuerKey).toMatchObject({
        __typename: 'IssuerKeySuccess',
        key: { id: rsa?.id, active: false },
      });
      expect(engine.issuer.keys.find((k) => k.id === rsa?.id)?.retiredAt).toBeDefined();
      const unknown = await gql(RETIRE, { id: 'did:web:nowhere#k' }, admin.token);
      expect(unknown.data?.retireIssuerKey).toEqual({
        __typename: 'UnknownIssuerKey',
        code: 'unknown-issuer-key',
      });
    });

    it('validate a BAFA jury skill on a "reçu" and refuse jury decisions on other skills', async () => {
      const JURY = `mutation($learnerId: ID!, $skillId: ID!, $outcome: JuryOutcome!) {
      recordJuryDecision(learnerId: $learnerId, skillId: $skillId, outcome: $outcome) {
        __typename
        ... on JuryDecisionSuccess { state { skillId status source } }
        ... on LocalizedError { code }
      } }`;
      const before = await engine.count('progress_events');
      const refused = await gql(
        JURY,
        { learnerId: learner.personId, skillId: SENIORS_BADGE_SKILLS[0], outcome: 'RECU' },
        admin.token,
      );
      expect(refused.data?.recordJuryDecision).toEqual({
        __typename: 'NotAJurySkill',
        code: 'not-a-jury-skill',
      });
      expect(await engine.count('progress_events')).toBe(before);

      engine.clock.tick();
      const passed = await gql(
        JURY,
        { learnerId: learner.personId, skillId: JURY_SKILL, outcome: 'RECU' },
        admin.token,
      );
      expect(passed.data?.recordJuryDecision).toEqual({
        __typename: 'JuryDecisionSuccess',
        state: { skillId: JURY_SKILL, status: 'VALIDATED', source: 'JURY' },
      });
      const ledger = await learnerLedger(engine.db, learner.personId);
      expect(ledger.at(-1)?.event).toMatchObject({
        type: 'jury-decided',
        outcome: 'recu',
        by: admin.personId,
      });
    });

    describe('refuse every admin field to non-admins', () => {
      const OPERATIONS: [string, string][] = [
        ['awards', '{ awards { id } }'],
        ['revokeBadge', 'mutation { revokeBadge(awardId: "x", reason: "r") { __typename } }'],
        ['bulkRevoke', 'mutation { bulkRevoke(awardIds: ["x"], reason: "r") { __typename } }'],
        ['issuerKeys', '{ issuerKeys { id } }'],
        ['rotateIssuerKey', 'mutation { rotateIssuerKey(algorithm: ED25519) { key { id } } }'],
        ['retireIssuerKey', 'mutation { retireIssuerKey(id: "x") { __typename } }'],
        [
          'recordJuryDecision',
          `mutation { recordJuryDecision(learnerId: "x", skillId: "${JURY_SKILL}", outcome: RECU) { __typename } }`,
        ],
      ];
      const cases = OPERATIONS.flatMap(([name, source]) =>
        (['learner', 'trainer', 'anonymous'] as const).map((who) => [name, who, source] as const),
      );

      it.each(cases)('%s as %s', async (_name, who, source) => {
        const before = [await engine.count('issuer_keys'), await engine.count('progress_events')];
        const token =
          who === 'learner' ? learner.token : who === 'trainer' ? trainer.token : undefined;
        const body = await gql(source, {}, token);
        expect(body.data ?? null).toBeNull();
        expect(body.errors?.[0]?.extensions?.code).toBe(
          who === 'anonymous' ? 'unauthenticated' : 'forbidden',
        );
        expect([await engine.count('issuer_keys'), await engine.count('progress_events')]).toEqual(
          before,
        );
      });
    });
  },
);
