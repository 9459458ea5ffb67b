/**
 * The admin's home: the numbers that matter at a glance (active accounts, groups, curricula in
 * sync, signing keys, badges to review), each a way into its page, the usual tasks, and the
 * flagged badges waiting for a decision.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { gql, type LocalizedText, type NoVariables } from '../../../app/graphql.ts';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ERROR_FIELDS, isTypedError, type TypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';

export const AdminHomeQuery = gql<
  {
    people: { __typename: 'PeoplePage'; totalCount: number } | TypedError;
    groups: Array<{ id: string }>;
    curriculaStatus: { curricula: Array<{ inSync: boolean }> };
    issuerKeys: Array<{ id: string; active: boolean }>;
    awards: Array<{
      id: string;
      title: LocalizedText;
      learnerId: string;
      learnerDisplayName: string;
      flaggedAt: string | null;
      flagReason: string | null;
    }>;
  },
  NoVariables
>(`query AdminHome {
  people(first: 1) { __typename ... on PeoplePage { totalCount } ${ERROR_FIELDS} }
  groups { id }
  curriculaStatus { curricula { inSync } }
  issuerKeys { id active }
  awards(filter: { flaggedOnly: true }) {
    id title { fr en } learnerId learnerDisplayName flaggedAt flagReason
  }
}`);

function Count({ href, count, label }: { href: string; count: number; label: string }) {
  return (
    <li>
      <Link href={href}>
        <span className="count">{count}</span>
        <span className="what">{label}</span>
      </Link>
    </li>
  );
}

export function AdminHomePage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const { data, error, loading, reload } = useQuery(AdminHomeQuery, {});

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    const people = isTypedError(data.people) ? 0 : data.people.totalCount;
    const curricula = data.curriculaStatus.curricula;
    const outOfSync = curricula.filter((c) => !c.inSync).length;
    const activeKeys = data.issuerKeys.filter((k) => k.active).length;
    return (
      <>
        <section aria-labelledby="at-a-glance">
          <h2 id="at-a-glance">{t('admin.home.atAGlance')}</h2>
          <ul className="counts">
            <Count
              href={adminPaths.people}
              count={people}
              label={t('admin.home.people', { count: people })}
            />
            <Count
              href={adminPaths.groups}
              count={data.groups.length}
              label={t('admin.home.groups', { count: data.groups.length })}
            />
            <Count
              href={adminPaths.curricula}
              count={curricula.length}
              label={t('admin.home.curricula', { count: curricula.length })}
            />
            <Count
              href={adminPaths.keys}
              count={activeKeys}
              label={t('admin.home.keys', { count: activeKeys })}
            />
            <Count
              href={`${adminPaths.awards}?etat=a-examiner`}
              count={data.awards.length}
              label={t('admin.home.flagged', { count: data.awards.length })}
            />
          </ul>
          {outOfSync === 0 ? null : (
            <p className="notice notice-error">
              {t('admin.home.outOfSync', { count: outOfSync })}{' '}
              <Link href={adminPaths.curricula}>{t('admin.home.seeCurricula')}</Link>
            </p>
          )}
        </section>
        <section aria-labelledby="flagged">
          <h2 id="flagged">{t('admin.home.flaggedTitle')}</h2>
          {data.awards.length === 0 ? (
            <p>{t('admin.home.noFlagged')}</p>
          ) : (
            <ul className="entity-list">
              {data.awards.map((award) => (
                <li key={award.id}>
                  <h3>
                    <Link href={adminPaths.award(award.id, award.learnerId)}>
                      {t('admin.home.flaggedAward', {
                        badge: localized(award.title),
                        name: award.learnerDisplayName,
                      })}
                    </Link>
                  </h3>
                  {award.flagReason === null ? null : <p>{award.flagReason}</p>}
                  {award.flaggedAt === null ? null : (
                    <p className="meta">
                      {t('admin.home.flaggedOn', { date: formatDate(award.flaggedAt, locale) })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </>
    );
  })();

  return (
    <AdminLayout title={t('admin.home.title')}>
      {content}
      <section aria-labelledby="tasks">
        <h2 id="tasks">{t('admin.home.tasks')}</h2>
        <ul className="inline-list">
          <li>
            <Link href={adminPaths.newStaffAccount}>{t('admin.home.createStaff')}</Link>
          </li>
          <li>
            <Link href={adminPaths.groups}>{t('admin.home.createGroup')}</Link>
          </li>
          <li>
            <Link href={adminPaths.jury}>{t('admin.home.jury')}</Link>
          </li>
          <li>
            <Link href={adminPaths.bulkAward}>{t('admin.home.bulkAward')}</Link>
          </li>
          <li>
            <a href="/verify">{t('admin.home.verify')}</a>
          </li>
        </ul>
      </section>
    </AdminLayout>
  );
}
