/** A learner's state on a skill, as the API names it, and how it is drawn besides its words. */
export type SkillStatus =
  | 'LOCKED'
  | 'AVAILABLE'
  | 'IN_PROGRESS'
  | 'SUBMITTED'
  | 'VALIDATED'
  | 'EXPIRED'
  | 'WITHDRAWN';

export const SKILL_STATUSES: readonly SkillStatus[] = [
  'VALIDATED',
  'SUBMITTED',
  'IN_PROGRESS',
  'AVAILABLE',
  'EXPIRED',
  'WITHDRAWN',
  'LOCKED',
];

/**
 * A symbol per status, so that the status never rests on colour alone (the words are always
 * there too; the symbol is hidden from screen readers).
 */
export const STATUS_SYMBOL: Record<SkillStatus, string> = {
  VALIDATED: '✓',
  SUBMITTED: '…',
  IN_PROGRESS: '◐',
  AVAILABLE: '○',
  EXPIRED: '↻',
  WITHDRAWN: '↺',
  LOCKED: '–',
};
