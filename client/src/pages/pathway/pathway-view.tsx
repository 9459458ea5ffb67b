/**
 * What the learner and their counsellor both see of a pathway: each target job with its gap and
 * next steps, the milestones (tickable), and the badges that feed it.
 */
import { useTranslation } from 'react-i18next';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import type { Failure } from '../../components/error-message.tsx';
import type { Names } from './gap-view.ts';
import { Milestones, type SetMilestone } from './milestones.tsx';
import type { Pathway, PathwayChange } from './pathway-queries.ts';
import { TargetGap } from './target-gap.tsx';

/** @returns undefined when the pathway changed, else the typed error to show. */
export function failureOf(change: PathwayChange): Failure {
  return change.__typename === 'PathwayChanged' || !('message' in change)
    ? undefined
    : { message: change.message };
}

export function PathwayView({
  pathway,
  names,
  viewerId,
  onSetMilestone,
}: {
  pathway: Pathway;
  names: Names;
  viewerId: string;
  onSetMilestone: SetMilestone;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  return (
    <>
      <section aria-labelledby="pathway-gaps">
        <h2 id="pathway-gaps">{t('pathway.gaps')}</h2>
        {pathway.targets.length === 0 ? (
          <p>{t('pathway.noTargets')}</p>
        ) : (
          <ul className="cards">
            {pathway.targets.map((target) => (
              <TargetGap key={target.job.id} target={target} names={names} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="pathway-milestones">
        <h2 id="pathway-milestones">{t('pathway.milestones.title')}</h2>
        <Milestones pathway={pathway} viewerId={viewerId} onSet={onSetMilestone} />
      </section>
      <section aria-labelledby="pathway-badges">
        <h2 id="pathway-badges">{t('pathway.badges')}</h2>
        {pathway.badges.length === 0 ? (
          <p>{t('pathway.noBadges')}</p>
        ) : (
          <ul className="gap-list">
            {pathway.badges.map((badge) => (
              <li key={badge.awardId}>
                <span aria-hidden="true" className="status-symbol">
                  ✓
                </span>{' '}
                {t('pathway.badgeEarned', {
                  badge: localized(badge.name),
                  date: formatDate(badge.issuedAt, locale),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
