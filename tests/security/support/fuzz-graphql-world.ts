/**
 * The world the GraphQL fuzz runs in: the real application (`createApp`) over a database of the
 * given kind with the shipped curricula, one signed-in person per role, a group with a session,
 * an issued badge, evidence, a follow and a share link, so that generated ids can name things
 * that exist. It also gives what the fuzz checks against:
 *
 * - `snapshot()`: one hash per table of every row, to prove a refused mutation wrote nothing;
 * - `takeUnexpectedErrors()`: what the server logged as an unexpected (masked) error, with
 *   its stack;
 * - `heal()`: puts the cast back (enabled, roles, memberships, group not archived) after a
 *   mutation that succeeded changed them, so every role stays itself for the next calls.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { MAX_EVIDENCE_FILE_BYTES } from '../../../server/app/evidence-files/evidence-file-store.ts';
import { FilesystemEvidenceFileStore } from '../../../server/app/evidence-files/filesystem-store.ts';
import { submitEvidence } from '../../../server/app/learner/submit-evidence.ts';
import { createShareLink } from '../../../server/app/pathway/share-links.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { loadConfig } from '../../../server/config.ts';
import { insertFollow } from '../../../server/db/repositories/counsellor-follows-repository.ts';
import { listIssuerKeys } from '../../../server/db/repositories/issuer-keys-repository.ts';
import { MILESTONE_IDS } from '../../../server/domain/pathway/milestones.ts';
import { createApp } from '../../../server/http/app.ts';
import { addStaff } from '../../integration/accounts/fixtures.ts';
import {
  createEngineFixture,
  type EngineFixture,
} from '../../integration/engine/engine-fixture.ts';
import { closeServer } from '../../support/close-server.ts';
import type { DatabaseKind } from '../../support/databases.ts';
import { createMember } from '../../support/graphql-client.ts';

export const FUZZ_JWT_SECRET = 'graphql-fuzz-secret-with-enough-entropy-0123456789';
const CURRICULUM = 'seniors-numerique';
const BADGE_SKILLS = [
  `${CURRICULUM}/allumer-son-appareil`,
  `${CURRICULUM}/utiliser-l-ecran-tactile`,
  `${CURRICULUM}/se-connecter-au-wifi`,
];

export const ROLES = ['anonymous', 'learner', 'trainer', 'counsellor', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

interface Actor {
  personId: string;
  token: string;
  roles: Role[];
  /** The groups they belong to, and as what. */
  memberships: { groupId: string; role: 'trainer' | 'learner' }[];
}

