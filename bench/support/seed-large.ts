/**
 * A large, realistic Grange database for the API benchmark: by default 10,000 learners in
 * groups of about 24 (each group on one curriculum, with a trainer), 1,000,000 progress events,
 * the skill-state projection, evidence, notifications, and every badge those ledgers earn,
 * issued and signed for real.
 *
 * How it is made, and what that bypasses. Going through the use cases (`recordProgress` per
 * event) would take days for a million events, so rows are inserted straight into the tables
 * through knex, in batches. What keeps them consistent with the ledger, as the engine would
 * have left them:
 * - each learner's ledger is made by walking their curricula in prerequisite order (started,
 *   self-assessed, evidence handed in, rejected and handed in again, validated, sometimes
 *   re-validated at a higher level), from a seeded random generator, so the same options
 *   always give the same data;
 * - `seq` follows time across all learners, as a live ledger's does;
 * - `skill_states` is the domain core's own fold of each learner's ledger
 *   (`foldSkillStates`, `skillStateRow`), as of their last event;
 * - awards: the badges the final states make eligible (`eligibleBadges`), issued through the
 *   real `issueBadge` (signed credential, status list index, evidence, notification) at the
 *   learner's last event;
 * - a rejection leaves the learner a notification, as `recordProgress` does.
 * What is left out: withdrawals only touch skills no badge names, and the generator records no
 * jury decisions, so no award was ever flagged; notifications are marked as already emailed;
 * people have no password or PIN (benchmarks sign tokens directly); no workshop sessions.
 *
 * The SQLite file is cached under `bench/results/` by a hash of this file, the options and the
 * curricula; delete `bench/results/seed-large-*` to make it again. PostgreSQL gets a copy of
 * that file (`seed-large-postgres.ts`), so credentials are signed once; `seed-large-check.ts`
 * checks a sample of learners against the engine's rules.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { type Catalog, checkCurriculaFolder } from '../../server/app/check-curricula.ts';
import { curriculumOf } from '../../server/app/curricula-to-domain.ts';
import { ensureIssuer } from '../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../server/app/import-curricula.ts';
import { indexCatalog } from '../../server/app/issuance/catalog-index.ts';
import { issueBadge } from '../../server/app/issue-badge.ts';
import { createDatabase, type Database, migrate } from '../../server/db/connection.ts';
import type { LedgerEntry } from '../../server/db/repositories/progress-ledger-repository.ts';
import { skillStateRow } from '../../server/db/repositories/skill-states-repository.ts';
import { ruleLeaves } from '../../server/domain/criteria/criteria-rule.ts';
import { eligibleBadges } from '../../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../../server/domain/progress/events.ts';
import { foldSkillStates } from '../../server/domain/progress/skill-states.ts';
import { seededRandom } from './seeded-random.ts';

export interface LargeSeedOptions {
  learners: number;
  events: number;
  /** The platform's public URL the credentials are issued under. */
  publicUrl: string;
}

export const DEFAULT_SEED_OPTIONS: LargeSeedOptions = {
  learners: 10_000,
  events: 1_000_000,
  publicUrl: 'https://badges.grange.example',
};

/** What a benchmark needs to know of the seeded data. */
export interface SeedManifest {
  options: LargeSeedOptions;
  /** When the data was made; events lie in the year before. */
  seededAt: string;
  seconds: number;
  learnerIds: string[];
  groups: { id: string; curriculumId: string; trainerId: string; learners: number }[];
  counts: Record<string, number>;
}

const SEED = 20_261_126;
const GROUP_SIZE = 24;
const GROUPS_PER_TRAINER = 6;
/** Events of one learner, at most: seq is made from time and a counter of this many bits. */
const MAX_EVENTS = 2 ** 21;
const DAY = 86_400_000;

