/**
 * Workshop groups: every group by name with its curriculum and numbers of members (archived ones
 * on request), and a form to create one (a name and the curriculum it follows, or none). A new
 * group opens at once, ready for its members.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { formatDate, useLocale, useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { asError, isTypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { CreateGroupMutation, GroupsQuery } from './group-queries.ts';

function CreateGroupForm({ curricula }: { curricula: Array<{ id: string; title: string }> }) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const [, navigate] = useLocation();
  const id = useId();
  const [name, setName] = useState('');
  const [curriculumId, setCurriculumId] = useState('');
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setBusy(true);
    try {
      const result = (
        await graphql(CreateGroupMutation, {
          input: { name: name.trim(), curriculumId: curriculumId === '' ? null : curriculumId },
        })
      ).createGroup;
      if (isTypedError(result)) {
        setFailure(result);
        setBusy(false);
      } else {
        navigate(adminPaths.group(result.group.id));
      }
    } catch (error) {
      setFailure(asError(error));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="panel" noValidate>
      <h2 id="create-group">{t('admin.groups.createTitle')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('admin.groups.name')}</label>
        <input
          id={`${id}-name`}
          name="name"
          autoComplete="off"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-curriculum`}>{t('admin.groups.curriculum')}</label>
        <select
          id={`${id}-curriculum`}
          name="curriculum"
          value={curriculumId}
          onChange={(event) => setCurriculumId(event.target.value)}
        >
          <option value="">{t('admin.groups.noCurriculum')}</option>
          {curricula.map((curriculum) => (
            <option key={curriculum.id} value={curriculum.id}>
              {curriculum.title}
            </option>
          ))}
        </select>
      </div>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('dialog.working') : t('admin.groups.create')}
      </button>
    </form>
  );
}

export function GroupsPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const locale = useLocale();
  const id = useId();
  const [includeArchived, setIncludeArchived] = useState(false);
  const { data, error, loading, reload } = useQuery(GroupsQuery, { includeArchived });

  const list = (() => {
    if (loading && data === undefined) return <Loading />;
    if (data === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    if (data.groups.length === 0) return <p>{t('admin.groups.none')}</p>;
    return (
      <ul className="entity-list" aria-labelledby="group-list">
        {data.groups.map((group) => (
          <li key={group.id}>
            <h3>
              {group.archived ? (
                group.name
              ) : (
                <Link href={adminPaths.group(group.id)}>{group.name}</Link>
              )}
            </h3>
            <p>
              {group.curriculum === null
                ? t('admin.groups.noCurriculum')
                : localized(group.curriculum.title)}
            </p>
            <p>
              {t('admin.groups.trainers', { count: group.trainerCount })} ·{' '}
              {t('admin.groups.learners', { count: group.learnerCount })}
            </p>
            {group.archived ? (
              <p>
                <span className="tag">{t('admin.groups.archived')}</span>{' '}
                {group.archivedAt === null ? null : formatDate(group.archivedAt, locale)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    );
  })();

  return (
    <AdminLayout title={t('admin.groups.title')}>
      <section aria-labelledby="group-list">
        <div className="section-head">
          <h2 id="group-list">{t('admin.groups.listTitle')}</h2>
        </div>
        <div className="field checkbox-field">
          <input
            id={`${id}-archived`}
            type="checkbox"
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.target.checked)}
          />
          <label htmlFor={`${id}-archived`}>{t('admin.groups.showArchived')}</label>
        </div>
        {list}
      </section>
      {data === undefined ? null : (
        <CreateGroupForm
          curricula={data.curricula.map((c) => ({ id: c.id, title: localized(c.title) }))}
        />
      )}
    </AdminLayout>
  );
}
