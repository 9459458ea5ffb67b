/**
 * The progress ledger: events are appended, never changed. Reading a learner's ledger gives
 * their events in `seq` order, the order the fold replays them in.
 */
import type {
  JuryOutcome,
  ProgressEvent,
  ProgressEventType,
} from '../../domain/progress/events.ts';
import { type Database, isPostgres } from '../connection.ts';
import { ProgressEventModel } from '../models/progress-event.model.ts';
import { selectRows } from '../select-rows.ts';

/** What an event says beyond its type: stored as the `payload` JSON. */
export interface EventPayload {
  level?: number;
  comment?: string;
  outcome?: JuryOutcome;
  evidenceId?: string;
}

/** An event to append. */
export interface NewLedgerEvent {
  id: string;
  learnerId: string;
  skillId: string;
  type: ProgressEventType;
  payload: EventPayload;
  actorId: string;
  sessionId?: string;
  /** The content hash of the skill's curriculum when the event was recorded. */
  curriculumHash?: string;
  occurredAt: string;
  recordedAt: string;
}

/** An event as stored: the domain event plus where it sits in the ledger. */
export interface LedgerEntry {
  seq: number;
  event: ProgressEvent;
  sessionId?: string;
  curriculumHash?: string;
  recordedAt: string;
}

/**
 * @param db the transaction of the use case that records the event.
 * @param input the event.
 * @returns the stored entry, with its `seq`.
 */
export async function appendProgressEvent(
  db: Database,
  input: NewLedgerEvent,
): Promise<LedgerEntry> {
  const row = await ProgressEventModel.query(db).insert({
    id: input.id,
    learnerId: input.learnerId,
    skillId: input.skillId,
    type: input.type,
    payload: JSON.stringify(input.payload),
    actorId: input.actorId,
    sessionId: input.sessionId ?? null,
    curriculumHash: input.curriculumHash ?? null,
    occurredAt: input.occurredAt,
    recordedAt: input.recordedAt,
  });
  const seq = Number(row.seq);
  // Where the learner's ledger ends, on their row (migration 20261126001300): the caller holds
  // the learner's lock (`lockLearner`), so no later event of theirs commits before this one.
  await db('people').where('id', input.learnerId).where('ledgerEnd', '<', seq).update({
    ledgerEnd: seq,
  });
  const entry: LedgerEntry = {
    seq,
    event: toEvent(input, input.payload),
    recordedAt: input.recordedAt,
  };
  if (input.sessionId !== undefined) entry.sessionId = input.sessionId;
  if (input.curriculumHash !== undefined) entry.curriculumHash = input.curriculumHash;
  return entry;
}

/**
 * @param db the database or a transaction.
 * @param learnerId whose ledger.
 * @returns every event of the learner, in ledger order.
 */
export async function learnerLedger(db: Database, learnerId: string): Promise<LedgerEntry[]> {
  const rows = await ProgressEventModel.query(db).where('learnerId', learnerId).orderBy('seq');
  return rows.map(toEntry);
}

/**
 * @param db the database or a transaction.
 * @param learnerId whose ledger.
 * @param afterSeq the `seq` of the last event the caller has already folded.
 * @returns the learner's events after it, in ledger order (usually none or a few: one index
 *   range, where the whole ledger would be rows scattered over the table).
 */
export async function learnerLedgerAfter(
  db: Database,
  learnerId: string,
  afterSeq: number,
): Promise<LedgerEntry[]> {
  const rows = await ProgressEventModel.query(db)
    .where('learnerId', learnerId)
    .where('seq', '>', afterSeq)
    .orderBy('seq');
  return rows.map(toEntry);
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns the `seq` of their last event; 0 when they have none.
 */
export async function ledgerEnd(db: Database, learnerId: string): Promise<number> {
  // Kept on the learner's row by `appendProgressEvent`: one row read, not an index search.
  const [row] = await selectRows<{ lastSeq: number | string | null }>(
    db,
    'select ledger_end as "lastSeq" from people where id = ?',
    [learnerId],
  );
  return Number(row?.lastSeq ?? 0);
}

/**
 * Serialises the use cases that change one learner's progress or awards: the second waits
 * until the first commits, then sees its events and awards. PostgreSQL takes a transaction
 * advisory lock; SQLite needs nothing, its transactions already run one at a time.
 *
 * @param db a transaction (the lock is released when it ends).
 * @param learnerId the learner.
 */
export async function lockLearner(db: Database, learnerId: string): Promise<void> {
  if (!isPostgres(db)) return;
  await db.raw('select pg_advisory_xact_lock(?, hashtext(?))', [LEARNER_LOCK_SPACE, learnerId]);
}

/** First key of the learner advisory locks, so they never meet another use of advisory locks. */
const LEARNER_LOCK_SPACE = 4_721_001;

function toEntry(row: ProgressEventModel): LedgerEntry {
  const payload = JSON.parse(row.payload) as EventPayload;
  const entry: LedgerEntry = {
    seq: Number(row.seq),
    event: toEvent(row, payload),
    recordedAt: row.recordedAt,
  };
  if (row.sessionId !== null) entry.sessionId = row.sessionId;
  if (row.curriculumHash !== null) entry.curriculumHash = row.curriculumHash;
  return entry;
}

/** The columns an event is rebuilt from. */
interface EventColumns {
  id: string;
  learnerId: string;
  skillId: string;
  type: string;
  actorId: string;
  occurredAt: string;
}

function toEvent(row: EventColumns, payload: EventPayload): ProgressEvent {
  const base = {
    id: row.id,
    learnerId: row.learnerId,
    skillId: row.skillId,
    at: row.occurredAt,
    by: row.actorId,
  };
  const type = row.type as ProgressEventType;
  switch (type) {
    case 'skill-started':
      return { ...base, type };
    case 'evidence-submitted':
      return { ...base, type, evidenceId: payload.evidenceId ?? '' };
    case 'skill-self-assessed':
      return payload.level === undefined
        ? { ...base, type }
        : { ...base, type, level: payload.level };
    case 'skill-validated':
      return {
        ...base,
        type,
        ...(payload.level === undefined ? {} : { level: payload.level }),
        ...(payload.comment === undefined ? {} : { comment: payload.comment }),
      };
    case 'skill-rejected':
      return { ...base, type, comment: payload.comment ?? '' };
    case 'validation-withdrawn':
      // The withdrawal's reason is recorded as the event's comment.
      return { ...base, type, reason: payload.comment ?? '' };
    case 'jury-decided':
      return {
        ...base,
        type,
        outcome: payload.outcome ?? 'ajourne',
        ...(payload.comment === undefined ? {} : { comment: payload.comment }),
      };
    default:
      throw new Error(`progress event ${row.id} has an unknown type "${row.type}"`);
  }
}

/**
 * Whether an error is a foreign key violation (an id that names nothing), on either database:
 * PostgreSQL SQLSTATE 23503, SQLite's SQLITE_CONSTRAINT_FOREIGNKEY, directly or wrapped by
 * Objection.
 *
 * @param error what a query threw.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    const { code, message, nativeError } = current as {
      code?: unknown;
      message?: unknown;
      nativeError?: unknown;
    };
    if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
    if (typeof message === 'string' && /foreign key constraint/i.test(message)) return true;
    current = nativeError;
  }
  return false;
}