/** A version 4 UUID drawn from `rand`, so ids look like the server's own. */
function uuid(rand: () => number): string {
  const word = () =>
    Math.floor(rand() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0');
  const h = `${word()}${word()}${word()}${word()}`;
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Jade',
  'Louise',
  'Emma',
  'Lucas',
  'Hugo',
  'Nathan',
  'Louis',
  'Gabriel',
  'Arthur',
  'Jules',
  'Adam',
  'Yasmine',
  'Sofiane',
  'Mamadou',
  'Fatou',
  'Thi Mai',
  'Nour',
  'Élodie',
  'Gérard',
  'Monique',
  'Bernard',
  'Josiane',
  'Rémi',
  'Zoé',
  'Éric',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'Diallo',
  'Nguyen',
  'Traoré',
  'Benali',
  'Fontaine',
  'Chevalier',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Faure',
];

/** One event as generated, before it gets its place (`seq`) in the ledger. */
interface DraftEvent {
  id: string;
  skillId: string;
  type: ProgressEvent['type'];
  by: string;
  at: number;
  level?: number;
  comment?: string;
  evidenceId?: string;
}

/** A learner as generated: who, where enrolled, and their ledger. */
interface DraftLearner {
  index: number;
  id: string;
  displayName: string;
  email: string | null;
  learnerCode: string | null;
  isMinor: boolean;
  curricula: string[];
  events: DraftEvent[];
}

/** The catalog facts the generator walks. */
interface Walk {
  catalog: Catalog;
  /** Each curriculum's skills in prerequisite order. */
  skillsOf: Map<string, string[]>;
  levels: (skillId: string) => number;
  selfAssessable: (skillId: string) => boolean;
  /** Skills some badge names: never withdrawn, so no award is ever flagged. */
  namedByBadges: Set<string>;
  curriculumIds: string[];
}

function walkOf(catalog: Catalog): Walk {
  const index = indexCatalog(catalog);
  const skillsOf = new Map<string, string[]>();
  for (const skillId of catalog.graph.topologicalOrder()) {
    const curriculumId = curriculumOf(skillId);
    skillsOf.set(curriculumId, [...(skillsOf.get(curriculumId) ?? []), skillId]);
  }
  const namedByBadges = new Set<string>();
  for (const badge of catalog.badges) {
    for (const leaf of ruleLeaves(badge.criteria)) {
      if (leaf.kind === 'skill') namedByBadges.add(leaf.skillId);
    }
  }
  return {
    catalog,
    skillsOf,
    levels: (skillId) => index.skill(skillId)?.skill.levels?.length ?? 0,
    selfAssessable: (skillId) => index.skill(skillId)?.skill.validation.selfAssessment === true,
    namedByBadges,
    curriculumIds: catalog.curricula.map((c) => c.id),
  };
}

/**
 * Each learner's share of the events: from a fifth to nearly twice the mean, summing to
 * exactly `events`.
 */
function eventBudgets(options: LargeSeedOptions): number[] {
  const rand = seededRandom(SEED);
  const mean = options.events / options.learners;
  const budgets = Array.from({ length: options.learners }, () =>
    Math.max(1, Math.round(mean * (0.2 + rand() * 1.6))),
  );
  let excess = budgets.reduce((sum, b) => sum + b, 0) - options.events;
  for (let i = 0; excess !== 0; i = (i + 1) % budgets.length) {
    const budget = budgets[i] as number;
    if (excess > 0 && budget > 1) {
      budgets[i] = budget - 1;
      excess -= 1;
    } else if (excess < 0) {
      budgets[i] = budget + 1;
      excess += 1;
    }
  }
  return budgets;
}

/** Which curricula each learner follows (1 to 3, some curricula more popular). */
function enrolmentsOf(options: LargeSeedOptions, walk: Walk): string[][] {
  const rand = seededRandom(SEED + 1);
  const weights = walk.curriculumIds.map((_, i) => 1 + ((i * 7) % 5));
  const total = weights.reduce((s, w) => s + w, 0);
  const pick = (): string => {
    let r = rand() * total;
    for (const [i, weight] of weights.entries()) {
      r -= weight;
      if (r < 0) return walk.curriculumIds[i] as string;
    }
    return walk.curriculumIds[0] as string;
  };
  return Array.from({ length: options.learners }, () => {
    const r = rand();
    const count = r < 0.6 ? 1 : r < 0.9 ? 2 : 3;
    const chosen = new Set<string>();
    while (chosen.size < Math.min(count, walk.curriculumIds.length)) chosen.add(pick());
    return [...chosen];
  });
}

/**
 * One learner's ledger: the curricula taken in turn, each skill in prerequisite order through a
 * short script of events, until the learner's budget of events is spent.
 */
function draftLearner(
  index: number,
  curricula: string[],
  budget: number,
  trainerOf: (curriculumId: string) => string,
  walk: Walk,
  seededAt: number,
): DraftLearner {
  const rand = seededRandom(SEED * 31 + index);
  const id = uuid(rand);
  const first = FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)] as string;
  const last = LAST_NAMES[Math.floor(rand() * LAST_NAMES.length)] as string;
  const isMinor = curricula.includes('coding-kids') && rand() < 0.8;
  const hasEmail = !isMinor && rand() < 0.6;
  const learner: DraftLearner = {
    index,
    id,
    displayName: `${first} ${last}`,
    email: hasEmail
      ? `${first}.${last}.${index}@example.org`
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z0-9.@-]/g, '')
      : null,
    learnerCode: hasEmail ? null : `B${index.toString(36).toUpperCase().padStart(5, '0')}`,
    isMinor,
    curricula,
    events: [],
  };

  // The learner's year: events evenly spread, with jitter, ending a day before the seed.
  const start = seededAt - DAY * (30 + Math.floor(rand() * 335));
  const step = (seededAt - DAY - start) / (budget + 1);
  const nextAt = () => Math.floor(start + step * (learner.events.length + 0.5 + rand() * 0.4));
  const push = (draft: Omit<DraftEvent, 'id' | 'at'>): boolean => {
    if (learner.events.length >= budget) return false;
    learner.events.push({ ...draft, id: uuid(rand), at: nextAt() });
    return true;
  };

  const queues = curricula.map((c) => [...(walk.skillsOf.get(c) ?? [])]);
  const validated: string[] = [];
  while (learner.events.length < budget) {
    const open = queues.filter((q) => q.length > 0);
    if (open.length === 0) break;
    const queue = open[Math.floor(rand() * open.length)] as string[];
    const skillId = queue.shift() as string;
    const trainer = trainerOf(curriculumOf(skillId));
    const levels = walk.levels(skillId);
    const level = () => (levels > 0 ? { level: 1 + Math.floor(rand() * levels) } : {});
    // Most skills take a few workshops before anything else happens.
    const sessions = rand() < 0.1 ? 0 : 1 + Math.floor(rand() * 5);
    for (let k = 0; k < sessions; k += 1) push({ skillId, type: 'skill-started', by: id });
    if (walk.selfAssessable(skillId) && rand() < 0.5) {
      push({ skillId, type: 'skill-self-assessed', by: id, ...level() });
    }
    if (rand() < 0.35) {
      push({ skillId, type: 'evidence-submitted', by: id, evidenceId: uuid(rand) });
      if (rand() < 0.3) {
        push({
          skillId,
          type: 'skill-rejected',
          by: trainer,
          comment: 'Encore un essai, avec une capture de l’écran final.',
        });
        push({ skillId, type: 'evidence-submitted', by: id, evidenceId: uuid(rand) });
      }
    }
    if (rand() >= 0.9) continue; // not validated yet: stays in progress
    const first = level();
    if (!push({ skillId, type: 'skill-validated', by: trainer, ...first })) break;
    validated.push(skillId);
    if (levels > 1 && (first.level ?? levels) < levels && rand() < 0.3) {
      push({ skillId, type: 'skill-validated', by: trainer, level: levels });
    }
    if (!walk.namedByBadges.has(skillId) && rand() < 0.05) {
      push({ skillId, type: 'validation-withdrawn', by: trainer, comment: 'Validée par erreur.' });
      push({ skillId, type: 'skill-validated', by: trainer, ...level() });
    }
  }
  // Budget left once every skill is done: the learner keeps coming to workshops.
  while (learner.events.length < budget) {
    const skillId =
      validated[Math.floor(rand() * validated.length)] ??
      (walk.skillsOf.get(curricula[0] as string)?.[0] as string);
    push({ skillId, type: 'skill-started', by: id });
  }
  return learner;
}

