/**
 * A learner's pathway record as people read it, computed at read time: the target jobs with
 * their gap analysis and next steps, the milestones, and the feed of badges held and skills
 * validated, straight from the awards and the ledger. A badge issued by the progress engine
 * therefore shows here at once, with no step of its own. Counsellor notes are added only when
 * the caller asks for them (a following counsellor's view); the learner's view never has them.
 */
import type { Activity, JobProfile, LocalizedText } from '../../../curricula/schema.ts';
import { listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import {
  type CounsellorNote,
  listCounsellorNotes,
  listMilestones,
  listTargets,
  type PathwayMilestone,
  type UpcomingSession,
  upcomingSessionsFor,
} from '../../db/repositories/pathway-repository.ts';
import { learnerLedger } from '../../db/repositories/progress-ledger-repository.ts';
import { analyseGap, type GapAnalysis } from '../../domain/pathway/gap-analysis.ts';
import { foldSkillStates } from '../../domain/progress/skill-states.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import type { PathwayDeps } from './deps.ts';

/** How far ahead workshop sessions are suggested. */
export const UPCOMING_SESSION_DAYS = 60;

export interface PathwayStep {
  skillId: string;
  /** The curricula activities that teach the skill. */
  activities: readonly Activity[];
  /** Sessions to come that work on it. */
  sessions: UpcomingSession[];
}

export interface PathwayTargetView {
  job: JobProfile;
  chosenAt: string;
  gap: GapAnalysis;
  nextSteps: PathwayStep[];
}

export interface FeedBadge {
  awardId: string;
  badgeId: string;
  name: LocalizedText;
  issuedAt: string;
}

export interface FeedSkill {
  skillId: string;
  validatedAt: string;
  source: 'trainer' | 'jury';
}

export interface PathwayView {
  learnerId: string;
  targets: PathwayTargetView[];
  milestones: PathwayMilestone[];
  badges: FeedBadge[];
  validatedSkills: FeedSkill[];
  /** Present only in a following counsellor's view. */
  notes?: CounsellorNote[];
}

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId whose record (the caller has checked the viewer may read it).
 * @param options `withNotes`: include counsellors' private notes.
 */
export async function readPathway(
  deps: PathwayDeps,
  learnerId: string,
  options: { withNotes?: boolean } = {},
): Promise<PathwayView> {
  const now = deps.clock();
  const index = indexCatalog(deps.catalog);
  const [targets, milestones, ledger, awards, notes] = await Promise.all([
    listTargets(deps.db, learnerId),
    listMilestones(deps.db, learnerId),
    learnerLedger(deps.db, learnerId),
    listAwardsOfLearner(deps.db, learnerId),
    options.withNotes ? listCounsellorNotes(deps.db, learnerId) : Promise.resolve(undefined),
  ]);
  const states = foldSkillStates(
    deps.catalog.graph,
    ledger.map((entry) => entry.event),
    { now, validityMonths: index.validityMonths },
  );
  const standing = awards.filter(
    (award) =>
      award.revokedAt === undefined &&
      (award.validUntil === undefined || new Date(award.validUntil) > now),
  );
  const held = new Set(standing.map((award) => award.badgeId));
  const badgeMap = new Map(deps.catalog.badges.map((badge) => [badge.id, badge]));

  const jobs = new Map(deps.catalog.jobProfiles.map((job) => [job.id, job]));
  const analysed = targets.flatMap((target) => {
    const job = jobs.get(target.jobId);
    // A profile removed from the files since it was chosen is skipped, not an error.
    if (job === undefined) return [];
    const gap = analyseGap(
      {
        jobId: job.id,
        skills: job.skills.map((s) => ({ skillId: s.skill, importance: s.importance })),
        badges: job.badges.map((b) => ({ badgeId: b.badge, importance: b.importance })),
      },
      deps.catalog.graph,
      states,
      badgeMap,
      held,
    );
    return [{ job, chosenAt: target.chosenAt, gap }];
  });

  const toLearn = new Set(analysed.flatMap(({ gap }) => gap.skillsToLearn));
  const until = new Date(now.getTime() + UPCOMING_SESSION_DAYS * 86_400_000);
  const sessions = await upcomingSessionsFor(deps.db, toLearn, now, until);
  const activitiesOf = skillActivities(deps);
  const badgeTitles = new Map<string, LocalizedText>(
    deps.catalog.curricula.flatMap((c) =>
      c.badges.map((b) => [`${c.id}/${b.id}`, b.title] as const),
    ),
  );

  return {
    learnerId,
    targets: analysed.map(({ job, chosenAt, gap }) => ({
      job,
      chosenAt,
      gap,
      nextSteps: gap.skillsToLearn.map((skillId) => ({
        skillId,
        activities: activitiesOf(skillId),
        sessions: sessions.filter((session) => session.targetSkills.includes(skillId)),
      })),
    })),
    milestones,
    badges: standing.map((award) => ({
      awardId: award.id,
      badgeId: award.badgeId,
      name: badgeTitles.get(award.badgeId) ?? { fr: award.badgeId, en: award.badgeId },
      issuedAt: award.issuedAt,
    })),
    validatedSkills: [...states.values()].flatMap((state) =>
      state.status === 'validated' &&
      state.validation !== undefined &&
      state.validation.source !== 'self'
        ? [
            {
              skillId: state.skillId,
              validatedAt: state.validation.at,
              source: state.validation.source,
            },
          ]
        : [],
    ),
    ...(notes === undefined ? {} : { notes }),
  };
}

/** @returns a lookup of each skill's activities, from the authored curricula. */
function skillActivities(deps: PathwayDeps): (skillId: string) => readonly Activity[] {
  const byId = new Map<string, readonly Activity[]>();
  for (const curriculum of deps.catalog.curricula) {
    for (const skill of curriculum.skills)
      byId.set(`${curriculum.id}/${skill.id}`, skill.activities);
  }
  return (skillId) => byId.get(skillId) ?? [];
}
