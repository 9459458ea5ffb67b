/**
 * The people list: a search on the name (any case, accents optional), the email or the learner
 * code, a role filter and disabled accounts on request, then the matches by name, a page at a
 * time. The filter lives in the address, so "back" and a bookmark give the same list.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearch } from 'wouter';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { asError, isTypedError, ROLES } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { type PeopleFilter, PeopleQuery, type PersonAccount } from './people-queries.ts';
import { RoleTags } from './role-tags.tsx';

/** People per page: enough to scan, few enough for a phone. */
export const PEOPLE_PAGE_SIZE = 25;

/** @returns the filter written in the address (`?recherche=…&role=…&desactives=1`). */
export function filterFromSearch(search: string): PeopleFilter {
  const params = new URLSearchParams(search);
  const text = params.get('recherche')?.trim() ?? '';
  const role = ROLES.find((candidate) => candidate === params.get('role'));
  return {
    ...(text === '' ? {} : { search: text }),
    ...(role === undefined ? {} : { role }),
    includeDisabled: params.get('desactives') === '1',
  };
}

/** @returns the address of the list with this filter. */
export function peopleListPath(filter: PeopleFilter): string {
  const params = new URLSearchParams();
  if (filter.search) params.set('recherche', filter.search);
  if (filter.role) params.set('role', filter.role);
  if (filter.includeDisabled) params.set('desactives', '1');
  const query = params.toString();
  return query === '' ? adminPaths.people : `${adminPaths.people}?${query}`;
}

function PersonItem({
  person,
  focusRef,
}: {
  person: PersonAccount;
  focusRef?: (el: HTMLAnchorElement | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <h3>
        <Link href={adminPaths.person(person.id, person.displayName)} ref={focusRef}>
          {person.displayName}
        </Link>
      </h3>
      <RoleTags roles={person.roles} />
      {person.learnerCode === null ? null : (
        <p>{t('admin.people.learnerCode', { code: person.learnerCode })}</p>
      )}
      {person.email === null ? null : <p className="meta">{person.email}</p>}
      {person.disabled ? (
        <p>
          <span className="tag tag-bad">{t('admin.people.disabled')}</span>
        </p>
      ) : null}
    </li>
  );
}

function SearchForm({ filter }: { filter: PeopleFilter }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const id = useId();
  const [text, setText] = useState(filter.search ?? '');
  const [role, setRole] = useState<string>(filter.role ?? '');
  const [includeDisabled, setIncludeDisabled] = useState(filter.includeDisabled ?? false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = ROLES.find((candidate) => candidate === role);
    navigate(
      peopleListPath({
        search: text.trim(),
        ...(chosen === undefined ? {} : { role: chosen }),
        includeDisabled,
      }),
    );
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is too new for older phones' browsers.
    <form
      role="search"
      aria-label={t('admin.people.searchLabel')}
      onSubmit={submit}
      className="filters"
    >
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('admin.people.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          name="recherche"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('admin.people.role')}</label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value)}>
          <option value="">{t('admin.people.anyRole')}</option>
          {ROLES.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`admin.role.${candidate}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field checkbox-field">
        <input
          id={`${id}-disabled`}
          type="checkbox"
          checked={includeDisabled}
          onChange={(event) => setIncludeDisabled(event.target.checked)}
        />
        <label htmlFor={`${id}-disabled`}>{t('admin.people.includeDisabled')}</label>
      </div>
      <div className="field">
        <button type="submit" className="primary">
          {t('admin.people.searchButton')}
        </button>
      </div>
    </form>
  );
}

interface MorePages {
  key: string;
  nodes: PersonAccount[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function PeoplePage() {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const search = useSearch();
  const filter = filterFromSearch(search);
  const key = JSON.stringify(filter);
  const { data, error, loading, reload } = useQuery(PeopleQuery, {
    first: PEOPLE_PAGE_SIZE,
    after: null,
    filter,
  });
  const [more, setMore] = useState<MorePages | null>(null);
  const [moreFailure, setMoreFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);
  const firstNew = useRef<HTMLAnchorElement | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  // After "more", the keyboard goes on from the first person added.
  useEffect(() => {
    if (focusIndex !== null) {
      firstNew.current?.focus();
      setFocusIndex(null);
    }
  }, [focusIndex]);

  const page = data?.people;
  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (page === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    if (isTypedError(page)) return <ErrorMessage error={page} />;
    const extra = more?.key === key ? more : null;
    const nodes = [...page.nodes, ...(extra?.nodes ?? [])];
    const hasNextPage = extra === null ? page.hasNextPage : extra.hasNextPage;
    const endCursor = extra === null ? page.endCursor : extra.endCursor;

    async function loadMore() {
      setBusy(true);
      setMoreFailure(undefined);
      try {
        const next = await graphql(PeopleQuery, {
          first: PEOPLE_PAGE_SIZE,
          after: endCursor,
          filter,
        });
        if (isTypedError(next.people)) {
          setMoreFailure(next.people);
        } else {
          const added = next.people;
          setMore({
            key,
            nodes: [...(extra?.nodes ?? []), ...added.nodes],
            endCursor: added.endCursor,
            hasNextPage: added.hasNextPage,
          });
          if (added.nodes.length > 0) setFocusIndex(nodes.length);
        }
      } catch (caught) {
        setMoreFailure(asError(caught));
      } finally {
        setBusy(false);
      }
    }

    return (
      <>
        <p role="status" className="lead">
          {t('admin.people.count', { count: page.totalCount })}
        </p>
        {nodes.length === 0 ? (
          <p>{t('admin.people.none')}</p>
        ) : (
          <ul className="entity-list" aria-label={t('admin.people.listLabel')}>
            {nodes.map((person, index) => (
              <PersonItem
                key={person.id}
                person={person}
                {...(index === focusIndex
                  ? {
                      focusRef: (el) => {
                        firstNew.current = el;
                      },
                    }
                  : {})}
              />
            ))}
          </ul>
        )}
        {moreFailure === undefined ? null : <ErrorMessage error={moreFailure} />}
        {hasNextPage ? (
          <button type="button" disabled={busy} onClick={() => void loadMore()}>
            {busy ? t('common.loading') : t('admin.people.more')}
          </button>
        ) : null}
      </>
    );
  })();

  return (
    <AdminLayout title={t('admin.people.title')}>
      <p className="button-row">
        <Link href={adminPaths.newStaffAccount} className="actions-link primary-link">
          {t('admin.people.createStaff')}
        </Link>
      </p>
      <SearchForm key={key} filter={filter} />
      {content}
    </AdminLayout>
  );
}
