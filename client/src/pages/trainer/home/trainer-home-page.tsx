/**
 * The trainer's home: today's sessions of their groups (the day in the workshops' time zone, as
 * the API counts it), the evidence waiting for their review, and their groups with their
 * progress grid and "create a learner account".
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useViewer } from '../../../app/auth/auth-context.tsx';
import { useLocale, useLocalized } from '../../../app/localized.ts';
import { paths } from '../../../app/paths.ts';
import { useQuery } from '../../../app/use-query.ts';
import { AreaSwitch } from '../../../components/area-switch.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { formatHours } from '../session-times.ts';
import { TrainerOnly } from '../trainer-only.tsx';
import { TrainerHomeQuery } from '../trainer-queries.ts';

function TrainerHome() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const { data, error, loading, reload } = useQuery(TrainerHomeQuery, {});
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const groups = new Map(data.myGroups.map((g) => [g.id, g]));
  const curricula = new Map(data.curricula.map((c) => [c.id, localized(c.title)]));
  const queue =
    data.validationQueue.__typename === 'ValidationQueue' && 'requests' in data.validationQueue
      ? data.validationQueue.requests.length
      : undefined;
  return (
    <>
      <section aria-labelledby="today">
        <h2 id="today">{t('trainer.home.today')}</h2>
        {data.todaySessions.length === 0 ? (
          <p>{t('trainer.home.noSession')}</p>
        ) : (
          <ul className="cards">
            {data.todaySessions.map((session) => {
              const group = groups.get(session.groupId);
              return (
                <li className="card" key={session.id}>
                  <h3>
                    <Link href={paths.trainer.session(session.id)}>{session.title}</Link>
                  </h3>
                  <p>
                    {formatHours(session.startsAt, session.endsAt, locale)}
                    {group === undefined ? null : ` · ${group.name}`}
                  </p>
                  <p>
                    {t('trainer.home.present', {
                      count: session.attendance.length,
                      total: group?.learners.length ?? 0,
                    })}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="queue">
        <h2 id="queue">{t('trainer.home.queue')}</h2>
        {queue === undefined ? (
          <ErrorMessage error={data.validationQueue as { message: { fr: string; en: string } }} />
        ) : (
          <p className="notice notice-info">
            <Link href={paths.trainer.queue}>{t('trainer.home.queueCount', { count: queue })}</Link>
          </p>
        )}
      </section>

      <section aria-labelledby="groups">
        <h2 id="groups">{t('trainer.home.groups')}</h2>
        {data.myGroups.length === 0 ? (
          <p>{t('trainer.home.noGroup')}</p>
        ) : (
          <ul className="cards">
            {data.myGroups.map((group) => (
              <li className="card" key={group.id}>
                <h3>{group.name}</h3>
                <p className="meta">
                  {group.curriculumId === null
                    ? t('trainer.home.noCurriculum')
                    : (curricula.get(group.curriculumId) ?? group.curriculumId)}
                  {' · '}
                  {t('trainer.home.learners', { count: group.learners.length })}
                </p>
                <ul className="inline-list">
                  {group.curriculumId === null ? null : (
                    <li>
                      <Link href={paths.trainer.group(group.id)}>
                        {t('trainer.home.progress')}{' '}
                        <span className="visually-hidden">— {group.name}</span>
                      </Link>
                    </li>
                  )}
                  <li>
                    <Link
                      href={`${paths.trainer.newLearner}?groupe=${encodeURIComponent(group.id)}`}
                    >
                      {t('trainer.home.newLearner')}{' '}
                      <span className="visually-hidden">— {group.name}</span>
                    </Link>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function TrainerHomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  return (
    <TrainerOnly>
      <AreaSwitch current="trainer" />
      <PageHeading title={t('trainer.home.title')} />
      <p className="lead">{t('home.hello', { name: viewer.displayName })}</p>
      <TrainerHome />
    </TrainerOnly>
  );
}
