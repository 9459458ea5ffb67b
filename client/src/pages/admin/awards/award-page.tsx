/**
 * One award: the badge, the learner, its dates and standing, the public page where anyone checks
 * it, and the decisions: "Révoquer" (a reason is required), or for a flagged award, keep it or
 * revoke it with a comment, after reading why it was flagged.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { type AwardDetails, AwardDetailsQuery } from './award-queries.ts';
import { StandingTag } from './award-standing.tsx';
import { KeepDialog } from './keep-dialog.tsx';
import { RevokeDialog } from './revoke-dialog.tsx';

function FlagExplanation({ award }: { award: AwardDetails }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const localized = useLocalized();
  const origin = award.flagOrigin;
  return (
    <section className="notice notice-info" aria-labelledby="flag-title">
      <h2 id="flag-title">{t('admin.award.flagTitle')}</h2>
      {award.flagReason === null ? null : <p>{award.flagReason}</p>}
      {origin === null ? null : (
        <p>
          {t(`admin.award.flagCause.${origin.cause}`, {
            skill: origin.skill === null ? origin.skillId : localized(origin.skill.title),
            name: origin.byDisplayName,
            date: formatDate(origin.occurredAt, locale),
          })}
          {origin.comment === null ? null : (
            <> {t('admin.award.flagComment', { comment: origin.comment })}</>
          )}
        </p>
      )}
      <p>{t('admin.award.flagChoice')}</p>
    </section>
  );
}

export function AwardPage({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const localized = useLocalized();
  const learnerId = new URLSearchParams(useSearch()).get('apprenant');
  // The API has no "one award" query: the learner's awards, or the 500 newest, hold it.
  const filter = learnerId === null ? {} : { learnerId };
  const { data, error, loading, reload } = useQuery(AwardDetailsQuery, { filter });
  const [dialog, setDialog] = useState<'revoke' | 'keep' | null>(null);
  const [said, setSaid] = useState('');
  const award = data?.awards.find((candidate) => candidate.id === awardId);
  const title = award === undefined ? t('admin.award.title') : localized(award.title);
  const now = new Date();

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    if (award === undefined) return <p>{t('admin.award.missing')}</p>;
    const forDialog = {
      id: award.id,
      title,
      learnerDisplayName: award.learnerDisplayName,
      flagged: award.flagged && !award.revoked,
    };
    return (
      <>
        <p>
          <StandingTag award={award} now={now} />
        </p>
        <dl>
          <dt>{t('admin.award.learner')}</dt>
          <dd>
            <Link href={adminPaths.person(award.learnerId, award.learnerDisplayName)}>
              {award.learnerDisplayName}
            </Link>
          </dd>
          <dt>{t('admin.award.issuedAt')}</dt>
          <dd>{formatDate(award.issuedAt, locale)}</dd>
          {award.validUntil === null ? null : (
            <>
              <dt>{t('admin.award.validUntil')}</dt>
              <dd>{formatDate(award.validUntil, locale)}</dd>
            </>
          )}
          {award.revoked ? (
            <>
              <dt>{t('admin.award.revokedAt')}</dt>
              <dd>{award.revokedAt === null ? '—' : formatDate(award.revokedAt, locale)}</dd>
              <dt>{t('admin.award.revocationReason')}</dt>
              <dd>{award.revocationReason ?? '—'}</dd>
            </>
          ) : null}
          {award.lastFlagClearance === null ? null : (
            <>
              <dt>{t('admin.award.lastKept')}</dt>
              <dd>
                {t('admin.award.lastKeptText', {
                  name: award.lastFlagClearance.byDisplayName,
                  date: formatDate(award.lastFlagClearance.at, locale),
                  comment: award.lastFlagClearance.comment,
                })}
              </dd>
            </>
          )}
        </dl>
        <p>
          <a href={award.verificationUrl}>{t('admin.award.publicPage')}</a>
        </p>
        {forDialog.flagged ? <FlagExplanation award={award} /> : null}
        {award.revoked ? null : (
          <p className="button-row">
            {forDialog.flagged ? (
              <button type="button" className="primary" onClick={() => setDialog('keep')}>
                {t('admin.award.keep')}
              </button>
            ) : null}
            <button type="button" className="danger" onClick={() => setDialog('revoke')}>
              {t('admin.award.revoke')}
            </button>
          </p>
        )}
        {dialog === 'revoke' ? (
          <RevokeDialog
            award={forDialog}
            onCancel={() => setDialog(null)}
            onRevoked={() => {
              setDialog(null);
              setSaid(t('admin.award.revokedNow'));
              reload();
            }}
          />
        ) : null}
        {dialog === 'keep' ? (
          <KeepDialog
            award={forDialog}
            onCancel={() => setDialog(null)}
            onKept={() => {
              setDialog(null);
              setSaid(t('admin.award.keptNow'));
              reload();
            }}
          />
        ) : null}
      </>
    );
  })();

  return (
    <AdminLayout title={title} back={{ href: adminPaths.awards, label: t('admin.awards.title') }}>
      <p className="notice-slot" role="status">
        {said}
      </p>
      {content}
    </AdminLayout>
  );
}
