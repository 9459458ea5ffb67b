/**
 * The authorisation matrix of the whole GraphQL API: every root query and mutation of the
 * printed schema (schema.graphql), called by each role with minimal valid arguments, must be
 * refused or let through exactly as the table below says. The list of fields comes from the
 * schema itself, so a field added without an expectation fails this suite.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { buildSchema, type GraphQLField, getNamedType, isLeafType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { submitEvidence } from '../../../server/app/learner/submit-evidence.ts';
import { insertFollow } from '../../../server/db/repositories/counsellor-follows-repository.ts';
import { listIssuerKeys } from '../../../server/db/repositories/issuer-keys-repository.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  type GraphqlBody,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'authorization-matrix-secret-with-enough-entropy-0123';
const S = 'seniors-numerique';
const BADGE_SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];
const JURY_SKILL = 'bafa/decision-du-jury-bafa';

const ROLES = ['anonymous', 'learner', 'trainer', 'otherTrainer', 'counsellor', 'admin'] as const;
type RoleName = (typeof ROLES)[number];

const ALL: readonly RoleName[] = ROLES;
const SIGNED_IN: readonly RoleName[] = [
  'learner',
  'trainer',
  'otherTrainer',
  'counsellor',
  'admin',
];
/** The group's own trainer and the admin (another group's trainer gets a typed Forbidden). */
const STAFF: readonly RoleName[] = ['trainer', 'admin'];
/** Any trainer or the admin: lists scoped to the viewer's own groups. */
const ANY_STAFF: readonly RoleName[] = ['trainer', 'otherTrainer', 'admin'];

/**
 * Who may call each root field. The trainer trains the learner's group, `otherTrainer` trains
 * another group; the admin holds only the admin role (so trainer-only acts such as validating a
 * skill are refused to them).
 */
const EXPECTED: Record<'Query' | 'Mutation', Record<string, readonly RoleName[]>> = {
  Query: {
    awards: ['admin'],
    previewBulkAward: ['admin'],
    curricula: ALL,
    curriculaStatus: ['admin'],
    // The learner's own evidence: them, their group's trainer and an admin.
    evidence: ['learner', 'trainer', 'admin'],
    group: STAFF,
    groups: ['admin'],
    issuerKeys: ['admin'],
    jobProfiles: SIGNED_IN,
    // Only a counsellor who follows the learner (the matrix's counsellor follows them).
    learnerPathway: ['counsellor'],
    me: ALL,
    myBadges: ['learner'],
    myDataExport: SIGNED_IN,
    myEnrolments: SIGNED_IN,
    myFollowedLearners: ['counsellor'],
    myGroups: ANY_STAFF,
    myNextSteps: ['learner'],
    myNotifications: SIGNED_IN,
    myUnreadNotifications: SIGNED_IN,
    myPathway: ['learner'],
    myPreferences: SIGNED_IN,
    myShareLinks: ['learner'],
    mySkillStates: ['learner'],
    people: ['admin'],
    progressGrid: STAFF,
    todaySessions: ANY_STAFF,
    validationQueue: STAFF,
    workshopSession: STAFF,
  },
  Mutation: {
    addCounsellorNote: ['counsellor'],
    addGroupMember: ['admin'],
    archiveGroup: ['admin'],
    bulkRevoke: ['admin'],
    bulkValidate: ['trainer'],
    checkIn: SIGNED_IN,
    createGroup: ['admin'],
    createLearnerAccount: STAFF,
    createShareLink: ['learner'],
    createStaffAccount: ['admin'],
    confirmBulkAward: ['admin'],
    createWorkshopSession: STAFF,
    // Anyone, for themselves (here with a wrong secret: a typed WrongSecret, nobody deleted).
    deleteMyAccount: SIGNED_IN,
    deletePersonAccount: ['admin'],
    disableAccount: ['admin'],
    enableAccount: ['admin'],
    // An admin, or the learner inviting a counsellor for themselves.
    followLearner: ['learner', 'admin'],
    grantRole: ['admin'],
    markNotificationRead: SIGNED_IN,
    markSkillInProgress: ['trainer'],
    recordAttendance: STAFF,
    recordJuryDecision: ['admin'],
    rejectSkill: ['trainer'],
    removeGroupMember: ['admin'],
    renameGroup: ['admin'],
    resolveAwardFlag: ['admin'],
    retireIssuerKey: ['admin'],
    revokeBadge: ['admin'],
    revokeRole: ['admin'],
    revokeShareLink: ['learner'],
    rotateIssuerKey: ['admin'],
    selfAssess: ['learner'],
    setGuardianConsent: ['admin'],
    // Oneself as a learner, or a followed learner as a counsellor.
    setMilestone: ['learner', 'counsellor'],
    setTargetJobs: ['learner'],
    submitEvidence: ['learner'],
    // The admin, or a party to the follow (here the learner: the counsellor named is unknown).
    unfollowLearner: ['learner', 'admin'],
    updateMyPreferences: SIGNED_IN,
    validateSkill: ['trainer'],
    withdrawValidation: STAFF,
  },
};

