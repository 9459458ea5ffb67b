/**
 * A followed learner's pathway, as the counsellor sees it: the learner's own view (targets and
 * gaps, milestones the counsellor can tick for them, badges) and the private notes.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAuth, useViewer } from '../../app/auth/auth-context.tsx';
import { useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { useQuery } from '../../app/use-query.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { namesFrom } from '../pathway/gap-view.ts';
import {
  AddCounsellorNoteMutation,
  LearnerPathwayQuery,
  SetMilestoneMutation,
} from '../pathway/pathway-queries.ts';
import { failureOf, PathwayView } from '../pathway/pathway-view.tsx';
import { CounsellorNotes } from './counsellor-notes.tsx';
import '../pathway/pathway.css';

export function CounsellorLearnerPage({ learnerId }: { learnerId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const viewer = useViewer();
  const { graphql } = useAuth();
  const { data, error, loading, reload } = useQuery(LearnerPathwayQuery, { learnerId });
  const name = data?.myFollowedLearners.find((l) => l.learnerId === learnerId)?.displayName;
  const back = (
    <p className="breadcrumb">
      <Link href={paths.counsellor.home}>{t('counsellor.back')}</Link>
    </p>
  );
  if (data === undefined) {
    return (
      <div className="pathway">
        {back}
        <PageHeading title={t('counsellor.learnerTitle', { name: '…' })} />
        {loading ? <Loading /> : <ErrorMessage error={error} onRetry={reload} />}
      </div>
    );
  }
  const result = data.learnerPathway;
  if (result.__typename !== 'CounselledPathway' || !('pathway' in result)) {
    return (
      <div className="pathway">
        {back}
        <PageHeading title={t('counsellor.notFollowed')} />
        <ErrorMessage error={'message' in result ? { message: result.message } : undefined} />
      </div>
    );
  }
  return (
    <div className="pathway">
      {back}
      <PageHeading title={t('counsellor.learnerTitle', { name: name ?? '' })} />
      <PathwayView
        pathway={result.pathway}
        names={namesFrom(data, localized)}
        viewerId={viewer.id}
        onSetMilestone={async (milestoneId, reachedOn) => {
          const { setMilestone } = await graphql(SetMilestoneMutation, {
            milestoneId,
            reachedOn,
            learnerId,
          });
          const failure = failureOf(setMilestone);
          if (failure === undefined) reload();
          return failure;
        }}
      />
      <section aria-labelledby="counsellor-notes">
        <h2 id="counsellor-notes">{t('counsellor.notes.title')}</h2>
        <CounsellorNotes
          notes={result.notes}
          onAdd={async (text) => {
            const { addCounsellorNote: added } = await graphql(AddCounsellorNoteMutation, {
              learnerId,
              text,
            });
            if (added.__typename === 'CounsellorNoteAdded') {
              reload();
              return undefined;
            }
            return 'message' in added ? { message: added.message } : undefined;
          }}
        />
      </section>
    </div>
  );
}
