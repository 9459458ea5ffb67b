/**
 * "Que puis-je faire maintenant ?": the next steps first (what to work on, and why), then the
 * progress in each curriculum the learner follows, and a word about unread messages.
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect } from 'wouter';
import { useViewer } from '../../app/auth/auth-context.tsx';
import { useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { useQuery } from '../../app/use-query.ts';
import { AreaSwitch } from '../../components/area-switch.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { StatusLabel } from '../../components/status-label.tsx';
import { adminPaths } from '../admin/admin-paths.ts';
import { HomeQuery, type NextStep } from './home-queries.ts';
import { firstReason } from './next-step-reason.ts';

/** A few steps at a time: more would be a to-do list, not an answer. */

function NextStepItem({ step }: { step: NextStep }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const reason = firstReason(step.reasons);
  const badgeTitle = (badgeId: string) => {
    const badge = step.countsFor.find((b) => b.id === badgeId);
    return badge === undefined ? undefined : localized(badge.title);
  };
  const badge =
    reason?.key === 'nextSteps.reason.countsForBadge' ? badgeTitle(reason.badgeId) : undefined;
  return (
    <li className="card">
      <h3>
        <Link href={paths.skill(step.skillId)}>{localized(step.skill.title)}</Link>
      </h3>
      <p>
        <StatusLabel status={step.status} />
      </p>
      {reason === undefined ? null : (
        <p>
          {reason.key === 'nextSteps.reason.countsForBadge'
            ? badge === undefined
              ? t('nextSteps.reason.countsForABadge')
              : t(reason.key, { badge })
            : reason.key === 'nextSteps.reason.unlocks'
              ? t(reason.key, { count: reason.count })
              : t(reason.key)}
        </p>
      )}
    </li>
  );
}

function LearnerHome() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { data, error, loading, reload } = useQuery(HomeQuery, {});
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const unread = data.myUnreadNotifications;
  // The server keeps to the curricula the learner follows (`followedOnly`).
  const steps = data.myNextSteps;
  return (
    <>
      {unread === 0 ? null : (
        <p className="notice notice-info">
          <Link href={`${paths.badges}#messages`}>{t('home.unread', { count: unread })}</Link>
        </p>
      )}
      <section aria-labelledby="next-steps">
        <h2 id="next-steps">{t('home.nextSteps')}</h2>
        {steps.length === 0 ? (
          <p>{t('home.noNextSteps')}</p>
        ) : (
          <ul className="cards">
            {steps.map((step) => (
              <NextStepItem key={step.skillId} step={step} />
            ))}
          </ul>
        )}
      </section>
      <p className="notice notice-info">
        <Link href={paths.pathway}>{t('home.pathwayLink')}</Link>
      </p>
      <section aria-labelledby="my-curricula">
        <h2 id="my-curricula">{t('home.curricula')}</h2>
        {data.myEnrolments.length === 0 ? (
          <p>{t('home.noCurricula')}</p>
        ) : (
          <ul className="cards">
            {data.myEnrolments.map(({ curriculum, progress }) => (
              <li className="card" key={curriculum.id}>
                <h3>
                  <Link href={paths.curriculum(curriculum.id)}>{localized(curriculum.title)}</Link>
                </h3>
                <ProgressBar
                  done={progress.skillsAcquired}
                  total={progress.skillsTotal}
                  label={t('progress.label', { curriculum: localized(curriculum.title) })}
                />
                <p>
                  {t('progress.badges', {
                    count: progress.badgesEarned,
                    total: progress.badgesTotal,
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

// The trainer's home is its own chunk: learners never download it.
const TrainerHomePage = lazy(() =>
  import('../trainer/home/trainer-home-page.tsx').then((m) => ({ default: m.TrainerHomePage })),
);

export function HomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  // A trainer who follows no curriculum lands on their area; one who does switches to it.
  if (viewer.roles.includes('TRAINER') && !viewer.roles.includes('LEARNER')) {
    return (
      <Suspense fallback={<Loading />}>
        <TrainerHomePage />
      </Suspense>
    );
  }
  // A job counsellor who neither learns nor trains lands on the learners they follow.
  if (
    viewer.roles.includes('COUNSELLOR') &&
    !viewer.roles.includes('LEARNER') &&
    !viewer.roles.includes('TRAINER')
  ) {
    return <Redirect to={paths.counsellor.home} replace />;
  }
  // An administrator with no other area lands on the admin area.
  if (viewer.roles.includes('ADMIN') && !viewer.roles.includes('LEARNER')) {
    return <Redirect to={adminPaths.home} replace />;
  }
  return (
    <>
      <AreaSwitch current="learner" />
      <PageHeading title={t('home.title')} />
      <p className="lead">{t('home.hello', { name: viewer.displayName })}</p>
      {viewer.roles.includes('LEARNER') ? <LearnerHome /> : <p>{t('home.staffSoon')}</p>}
    </>
  );
}
