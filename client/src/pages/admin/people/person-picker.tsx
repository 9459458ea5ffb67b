/**
 * Finds a person by name, email or learner code and hands them to the page: a search field, the
 * matches (at most 10, by name) each with one button. Enter in the field searches; the number
 * of matches is announced. Not a form, so it can sit inside one.
 */
import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, useAuth } from '../../../app/auth/auth-context.tsx';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { asError, isTypedError } from '../admin-graphql.ts';
import { PeopleQuery, type PersonAccount } from './people-queries.ts';

const MATCHES_SHOWN = 10;

export function PersonPicker({
  label,
  withRole,
  actionLabel,
  onPick,
  exclude = [],
}: {
  /** The search field's label. */
  label: string;
  /** Only people holding this role. */
  withRole?: Role;
  /** The button's words for one match (its name is in them, for screen readers). */
  actionLabel: (person: PersonAccount) => string;
  onPick: (person: PersonAccount) => void;
  /** People not to offer (already members…). */
  exclude?: readonly string[];
}) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<PersonAccount[] | null>(null);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);

  async function search() {
    const query = text.trim();
    if (query === '') return;
    setBusy(true);
    setFailure(undefined);
    try {
      const data = await graphql(PeopleQuery, {
        first: MATCHES_SHOWN,
        after: null,
        filter: { search: query, ...(withRole === undefined ? {} : { role: withRole }) },
      });
      if (isTypedError(data.people)) {
        setFailure(data.people);
        setMatches(null);
      } else {
        setMatches(data.people.nodes.filter((person) => !exclude.includes(person.id)));
      }
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault();
      void search();
    }
  }

  return (
    <div className="person-picker">
      <div className="field">
        <label htmlFor={`${id}-search`}>{label}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('admin.picker.hint')}
        </p>
        <input
          id={`${id}-search`}
          type="search"
          aria-describedby={`${id}-hint`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p className="button-row">
        <button type="button" disabled={busy} onClick={() => void search()}>
          {busy ? t('common.loading') : t('admin.picker.search')}
        </button>
      </p>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      <p className="notice-slot" role="status">
        {matches === null ? '' : t('admin.picker.found', { count: matches.length })}
      </p>
      {matches === null || matches.length === 0 ? null : (
        <ul className="member-list">
          {matches.map((person) => (
            <li key={person.id}>
              <span>
                {person.displayName}
                {person.learnerCode === null ? '' : ` (${person.learnerCode})`}
              </span>
              <button type="button" onClick={() => onPick(person)}>
                {actionLabel(person)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
