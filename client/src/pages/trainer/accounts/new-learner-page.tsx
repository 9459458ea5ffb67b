/**
 * A trainer creates a learner account in one of their groups: the name, whether the person is
 * a minor (then a parent's or guardian's consent, as the API requires). The result shows the
 * learner code and the PIN once; the PIN is never printed on the card (see `cards-page.tsx`).
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { paths } from '../../../app/paths.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TrainerOnly } from '../trainer-only.tsx';
import {
  type CreatedLearner,
  CreateLearnerAccountMutation,
  MyGroupsQuery,
  type TrainerGroup,
} from '../trainer-queries.ts';
import { addCard, firstNameOf } from './learner-cards.ts';

type Problem = 'name' | 'guardianName' | 'guardianScope';

function Created({ account, onAnother }: { account: CreatedLearner; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section aria-labelledby="created" className="card created-account">
      <h2 id="created" ref={heading} tabIndex={-1}>
        {t('trainer.newLearner.created', { name: account.displayName })}
      </h2>
      <dl className="secrets">
        <dt>{t('trainer.newLearner.code')}</dt>
        <dd className="secret" data-testid="learner-code">
          {account.learnerCode}
        </dd>
        <dt>{t('trainer.newLearner.pin')}</dt>
        <dd className="secret" data-testid="learner-pin">
          {account.pin}
        </dd>
      </dl>
      <div className="notice notice-info">
        <p>{t('trainer.newLearner.pinOnce')}</p>
        <p>{t('trainer.newLearner.pinApart')}</p>
      </div>
      <div className="actions">
        <Link href={paths.trainer.cards}>{t('trainer.newLearner.printCard')}</Link>
        <button type="button" onClick={onAnother}>
          {t('trainer.newLearner.another')}
        </button>
      </div>
    </section>
  );
}

function NewLearnerForm({ groups, preselected }: { groups: TrainerGroup[]; preselected: string }) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const [groupId, setGroupId] = useState(
    groups.some((g) => g.id === preselected) ? preselected : (groups[0]?.id ?? ''),
  );
  const [name, setName] = useState('');
  const [minor, setMinor] = useState(false);
  const [guardianName, setGuardianName] = useState('');
  const [guardianContact, setGuardianContact] = useState('');
  const [scope, setScope] = useState(() => t('trainer.newLearner.guardianScopeDefault'));
  const [problems, setProblems] = useState<ReadonlySet<Problem>>(new Set());
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedLearner | null>(null);

  if (created !== null) {
    return (
      <Created
        account={created}
        onAnother={() => {
          setCreated(null);
          setName('');
          setMinor(false);
          setGuardianName('');
          setGuardianContact('');
        }}
      />
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = new Set<Problem>();
    if (name.trim() === '') missing.add('name');
    if (minor && guardianName.trim() === '') missing.add('guardianName');
    if (minor && scope.trim() === '') missing.add('guardianScope');
    setProblems(missing);
    setFailure(null);
    const first = [...missing][0];
    if (first !== undefined) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const { createLearnerAccount: result } = await graphql(CreateLearnerAccountMutation, {
        groupId,
        displayName: name.trim(),
        isMinor: minor,
        guardian: minor
          ? {
              name: guardianName.trim(),
              contact: guardianContact.trim() === '' ? null : guardianContact.trim(),
              scope: scope.trim(),
            }
          : null,
      });
      if (result.__typename === 'CreateLearnerAccountSuccess' && 'pin' in result) {
        addCard({
          personId: result.personId,
          firstName: firstNameOf(result.displayName),
          learnerCode: result.learnerCode,
        });
        setCreated(result);
      } else {
        setFailure(result as Failure);
      }
    } catch (error) {
      setFailure(error instanceof Error ? error : undefined);
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Problem, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : '', problems.has(field) ? `${id}-${field}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const fieldError = (
    field: Problem,
    key: 'nameRequired' | 'guardianNameRequired' | 'scopeRequired',
  ) =>
    problems.has(field) ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {t(`trainer.newLearner.${key}`)}
      </p>
    ) : null;

  return (
    <form className="stack narrow-form" onSubmit={submit} noValidate>
      {groups.length === 1 ? (
        <p>{t('trainer.newLearner.inGroup', { group: groups[0]?.name ?? '' })}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-group`}>{t('trainer.newLearner.group')}</label>
          <select id={`${id}-group`} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('trainer.newLearner.name')}</label>
        <p className="hint" id={`${id}-name-hint`}>
          {t('trainer.newLearner.nameHint')}
        </p>
        <input
          id={`${id}-name`}
          type="text"
          autoComplete="off"
          maxLength={200}
          required
          aria-invalid={problems.has('name')}
          aria-describedby={describedBy('name', true)}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        {fieldError('name', 'nameRequired')}
      </div>
      <div className="checkbox-field">
        <input
          id={`${id}-minor`}
          type="checkbox"
          checked={minor}
          aria-describedby={`${id}-minor-hint`}
          onChange={(e) => setMinor(e.target.checked)}
        />
        <label htmlFor={`${id}-minor`}>{t('trainer.newLearner.minor')}</label>
        <p className="hint" id={`${id}-minor-hint`}>
          {t('trainer.newLearner.minorHint')}
        </p>
      </div>
      {minor ? (
        <fieldset className="choice guardian">
          <legend>{t('trainer.newLearner.guardian')}</legend>
          <div className="field">
            <label htmlFor={`${id}-guardianName`}>{t('trainer.newLearner.guardianName')}</label>
            <input
              id={`${id}-guardianName`}
              type="text"
              autoComplete="off"
              maxLength={200}
              required
              aria-invalid={problems.has('guardianName')}
              aria-describedby={describedBy('guardianName')}
              value={guardianName}
              onChange={(e) => setGuardianName(e.target.value)}
            />
            {fieldError('guardianName', 'guardianNameRequired')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-guardianContact`}>
              {t('trainer.newLearner.guardianContact')}
            </label>
            <input
              id={`${id}-guardianContact`}
              type="text"
              autoComplete="off"
              maxLength={320}
              value={guardianContact}
              onChange={(e) => setGuardianContact(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-guardianScope`}>{t('trainer.newLearner.guardianScope')}</label>
            <p className="hint" id={`${id}-guardianScope-hint`}>
              {t('trainer.newLearner.guardianScopeHint')}
            </p>
            <textarea
              id={`${id}-guardianScope`}
              rows={3}
              maxLength={2000}
              required
              aria-invalid={problems.has('guardianScope')}
              aria-describedby={describedBy('guardianScope', true)}
              value={scope}
              onChange={(e) => setScope(e.target.value)}
            />
            {fieldError('guardianScope', 'scopeRequired')}
          </div>
        </fieldset>
      ) : null}
      {failure === null ? null : <ErrorMessage error={failure} />}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('trainer.newLearner.creating') : t('trainer.newLearner.submit')}
      </button>
    </form>
  );
}

function NewLearner() {
  const { t } = useTranslation();
  const search = useSearch();
  const preselected = new URLSearchParams(search).get('groupe') ?? '';
  const { data, error, loading, reload } = useQuery(MyGroupsQuery, {});
  if (loading && data === undefined) return <Loading />;
  if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
  if (data.myGroups.length === 0) return <p>{t('trainer.home.noGroup')}</p>;
  return <NewLearnerForm groups={data.myGroups} preselected={preselected} />;
}

export function NewLearnerPage() {
  const { t } = useTranslation();
  return (
    <TrainerOnly>
      <p className="breadcrumb">
        <Link href={paths.trainer.home}>
          <span aria-hidden="true">← </span>
          {t('trainer.home.back')}
        </Link>
      </p>
      <PageHeading title={t('trainer.newLearner.title')} />
      <p>{t('trainer.newLearner.intro')}</p>
      <NewLearner />
    </TrainerOnly>
  );
}
