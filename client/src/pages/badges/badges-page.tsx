/** "Mes badges": every badge of the learner, newest first, then their messages. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../app/localized.ts';
import { useQuery } from '../../app/use-query.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { BadgeCard } from './badge-card.tsx';
import { BadgesQuery } from './badge-queries.ts';
import { Notifications, parsePayload } from './notifications.tsx';

export function BadgesPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { data, error, loading, reload } = useQuery(BadgesQuery, {});

  // `/mes-badges#messages` (from the home page) scrolls to the messages once they are shown.
  useEffect(() => {
    if (data !== undefined && window.location.hash === '#messages') {
      document.getElementById('messages')?.scrollIntoView();
    }
  }, [data]);

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    const curricula = new Map(data.curricula.map((c) => [c.id, localized(c.title)]));
    const reasons = new Map<string, string>();
    for (const n of data.myNotifications) {
      if (n.kind !== 'badge-revoked') continue;
      const payload = parsePayload(n.payload) as { awardId?: string; reason?: string };
      if (payload.awardId !== undefined && payload.reason !== undefined) {
        reasons.set(payload.awardId, payload.reason);
      }
    }
    const awards = [...data.myBadges].reverse();
    const now = new Date();
    return (
      <>
        <section aria-labelledby="my-badges">
          <h2 id="my-badges">{t('badges.list', { count: awards.length })}</h2>
          {awards.length === 0 ? (
            <p>{t('badges.none')}</p>
          ) : (
            <ul className="cards badge-list">
              {awards.map((award) => (
                <li key={award.id}>
                  <BadgeCard
                    award={award}
                    curriculumTitle={
                      award.badge === null ? undefined : curricula.get(award.badge.curriculumId)
                    }
                    revocationReason={reasons.get(award.id)}
                    now={now}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="messages">
          <h2 id="messages">{t('messages.title')}</h2>
          <Notifications
            notifications={data.myNotifications}
            awards={data.myBadges}
            localizedTitle={(award) => localized(award.title)}
          />
        </section>
      </>
    );
  })();

  return (
    <>
      <PageHeading title={t('badges.title')} />
      <p>{t('badges.intro')}</p>
      {content}
    </>
  );
}