/** The ledger order key of an event: its second, then a counter (unique, time-ordered). */
function ledgerKey(at: number, counter: number): number {
  return Math.floor(at / 1000) * MAX_EVENTS + counter;
}

function toDomainEvent(learnerId: string, draft: DraftEvent): ProgressEvent {
  const base = {
    id: draft.id,
    learnerId,
    skillId: draft.skillId,
    at: new Date(draft.at).toISOString(),
    by: draft.by,
  };
  switch (draft.type) {
    case 'skill-started':
      return { ...base, type: draft.type };
    case 'evidence-submitted':
      return { ...base, type: draft.type, evidenceId: draft.evidenceId ?? '' };
    case 'skill-self-assessed':
    case 'skill-validated':
      return draft.level === undefined
        ? { ...base, type: draft.type }
        : { ...base, type: draft.type, level: draft.level };
    case 'skill-rejected':
      return { ...base, type: draft.type, comment: draft.comment ?? '' };
    case 'validation-withdrawn':
      return { ...base, type: draft.type, reason: draft.comment ?? '' };
    case 'jury-decided':
      return { ...base, type: draft.type, outcome: 'recu' };
  }
}

function payloadOf(draft: DraftEvent): string {
  return JSON.stringify({
    ...(draft.level === undefined ? {} : { level: draft.level }),
    ...(draft.comment === undefined ? {} : { comment: draft.comment }),
    ...(draft.evidenceId === undefined ? {} : { evidenceId: draft.evidenceId }),
  });
}

