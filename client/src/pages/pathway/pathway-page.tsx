/**
 * « Mon parcours vers l'emploi »: the learner chooses target jobs, sees for each what they have
 * and what is missing with the next skills to learn, ticks milestones, shares chosen parts
 * with an expiring link (and sees who opened it), and downloads their CLR and passport.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useViewer } from '../../app/auth/auth-context.tsx';
import { useLocalized } from '../../app/localized.ts';
import { useQuery } from '../../app/use-query.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Downloads } from './downloads.tsx';
import { namesFrom } from './gap-view.ts';
import {
  CreateShareLinkMutation,
  MyPathwayQuery,
  MyShareLinksQuery,
  RevokeShareLinkMutation,
  SetMilestoneMutation,
  SetTargetJobsMutation,
} from './pathway-queries.ts';
import { failureOf, PathwayView } from './pathway-view.tsx';
import { CreateShareLinkForm, ShareLinkList } from './share-links.tsx';
import { TargetPicker } from './target-picker.tsx';
import './pathway.css';

function ShareSection({ badges }: { badges: Parameters<typeof CreateShareLinkForm>[0]['badges'] }) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const links = useQuery(MyShareLinksQuery, {});
  return (
    <section aria-labelledby="pathway-share">
      <h2 id="pathway-share">{t('pathway.share.title')}</h2>
      <p>{t('pathway.share.intro')}</p>
      <CreateShareLinkForm
        badges={badges}
        onCreate={async (request) => {
          const { createShareLink: result } = await graphql(CreateShareLinkMutation, {
            input: request,
          });
          links.reload();
          if (result.__typename === 'CreateShareLinkSuccess' && 'url' in result) {
            return { url: result.url };
          }
          return { failure: 'message' in result ? { message: result.message } : undefined };
        }}
      />
      <h3>{t('pathway.share.myLinks')}</h3>
      {links.data === undefined ? (
        links.loading ? (
          <Loading />
        ) : (
          <ErrorMessage error={links.error} onRetry={links.reload} />
        )
      ) : (
        <ShareLinkList
          links={links.data.myShareLinks}
          onRevoke={async (id) => {
            const { revokeShareLink: result } = await graphql(RevokeShareLinkMutation, { id });
            if (result.__typename !== 'ShareLink' && 'message' in result) {
              return { message: result.message };
            }
            links.reload();
            return undefined;
          }}
        />
      )}
    </section>
  );
}

export function PathwayPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const viewer = useViewer();
  const { graphql } = useAuth();
  const { data, error, loading, reload } = useQuery(MyPathwayQuery, {});
  const [choosing, setChoosing] = useState(false);
  const heading = <PageHeading title={t('pathway.title')} />;
  if (loading && data === undefined) {
    return (
      <>
        {heading}
        <Loading />
      </>
    );
  }
  if (data === undefined) {
    return (
      <>
        {heading}
        <ErrorMessage error={error} onRetry={reload} />
      </>
    );
  }
  const pathway = data.myPathway;
  const names = namesFrom(data, localized);
  const chosen = pathway.targets.map((target) => target.job.id);
  return (
    <div className="pathway">
      {heading}
      <p className="lead">{t('pathway.intro')}</p>
      <section aria-labelledby="pathway-targets">
        <h2 id="pathway-targets">{t('pathway.targets.title')}</h2>
        {pathway.targets.length === 0 ? null : (
          <ul className="inline-list">
            {pathway.targets.map((target) => (
              <li key={target.job.id}>{localized(target.job.title)}</li>
            ))}
          </ul>
        )}
        {choosing || pathway.targets.length === 0 ? (
          <TargetPicker
            jobs={data.jobProfiles}
            chosen={chosen}
            onSave={async (jobIds) => {
              const { setTargetJobs } = await graphql(SetTargetJobsMutation, { jobIds });
              const failure = failureOf(setTargetJobs);
              if (failure === undefined) {
                setChoosing(false);
                reload();
              }
              return failure;
            }}
          />
        ) : (
          <button type="button" onClick={() => setChoosing(true)}>
            {t('pathway.targets.change')}
          </button>
        )}
      </section>
      <PathwayView
        pathway={pathway}
        names={names}
        viewerId={viewer.id}
        onSetMilestone={async (milestoneId, reachedOn) => {
          const { setMilestone } = await graphql(SetMilestoneMutation, { milestoneId, reachedOn });
          const failure = failureOf(setMilestone);
          if (failure === undefined) reload();
          return failure;
        }}
      />
      <ShareSection badges={pathway.badges} />
      <section aria-labelledby="pathway-downloads">
        <h2 id="pathway-downloads">{t('pathway.downloads.title')}</h2>
        <Downloads />
      </section>
    </div>
  );
}
