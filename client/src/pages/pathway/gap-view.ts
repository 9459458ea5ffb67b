/**
 * A target job's gap in words, without React: which skills and badges the learner already has
 * for it, which are missing (required ones first), and the next steps in the order the API
 * suggests them (prerequisites first), each with what teaches it.
 */

import type { LocalizedText } from '../../app/graphql.ts';
import type {
  Catalog,
  JobImportance,
  PathwaySession,
  PathwayStep,
  PathwayTarget,
} from './pathway-queries.ts';

export interface GapItem {
  kind: 'skill' | 'badge';
  id: string;
  /** The title, or the id when the catalogue does not know it. */
  title: string;
  importance: JobImportance;
}

export interface NextStepView {
  skillId: string;
  title: string;
  /** Titles of the workshops (activities held at the Grange) that teach it. */
  workshops: string[];
  sessions: PathwaySession[];
}

export interface GapView {
  covered: GapItem[];
  missing: GapItem[];
  nextSteps: NextStepView[];
}

/** Names skill and badge ids from the curricula the API returned. */
export interface Names {
  skill(id: string): string;
  badge(id: string): string;
}

/**
 * @param catalog the curricula with their skills and badges.
 * @param localized picks the current language of a text.
 */
export function namesFrom(catalog: Catalog, localized: (text: LocalizedText) => string): Names {
  const skills = new Map<string, LocalizedText>();
  const badges = new Map<string, LocalizedText>();
  for (const curriculum of catalog.curricula) {
    for (const skill of curriculum.skills) skills.set(skill.id, skill.title);
    for (const badge of curriculum.badges) badges.set(badge.id, badge.title);
  }
  return {
    skill: (id) => {
      const title = skills.get(id);
      return title === undefined ? id : localized(title);
    },
    badge: (id) => {
      const title = badges.get(id);
      return title === undefined ? id : localized(title);
    },
  };
}

/** Required before useful: what the job cannot do without comes first. */
function byImportance(a: GapItem, b: GapItem): number {
  if (a.importance === b.importance) return 0;
  return a.importance === 'REQUIRED' ? -1 : 1;
}

/**
 * @param target one target job of the pathway.
 * @param names the titles of skills and badges.
 * @param localized picks the current language of an activity's title.
 */
export function gapView(
  target: PathwayTarget,
  names: Names,
  localized: (text: LocalizedText) => string,
): GapView {
  const items: Array<GapItem & { covered: boolean }> = [
    ...target.gap.skills.map((s) => ({
      kind: 'skill' as const,
      id: s.skillId,
      title: names.skill(s.skillId),
      importance: s.importance,
      covered: s.covered,
    })),
    ...target.gap.badges.map((b) => ({
      kind: 'badge' as const,
      id: b.badgeId,
      title: names.badge(b.badgeId),
      importance: b.importance,
      covered: b.covered,
    })),
  ];
  const strip = ({ covered: _covered, ...item }: GapItem & { covered: boolean }): GapItem => item;
  const steps = new Map<string, PathwayStep>(target.nextSteps.map((s) => [s.skillId, s]));
  // `skillsToLearn` holds the order (prerequisites first); a step the API gave outside it follows.
  const order = [
    ...target.gap.skillsToLearn,
    ...target.nextSteps
      .map((s) => s.skillId)
      .filter((id) => !target.gap.skillsToLearn.includes(id)),
  ];
  return {
    covered: items
      .filter((i) => i.covered)
      .map(strip)
      .sort(byImportance),
    missing: items
      .filter((i) => !i.covered)
      .map(strip)
      .sort(byImportance),
    nextSteps: order.map((skillId) => {
      const step = steps.get(skillId);
      return {
        skillId,
        title: names.skill(skillId),
        workshops: (step?.activities ?? [])
          .filter((a) => a.kind === 'WORKSHOP')
          .map((a) => localized(a.title)),
        sessions: step?.sessions ?? [],
      };
    }),
  };
}
