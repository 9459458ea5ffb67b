/**
 * Records one progress event and everything that follows from it, in one transaction: the
 * event joins the ledger, the learner's skill states are folded again and the projection
 * updated, every badge is evaluated, badges newly earned are issued, standing badges whose
 * criteria a withdrawal broke are flagged for an administrator, and the learner is notified.
 *
 * Events of one learner are recorded one at a time (a per-learner lock on PostgreSQL; SQLite
 * runs transactions one at a time), so each fold sees every earlier event and a badge is
 * never issued twice, however many trainers validate at once.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import {
  listAwardedBadgeIds,
  listStandingAwards,
} from '../db/repositories/badge-awards-repository.ts';
import { saveTracks } from '../db/repositories/learner-tracks-repository.ts';
import { addNotification } from '../db/repositories/notifications-repository.ts';
import { PeopleRepository } from '../db/repositories/people-repository.ts';
import {
  appendProgressEvent,
  type EventPayload,
  isForeignKeyViolation,
  type LedgerEntry,
  learnerLedger,
  lockLearner,
} from '../db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  type SkillStateRow,
  sameSkillStateRow,
  skillStateRow,
  upsertSkillStateRows,
} from '../db/repositories/skill-states-repository.ts';
import { BadgeEligibility } from '../domain/criteria/badge-eligibility.ts';
import { DomainError } from '../domain/errors.ts';
import {
  type JuryOutcome,
  PROGRESS_EVENT_TYPES,
  type ProgressEventType,
} from '../domain/progress/events.ts';
import { LearnerProgress } from '../domain/progress/learner-progress.ts';
import type { SkillState } from '../domain/progress/skill-states.ts';
import { encodeTracks } from '../domain/progress/track-snapshot.ts';
import { type Instant, toMillis } from '../domain/time.ts';
import {
  InvalidProgressEvent,
  LevelOutOfRange,
  UnknownPerson,
  UnknownProgressSkill,
} from './engine-errors.ts';
import { flagAwardInTransaction } from './flag-award.ts';
import { type CatalogIndex, indexCatalog } from './issuance/catalog-index.ts';
import { type IssuanceContext, type IssuedAward, issueBadge } from './issue-badge.ts';

/** What recording progress needs: the database, and what issuing a badge needs. */
export interface RecordProgressDeps extends IssuanceContext {
  db: Database;
}

/** One ledger event, as an adapter receives it. */
export interface RecordProgressCommand {
  learnerId: string;
  /** Global skill id, `<curriculum>/<skill>`. */
  skillId: string;
  type: ProgressEventType;
  /** Who records it: the learner, a trainer, a jury member. */
  actorId: string;
  sessionId?: string;
  /** For a validation or a self-assessment of a skill with levels. */
  level?: number;
  /** Required for a rejection and a withdrawal (its reason). */
  comment?: string;
  /** Required for a jury decision. */
  outcome?: JuryOutcome;
  /** Required for an evidence submission. */
  evidenceId?: string;
  /** When it happened (default: now). */
  occurredAt?: Instant;
}

export interface FlaggedAward {
  awardId: string;
  badgeId: string;
  reason: string;
}

export interface RecordProgressResult {
  entry: LedgerEntry;
  /** The learner's state of every skill after the event. */
  states: ReadonlyMap<string, SkillState>;
  /** Skills whose projection row changed. */
  changedSkills: string[];
  issued: IssuedAward[];
  flagged: FlaggedAward[];
}

/** What a use case may add to one recording. */
export interface RecordProgressOptions {
  /**
   * Runs inside the transaction, under the learner's lock, on the learner's states before the
   * event; throwing writes nothing. For rules on the current state (e.g. "there must be a
   * validation to withdraw"): checked before the call, another trainer could change it first.
   * The map is live (the event is applied to it afterwards): read it, do not keep it.
   */
  precondition?(before: ReadonlyMap<string, SkillState>): void;
}

