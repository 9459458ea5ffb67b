/**
 * Turns a demo learner's steps into the ledger events a real workshop would have produced:
 * attempts, evidence, rejections, trainer validations and jury decisions, spread over the weeks
 * since the learner joined. Planning folds the planned events with the real domain fold, so an
 * `earn` step asks the domain which skills are still missing (`smallestSkillSet`) exactly as
 * the learner's "what next" page would.
 */

import { isMilestoneId } from '../../domain/pathway/milestones.ts';
import type {
  JuryOutcome,
  ProgressEvent,
  ProgressEventType,
} from '../../domain/progress/events.ts';
import { smallestSkillSet } from '../../domain/progress/next-steps.ts';
import { foldSkillStates, type SkillState } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import type { DemoLearner, DemoPathway, DemoStep } from './cast.ts';
import type { SeededRandom } from './random.ts';

/** One event to record, before the learner and trainer have ids. */
export interface PlannedEvent {
  skillId: string;
  type: ProgressEventType;
  /** The learner acts on their own progress; the trainer validates, rejects, records the jury. */
  actor: 'learner' | 'trainer';
  level?: number;
  comment?: string;
  outcome?: JuryOutcome;
  evidenceId?: string;
  /** For evidence handed in as a link rather than a text. */
  evidenceUrl?: string;
  /** When it happened, ISO 8601. */
  occurredAt: string;
}

/** A pathway milestone to record, with its calendar day. */
export interface PlannedMilestone {
  milestoneId: string;
  /** YYYY-MM-DD, in UTC: the day it was reached. */
  reachedOn: string;
  by: 'learner' | 'counsellor';
}

/**
 * Checks a demo pathway against the catalog and dates its milestones.
 *
 * @param catalog the checked catalog (with its job profiles).
 * @param pathway the learner's target jobs, milestones and notes.
 * @param learnerKeys the keys of the demo cast.
 * @param now the seeding instant.
 * @returns the milestones with their days, oldest first.
 * @throws Error when the pathway names a learner, job or milestone that does not exist (a stale
 *   demo cast), before anything is written.
 */
export function planPathwayMilestones(
  catalog: Catalog,
  pathway: DemoPathway,
  learnerKeys: ReadonlySet<string>,
  now: Date,
): PlannedMilestone[] {
  if (!learnerKeys.has(pathway.learnerKey)) {
    throw new Error(`demo data: the pathway names no demo learner "${pathway.learnerKey}"`);
  }
  const jobs = new Set(catalog.jobProfiles.map((job) => job.id));
  for (const jobId of pathway.targetJobs) {
    if (!jobs.has(jobId)) throw new Error(`demo data: no job profile "${jobId}"`);
  }
  for (const milestone of pathway.milestones) {
    if (!isMilestoneId(milestone.milestoneId)) {
      throw new Error(`demo data: no milestone "${milestone.milestoneId}"`);
    }
  }
  return [...pathway.milestones]
    .sort((a, b) => b.daysAgo - a.daysAgo)
    .map(({ milestoneId, daysAgo, by }) => ({
      milestoneId,
      reachedOn: new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10),
      by,
    }));
}

/** Planned events without their dates yet. */
type Draft = Omit<PlannedEvent, 'occurredAt'>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * @param catalog the checked catalog.
 * @param learner the learner and their steps.
 * @param now the seeding instant: the last event happens shortly before it.
 * @param random the seeded generator (drives attempts, evidence and dates).
 * @returns the learner's events, in ledger order, with increasing dates.
 * @throws Error when a step names a skill or badge the catalog lacks (a stale demo cast).
 */