/** The real ids the arguments refer to, made in `beforeAll`. */
interface Ids {
  groupId: string;
  sessionId: string;
  checkInCode: string;
  learnerId: string;
  awardId: string;
  issuerKeyId: string;
  evidenceId: string;
  counsellorId: string;
}

type Args = (ids: Ids) => Record<string, unknown>;

/** Minimal valid arguments of each field that takes any (the rest are called bare). */
const ARGS: Record<string, Args> = {
  awards: () => ({ filter: {} }),
  previewBulkAward: () => ({ badgeId: `${S}/messagerie`, csv: 'email\nnobody@example.org\n' }),
  confirmBulkAward: () => ({ badgeId: `${S}/messagerie`, csv: 'email\nnobody@example.org\n' }),
  evidence: (ids) => ({ id: ids.evidenceId }),
  learnerPathway: (ids) => ({ learnerId: ids.learnerId }),
  addCounsellorNote: (ids) => ({ learnerId: ids.learnerId, text: 'Matrice des droits' }),
  createShareLink: () => ({ input: { targets: true, milestones: false, awardIds: [] } }),
  revokeShareLink: () => ({ id: 'lien-inconnu' }),
  // The learner's own id for a learner, the followed learner's for the counsellor.
  setMilestone: (ids) => ({
    milestoneId: 'cv-pret',
    reachedOn: '2026-03-01',
    learnerId: ids.learnerId,
  }),
  setTargetJobs: () => ({ jobIds: ['developpeur-web'] }),
  followLearner: (ids) => ({ counsellorId: ids.counsellorId, learnerId: ids.learnerId }),
  unfollowLearner: (ids) => ({ counsellorId: 'personne-inconnue', learnerId: ids.learnerId }),
  group: (ids) => ({ id: ids.groupId }),
  myNextSteps: () => ({ curriculumId: S }),
  mySkillStates: () => ({ curriculumId: S }),
  progressGrid: (ids) => ({ groupId: ids.groupId, curriculumId: S }),
  validationQueue: (ids) => ({ groupId: ids.groupId }),
  workshopSession: (ids) => ({ id: ids.sessionId }),
  bulkRevoke: (ids) => ({ awardIds: [ids.awardId], reason: 'Matrice des droits' }),
  bulkValidate: (ids) => ({ sessionId: ids.sessionId, skillId: BADGE_SKILLS[0] }),
  checkIn: (ids) => ({ code: ids.checkInCode }),
  createLearnerAccount: (ids) => ({
    groupId: ids.groupId,
    displayName: `Apprenant ${randomUUID().slice(0, 6)}`,
    isMinor: false,
  }),
  createWorkshopSession: (ids) => ({
    input: {
      groupId: ids.groupId,
      title: 'Atelier tablette',
      startsAt: '2026-03-02T10:00:00.000Z',
      endsAt: '2026-03-02T12:00:00.000Z',
      targetSkills: [BADGE_SKILLS[0]],
    },
  }),
  markNotificationRead: () => ({ id: randomUUID() }),
  markSkillInProgress: (ids) => ({
    learnerId: ids.learnerId,
    skillId: `${S}/prendre-des-photos`,
    sessionId: ids.sessionId,
  }),
  recordAttendance: (ids) => ({ sessionId: ids.sessionId, learnerIds: [ids.learnerId] }),
  recordJuryDecision: (ids) => ({ learnerId: ids.learnerId, skillId: JURY_SKILL, outcome: 'RECU' }),
  rejectSkill: (ids) => ({
    input: { learnerId: ids.learnerId, skillId: BADGE_SKILLS[0], comment: 'Encore un essai' },
  }),
  resolveAwardFlag: (ids) => ({
    awardId: ids.awardId,
    decision: 'KEEP',
    comment: 'Matrice des droits',
  }),
  retireIssuerKey: (ids) => ({ id: ids.issuerKeyId }),
  revokeBadge: (ids) => ({ awardId: ids.awardId, reason: 'Matrice des droits' }),
  rotateIssuerKey: () => ({ algorithm: 'ED25519' }),
  selfAssess: () => ({ skillId: `${S}/allumer-son-appareil` }),
  submitEvidence: () => ({ skillId: 'bafa/ouvrir-son-dossier-bafa', text: 'Mon dossier' }),
  validateSkill: (ids) => ({ input: { learnerId: ids.learnerId, skillId: BADGE_SKILLS[0] } }),
  // Administration of people and groups: unknown ids, so the admin's call (a typed
  // UnknownPerson or UnknownGroup) changes nobody the other fields rely on.
  addGroupMember: (ids) => ({
    groupId: 'groupe-inconnu',
    personId: ids.learnerId,
    role: 'LEARNER',
  }),
  archiveGroup: () => ({ groupId: 'groupe-inconnu' }),
  createGroup: () => ({ input: { name: 'Matrice des droits', curriculumId: S } }),
  createStaffAccount: () => ({
    input: {
      displayName: 'Animateur matrice',
      email: `matrice-${randomUUID().slice(0, 8)}@grange.example`,
      roles: ['TRAINER'],
    },
  }),
  deleteMyAccount: () => ({ input: { secret: 'pas-le-bon-secret', badges: 'KEEP' } }),
  deletePersonAccount: () => ({
    input: { personId: 'personne-inconnue', badges: 'KEEP', secret: 'pas-le-bon-secret' },
  }),
  disableAccount: () => ({ personId: 'personne-inconnue', reason: 'Matrice des droits' }),
  enableAccount: () => ({ personId: 'personne-inconnue' }),
  grantRole: () => ({ personId: 'personne-inconnue', role: 'TRAINER' }),
  removeGroupMember: (ids) => ({
    groupId: 'groupe-inconnu',
    personId: ids.learnerId,
    role: 'LEARNER',
  }),
  renameGroup: () => ({ groupId: 'groupe-inconnu', name: 'Matrice des droits' }),
  revokeRole: () => ({ personId: 'personne-inconnue', role: 'LEARNER' }),
  setGuardianConsent: () => ({ learnerId: 'personne-inconnue', allowsPublicShare: true }),
  withdrawValidation: (ids) => ({
    input: { learnerId: ids.learnerId, skillId: BADGE_SKILLS[0], comment: 'Erreur de saisie' },
  }),
};

