/**
 * Workshop sessions and their attendance. The only code that touches `workshop_sessions` and
 * `attendance`. Every function takes the database or a transaction.
 */
import type { Database } from '../connection.ts';
import { MAX_IDS_PER_QUERY, readByIdChunks } from './id-chunks.ts';

/** A workshop session of a group. */
export interface WorkshopSession {
  id: string;
  groupId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  /** What present learners scan (or type) to check in. */
  checkInCode: string;
  /** Global skill ids the session works on. */
  targetSkills: string[];
  createdBy: string;
}

/** One learner present at a session. */
export interface AttendanceRecord {
  sessionId: string;
  personId: string;
  method: 'roll-call' | 'qr';
  checkedInAt: string;
}

interface SessionRow {
  id: string;
  groupId: string;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
  checkInCode: string;
  targetSkills: string;
  createdBy: string;
}

interface AttendanceRow {
  sessionId: string;
  personId: string;
  method: string;
  checkedInAt: Date | string;
}

/** Stores a new session. */
export async function insertWorkshopSession(db: Database, session: WorkshopSession): Promise<void> {
  await db('workshop_sessions').insert({
    ...session,
    targetSkills: JSON.stringify(session.targetSkills),
  });
}

/** @returns the session, or null. */
export async function findWorkshopSession(
  db: Database,
  id: string,
): Promise<WorkshopSession | null> {
  const row = (await db('workshop_sessions').where({ id }).first()) as SessionRow | undefined;
  return row === undefined ? null : toSession(row);
}

/** @returns the session whose check-in code this is, or null. */
export async function findWorkshopSessionByCode(
  db: Database,
  checkInCode: string,
): Promise<WorkshopSession | null> {
  const row = (await db('workshop_sessions').where({ checkInCode }).first()) as
    | SessionRow
    | undefined;
  return row === undefined ? null : toSession(row);
}

/**
 * @param groupIds the groups (empty: none).
 * @param from sessions ending after this instant (one ending exactly then is over by then)…
 * @param to …and starting before this one.
 * @returns the sessions, earliest first.
 */
export async function listWorkshopSessions(
  db: Database,
  groupIds: readonly string[],
  from: Date,
  to: Date,
): Promise<WorkshopSession[]> {
  if (groupIds.length === 0) return [];
  const rows = (await db('workshop_sessions')
    .whereIn('groupId', [...groupIds])
    .where('endsAt', '>', from.toISOString())
    .where('startsAt', '<', to.toISOString())
    .orderBy(['startsAt', 'id'])) as SessionRow[];
  return rows.map(toSession);
}

/**
 * Records learners as present; those already recorded keep their first record, so calling it
 * again changes nothing.
 */
export async function addAttendance(
  db: Database,
  records: readonly AttendanceRecord[],
): Promise<void> {
  if (records.length === 0) return;
  await db('attendance')
    .insert(records.map((r) => ({ ...r })))
    .onConflict(['sessionId', 'personId'])
    .ignore();
}

/** @returns who was present at the session, in check-in order. */
export async function listAttendance(db: Database, sessionId: string): Promise<AttendanceRecord[]> {
  const rows = (await db('attendance')
    .where({ sessionId })
    .orderBy(['checkedInAt', 'personId'])) as AttendanceRow[];
  return rows.map(toAttendance);
}

/**
 * The attendance of many sessions at once (a list of sessions shows each one's), in one query
 * per {@link MAX_IDS_PER_QUERY} sessions.
 *
 * @returns who was present at each session, in check-in order; sessions nobody attended have
 *   no entry.
 */
export async function listAttendanceOfSessions(
  db: Database,
  sessionIds: readonly string[],
): Promise<Map<string, AttendanceRecord[]>> {
  const rows = await readByIdChunks(
    sessionIds,
    (chunk) =>
      db('attendance').whereIn('sessionId', chunk).orderBy(['checkedInAt', 'personId']) as Promise<
        AttendanceRow[]
      >,
  );
  // A session's rows all come from one slice's query, so they stay in its check-in order.
  const bySession = new Map<string, AttendanceRecord[]>();
  for (const row of rows) {
    const records = bySession.get(row.sessionId) ?? [];
    records.push(toAttendance(row));
    bySession.set(row.sessionId, records);
  }
  return bySession;
}

function toAttendance(row: AttendanceRow): AttendanceRecord {
  return {
    sessionId: row.sessionId,
    personId: row.personId,
    method: row.method === 'qr' ? 'qr' : 'roll-call',
    checkedInAt: iso(row.checkedInAt),
  };
}

function toSession(row: SessionRow): WorkshopSession {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    checkInCode: row.checkInCode,
    targetSkills: JSON.parse(row.targetSkills) as string[],
    createdBy: row.createdBy,
  };
}

// PostgreSQL returns Date, SQLite the ISO text written.
function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
