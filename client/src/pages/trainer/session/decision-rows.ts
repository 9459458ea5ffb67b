/**
 * The state of the trainer's rows for one skill, one row per learner present: what the server
 * last said, what the row shows while a tap is on its way (the result the tap expects, so the
 * trainer sees it at once), and whether "Annuler" can take back an "Acquis". A refusal or a
 * network failure puts back what the server last said, with the reason. Pure, so the rules are
 * tested without a screen.
 */
import type { Failure } from '../../../components/error-message.tsx';
import type { SkillStatus } from '../../../components/skill-status.ts';

/** The three buttons of a row. */
export type Choice = 'acquired' | 'inProgress' | 'notYet';

export const CHOICES: readonly Choice[] = ['acquired', 'inProgress', 'notYet'];

/** Where a learner stands on the skill. */
export interface CellState {
  status: SkillStatus;
  level: number | null;
}

/** What the row says under its buttons. */
export type RowNote =
  | { kind: 'done'; choice: Choice; state: CellState }
  | { kind: 'undone' }
  | { kind: 'failed'; error: Failure }
  | { kind: 'skipped' };

export interface RowState {
  /** What the server last said. */
  server: CellState;
  /** What the row shows: the server's state, or the one the running request expects. */
  shown: CellState;
  /** The request running for this row, if any. */
  pending: Choice | 'undo' | null;
  /** The last choice the server accepted on this page (its button shows as pressed). */
  lastChoice: Choice | null;
  /** An "Acquis" given on this page, which "Annuler" can take back. */
  undoable: boolean;
  note: RowNote | null;
}

export type RowAction =
  | { type: 'start'; learnerId: string; base: CellState; choice: Choice; level: number | null }
  | { type: 'startUndo'; learnerId: string; base: CellState }
  | {
      type: 'settle';
      learnerId: string;
      base: CellState;
      choice: Choice | 'undo';
      state: CellState;
    }
  | { type: 'fail'; learnerId: string; base: CellState; error: Failure }
  | { type: 'skip'; learnerId: string; base: CellState };

export type Rows = Readonly<Record<string, RowState>>;

/** @returns a row showing what the server said, nothing running. */
export function freshRow(base: CellState): RowState {
  return {
    server: base,
    shown: base,
    pending: null,
    lastChoice: null,
    undoable: false,
    note: null,
  };
}

/** @returns the learner's row, or a fresh one from the server's state. */
export function rowOf(rows: Rows, learnerId: string, base: CellState): RowState {
  return rows[learnerId] ?? freshRow(base);
}

/**
 * What the server will answer, by the rules of the progress ledger: "Acquis" validates (at the
 * level chosen); "En cours" changes nothing on a skill validated, waiting for review or
 * withdrawn; "Pas encore" leaves a trainer's validation standing (withdrawing is "Annuler").
 *
 * @param choice the button tapped.
 * @param level the level chosen, for a skill with levels.
 * @param current what the row shows now.
 */
export function expectedState(choice: Choice, level: number | null, current: CellState): CellState {
  if (choice === 'acquired') return { status: 'VALIDATED', level };
  const keeps: readonly SkillStatus[] =
    choice === 'inProgress' ? ['VALIDATED', 'SUBMITTED', 'WITHDRAWN'] : ['VALIDATED'];
  if (keeps.includes(current.status)) return current;
  return { status: 'IN_PROGRESS', level: null };
}

/** The rows after an action. */
export function decisionReducer(rows: Rows, action: RowAction): Rows {
  const row = rowOf(rows, action.learnerId, action.base);
  const next = ((): RowState => {
    switch (action.type) {
      case 'start':
        return {
          ...row,
          shown: expectedState(action.choice, action.level, row.shown),
          pending: action.choice,
          note: null,
        };
      case 'startUndo':
        return { ...row, shown: { status: 'WITHDRAWN', level: null }, pending: 'undo', note: null };
      case 'settle':
        return {
          server: action.state,
          shown: action.state,
          pending: null,
          lastChoice: action.choice === 'undo' ? null : action.choice,
          undoable: action.choice === 'acquired',
          note:
            action.choice === 'undo'
              ? { kind: 'undone' }
              : { kind: 'done', choice: action.choice, state: action.state },
        };
      case 'fail':
        // The server's state is still true: show it again, say why; an "Annuler" still stands.
        return {
          ...row,
          shown: row.server,
          pending: null,
          note: { kind: 'failed', error: action.error },
        };
      case 'skip':
        return { ...row, shown: row.server, pending: null, note: { kind: 'skipped' } };
    }
  })();
  return { ...rows, [action.learnerId]: next };
}