const schema = buildSchema(
  readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'),
);

function rootFields(kind: 'Query' | 'Mutation'): GraphQLField<unknown, unknown>[] {
  const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  if (type === null || type === undefined) throw new Error(`the schema has no ${kind}`);
  return Object.values(type.getFields());
}

/** One operation calling `field` with the given arguments as variables (typed from the schema). */
function operation(
  kind: 'Query' | 'Mutation',
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): string {
  const used = field.args.filter((arg) => arg.name in args);
  const definitions = used.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind.toLowerCase()} Matrix${definitions === '' ? '' : `(${definitions})`} {
    ${field.name}${passed === '' ? '' : `(${passed})`}${selection}
  }`;
}

/**
 * @returns 'denied' for a forbidden/unauthenticated error or a typed Forbidden result,
 *   'allowed' when the field resolved (a typed business error counts), else the unexpected
 *   errors, so a wrong argument cannot pass for a refusal.
 */
function outcome(body: GraphqlBody, name: string): string {
  const errors = body.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  if (codes.some((code) => code === 'forbidden' || code === 'unauthenticated')) return 'denied';
  if (errors.length > 0) return `error: ${errors.map((e) => e.message).join('; ')}`;
  const value = body.data?.[name];
  if (typeof value === 'object' && value !== null && '__typename' in value) {
    if ((value as { __typename: string }).__typename === 'Forbidden') return 'denied';
  }
  return 'allowed';
}

describe.each(testDatabaseKinds())('the GraphQL authorisation matrix on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let ids: Ids;
  const tokens = new Map<RoleName, string | undefined>();

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    const member = (roles: Parameters<typeof createMember>[2], name: string): Promise<Member> =>
      createMember(accounts, root, roles, name);
    const admin = await member(['admin'], 'Admin');
    const trainer = await member(['trainer'], 'Trainer');
    const otherTrainer = await member(['trainer'], 'Other trainer');
    const counsellor = await member(['counsellor'], 'Counsellor');
    const learner = await member(['learner'], 'Learner');
    tokens.set('anonymous', undefined);
    tokens.set('learner', learner.token);
    tokens.set('trainer', trainer.token);
    tokens.set('otherTrainer', otherTrainer.token);
    tokens.set('counsellor', counsellor.token);
    tokens.set('admin', admin.token);

    const groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors', curriculumId: S }, engine.clock());
    await accounts.groups.addMember(
      { groupId, personId: trainer.personId, role: 'trainer' },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId, personId: learner.personId, role: 'learner' },
      engine.clock(),
    );

    const otherGroupId = randomUUID();
    await accounts.groups.create(
      { id: otherGroupId, name: 'Autre', curriculumId: S },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: otherGroupId, personId: otherTrainer.personId, role: 'trainer' },
      engine.clock(),
    );

    let awardId: string | undefined;
    for (const skillId of BADGE_SKILLS) {
      const result = await engine.record({
        learnerId: learner.personId,
        skillId,
        type: 'skill-validated',
        actorId: trainer.personId,
      });
      awardId ??= result.issued[0]?.awardId;
    }
    if (awardId === undefined) throw new Error('the seniors-numerique badge was not issued');

    const deps: GraphqlDeps = graphqlDepsOf(engine, JWT_SECRET);
    ({ base, server } = await serveGraphql(deps));

    const start = engine.clock();
    const created = await postGraphql(
      base,
      `mutation Create($input: CreateWorkshopSessionInput!) {
        createWorkshopSession(input: $input) {
          __typename
          ... on WorkshopSession { id checkInCode }
        }
      }`,
      {
        input: {
          groupId,
          title: 'Atelier',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
          targetSkills: [BADGE_SKILLS[0]],
        },
      },
      trainer.token,
    );
    const session = created.data?.createWorkshopSession as {
      __typename: string;
      id: string;
      checkInCode: string;
    };
    expect(session.__typename).toBe('WorkshopSession');

    const [key] = await listIssuerKeys(engine.db, engine.issuer.profile.id);
    if (key === undefined) throw new Error('the issuer has no key');
    const { evidence } = await submitEvidence(engine.deps, {
      learnerId: learner.personId,
      skillId: `${S}/prendre-des-photos`,
      text: 'Ma photo du jardin',
    });
    // The matrix's counsellor follows the learner, so `learnerPathway` is theirs to read.
    await insertFollow(engine.db, {
      id: randomUUID(),
      counsellorId: counsellor.personId,
      learnerId: learner.personId,
      startedBy: admin.personId,
      startedAt: engine.clock().toISOString(),
    });
    ids = {
      counsellorId: counsellor.personId,
      evidenceId: evidence.id,
      groupId,
      sessionId: session.id,
      checkInCode: session.checkInCode,
      learnerId: learner.personId,
      awardId,
      issuerKeyId: key.id,
    };
  }, 60_000);

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it.each(['Query', 'Mutation'] as const)(
    'has an expectation for every %s field of the schema, and no other',
    (kind) => {
      const names = rootFields(kind)
        .map((field) => field.name)
        .sort();
      expect(names).toEqual(Object.keys(EXPECTED[kind]).sort());
      for (const field of rootFields(kind)) {
        const required = field.args.filter(
          (arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined,
        );
        if (required.length > 0) expect(ARGS[field.name], field.name).toBeDefined();
      }
    },
  );

  it.each(['Query', 'Mutation'] as const)(
    'lets each role call exactly the %s fields the table allows',
    async (kind) => {
      const observed: Record<string, Record<RoleName, string>> = {};
      const expected: Record<string, Record<RoleName, string>> = {};
      for (const field of rootFields(kind)) {
        const allowed = EXPECTED[kind][field.name] ?? [];
        const seen = {} as Record<RoleName, string>;
        const wanted = {} as Record<RoleName, string>;
        observed[field.name] = seen;
        expected[field.name] = wanted;
        for (const role of ROLES) {
          // A second per call: events stay ordered and the 15-minute tokens stay valid.
          engine.clock.tick(1 / 60);
          const args = ARGS[field.name]?.(ids) ?? {};
          const body = await postGraphql(
            base,
            operation(kind, field, args),
            args,
            tokens.get(role),
          );
          seen[role] = outcome(body, field.name);
          wanted[role] = allowed.includes(role) ? 'allowed' : 'denied';
        }
      }
      expect(observed).toEqual(expected);
    },
    60_000,
  );
});
