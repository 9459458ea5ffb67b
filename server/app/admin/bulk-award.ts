/**
 * An administrator awards one badge outright to a list of learners given as a CSV (header
 * `email` or `learner_code`, optionally `evidence_narrative`). `previewBulkAward` reads the file
 * and says, row by row, what would happen — writing nothing; `confirmBulkAward` checks the file
 * again (things may have changed since the preview) and issues the badge to every row still ok,
 * each in its own transaction so one learner's failure does not undo the others'.
 *
 * No skills need be validated: the credential's evidence is the administrator's narrative.
 */
import { Forbidden, type LocalisedMessage } from '../../auth/errors.ts';
import { normaliseLearnerCode } from '../../auth/learner-codes.ts';
import { isAdmin, type Viewer } from '../../auth/policies.ts';
import { listStandingAwards } from '../../db/repositories/badge-awards-repository.ts';
import { PeopleRepository, type Person } from '../../db/repositories/people-repository.ts';
import { lockLearner } from '../../db/repositories/progress-ledger-repository.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import { issueBadge } from '../issue-badge.ts';
import type { RecordProgressDeps } from '../record-progress.ts';
import { parseCsv } from './bulk-award-csv.ts';
import {
  BadBulkAwardHeader,
  TooManyBulkAwardRows,
  UnknownBulkAwardBadge,
} from './bulk-award-errors.ts';

/** Most learner rows one file may have. */
export const BULK_AWARD_LIMIT = 500;

/** Longest narrative a row may give. */
export const NARRATIVE_MAX_LENGTH = 1000;

/** What a bulk award needs: the database and what issuing a badge needs. */
export type BulkAwardDeps = RecordProgressDeps;

/** The file and the badge. */
export interface BulkAwardInput {
  badgeId: string;
  csv: string;
}

/** What happens (or happened) to one row. */
export type BulkAwardRowStatus =
  | 'ok'
  | 'unknown-learner'
  | 'duplicate-row'
  | 'already-holds'
  | 'bad-row';

/** One row's result. */
export interface BulkAwardRow {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  /** The email or learner code as written. */
  identifier: string;
  status: BulkAwardRowStatus;
  learnerId?: string;
  learnerDisplayName?: string;
  narrative?: string;
  /** Why the row is not ok. */
  message?: LocalisedMessage;
  /** The award issued (confirm only). */
  awardId?: string;
}

/** The preview or the outcome of a bulk award. */
export interface BulkAwardReport {
  badgeId: string;
  rows: BulkAwardRow[];
  /** Rows that are ok (preview: would be issued; confirm: were issued). */
  okCount: number;
}

/**
 * @param deps the database and the catalog.
 * @param admin who asks.
 * @param input the badge and the CSV.
 * @returns what would happen to each row; nothing is written.
 * @throws Forbidden unless the viewer is an administrator now; UnknownBulkAwardBadge,
 *   BadBulkAwardHeader, TooManyBulkAwardRows for the file as a whole.
 */
export async function previewBulkAward(
  deps: BulkAwardDeps,
  admin: Viewer,
  input: BulkAwardInput,
): Promise<BulkAwardReport> {
  const people = new PeopleRepository(deps.db);
  await requireCurrentAdmin(people, admin);
  const rows = await checkRows(deps, people, input);
  return { badgeId: input.badgeId, rows, okCount: rows.filter((r) => r.status === 'ok').length };
}

/**
 * @param deps the database and what issuing needs.
 * @param admin who awards (their display name goes into the evidence).
 * @param input the same badge and CSV as the preview.
 * @returns each row's outcome: issued rows are ok with their `awardId`; others say why not.
 * @throws as {@link previewBulkAward}; nothing is issued then.
 */
export async function confirmBulkAward(
  deps: BulkAwardDeps,
  admin: Viewer,
  input: BulkAwardInput,
): Promise<BulkAwardReport> {
  const people = new PeopleRepository(deps.db);
  const adminPerson = await requireCurrentAdmin(people, admin);
  const rows = await checkRows(deps, people, input);
  for (const row of rows) {
    if (row.status !== 'ok' || row.learnerId === undefined) continue;
    const learnerId = row.learnerId;
    const narrative =
      row.narrative === undefined || row.narrative === ''
        ? `Attribué directement par ${adminPerson.displayName}.`
        : `Attribué directement par ${adminPerson.displayName} : ${row.narrative}`;
    const outcome = await deps.db.transaction(async (trx) => {
      // The same lock as progress: a validation completing the badge now cannot race us.
      await lockLearner(trx, learnerId);
      const learner = await people.findById(learnerId, trx);
      if (learner === null) return undefined;
      return issueBadge(trx, deps, {
        learner: { id: learner.id, email: learner.email },
        badgeId: input.badgeId,
        states: new Map(),
        heldBadges: new Set(),
        ledger: [],
        direct: { evidence: [{ name: 'Attribution directe', narrative }] },
      });
    });
    if (outcome === undefined) {
      Object.assign(row, unknownLearner(row.identifier));
    } else if (outcome.issued) {
      row.awardId = outcome.award.awardId;
    } else {
      Object.assign(row, alreadyHolds());
    }
  }
  return { badgeId: input.badgeId, rows, okCount: rows.filter((r) => r.status === 'ok').length };
}

async function requireCurrentAdmin(people: PeopleRepository, viewer: Viewer): Promise<Person> {
  // The token's roles may be stale: the decision uses the roles held now.
  const person = await people.findById(viewer.personId);
  if (person === null || !isAdmin({ personId: person.id, roles: person.roles })) {
    throw new Forbidden();
  }
  return person;
}

