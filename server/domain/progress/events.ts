/**
 * The progress ledger: append-only facts about one learner and one skill. Nothing is ever
 * updated in place; a learner's skill states are a fold over these events
 * (see `skill-states.ts`).
 */

interface ProgressEventBase {
  /** Unique id of the event in the ledger. */
  id: string;
  learnerId: string;
  /** Global skill id, `<curriculum>/<skill>`. */
  skillId: string;
  /** When it happened, ISO 8601. */
  at: string;
  /** Who recorded it: the learner, a trainer or a jury member. */
  by: string;
}

/** The learner began working on the skill. */
export interface SkillStarted extends ProgressEventBase {
  type: 'skill-started';
}

/** The learner handed in proof for a trainer to review. */
export interface EvidenceSubmitted extends ProgressEventBase {
  type: 'evidence-submitted';
  evidenceId: string;
}

/** The learner says "I can do it"; counts only for badges that accept self-assessment. */
export interface SkillSelfAssessed extends ProgressEventBase {
  type: 'skill-self-assessed';
  level?: number;
}

/** A trainer observed or reviewed the skill and validated it. */
export interface SkillValidated extends ProgressEventBase {
  type: 'skill-validated';
  level?: number;
  comment?: string;
}

/** A trainer reviewed a submission and asked the learner to try again. */
export interface SkillRejected extends ProgressEventBase {
  type: 'skill-rejected';
  comment: string;
}

/** A trainer or administrator took back a validation (error, fraud, re-assessment). */
export interface ValidationWithdrawn extends ProgressEventBase {
  type: 'validation-withdrawn';
  reason: string;
}

/** An outside jury's decision: admitted, postponed, or refused. */
export interface JuryDecided extends ProgressEventBase {
  type: 'jury-decided';
  outcome: JuryOutcome;
  comment?: string;
}

/** reçu (admitted), ajourné (postponed: try again), refusé (refused: the cursus is lost). */
export type JuryOutcome = 'recu' | 'ajourne' | 'refuse';

export type ProgressEvent =
  | SkillStarted
  | EvidenceSubmitted
  | SkillSelfAssessed
  | SkillValidated
  | SkillRejected
  | ValidationWithdrawn
  | JuryDecided;

export type ProgressEventType = ProgressEvent['type'];

/** Every event type, for adapters that validate input or store the type as text. */
export const PROGRESS_EVENT_TYPES: readonly ProgressEventType[] = [
  'skill-started',
  'evidence-submitted',
  'skill-self-assessed',
  'skill-validated',
  'skill-rejected',
  'validation-withdrawn',
  'jury-decided',
];
