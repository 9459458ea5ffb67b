/**
 * The counsellor's home: the learners they follow, each with their target jobs and how many
 * milestones are reached. The API lists followed learners without their pathway, so each
 * card asks for its learner's pathway (a counsellor follows a handful of people).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useViewer } from '../../app/auth/auth-context.tsx';
import { formatDate, useLocale, useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { useQuery } from '../../app/use-query.ts';
import { AreaSwitch } from '../../components/area-switch.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { FollowedLearnersQuery, LearnerSummaryQuery } from '../pathway/pathway-queries.ts';
import '../pathway/pathway.css';

function LearnerCard({
  learnerId,
  displayName,
  since,
}: {
  learnerId: string;
  displayName: string;
  since: string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const { data, error, reload } = useQuery(LearnerSummaryQuery, { learnerId });
  const result = data?.learnerPathway;
  return (
    <li className="card">
      <h2>
        <Link href={paths.counsellor.learner(learnerId)}>{displayName}</Link>
      </h2>
      <p className="meta">{t('counsellor.since', { date: formatDate(since, locale) })}</p>
      {result === undefined ? (
        error === undefined ? (
          <Loading />
        ) : (
          <ErrorMessage error={error} onRetry={reload} />
        )
      ) : result.__typename === 'CounselledPathway' && 'pathway' in result ? (
        <>
          <p>
            {result.pathway.targets.length === 0
              ? t('counsellor.noTargets')
              : t('counsellor.targets', {
                  list: result.pathway.targets
                    .map((target) => localized(target.job.title))
                    .join(', '),
                })}
          </p>
          <p>
            {t('counsellor.milestones', {
              count: result.pathway.milestones.length,
              total: result.pathway.allMilestones.length,
            })}
          </p>
        </>
      ) : (
        <ErrorMessage error={'message' in result ? { message: result.message } : undefined} />
      )}
    </li>
  );
}

export function CounsellorHomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { data, error, loading, reload } = useQuery(FollowedLearnersQuery, {});
  return (
    <div className="pathway">
      <AreaSwitch current="counsellor" />
      <PageHeading title={t('counsellor.title')} />
      <p className="lead">{t('home.hello', { name: viewer.displayName })}</p>
      {data === undefined ? (
        loading ? (
          <Loading />
        ) : (
          <ErrorMessage error={error} onRetry={reload} />
        )
      ) : data.myFollowedLearners.length === 0 ? (
        <p>{t('counsellor.none')}</p>
      ) : (
        <ul className="cards">
          {data.myFollowedLearners.map((learner) => (
            <LearnerCard key={learner.learnerId} {...learner} />
          ))}
        </ul>
      )}
    </div>
  );
}
