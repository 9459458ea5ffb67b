/**
 * A grid row as two short strings (`ProgressGridRow.statusCodes`, `levelCodes`): a trainer's
 * phone asks for the grid again and again during a workshop, and one string per row is a third
 * of the bytes of the lists of statuses and levels. Worked out once with each learner's kept
 * columns (`group-progress.ts`), not on every answer. The web client decodes them
 * (`expandGrid`, `client/src/pages/trainer/trainer-queries.ts`).
 */
import type { SkillStatus } from '../../domain/progress/skill-states.ts';

/** The letter of each status. */
export const STATUS_LETTERS: Readonly<Record<SkillStatus, string>> = {
  locked: 'L',
  available: 'A',
  in_progress: 'P',
  submitted: 'S',
  validated: 'V',
  expired: 'E',
  withdrawn: 'W',
};

/** @returns one letter per status, in order. */
export function statusCodesOf(statuses: readonly SkillStatus[]): string {
  return statuses.map((status) => STATUS_LETTERS[status]).join('');
}

/** @returns one digit per level (1 to 8), `-` where none, in order. */
export function levelCodesOf(levels: readonly (number | null)[]): string {
  return levels.map((level) => (level === null ? '-' : String(level))).join('');
}
