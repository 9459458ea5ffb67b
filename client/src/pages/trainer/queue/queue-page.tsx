/**
 * "Preuves à valider": the evidence learners of the trainer's groups handed in, oldest first,
 * each to validate or refuse with a comment.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths } from '../../../app/paths.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TrainerOnly } from '../trainer-only.tsx';
import { type TypedError, ValidationQueueQuery } from '../trainer-queries.ts';
import { ReviewItem } from './review-item.tsx';

function Queue() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useQuery(ValidationQueueQuery, {});
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  const queue = data.validationQueue;
  if (queue.__typename !== 'ValidationQueue' || !('requests' in queue)) {
    return <ErrorMessage error={queue as TypedError} onRetry={reload} />;
  }
  if (queue.requests.length === 0) return <p>{t('trainer.queue.empty')}</p>;
  return (
    <>
      <p>{t('trainer.queue.count', { count: queue.requests.length })}</p>
      <ul className="cards review-list">
        {queue.requests.map((request) => (
          <li key={`${request.learnerId}|${request.skillId}`}>
            <ReviewItem request={request} onExpired={reload} />
          </li>
        ))}
      </ul>
    </>
  );
}

export function QueuePage() {
  const { t } = useTranslation();
  return (
    <TrainerOnly>
      <p className="breadcrumb">
        <Link href={paths.trainer.home}>
          <span aria-hidden="true">← </span>
          {t('trainer.home.back')}
        </Link>
      </p>
      <PageHeading title={t('trainer.queue.title')} />
      <p>{t('trainer.queue.intro')}</p>
      <Queue />
    </TrainerOnly>
  );
}
