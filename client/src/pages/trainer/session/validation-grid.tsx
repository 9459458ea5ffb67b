/**
 * The trainer's validation of one skill during a workshop: one row per learner present, three
 * big buttons each ("Acquis", "En cours", "Pas encore"), the level when the skill has levels,
 * and "Valider pour tous les présents" after a confirmation saying how many. A tap shows its
 * result at once and is put back, with the reason, if the server refuses it; an "Acquis" can be
 * taken back with "Annuler", which stays on the row (no time limit to race against: WCAG 2.2.1).
 * Badges a decision issued are announced.
 */
import { useEffect, useId, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../app/graphql.ts';
import { useLocalized } from '../../../app/localized.ts';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { LevelOptions } from '../../../components/level-options.tsx';
import { StatusLabel } from '../../../components/status-label.tsx';
import type { SkillSummary } from '../trainer-queries.ts';
import type { DecisionActions, DecisionResult } from './decision-actions.ts';
import {
  type CellState,
  CHOICES,
  type Choice,
  decisionReducer,
  type RowState,
  rowOf,
} from './decision-rows.ts';

export interface PresentLearner {
  personId: string;
  displayName: string;
  /** Where they stand on the skill, as the page loaded it. */
  state: CellState;
}

export interface ValidationGridProps {
  skill: SkillSummary;
  learners: readonly PresentLearner[];
  actions: DecisionActions;
  /** Told each state the server confirms, so the page keeps it when another skill is chosen. */
  onSettled?: (learnerId: string, skillId: string, state: CellState) => void;
}

const CHOICE_KEY = {
  acquired: 'trainer.decide.acquired',
  inProgress: 'trainer.decide.inProgress',
  notYet: 'trainer.decide.notYet',
} as const;

const DONE_KEY = {
  acquired: 'trainer.decide.doneAcquired',
  inProgress: 'trainer.decide.doneInProgress',
  notYet: 'trainer.decide.doneNotYet',
} as const;

function RowNoteText({ row }: { row: RowState }) {
  const { t } = useTranslation();
  if (row.pending !== null) return <>{t('trainer.decide.sending')}</>;
  const note = row.note;
  if (note === null) return null;
  switch (note.kind) {
    case 'done':
      // "En cours" on a skill already validated (say) changes nothing: say so.
      if (note.choice === 'inProgress' && note.state.status !== 'IN_PROGRESS') {
        return <>{t('trainer.decide.unchanged')}</>;
      }
      return <>{t(DONE_KEY[note.choice])}</>;
    case 'undone':
      return <>{t('trainer.decide.undone')}</>;
    case 'skipped':
      return <>{t('trainer.decide.skipped')}</>;
    case 'failed':
      return null;
  }
}

function DecisionRow({
  learner,
  row,
  levels,
  level,
  onLevel,
  onChoose,
  onUndo,
}: {
  learner: PresentLearner;
  row: RowState;
  levels: SkillSummary['levels'];
  level: number | null;
  onLevel: (level: number) => void;
  onChoose: (choice: Choice) => void;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const pressed = row.pending ?? row.lastChoice;
  return (
    <li className="decision-row card" data-learner-id={learner.personId}>
      <fieldset className="decision-set" aria-busy={row.pending !== null}>
        <legend className="decision-name">{learner.displayName}</legend>
        <p className="decision-state">
          <StatusLabel status={row.shown.status} />
          {row.shown.level === null ? null : (
            <span className="decision-level-text">
              {' '}
              {t('trainer.decide.levelShort', { level: row.shown.level })}
            </span>
          )}
        </p>
        {levels.length === 0 ? null : (
          <div className="decision-level">
            <label htmlFor={`${id}-level`}>
              {t('trainer.decide.level')}{' '}
              <span className="visually-hidden">— {learner.displayName}</span>
            </label>
            <select
              id={`${id}-level`}
              value={level ?? ''}
              onChange={(event) => onLevel(Number(event.target.value))}
            >
              <LevelOptions levels={levels} />
            </select>
          </div>
        )}
        <div className="decision-buttons">
          {CHOICES.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`decide decide-${choice}`}
              aria-pressed={pressed === choice}
              onClick={() => onChoose(choice)}
            >
              {t(CHOICE_KEY[choice])}
            </button>
          ))}
        </div>
        <div className="decision-note">
          <p className="decision-note-text">
            <RowNoteText row={row} />
          </p>
          {row.undoable && row.pending === null ? (
            <button type="button" className="undo" onClick={onUndo}>
              {t('trainer.decide.undo')}{' '}
              <span className="visually-hidden">— {learner.displayName}</span>
            </button>
          ) : null}
        </div>
        {row.note?.kind === 'failed' && row.pending === null ? (
          <ErrorMessage error={row.note.error} />
        ) : null}
      </fieldset>
    </li>
  );
}

