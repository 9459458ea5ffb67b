/**
 * The curricula at a glance: for each one the version this server serves and the one the
 * database holds (content hash, imported when, in sync or not), and its numbers (skills, badges,
 * learners, badges issued and revoked). Each opens on its skills, badges and alignments.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { CurriculaStatusQuery, type CurriculumStatus } from './curricula-queries.ts';

/** The first characters of a content hash: enough to tell versions apart by eye. */
export function shortHash(hash: string): string {
  return hash.replace(/^sha256:/, '').slice(0, 12);
}

function StatusCard({ status }: { status: CurriculumStatus }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const version = status.currentVersion;
  return (
    <li>
      <h3>
        <Link href={adminPaths.curriculum(status.curriculum.id)}>
          {localized(status.curriculum.title)}
        </Link>
      </h3>
      <p>
        {status.inSync ? (
          <span className="tag tag-good">
            <span aria-hidden="true">✓ </span>
            {t('admin.curricula.inSync')}
          </span>
        ) : (
          <span className="tag tag-bad">
            <span aria-hidden="true">⚠ </span>
            {t('admin.curricula.outOfSync')}
          </span>
        )}
      </p>
      {status.inSync ? null : <p>{t('admin.curricula.outOfSyncHint')}</p>}
      <dl>
        <dt>{t('admin.curricula.version')}</dt>
        <dd>
          {version === null ? (
            t('admin.curricula.neverImported')
          ) : (
            <code className="hash" title={version.contentHash}>
              {shortHash(version.contentHash)}
            </code>
          )}
        </dd>
        <dt>{t('admin.curricula.importedAt')}</dt>
        <dd>{version === null ? '—' : formatDate(version.importedAt, locale)}</dd>
        {status.inSync ? null : (
          <>
            <dt>{t('admin.curricula.served')}</dt>
            <dd>
              <code className="hash">{shortHash(status.servedHash)}</code>
            </dd>
          </>
        )}
        <dt>{t('admin.curricula.olderVersions')}</dt>
        <dd>{status.olderVersionCount}</dd>
        <dt>{t('admin.curricula.skills')}</dt>
        <dd>{status.skillCount}</dd>
        <dt>{t('admin.curricula.badges')}</dt>
        <dd>{status.badgeCount}</dd>
        <dt>{t('admin.curricula.learners')}</dt>
        <dd>{status.enrolledLearnerCount}</dd>
        <dt>{t('admin.curricula.issued')}</dt>
        <dd>
          {t('admin.curricula.issuedCount', {
            count: status.badgesIssuedCount,
            revoked: status.badgesRevokedCount,
          })}
        </dd>
      </dl>
    </li>
  );
}

export function CurriculaPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useQuery(CurriculaStatusQuery, {});

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    const status = data.curriculaStatus;
    return (
      <>
        <p>
          {status.startupCheckPassed
            ? t('admin.curricula.checkPassed')
            : t('admin.curricula.checkFailed')}
        </p>
        <ul className="entity-list" aria-label={t('admin.curricula.listLabel')}>
          {status.curricula.map((item) => (
            <StatusCard key={item.curriculum.id} status={item} />
          ))}
        </ul>
        {status.unservedCurriculumIds.length === 0 ? null : (
          <section aria-labelledby="unserved">
            <h2 id="unserved">{t('admin.curricula.unserved')}</h2>
            <p>{t('admin.curricula.unservedHint')}</p>
            <ul>
              {status.unservedCurriculumIds.map((id) => (
                <li key={id}>
                  <code>{id}</code>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    );
  })();

  return <AdminLayout title={t('admin.curricula.title')}>{content}</AdminLayout>;
}