/**
 * Inserts rows in statements of at most 500 rows (SQLite's limit on the terms of the compound
 * select knex writes) and ~30,000 bound values.
 */
async function insertRows(
  db: Database | Knex.Transaction,
  table: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(500, Math.floor(30_000 / columns)));
  for (let start = 0; start < rows.length; start += size) {
    await db(table).insert(rows.slice(start, start + size));
  }
}

/**
 * Seeds an empty, migrated database.
 *
 * @param db the database (empty).
 * @param options how many learners and events, and the public URL.
 * @param log progress lines.
 * @returns what was made.
 */
export async function seedLargeDatabase(
  db: Database,
  options: LargeSeedOptions,
  log: (line: string) => void,
): Promise<SeedManifest> {
  const began = performance.now();
  const checked = await checkCurriculaFolder();
  if (!checked.ok) throw new Error('the shipped curricula have problems');
  const catalog = checked.catalog;
  const walk = walkOf(catalog);
  const index = indexCatalog(catalog);
  // Midnight UTC: the same options seeded on one day give the same data.
  const seededAt = Math.floor(Date.now() / DAY) * DAY;
  const setupClock = () => new Date(seededAt - 400 * DAY);
  await importCurricula(db, catalog, setupClock);
  const issuer = await ensureIssuer(
    db,
    { publicUrl: options.publicUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
    setupClock,
  );
  const setupAt = setupClock().toISOString();
  const counts: Record<string, number> = {};
  const count = (table: string, n: number) => {
    counts[table] = (counts[table] ?? 0) + n;
  };

  // Learners' curricula, then groups of GROUP_SIZE per curriculum, then their trainers.
  const enrolled = enrolmentsOf(options, walk);
  const rand = seededRandom(SEED + 2);
  const groups: { id: string; curriculumId: string; trainerId: string; members: number[] }[] = [];
  for (const curriculumId of walk.curriculumIds) {
    const members = enrolled.flatMap((list, i) => (list.includes(curriculumId) ? [i] : []));
    for (let start = 0; start < members.length; start += GROUP_SIZE) {
      groups.push({
        id: uuid(rand),
        curriculumId,
        trainerId: '',
        members: members.slice(start, start + GROUP_SIZE),
      });
    }
  }
  const trainerIds = Array.from({ length: Math.ceil(groups.length / GROUPS_PER_TRAINER) }, () =>
    uuid(rand),
  );
  groups.forEach((group, i) => {
    group.trainerId = trainerIds[i % trainerIds.length] as string;
  });
  const groupOf = new Map<string, (typeof groups)[number]>(); // `${learner}:${curriculum}`
  for (const group of groups) {
    for (const member of group.members) groupOf.set(`${member}:${group.curriculumId}`, group);
  }

  // Pass 1: every learner's events, only for their place in time (seq across all learners).
  const budgets = eventBudgets(options);
  const draft = (i: number) =>
    draftLearner(
      i,
      enrolled[i] as string[],
      budgets[i] as number,
      (curriculumId) => groupOf.get(`${i}:${curriculumId}`)?.trainerId ?? (trainerIds[0] as string),
      walk,
      seededAt,
    );
  const keys = new Float64Array(options.events);
  let counter = 0;
  for (let i = 0; i < options.learners; i += 1) {
    for (const event of draft(i).events) {
      keys[counter] = ledgerKey(event.at, counter);
      counter += 1;
    }
  }
  if (counter !== options.events) throw new Error(`made ${counter} events, not ${options.events}`);
  if (counter >= MAX_EVENTS) throw new Error(`at most ${MAX_EVENTS - 1} events`);
  const sorted = Float64Array.from(keys).sort();
  const seqOf = (key: number): number => {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < key) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
  log(
    `seed: ${options.events} events drafted and ordered (${Math.round(performance.now() - began)} ms)`,
  );

  // Staff and groups.
  await db.transaction(async (trx) => {
    await insertRows(
      trx,
      'people',
      trainerIds.map((id, i) => ({
        id,
        displayName: `Formateur·rice ${i + 1}`,
        email: `formation${i + 1}@grange.example`,
        createdAt: setupAt,
        updatedAt: setupAt,
      })),
    );
    await insertRows(
      trx,
      'personRoles',
      trainerIds.map((personId) => ({ personId, role: 'trainer' })),
    );
    await insertRows(
      trx,
      'groups',
      groups.map((group, i) => ({
        id: group.id,
        name: `${group.curriculumId} — groupe ${i + 1}`,
        curriculumId: group.curriculumId,
        createdAt: setupAt,
      })),
    );
    await insertRows(
      trx,
      'groupMembers',
      groups.map((group) => ({
        groupId: group.id,
        personId: group.trainerId,
        role: 'trainer',
        joinedAt: setupAt,
      })),
    );
  });
  count('people', trainerIds.length);
  count('groups', groups.length);

  // Pass 2: learners in slices, each slice in one transaction.
  const SLICE = 200;
  counter = 0;
  const learnerIds: string[] = [];
  for (let from = 0; from < options.learners; from += SLICE) {
    const slice = Array.from({ length: Math.min(SLICE, options.learners - from) }, (_, k) =>
      draft(from + k),
    );
    await db.transaction(async (trx) => {
      const people: Record<string, unknown>[] = [];
      const roles: Record<string, unknown>[] = [];
      const enrolments: Record<string, unknown>[] = [];
      const members: Record<string, unknown>[] = [];
      const events: Record<string, unknown>[] = [];
      const evidence: Record<string, unknown>[] = [];
      const notifications: Record<string, unknown>[] = [];
      const states: Record<string, unknown>[] = [];
      const ledgers: {
        learner: DraftLearner;
        ledger: LedgerEntry[];
        folded: ReturnType<typeof foldSkillStates>;
      }[] = [];
      for (const learner of slice) {
        learnerIds.push(learner.id);
        const firstAt = learner.events[0]?.at ?? seededAt - 30 * DAY;
        const joinedAt = new Date(firstAt - DAY).toISOString();
        const person: Record<string, unknown> = {
          id: learner.id,
          displayName: learner.displayName,
          email: learner.email,
          learnerCode: learner.learnerCode,
          isMinor: learner.isMinor,
          privateProfile: learner.isMinor,
          createdAt: joinedAt,
          updatedAt: joinedAt,
        };
        people.push(person);
        roles.push({ personId: learner.id, role: 'learner' });
        for (const curriculumId of learner.curricula) {
          enrolments.push({ personId: learner.id, curriculumId, enrolledAt: joinedAt });
          const group = groupOf.get(`${learner.index}:${curriculumId}`);
          if (group !== undefined) {
            members.push({ groupId: group.id, personId: learner.id, role: 'learner', joinedAt });
          }
        }
        const ledger: LedgerEntry[] = [];
        for (const event of learner.events) {
          const seq = seqOf(ledgerKey(event.at, counter));
          counter += 1;
          const at = new Date(event.at).toISOString();
          const curriculumHash = index.curriculumHash(curriculumOf(event.skillId));
          events.push({
            seq,
            id: event.id,
            learnerId: learner.id,
            skillId: event.skillId,
            type: event.type,
            payload: payloadOf(event),
            actorId: event.by,
            curriculumHash: curriculumHash ?? null,
            occurredAt: at,
            recordedAt: at,
          });
          ledger.push({
            seq,
            event: toDomainEvent(learner.id, event),
            recordedAt: at,
            ...(curriculumHash === undefined ? {} : { curriculumHash }),
          });
          if (event.type === 'evidence-submitted') {
            evidence.push({
              id: event.evidenceId,
              learnerId: learner.id,
              skillId: event.skillId,
              kind: 'text',
              text: 'J’ai fait l’exercice en atelier ; voici ce que j’ai retenu.',
              submittedAt: at,
            });
          }
          if (event.type === 'skill-rejected') {
            notifications.push({
              id: uuid(rand),
              personId: learner.id,
              kind: 'validation-rejected',
              payload: JSON.stringify({
                eventId: event.id,
                skillId: event.skillId,
                skillTitle: index.skill(event.skillId)?.skill.title.fr ?? event.skillId,
                comment: event.comment,
              }),
              createdAt: at,
              emailedAt: at,
            });
          }
        }
        // A learner's events are drafted in time order, so their seq already rise.
        person.ledgerEnd = ledger.at(-1)?.seq ?? 0;
        const lastAt = learner.events.at(-1)?.at ?? seededAt;
        const folded = foldSkillStates(
          catalog.graph,
          ledger.map((e) => e.event),
          { now: new Date(lastAt).toISOString(), validityMonths: index.validityMonths },
        );
        const lastSeq = new Map<string, number>();
        for (const entry of ledger) lastSeq.set(entry.event.skillId, entry.seq);
        for (const [skillId, seq] of lastSeq) {
          const state = folded.get(skillId);
          if (state !== undefined) states.push({ ...skillStateRow(learner.id, state, seq) });
        }
        ledgers.push({ learner, ledger, folded });
      }
      await insertRows(trx, 'people', people);
      await insertRows(trx, 'personRoles', roles);
      await insertRows(trx, 'enrolments', enrolments);
      await insertRows(trx, 'groupMembers', members);
      await insertRows(trx, 'progressEvents', events);
      await insertRows(trx, 'evidence', evidence);
      await insertRows(trx, 'notifications', notifications);
      await insertRows(trx, 'skillStates', states);
      count('people', people.length);
      count('progress_events', events.length);
      count('evidence', evidence.length);
      count('notifications', notifications.length);
      count('skill_states', states.length);

      // Awards: what the final states make eligible, issued for real at the last event.
      for (const { learner, ledger, folded } of ledgers) {
        const held = new Set<string>();
        let at = learner.events.at(-1)?.at ?? seededAt;
        for (const badgeId of eligibleBadges(index.badges, folded, { heldBadges: held })) {
          at += 1000;
          const issuedAt = at;
          const outcome = await issueBadge(
            trx,
            { issuer, publicUrl: options.publicUrl, catalog, clock: () => new Date(issuedAt) },
            {
              learner: { id: learner.id, email: learner.email },
              badgeId,
              states: folded,
              heldBadges: held,
              ledger,
            },
          );
          if (outcome.issued) {
            held.add(badgeId);
            count('badge_awards', 1);
          }
        }
      }
    });
    log(
      `seed: ${Math.min(from + SLICE, options.learners)}/${options.learners} learners, ${counts.badge_awards ?? 0} awards (${Math.round((performance.now() - began) / 1000)} s)`,
    );
  }
  // Notifications of badges earned are as old as the awards: consider them emailed.
  await db('notifications')
    .whereNull('emailedAt')
    .update({ emailedAt: db.ref('createdAt') });
  await db.raw('analyze');
  return {
    options,
    seededAt: new Date(seededAt).toISOString(),
    seconds: Math.round((performance.now() - began) / 1000),
    learnerIds,
    groups: groups.map((g) => ({
      id: g.id,
      curriculumId: g.curriculumId,
      trainerId: g.trainerId,
      learners: g.members.length,
    })),
    counts,
  };
}

const RESULTS = new URL('../results/', import.meta.url).pathname;

/** @returns the hash that names a cached seed: this file, the options, the curricula. */
function seedHash(options: LargeSeedOptions): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(new URL(import.meta.url)));
  hash.update(JSON.stringify(options));
  const curricula = new URL('../../curricula/', import.meta.url).pathname;
  for (const name of readdirSync(curricula)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    hash.update(name);
    hash.update(readFileSync(join(curricula, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The seeded SQLite file for these options, made once and then taken from
 * `bench/results/seed-large-<hash>.sqlite`. Callers copy it before changing it.
 *
 * @returns the file and its manifest.
 */
export async function cachedLargeSqlite(
  options: LargeSeedOptions,
  log: (line: string) => void,
): Promise<{ file: string; manifest: SeedManifest }> {
  mkdirSync(RESULTS, { recursive: true });
  const name = `seed-large-${seedHash(options)}`;
  const file = join(RESULTS, `${name}.sqlite`);
  const manifestFile = join(RESULTS, `${name}.json`);
  if (existsSync(file) && existsSync(manifestFile)) {
    log(`seed: reusing ${file}`);
    return { file, manifest: JSON.parse(readFileSync(manifestFile, 'utf8')) as SeedManifest };
  }
  // Made under a temporary name: an interrupted seed is never taken for a finished one.
  const partial = join(RESULTS, `${name}.partial.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  log(`seed: making ${file} (${options.learners} learners, ${options.events} events)`);
  const db = createDatabase({ client: 'sqlite', filename: partial });
  let manifest: SeedManifest;
  try {
    await migrate(db);
    manifest = await seedLargeDatabase(db, options, log);
    await db.raw('pragma wal_checkpoint(truncate)');
  } finally {
    await db.destroy();
  }
  renameSync(partial, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  writeFileSync(manifestFile, `${JSON.stringify(manifest)}\n`);
  return { file, manifest };
}
