/**
 * One target job: how far the learner is (a bar and the same fact in words), what they have,
 * what is missing, and « À apprendre ensuite », each skill linking to its page with the
 * workshops and upcoming sessions that teach it. Covered and missing are said in words and
 * symbols, never by colour alone.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { type GapItem, gapView, type Names } from './gap-view.ts';
import type { PathwayTarget } from './pathway-queries.ts';

function ItemList({ items, covered }: { items: GapItem[]; covered: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="gap-list">
      {items.map((item) => (
        <li key={`${item.kind}:${item.id}`}>
          <span aria-hidden="true" className="status-symbol">
            {covered ? '✓' : '○'}
          </span>{' '}
          {item.kind === 'skill' ? (
            <Link href={paths.skill(item.id)}>{item.title}</Link>
          ) : (
            t('pathway.gap.badge', { badge: item.title })
          )}{' '}
          <span className="meta">
            ({t(item.importance === 'REQUIRED' ? 'pathway.gap.required' : 'pathway.gap.useful')})
          </span>
        </li>
      ))}
    </ul>
  );
}

export function TargetGap({ target, names }: { target: PathwayTarget; names: Names }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const view = gapView(target, names, localized);
  const title = localized(target.job.title);
  const { requiredCovered, requiredTotal } = target.gap;
  const headingId = `target-${target.job.id}`;
  return (
    <li className="card target-gap">
      <h3 id={headingId}>{title}</h3>
      {target.job.romeCode === null ? null : (
        <p className="meta">
          {t('pathway.rome', { code: target.job.romeCode, title: target.job.romeTitle ?? '' })}
        </p>
      )}
      <div className="progress">
        <div
          className="progress-bar"
          role="progressbar"
          aria-label={t('pathway.gap.progressLabel', { job: title })}
          aria-valuemin={0}
          aria-valuemax={requiredTotal}
          aria-valuenow={requiredCovered}
          aria-valuetext={t('pathway.gap.progress', {
            count: requiredCovered,
            total: requiredTotal,
          })}
        >
          <div
            className="progress-fill"
            style={{
              width: `${requiredTotal === 0 ? 100 : Math.round((requiredCovered / requiredTotal) * 100)}%`,
            }}
          />
        </div>
        <p className="progress-text">
          {t('pathway.gap.progress', { count: requiredCovered, total: requiredTotal })}
        </p>
      </div>
      <h4>{t('pathway.gap.covered')}</h4>
      {view.covered.length === 0 ? (
        <p>{t('pathway.gap.noneCovered')}</p>
      ) : (
        <ItemList items={view.covered} covered />
      )}
      <h4>{t('pathway.gap.missing')}</h4>
      {view.missing.length === 0 ? (
        <p>{t('pathway.gap.noneMissing')}</p>
      ) : (
        <ItemList items={view.missing} covered={false} />
      )}
      <h4>{t('pathway.gap.nextSteps')}</h4>
      {view.nextSteps.length === 0 ? (
        <p>{t('pathway.gap.noNextSteps')}</p>
      ) : (
        <ol className="next-steps">
          {view.nextSteps.map((step) => (
            <li key={step.skillId}>
              <Link href={paths.skill(step.skillId)}>{step.title}</Link>
              {step.workshops.length === 0 ? null : (
                <p className="meta">
                  {t('pathway.gap.workshops', { list: step.workshops.join(', ') })}
                </p>
              )}
              {step.sessions.length === 0 ? null : (
                <ul className="sessions">
                  {step.sessions.map((session) => (
                    <li key={session.id}>
                      {t('pathway.gap.session', {
                        title: session.title,
                        date: formatDate(session.startsAt, locale),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
