/**
 * What the validation grid asks the server, as plain functions: the session page binds them to
 * the API (`useDecisionActions`), component tests pass their own. Each answers with the
 * learner's new state and the badges it issued, or the refusal to show.
 */
import { useMemo } from 'react';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import type { LocalizedText } from '../../../app/graphql.ts';
import type { Failure } from '../../../components/error-message.tsx';
import {
  BulkValidateMutation,
  MarkInProgressMutation,
  RejectSkillMutation,
  type TypedError,
  ValidateSkillMutation,
  WithdrawValidationMutation,
} from '../trainer-queries.ts';
import type { CellState } from './decision-rows.ts';

export type DecisionResult =
  | { ok: true; state: CellState; badges: LocalizedText[] }
  | { ok: false; error: Failure };

export interface BulkLearnerOutcome {
  learnerId: string;
  outcome: 'validated' | 'skipped' | 'error';
  badges: LocalizedText[];
  error?: Failure;
}

export type BulkResult =
  | { ok: true; results: BulkLearnerOutcome[] }
  | { ok: false; error: Failure };

export interface DecisionActions {
  validate(learnerId: string, skillId: string, level: number | null): Promise<DecisionResult>;
  markInProgress(learnerId: string, skillId: string): Promise<DecisionResult>;
  /** @param comment what the learner reads. */
  reject(learnerId: string, skillId: string, comment: string): Promise<DecisionResult>;
  /** Withdraws a validation given by mistake; `comment` says so to the learner and admins. */
  undo(learnerId: string, skillId: string, comment: string): Promise<DecisionResult>;
  /** Validates the skill for everyone present at the session. */
  bulkValidate(skillId: string, level: number | null): Promise<BulkResult>;
}

function failure(error: unknown): { ok: false; error: Failure } {
  return { ok: false, error: error instanceof Error ? error : undefined };
}

function refused(result: TypedError): { ok: false; error: Failure } {
  return { ok: false, error: result };
}

/**
 * @param sessionId the workshop session the decisions are made in.
 * @returns the actions, calling the API as the signed-in trainer.
 */
export function useDecisionActions(sessionId: string): DecisionActions {
  const { graphql } = useAuth();
  return useMemo<DecisionActions>(() => {
    const run = async <T>(call: () => Promise<T>, map: (data: T) => DecisionResult) => {
      try {
        return map(await call());
      } catch (error) {
        return failure(error);
      }
    };
    return {
      validate: (learnerId, skillId, level) =>
        run(
          () => graphql(ValidateSkillMutation, { input: { learnerId, skillId, level, sessionId } }),
          ({ validateSkill: r }) =>
            r.__typename === 'ValidateSkillSuccess' && 'state' in r
              ? { ok: true, state: r.state, badges: r.issuedBadges.map((b) => b.title) }
              : refused(r as TypedError),
        ),
      markInProgress: (learnerId, skillId) =>
        run(
          () => graphql(MarkInProgressMutation, { learnerId, skillId, sessionId }),
          ({ markSkillInProgress: r }) =>
            r.__typename === 'MarkSkillInProgressSuccess' && 'state' in r
              ? { ok: true, state: r.state, badges: [] }
              : refused(r as TypedError),
        ),
      reject: (learnerId, skillId, comment) =>
        run(
          () => graphql(RejectSkillMutation, { input: { learnerId, skillId, comment } }),
          ({ rejectSkill: r }) =>
            r.__typename === 'RejectSkillSuccess' && 'state' in r
              ? { ok: true, state: r.state, badges: [] }
              : refused(r as TypedError),
        ),
      undo: (learnerId, skillId, comment) =>
        run(
          () =>
            graphql(WithdrawValidationMutation, {
              input: { learnerId, skillId, comment, sessionId },
            }),
          ({ withdrawValidation: r }) =>
            r.__typename === 'WithdrawValidationSuccess' && 'state' in r
              ? { ok: true, state: r.state, badges: [] }
              : refused(r as TypedError),
        ),
      bulkValidate: async (skillId, level) => {
        try {
          const { bulkValidate: r } = await graphql(BulkValidateMutation, {
            sessionId,
            skillId,
            level,
          });
          if (r.__typename !== 'BulkValidateSuccess' || !('results' in r)) {
            return refused(r as TypedError);
          }
          return {
            ok: true,
            results: r.results.map((one) => ({
              learnerId: one.learnerId,
              outcome:
                one.outcome === 'VALIDATED'
                  ? 'validated'
                  : one.outcome === 'SKIPPED'
                    ? 'skipped'
                    : 'error',
              badges: one.issuedBadges.map((b) => b.title),
              ...(one.error === null ? {} : { error: one.error }),
            })),
          };
        } catch (error) {
          return failure(error);
        }
      },
    };
  }, [graphql, sessionId]);
}