export function ValidationGrid({ skill, learners, actions, onSettled }: ValidationGridProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const id = useId();
  const [rows, dispatch] = useReducer(decisionReducer, {});
  const [defaultLevel, setDefaultLevel] = useState<number | null>(skill.levels[0]?.level ?? null);
  const [rowLevels, setRowLevels] = useState<Record<string, number>>({});
  const [comment, setComment] = useState(() => t('trainer.decide.defaultComment'));
  const [commentError, setCommentError] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [bulkRunning, setBulkRunning] = useState(false);
  const [bulkError, setBulkError] = useState<Failure | null>(null);
  const [announcements, setAnnouncements] = useState<string[]>([]);
  const question = useRef<HTMLParagraphElement>(null);
  const bulkButton = useRef<HTMLButtonElement>(null);
  const title = localized(skill.title);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  const announceBadges = (name: string, badges: LocalizedText[]) => {
    if (badges.length === 0) return;
    setAnnouncements((previous) => [
      ...previous,
      ...badges.map((badge) => t('trainer.decide.badgeIssued', { name, badge: localized(badge) })),
    ]);
  };

  const settle = (
    learner: PresentLearner,
    choice: Choice | 'undo',
    result: DecisionResult,
    base: CellState,
  ) => {
    if (!result.ok) {
      dispatch({ type: 'fail', learnerId: learner.personId, base, error: result.error });
      return;
    }
    dispatch({ type: 'settle', learnerId: learner.personId, base, choice, state: result.state });
    onSettled?.(learner.personId, skill.id, result.state);
    announceBadges(learner.displayName, result.badges);
  };

  async function choose(learner: PresentLearner, choice: Choice) {
    const row = rowOf(rows, learner.personId, learner.state);
    // One request at a time per row: a second tap while the first is on its way does nothing.
    if (row.pending !== null) return;
    if (choice === 'notYet' && comment.trim() === '') {
      setCommentError(true);
      document.getElementById(`${id}-comment`)?.focus();
      return;
    }
    const level = choice === 'acquired' ? (rowLevels[learner.personId] ?? defaultLevel) : null;
    dispatch({ type: 'start', learnerId: learner.personId, base: learner.state, choice, level });
    const result =
      choice === 'acquired'
        ? await actions.validate(learner.personId, skill.id, level)
        : choice === 'inProgress'
          ? await actions.markInProgress(learner.personId, skill.id)
          : await actions.reject(learner.personId, skill.id, comment.trim());
    settle(learner, choice, result, learner.state);
  }

  async function undo(learner: PresentLearner) {
    const row = rowOf(rows, learner.personId, learner.state);
    if (row.pending !== null || !row.undoable) return;
    dispatch({ type: 'startUndo', learnerId: learner.personId, base: learner.state });
    const result = await actions.undo(
      learner.personId,
      skill.id,
      t('trainer.decide.undoComment', { skill: title }),
    );
    settle(learner, 'undo', result, learner.state);
  }

  async function validateEveryone() {
    setConfirming(false);
    setBulkRunning(true);
    setBulkError(null);
    for (const learner of learners) {
      dispatch({
        type: 'start',
        learnerId: learner.personId,
        base: learner.state,
        choice: 'acquired',
        level: defaultLevel,
      });
    }
    const result = await actions.bulkValidate(skill.id, defaultLevel);
    setBulkRunning(false);
    const byId = new Map(learners.map((l) => [l.personId, l]));
    if (!result.ok) {
      for (const learner of learners) {
        dispatch({
          type: 'fail',
          learnerId: learner.personId,
          base: learner.state,
          error: result.error,
        });
      }
      setBulkError(result.error);
      bulkButton.current?.focus();
      return;
    }
    const answered = new Set<string>();
    for (const outcome of result.results) {
      const learner = byId.get(outcome.learnerId);
      if (learner === undefined) continue;
      answered.add(learner.personId);
      if (outcome.outcome === 'validated') {
        settle(
          learner,
          'acquired',
          { ok: true, state: { status: 'VALIDATED', level: defaultLevel }, badges: outcome.badges },
          learner.state,
        );
      } else if (outcome.outcome === 'skipped') {
        dispatch({ type: 'skip', learnerId: learner.personId, base: learner.state });
      } else {
        dispatch({
          type: 'fail',
          learnerId: learner.personId,
          base: learner.state,
          error: outcome.error,
        });
      }
    }
    // Someone the server did not count (not present for it): show their state again.
    for (const learner of learners) {
      if (!answered.has(learner.personId)) {
        dispatch({ type: 'skip', learnerId: learner.personId, base: learner.state });
      }
    }
    const validated = result.results.filter((r) => r.outcome === 'validated').length;
    setAnnouncements((previous) => [
      ...previous,
      t('trainer.bulk.done', { count: validated, skill: title }),
    ]);
    bulkButton.current?.focus();
  }

  return (
    <div className="validation-grid">
      {skill.levels.length === 0 ? null : (
        <div className="field">
          <label htmlFor={`${id}-default-level`}>{t('trainer.decide.defaultLevel')}</label>
          <p className="hint" id={`${id}-default-level-hint`}>
            {t('trainer.decide.defaultLevelHint')}
          </p>
          <select
            id={`${id}-default-level`}
            aria-describedby={`${id}-default-level-hint`}
            value={defaultLevel ?? ''}
            onChange={(event) => setDefaultLevel(Number(event.target.value))}
          >
            {skill.levels.map((l) => (
              <option key={l.level} value={l.level}>
                {t('trainer.decide.levelOption', { level: l.level, title: localized(l.title) })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t('trainer.decide.comment')}</label>
        <p className="hint" id={`${id}-comment-hint`}>
          {t('trainer.decide.commentHint')}
        </p>
        <textarea
          id={`${id}-comment`}
          rows={2}
          maxLength={1000}
          aria-describedby={`${id}-comment-hint${commentError ? ` ${id}-comment-error` : ''}`}
          aria-invalid={commentError}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            if (event.target.value.trim() !== '') setCommentError(false);
          }}
        />
        {commentError ? (
          <p className="field-error" id={`${id}-comment-error`}>
            {t('trainer.decide.commentRequired')}
          </p>
        ) : null}
      </div>

      <div className="announcements" role="status">
        {announcements.length === 0 ? null : (
          <ul className="notice notice-success">
            {announcements.map((text, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: announcements only ever grow.
              <li key={i}>{text}</li>
            ))}
          </ul>
        )}
      </div>

      {learners.length === 0 ? (
        <p className="notice notice-info">{t('trainer.decide.nobodyPresent')}</p>
      ) : (
        <ul className="decision-rows">
          {learners.map((learner) => (
            <DecisionRow
              key={learner.personId}
              learner={learner}
              row={rowOf(rows, learner.personId, learner.state)}
              levels={skill.levels}
              level={rowLevels[learner.personId] ?? defaultLevel}
              onLevel={(level) =>
                setRowLevels((previous) => ({ ...previous, [learner.personId]: level }))
              }
              onChoose={(choice) => void choose(learner, choice)}
              onUndo={() => void undo(learner)}
            />
          ))}
        </ul>
      )}

      {learners.length === 0 ? null : (
        <div className="bulk">
          {confirming ? (
            <div className="confirm-panel">
              <p className="confirm-question" ref={question} tabIndex={-1}>
                {t('trainer.bulk.question', { count: learners.length, skill: title })}
                {defaultLevel === null
                  ? null
                  : ` ${t('trainer.bulk.atLevel', { level: defaultLevel })}`}
              </p>
              <button type="button" className="primary" onClick={() => void validateEveryone()}>
                {t('trainer.bulk.confirm', { count: learners.length })}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  // Back where the trainer was, once the button is shown again.
                  setTimeout(() => bulkButton.current?.focus(), 0);
                }}
              >
                {t('trainer.bulk.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="primary"
              ref={bulkButton}
              disabled={bulkRunning}
              onClick={() => setConfirming(true)}
            >
              {bulkRunning
                ? t('trainer.bulk.running')
                : t('trainer.bulk.button', { count: learners.length })}
            </button>
          )}
          {bulkError === null ? null : <ErrorMessage error={bulkError} />}
        </div>
      )}
    </div>
  );
}
