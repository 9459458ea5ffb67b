/**
 * Awards, newest first (the API gives the 500 newest that match): filtered by badge, learner and
 * standing (valid, revoked, to review), the filter kept in the address. Each opens on its page,
 * where it is revoked or its flag decided.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { PersonPicker } from '../people/person-picker.tsx';
import { type AwardFilter, AwardsQuery, type CatalogBadges } from './award-queries.ts';
import { StandingTag } from './award-standing.tsx';

/** The standings the list filters on, as written in the address. */
const STATES = ['actifs', 'revoques', 'a-examiner'] as const;
type State = (typeof STATES)[number];

interface Filters {
  badgeId: string;
  learner: { id: string; name: string } | null;
  state: State | '';
}

/** @returns the filters written in the address (`?badge=…&apprenant=…&nom=…&etat=…`). */
export function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const learnerId = params.get('apprenant') ?? '';
  const state = STATES.find((candidate) => candidate === params.get('etat')) ?? '';
  return {
    badgeId: params.get('badge') ?? '',
    learner: learnerId === '' ? null : { id: learnerId, name: params.get('nom') ?? learnerId },
    state,
  };
}

function pathOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.badgeId !== '') params.set('badge', filters.badgeId);
  if (filters.learner !== null) {
    params.set('apprenant', filters.learner.id);
    params.set('nom', filters.learner.name);
  }
  if (filters.state !== '') params.set('etat', filters.state);
  const query = params.toString();
  return query === '' ? adminPaths.awards : `${adminPaths.awards}?${query}`;
}

/** @returns the API's filter for these filters. */
export function apiFilter(filters: Filters): AwardFilter {
  return {
    ...(filters.badgeId === '' ? {} : { badgeId: filters.badgeId }),
    ...(filters.learner === null ? {} : { learnerId: filters.learner.id }),
    ...(filters.state === 'actifs' ? { revoked: false } : {}),
    ...(filters.state === 'revoques' ? { revoked: true } : {}),
    ...(filters.state === 'a-examiner' ? { flaggedOnly: true } : {}),
  };
}

function FilterForm({
  filters,
  catalog,
}: {
  filters: Filters;
  catalog: CatalogBadges | undefined;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [, navigate] = useLocation();
  const id = useId();
  const [badgeId, setBadgeId] = useState(filters.badgeId);
  const [state, setState] = useState<Filters['state']>(filters.state);
  const [learner, setLearner] = useState(filters.learner);

  function submit(event: FormEvent) {
    event.preventDefault();
    navigate(pathOf({ badgeId, state, learner }));
  }

  return (
    <form onSubmit={submit} aria-label={t('admin.awards.filters')} className="panel">
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-badge`}>{t('admin.awards.badge')}</label>
          <select id={`${id}-badge`} value={badgeId} onChange={(e) => setBadgeId(e.target.value)}>
            <option value="">{t('admin.awards.anyBadge')}</option>
            {catalog?.curricula.map((curriculum) => (
              <optgroup key={curriculum.id} label={localized(curriculum.title)}>
                {curriculum.badges.map((badge) => (
                  <option key={badge.id} value={badge.id}>
                    {localized(badge.title)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-state`}>{t('admin.awards.state')}</label>
          <select
            id={`${id}-state`}
            value={state}
            onChange={(e) => setState(STATES.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">{t('admin.awards.anyState')}</option>
            {STATES.map((value) => (
              <option key={value} value={value}>
                {t(`admin.awards.states.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {learner === null ? (
        <PersonPicker
          label={t('admin.awards.learner')}
          withRole="LEARNER"
          actionLabel={(person) => t('admin.awards.chooseLearner', { name: person.displayName })}
          onPick={(person) => setLearner({ id: person.id, name: person.displayName })}
        />
      ) : (
        <p className="button-row">
          <span>{t('admin.awards.learnerChosen', { name: learner.name })}</span>
          <button type="button" onClick={() => setLearner(null)}>
            {t('admin.awards.anyLearner')}
          </button>
        </p>
      )}
      <button type="submit" className="primary">
        {t('admin.awards.apply')}
      </button>
    </form>
  );
}

export function AwardsPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const search = useSearch();
  const filters = filtersFromSearch(search);
  const { data, error, loading, reload } = useQuery(AwardsQuery, { filter: apiFilter(filters) });
  const now = new Date();

  const list = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    return (
      <>
        <p role="status" className="lead">
          {t('admin.awards.count', { count: data.awards.length })}
        </p>
        {data.awards.length === 0 ? null : (
          <ul className="entity-list" aria-label={t('admin.awards.listLabel')}>
            {data.awards.map((award) => (
              <li key={award.id}>
                <h3>
                  <Link href={adminPaths.award(award.id, award.learnerId)}>
                    {localized(award.title)}
                    <span className="visually-hidden"> — {award.learnerDisplayName}</span>
                  </Link>
                </h3>
                <p>{award.learnerDisplayName}</p>
                <p className="meta">
                  {t('admin.awards.issuedOn', { date: formatDate(award.issuedAt, locale) })}
                </p>
                <p>
                  <StandingTag award={award} now={now} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    );
  })();

  return (
    <AdminLayout title={t('admin.awards.title')}>
      <p className="button-row">
        <Link href={adminPaths.bulkAward} className="actions-link">
          {t('admin.awards.bulk')}
        </Link>
      </p>
      <FilterForm key={search} filters={filters} catalog={data} />
      {list}
    </AdminLayout>
  );
}