interface Columns {
  key: 'email' | 'learner_code';
  keyIndex: number;
  narrativeIndex: number | undefined;
  count: number;
}

function readHeader(fields: readonly string[] | undefined): Columns {
  const names = (fields ?? []).map((f) => f.trim().toLowerCase());
  const shown = (fields ?? []).join(',');
  const allowed = new Set(['email', 'learner_code', 'evidence_narrative']);
  const hasEmail = names.includes('email');
  const hasCode = names.includes('learner_code');
  if (
    hasEmail === hasCode ||
    names.some((n) => !allowed.has(n)) ||
    new Set(names).size !== names.length
  ) {
    throw new BadBulkAwardHeader(shown);
  }
  const key = hasEmail ? 'email' : 'learner_code';
  const narrativeIndex = names.indexOf('evidence_narrative');
  return {
    key,
    keyIndex: names.indexOf(key),
    narrativeIndex: narrativeIndex === -1 ? undefined : narrativeIndex,
    count: names.length,
  };
}

async function checkRows(
  deps: BulkAwardDeps,
  people: PeopleRepository,
  input: BulkAwardInput,
): Promise<BulkAwardRow[]> {
  if (indexCatalog(deps.catalog).badge(input.badgeId) === undefined) {
    throw new UnknownBulkAwardBadge(input.badgeId);
  }
  const [header, ...records] = parseCsv(input.csv);
  const columns = readHeader(header?.fields);
  if (records.length > BULK_AWARD_LIMIT) throw new TooManyBulkAwardRows(BULK_AWARD_LIMIT);

  const firstLineOf = new Map<string, number>();
  const rows: BulkAwardRow[] = [];
  for (const record of records) {
    const identifier = (record.fields[columns.keyIndex] ?? '').trim();
    const narrative =
      columns.narrativeIndex === undefined
        ? undefined
        : (record.fields[columns.narrativeIndex] ?? '').trim();
    const base = {
      line: record.line,
      identifier,
      ...(narrative === undefined ? {} : { narrative }),
    };
    const problem = rowProblem(record.fields.length, columns, identifier, narrative);
    if (problem !== undefined) {
      rows.push({ ...base, status: 'bad-row', message: problem });
      continue;
    }
    const person =
      columns.key === 'email'
        ? await people.findByEmail(identifier)
        : await people.findByLearnerCode(normaliseLearnerCode(identifier));
    if (person === null || !person.roles.includes('learner')) {
      rows.push({ ...base, ...unknownLearner(identifier) });
      continue;
    }
    const learner = { learnerId: person.id, learnerDisplayName: person.displayName };
    const first = firstLineOf.get(person.id);
    if (first !== undefined) {
      rows.push({ ...base, ...learner, ...duplicateRow(first) });
      continue;
    }
    firstLineOf.set(person.id, record.line);
    const standing = await listStandingAwards(deps.db, person.id);
    if (standing.some((award) => award.badgeId === input.badgeId)) {
      rows.push({ ...base, ...learner, ...alreadyHolds() });
      continue;
    }
    rows.push({ ...base, ...learner, status: 'ok' });
  }
  return rows;
}

function rowProblem(
  fieldCount: number,
  columns: Columns,
  identifier: string,
  narrative: string | undefined,
): LocalisedMessage | undefined {
  if (fieldCount !== columns.count) {
    return {
      fr: `La ligne a ${fieldCount} colonne(s) au lieu de ${columns.count}.`,
      en: `The row has ${fieldCount} column(s) instead of ${columns.count}.`,
    };
  }
  if (identifier === '') {
    return columns.key === 'email'
      ? { fr: "L'adresse email est vide.", en: 'The email address is empty.' }
      : { fr: 'Le code apprenant est vide.', en: 'The learner code is empty.' };
  }
  if (columns.key === 'email' && !/^[^\s@]+@[^\s@]+$/.test(identifier)) {
    return {
      fr: `« ${identifier} » n'est pas une adresse email.`,
      en: `"${identifier}" is not an email address.`,
    };
  }
  if (narrative !== undefined && narrative.length > NARRATIVE_MAX_LENGTH) {
    return {
      fr: `Le texte de preuve dépasse ${NARRATIVE_MAX_LENGTH} caractères.`,
      en: `The evidence narrative is longer than ${NARRATIVE_MAX_LENGTH} characters.`,
    };
  }
  return undefined;
}

function unknownLearner(identifier: string): Pick<BulkAwardRow, 'status' | 'message'> {
  return {
    status: 'unknown-learner',
    message: {
      fr: `Aucun apprenant n'a l'identifiant « ${identifier} ».`,
      en: `No learner has the identifier "${identifier}".`,
    },
  };
}

function duplicateRow(firstLine: number): Pick<BulkAwardRow, 'status' | 'message'> {
  return {
    status: 'duplicate-row',
    message: {
      fr: `Cet apprenant figure déjà ligne ${firstLine} : il ne recevra le badge qu'une fois.`,
      en: `This learner is already on line ${firstLine}: they receive the badge once.`,
    },
  };
}

function alreadyHolds(): Pick<BulkAwardRow, 'status' | 'message'> {
  return {
    status: 'already-holds',
    message: {
      fr: 'Cet apprenant détient déjà ce badge.',
      en: 'This learner already holds this badge.',
    },
  };
}
