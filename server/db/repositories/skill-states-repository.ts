/**
 * The skill-state projection: one row per learner and skill that has events, rewritten in the
 * same transaction as each event. Skills without events have no row: they are locked or
 * available, which the skill graph decides. Rows say what the ledger said as of `lastSeq`; a
 * validation past `expiresAt` reads as expired without any new event.
 */
import type { SkillState, SkillStatus, Validation } from '../../domain/progress/skill-states.ts';
import type { Database } from '../connection.ts';
import { SkillStateModel } from '../models/skill-state.model.ts';

/** One projection row, as stored. */
export interface SkillStateRow {
  learnerId: string;
  skillId: string;
  status: SkillStatus;
  level: number | null;
  source: Validation['source'] | null;
  validatedBy: string | null;
  validatedAt: string | null;
  expiresAt: string | null;
  /** The seq of the skill's last event in the ledger. */
  lastSeq: number;
}

/**
 * The row a folded state becomes.
 *
 * @param learnerId the learner.
 * @param state the skill's folded state.
 * @param lastSeq the seq of the skill's last event.
 */
export function skillStateRow(
  learnerId: string,
  state: SkillState,
  lastSeq: number,
): SkillStateRow {
  const validation = state.validation;
  return {
    learnerId,
    skillId: state.skillId,
    status: state.status,
    level: validation?.level ?? null,
    source: validation?.source ?? null,
    validatedBy: validation?.by ?? null,
    validatedAt: validation === undefined ? null : isoOrNull(validation.at),
    expiresAt: isoOrNull(validation?.expiresAt),
    lastSeq,
  };
}

/** Whether two rows say the same thing (instants compared as instants). */
export function sameSkillStateRow(a: SkillStateRow, b: SkillStateRow): boolean {
  return (
    a.learnerId === b.learnerId &&
    a.skillId === b.skillId &&
    a.status === b.status &&
    a.level === b.level &&
    a.source === b.source &&
    a.validatedBy === b.validatedBy &&
    a.validatedAt === b.validatedAt &&
    a.expiresAt === b.expiresAt &&
    a.lastSeq === b.lastSeq
  );
}

/**
 * @param db the database or a transaction.
 * @param learnerId the learner.
 * @returns the learner's rows, by skill id.
 */
export async function listSkillStateRows(
  db: Database,
  learnerId: string,
): Promise<Map<string, SkillStateRow>> {
  const rows = await SkillStateModel.query(db).where('learnerId', learnerId).orderBy('skillId');
  return new Map(
    rows.map((row) => [
      row.skillId,
      {
        learnerId: row.learnerId,
        skillId: row.skillId,
        status: row.status as SkillStatus,
        level: row.level,
        source: row.source as Validation['source'] | null,
        validatedBy: row.validatedBy,
        validatedAt: row.validatedAt,
        expiresAt: row.expiresAt,
        lastSeq: row.lastSeq,
      },
    ]),
  );
}

/**
 * Writes rows, replacing the learner's existing row of each skill.
 *
 * @param db the transaction that appended the event.
 * @param rows the new rows.
 */
export async function upsertSkillStateRows(
  db: Database,
  rows: readonly SkillStateRow[],
): Promise<void> {
  for (const row of rows) {
    await SkillStateModel.query(db)
      .insert({ ...row })
      .onConflict(['learnerId', 'skillId'])
      .merge();
  }
}

function isoOrNull(value: string | undefined): string | null {
  if (value === undefined) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? value : new Date(millis).toISOString();
}