export function planLearnerEvents(
  catalog: Catalog,
  learner: DemoLearner,
  now: Date,
  random: SeededRandom,
): PlannedEvent[] {
  const index = indexCatalog(catalog);
  const drafts: Draft[] = [];
  const domainEvents: ProgressEvent[] = [];
  let evidenceCount = 0;

  const push = (draft: Draft): void => {
    drafts.push(draft);
    domainEvents.push(toDomainEvent(draft, learner.key, domainEvents.length, now));
  };
  const states = (): ReadonlyMap<string, SkillState> =>
    foldSkillStates(catalog.graph, domainEvents, {
      now: now.toISOString(),
      validityMonths: index.validityMonths,
    });
  const skillOf = (skillId: string) => {
    const indexed = index.skill(skillId);
    if (indexed === undefined || !catalog.graph.has(skillId)) {
      throw new Error(`demo data: unknown skill ${skillId}`);
    }
    return indexed.skill;
  };
  const evidence = (skillId: string, link?: string): Draft => {
    evidenceCount += 1;
    return {
      skillId,
      type: 'evidence-submitted',
      actor: 'learner',
      evidenceId: `demo-${learner.key}-preuve-${evidenceCount}`,
      ...(link === undefined ? {} : { evidenceUrl: link }),
    };
  };
  const highestLevel = (skillId: string): number | undefined => {
    const count = catalog.graph.node(skillId).levelCount ?? 0;
    return count > 0 ? count : undefined;
  };

  /** What a trainer's validation of one skill looks like in the ledger. */
  const achieve = (skillId: string, level = highestLevel(skillId)): void => {
    const { methods } = skillOf(skillId).validation;
    if (!methods.includes('trainer') && methods.includes('jury')) {
      push({ skillId, type: 'jury-decided', actor: 'trainer', outcome: 'recu' });
      return;
    }
    if (random.chance(0.2)) push({ skillId, type: 'skill-started', actor: 'learner' });
    const evidenceOnly = !methods.includes('trainer');
    if (methods.includes('evidence') && (evidenceOnly || random.chance(0.4))) {
      push(evidence(skillId));
    }
    push({
      skillId,
      type: 'skill-validated',
      actor: 'trainer',
      ...(level === undefined ? {} : { level }),
    });
  };

  const apply = (step: DemoStep): void => {
    if ('earn' in step) {
      const badge = index.badges.get(step.earn);
      if (badge === undefined) throw new Error(`demo data: unknown badge ${step.earn}`);
      const { skills } = smallestSkillSet(
        { badge: step.earn },
        catalog.graph,
        states(),
        index.badges,
        {
          acceptSelf: false,
        },
      );
      for (const skillId of skills) achieve(skillId);
    } else if ('validate' in step) {
      skillOf(step.validate);
      achieve(step.validate, step.level ?? highestLevel(step.validate));
    } else if ('start' in step) {
      skillOf(step.start);
      push({ skillId: step.start, type: 'skill-started', actor: 'learner' });
    } else if ('submit' in step) {
      skillOf(step.submit);
      push(evidence(step.submit, step.link));
    } else if ('withdraw' in step) {
      skillOf(step.withdraw);
      push({
        skillId: step.withdraw,
        type: 'validation-withdrawn',
        actor: 'trainer',
        comment: step.reason,
      });
    } else if ('reject' in step) {
      const { methods } = skillOf(step.reject).validation;
      push(
        methods.includes('evidence')
          ? evidence(step.reject)
          : { skillId: step.reject, type: 'skill-started', actor: 'learner' },
      );
      push({
        skillId: step.reject,
        type: 'skill-rejected',
        actor: 'trainer',
        comment: step.comment,
      });
    } else if ('selfAssess' in step) {
      skillOf(step.selfAssess);
      const level = step.level ?? (highestLevel(step.selfAssess) === undefined ? undefined : 1);
      push({
        skillId: step.selfAssess,
        type: 'skill-self-assessed',
        actor: 'learner',
        ...(level === undefined ? {} : { level }),
      });
    } else {
      skillOf(step.jury);
      push({
        skillId: step.jury,
        type: 'jury-decided',
        actor: 'trainer',
        outcome: step.outcome,
        ...(step.comment === undefined ? {} : { comment: step.comment }),
      });
    }
  };

  for (const step of learner.steps) apply(step);
  return spreadOverTime(drafts, learner.joinedDaysAgo, now, random);
}

/**
 * Dates the events between the day the learner joined and an hour before now, evenly with a
 * little jitter, always increasing: the timeline reads like weekly workshops.
 */
function spreadOverTime(
  drafts: readonly Draft[],
  joinedDaysAgo: number,
  now: Date,
  random: SeededRandom,
): PlannedEvent[] {
  const start = now.getTime() - joinedDaysAgo * DAY + 2 * HOUR;
  const end = now.getTime() - HOUR;
  const step = (end - start) / (drafts.length + 1);
  let previous = start;
  return drafts.map((draft, i) => {
    const jitter = (random.next() - 0.5) * 0.5 * step;
    const at = Math.max(previous + 60_000, Math.round(start + (i + 1) * step + jitter));
    previous = at;
    return { ...draft, occurredAt: new Date(Math.min(at, end)).toISOString() };
  });
}

/** The domain's view of a planned event, for the planning fold (ids are placeholders). */
function toDomainEvent(draft: Draft, learnerKey: string, n: number, now: Date): ProgressEvent {
  const base = {
    id: `plan-${learnerKey}-${n}`,
    learnerId: learnerKey,
    skillId: draft.skillId,
    at: now.toISOString(),
    by: draft.actor === 'learner' ? learnerKey : 'trainer',
  };
  const level = draft.level === undefined ? {} : { level: draft.level };
  switch (draft.type) {
    case 'skill-started':
      return { ...base, type: 'skill-started' };
    case 'evidence-submitted':
      return { ...base, type: 'evidence-submitted', evidenceId: draft.evidenceId ?? '' };
    case 'skill-self-assessed':
      return { ...base, type: 'skill-self-assessed', ...level };
    case 'skill-validated':
      return { ...base, type: 'skill-validated', ...level };
    case 'skill-rejected':
      return { ...base, type: 'skill-rejected', comment: draft.comment ?? '' };
    case 'validation-withdrawn':
      return { ...base, type: 'validation-withdrawn', reason: draft.comment ?? '' };
    case 'jury-decided':
      return {
        ...base,
        type: 'jury-decided',
        outcome: draft.outcome ?? 'recu',
        ...(draft.comment === undefined ? {} : { comment: draft.comment }),
      };
  }
}