const JURY_OUTCOMES: readonly JuryOutcome[] = ['recu', 'ajourne', 'refuse'];
const TYPES_WITH_LEVEL: readonly ProgressEventType[] = ['skill-validated', 'skill-self-assessed'];

/**
 * @param deps the database, issuer, public URL, catalog and clock.
 * @param command the event.
 * @param options a precondition on the states before the event.
 * @returns the stored event, the new states, and the awards issued and flagged.
 * @throws UnknownProgressSkill, LevelOutOfRange, UnknownPerson, InvalidProgressEvent, or what
 *   the precondition throws: nothing is written then.
 */
export async function recordProgress(
  deps: RecordProgressDeps,
  command: RecordProgressCommand,
  options: RecordProgressOptions = {},
): Promise<RecordProgressResult> {
  const index = indexCatalog(deps.catalog);
  const checked = checkCommand(command, index);
  return deps.db.transaction(async (trx) => {
    await lockLearner(trx, command.learnerId);
    const people = new PeopleRepository(deps.db);
    const learner = await people.findById(command.learnerId, trx);
    if (learner === null) throw new UnknownPerson(command.learnerId);
    if (
      command.actorId !== command.learnerId &&
      (await people.findById(command.actorId, trx)) === null
    ) {
      throw new UnknownPerson(command.actorId);
    }

    const now = deps.clock();
    const earlier = await learnerLedger(trx, command.learnerId);
    // The ledger is folded once, for the state before the event; the event is then applied
    // to that state (only what it can change is worked out again).
    const progress = LearnerProgress.fold(
      deps.catalog.graph,
      earlier.map((e) => e.event),
      { now, validityMonths: index.validityMonths },
    );
    options.precondition?.(progress.states);
    const standing = await listStandingAwards(trx, command.learnerId);
    const held = new Set(standing.map((award) => award.badgeId));
    const eligibility = new BadgeEligibility(index.badges, progress.states, held);
    const eligibleBefore = new Set(eligibility.eligible());
    const entry = await appendEvent(trx, {
      id: randomUUID(),
      learnerId: command.learnerId,
      skillId: command.skillId,
      type: command.type,
      payload: checked.payload,
      actorId: command.actorId,
      ...(command.sessionId === undefined ? {} : { sessionId: command.sessionId }),
      ...(checked.curriculumHash === undefined ? {} : { curriculumHash: checked.curriculumHash }),
      occurredAt: checked.occurredAt ?? now.toISOString(),
      recordedAt: now.toISOString(),
    });
    const ledger = [...earlier, entry];
    eligibility.update(progress.apply(entry.event));
    // The learner's views read these tracks and the events after them, not the whole ledger.
    await saveTracks(
      trx,
      {
        learnerId: command.learnerId,
        throughSeq: entry.seq,
        catalogKey: index.contentKey,
        tracks: encodeTracks(progress.tracks),
      },
      now,
    );
    const states = progress.states;
    const changedSkills = await updateProjection(trx, command.learnerId, states, ledger);

    const eligibleNow = eligibility.eligible();
    const eligibleNowSet = new Set(eligibleNow);

    // Flags first, then issues: the same lock order as revokeBadge (award, then status list).
    const flagged: FlaggedAward[] = [];
    const reason = flagReason(command, index);
    if (reason !== undefined) {
      for (const award of standing) {
        if (!eligibleBefore.has(award.badgeId) || eligibleNowSet.has(award.badgeId)) continue;
        const flag = { awardId: award.id, reason, eventId: entry.event.id };
        if (await flagAwardInTransaction(trx, flag, now)) {
          flagged.push({ awardId: award.id, badgeId: award.badgeId, reason });
        }
      }
    }

    // A badge is issued when it becomes eligible, or when it is eligible and was never
    // awarded (a badge added to a curriculum later); a badge an administrator revoked is not
    // silently issued again by an unrelated event.
    const everAwarded = await listAwardedBadgeIds(trx, command.learnerId);
    const issued: IssuedAward[] = [];
    for (const badgeId of eligibleNow) {
      if (held.has(badgeId)) continue;
      if (eligibleBefore.has(badgeId) && everAwarded.has(badgeId)) continue;
      const outcome = await issueBadge(trx, deps, {
        learner,
        badgeId,
        states,
        heldBadges: held,
        ledger,
      });
      if (outcome.issued) {
        issued.push(outcome.award);
        held.add(badgeId);
      }
    }

    if (isRejection(command)) {
      await addNotification(trx, {
        id: randomUUID(),
        personId: command.learnerId,
        kind: 'validation-rejected',
        payload: {
          eventId: entry.event.id,
          skillId: command.skillId,
          skillTitle: index.skill(command.skillId)?.skill.title.fr ?? command.skillId,
          ...(command.comment === undefined ? {} : { comment: command.comment }),
        },
        createdAt: now.toISOString(),
      });
    }
    return { entry, states, changedSkills, issued, flagged };
  });
}