export interface FuzzWorld {
  kind: DatabaseKind;
  engine: EngineFixture;
  base: string;
  /** The access token of each role (none for anonymous). */
  tokenOf(role: RoleName): string | undefined;
  /** Ids and words that exist in this world, for generated arguments to hit real things. */
  pools: { ids: Record<string, string[]>; words: string[] };
  /** Errors the server logged as unexpected since the last call to `takeUnexpectedErrors`. */
  takeUnexpectedErrors(): string[];
  /** A hash of every row of every table (some counters excepted, see IGNORED_COLUMNS). */
  snapshot(): Promise<Map<string, string>>;
  heal(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Columns a refused call may change on purpose: a wrong password or PIN is counted so that
 * guessing locks the account (`auth/lockout.ts`); that count is the refusal's whole point.
 */
const IGNORED_COLUMNS: Record<string, readonly string[]> = {
  password_credentials: ['failed_attempts', 'locked_until', 'updated_at'],
  pin_credentials: ['failed_attempts', 'locked_until', 'updated_at'],
};

/** Builds the world; call `dispose` when done. */
export async function createFuzzWorld(kind: DatabaseKind): Promise<FuzzWorld> {
  const engine = await createEngineFixture(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-fuzz-'));
  let server: Server | undefined;
  try {
    const accounts = createAccountsDeps({
      db: engine.db,
      clock: engine.clock,
      jwtSecret: FUZZ_JWT_SECRET,
    });
    const root = await addStaff(accounts, ['admin'], 'Root');
    const groupId = randomUUID();
    const otherGroupId = randomUUID();
    for (const [id, name] of [
      [groupId, 'Seniors du mardi'],
      [otherGroupId, 'Seniors du jeudi'],
    ] as const) {
      await accounts.groups.create({ id, name, curriculumId: CURRICULUM }, engine.clock());
    }

    const actors = new Map<RoleName, Actor>();
    const cast: [RoleName, Role[], Actor['memberships']][] = [
      ['admin', ['admin'], []],
      ['trainer', ['trainer'], [{ groupId, role: 'trainer' }]],
      ['counsellor', ['counsellor'], []],
      ['learner', ['learner'], [{ groupId, role: 'learner' }]],
    ];
    for (const [role, roles, memberships] of cast) {
      const member = await createMember(accounts, root, roles, `Fuzz ${role}`);
      for (const membership of memberships) {
        await accounts.groups.addMember(
          { ...membership, personId: member.personId },
          engine.clock(),
        );
      }
      actors.set(role, { personId: member.personId, token: member.token, roles, memberships });
    }
    const learner = actors.get('learner') as Actor;
    const trainer = actors.get('trainer') as Actor;
    const counsellor = actors.get('counsellor') as Actor;
    const admin = actors.get('admin') as Actor;
    // Someone who is not in the cast, for calls about "another learner".
    const bystander = await createMember(accounts, root, ['learner'], 'Fuzz bystander');

    let awardId = '';
    for (const skillId of BADGE_SKILLS) {
      const result = await engine.record({
        learnerId: learner.personId,
        skillId,
        type: 'skill-validated',
        actorId: trainer.personId,
      });
      awardId ||= result.issued[0]?.awardId ?? '';
    }
    const sessionId = randomUUID();
    const checkInCode = `FUZZ${randomUUID().slice(0, 6).toUpperCase()}`;
    const start = engine.clock();
    await engine.db('workshop_sessions').insert({
      id: sessionId,
      groupId,
      title: 'Atelier tablette',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
      checkInCode,
      targetSkills: JSON.stringify([BADGE_SKILLS[0]]),
      createdBy: trainer.personId,
    });
    const { evidence } = await submitEvidence(engine.deps, {
      learnerId: learner.personId,
      skillId: `${CURRICULUM}/prendre-des-photos`,
      text: 'Ma photo du jardin',
    });
    await insertFollow(engine.db, {
      id: randomUUID(),
      counsellorId: counsellor.personId,
      learnerId: learner.personId,
      startedBy: admin.personId,
      startedAt: engine.clock().toISOString(),
    });
    const { link: shareLink } = await createShareLink(
      { db: engine.db, catalog: engine.catalog, clock: engine.clock },
      { personId: learner.personId, roles: learner.roles },
      { items: { targets: true, milestones: true, awardIds: [awardId] } },
    );
    const [key] = await listIssuerKeys(engine.db, engine.issuer.profile.id);
    const notifications = (await engine.db('notifications').select('id')) as { id: string }[];

    const unexpected: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _encoding, done) {
          const line = JSON.parse(String(chunk)) as { msg?: string; err?: { stack?: string } };
          unexpected.push(`${line.msg ?? ''}: ${line.err?.stack ?? JSON.stringify(line)}`);
          done();
        },
      }),
    );
    const config = loadConfig({ PUBLIC_URL: engine.publicUrl, DATA_DIR: dataDir });
    const app = createApp({
      config,
      db: engine.db,
      logger,
      catalog: engine.catalog,
      clock: engine.clock,
      jwtSecret: FUZZ_JWT_SECRET,
      issuer: engine.issuer,
      evidenceFiles: {
        store: new FilesystemEvidenceFileStore(join(dataDir, 'evidence')),
        maxBytes: MAX_EVIDENCE_FILE_BYTES,
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const ids: Record<string, string[]> = {
      person: [
        ...[...actors.values()].map((actor) => actor.personId),
        bystander.personId,
        root.personId,
      ],
      group: [groupId, otherGroupId],
      session: [sessionId],
      award: [awardId],
      issuerKey: [key?.id ?? 'cle-inconnue'],
      evidence: [evidence.id],
      shareLink: [shareLink.id],
      notification: notifications.map((n) => n.id),
      curriculum: engine.catalog.curricula.map((c) => c.id),
      skill: [...engine.catalog.graph.topologicalOrder()],
      badge: engine.catalog.badges.map((b) => b.id),
      job: engine.catalog.jobProfiles.map((j) => j.id),
      milestone: [...MILESTONE_IDS],
    };
    const tables = tableNames(engine);
    const running = server;
    return {
      kind,
      engine,
      base,
      tokenOf: (role) => (role === 'anonymous' ? undefined : actors.get(role)?.token),
      pools: { ids, words: [checkInCode, root.email, bystander.email] },
      takeUnexpectedErrors: () => unexpected.splice(0),
      snapshot: async () => snapshotTables(engine, await tables),
      heal: () => healCast(engine, accounts, actors, [groupId, otherGroupId]),
      dispose: async () => {
        await closeServer(running);
        await engine.dispose();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeServer(server);
    await engine.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function tableNames(engine: EngineFixture): Promise<string[]> {
  if (engine.kind === 'sqlite') {
    const rows = (await engine.db.raw(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'knex_%'",
    )) as { name: string }[];
    return rows.map((row) => row.name).sort();
  }
  const result = (await engine.db.raw(
    "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'knex_%'",
  )) as { rows: { name: string }[] };
  return result.rows.map((row) => row.name).sort();
}

/** One hash per table over its rows (sorted, so row order does not matter). */
async function snapshotTables(
  engine: EngineFixture,
  tables: readonly string[],
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const table of tables) {
    // Raw rows may come back in snake_case or camelCase: compare names without either.
    const ignored = (IGNORED_COLUMNS[table] ?? []).map(bareName);
    const rows = (await engine.db.raw(`select * from "${table}"`)) as
      | Record<string, unknown>[]
      | { rows: Record<string, unknown>[] };
    const list = Array.isArray(rows) ? rows : rows.rows;
    const lines = list
      .map((row) =>
        JSON.stringify(
          Object.entries(row).filter(([column]) => !ignored.includes(bareName(column))),
        ),
      )
      .sort();
    hashes.set(table, createHash('sha256').update(lines.join('\n')).digest('hex'));
  }
  return hashes;
}

function bareName(column: string): string {
  return column.replace(/_/g, '').toLowerCase();
}

/** Puts every member of the cast back as they were made. */
async function healCast(
  engine: EngineFixture,
  accounts: AccountsDeps,
  actors: Map<RoleName, Actor>,
  groupIds: string[],
): Promise<void> {
  const { db } = engine;
  await db('groups').whereIn('id', groupIds).update({ archivedAt: null });
  for (const actor of actors.values()) {
    await db('people')
      .where({ id: actor.personId })
      .update({ disabledAt: null, disabledReason: null });
    await db('person_roles')
      .where({ personId: actor.personId })
      .whereNotIn('role', actor.roles)
      .delete();
    for (const role of actor.roles) {
      const held = await db('person_roles').where({ personId: actor.personId, role }).first();
      if (held === undefined) await db('person_roles').insert({ personId: actor.personId, role });
    }
    for (const membership of actor.memberships) {
      const member = await db('group_members')
        .where({ ...membership, personId: actor.personId })
        .first();
      if (member === undefined) {
        await accounts.groups.addMember(
          { ...membership, personId: actor.personId },
          engine.clock(),
        );
      }
    }
  }
}