interface CheckedCommand {
  payload: EventPayload;
  occurredAt?: string;
  curriculumHash?: string;
}

/** Every check that needs no database: done before the transaction starts. */
function checkCommand(command: RecordProgressCommand, index: CatalogIndex): CheckedCommand {
  if (!PROGRESS_EVENT_TYPES.includes(command.type)) {
    throw new InvalidProgressEvent({
      fr: `Le type d'événement « ${String(command.type)} » n'existe pas.`,
      en: `The event type "${String(command.type)}" does not exist.`,
    });
  }
  if (command.sessionId !== undefined && command.sessionId.length > MAX_ID_LENGTH) {
    throw unknownSession(command.sessionId);
  }
  const indexed = index.skill(command.skillId);
  if (indexed === undefined || !index.catalog.graph.has(command.skillId)) {
    throw new UnknownProgressSkill(command.skillId);
  }
  const { skill, curriculum } = indexed;
  const payload: EventPayload = {};

  if (command.level !== undefined) {
    if (!TYPES_WITH_LEVEL.includes(command.type)) {
      throw new InvalidProgressEvent({
        fr: 'Un niveau ne se donne qu’avec une validation ou une auto-évaluation.',
        en: 'A level goes only with a validation or a self-assessment.',
      });
    }
    const levelCount = skill.levels?.length ?? 0;
    if (!Number.isInteger(command.level) || command.level < 1 || command.level > levelCount) {
      throw new LevelOutOfRange(command.skillId, command.level, levelCount);
    }
    payload.level = command.level;
  }
  const comment = command.comment?.trim();
  if (comment !== undefined && comment !== '') payload.comment = comment;

  switch (command.type) {
    case 'skill-self-assessed':
      if (!skill.validation.selfAssessment) {
        throw new InvalidProgressEvent({
          fr: `La compétence « ${skill.title.fr} » ne s'auto-évalue pas : un animateur la valide.`,
          en: `The skill "${skill.title.en}" cannot be self-assessed: a trainer validates it.`,
        });
      }
      break;
    case 'skill-rejected':
    case 'validation-withdrawn':
      if (payload.comment === undefined) {
        throw new InvalidProgressEvent({
          fr: 'Écrivez un commentaire : la personne doit savoir pourquoi.',
          en: 'Write a comment: the learner needs to know why.',
        });
      }
      break;
    case 'jury-decided':
      if (command.outcome === undefined || !JURY_OUTCOMES.includes(command.outcome)) {
        throw new InvalidProgressEvent({
          fr: 'Indiquez la décision du jury : reçu, ajourné ou refusé.',
          en: "Give the jury's decision: recu, ajourne or refuse.",
        });
      }
      payload.outcome = command.outcome;
      break;
    case 'evidence-submitted': {
      const evidenceId = command.evidenceId?.trim();
      if (evidenceId === undefined || evidenceId === '') {
        throw new InvalidProgressEvent({
          fr: 'Une preuve déposée doit désigner le document ou le lien déposé.',
          en: 'An evidence submission must name the document or link submitted.',
        });
      }
      payload.evidenceId = evidenceId;
      break;
    }
    default:
      break;
  }

  let occurredAt: string | undefined;
  if (command.occurredAt !== undefined) {
    try {
      occurredAt = new Date(toMillis(command.occurredAt)).toISOString();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new InvalidProgressEvent({
        fr: `La date « ${String(command.occurredAt)} » est illisible ; écrivez-la 2025-01-31T09:00:00Z.`,
        en: `The date "${String(command.occurredAt)}" is unreadable; write it as 2025-01-31T09:00:00Z.`,
      });
    }
  }
  const curriculumHash = index.curriculumHash(curriculum.id);
  return {
    payload,
    ...(occurredAt === undefined ? {} : { occurredAt }),
    ...(curriculumHash === undefined ? {} : { curriculumHash }),
  };
}

async function appendEvent(
  trx: Database,
  input: Parameters<typeof appendProgressEvent>[1],
): Promise<LedgerEntry> {
  try {
    return await appendProgressEvent(trx, input);
  } catch (error) {
    // Learner and actor were checked: the only id left that can name nothing is the session.
    if (isForeignKeyViolation(error)) throw unknownSession(input.sessionId ?? '');
    throw error;
  }
}

/**
 * Ids are at most this long in every table (`string('id', 64)`): a longer session id names no
 * session, and PostgreSQL would refuse to store it rather than find it missing.
 */
const MAX_ID_LENGTH = 64;

function unknownSession(sessionId: string): InvalidProgressEvent {
  const shown =
    sessionId.length > MAX_ID_LENGTH ? `${sessionId.slice(0, MAX_ID_LENGTH)}…` : sessionId;
  return new InvalidProgressEvent({
    fr: `La séance « ${shown} » n'existe pas.`,
    en: `The workshop session "${shown}" does not exist.`,
  });
}

/**
 * Rewrites the projection rows that differ from the fold: one row per skill with events.
 *
 * @returns the skills whose row changed.
 */
async function updateProjection(
  trx: Database,
  learnerId: string,
  states: ReadonlyMap<string, SkillState>,
  ledger: readonly LedgerEntry[],
): Promise<string[]> {
  const lastSeq = new Map<string, number>();
  for (const entry of ledger) lastSeq.set(entry.event.skillId, entry.seq);
  const existing = await listSkillStateRows(trx, learnerId);
  const changed: SkillStateRow[] = [];
  for (const [skillId, seq] of lastSeq) {
    const state = states.get(skillId);
    if (state === undefined) continue; // a skill no longer in the catalog keeps its last row
    const row = skillStateRow(learnerId, state, seq);
    const before = existing.get(skillId);
    if (before === undefined || !sameSkillStateRow(before, row)) changed.push(row);
  }
  await upsertSkillStateRows(trx, changed);
  return changed.map((row) => row.skillId);
}

/** Why standing awards are flagged after this event, or undefined if it never flags. */
function flagReason(command: RecordProgressCommand, index: CatalogIndex): string | undefined {
  const title = index.skill(command.skillId)?.skill.title.fr ?? command.skillId;
  if (command.type === 'validation-withdrawn') {
    return `La validation de « ${title} » a été retirée : ${command.comment?.trim() ?? ''}`;
  }
  if (command.type === 'jury-decided' && command.outcome === 'refuse') {
    const comment = command.comment?.trim();
    return `Le jury a refusé « ${title} »${comment ? ` : ${comment}` : '.'}`;
  }
  return undefined;
}

function isRejection(command: RecordProgressCommand): boolean {
  return (
    command.type === 'skill-rejected' ||
    (command.type === 'jury-decided' && command.outcome !== 'recu')
  );
}
