/**
 * One group: its name (rename it), its curriculum, its trainers and learners (add someone found
 * by name, take someone out after a confirmation), and archiving it (it leaves the lists, its
 * history stays). A person must hold the role first: the server says so plainly otherwise.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../../../app/auth/auth-context.tsx';
import { useLocalized } from '../../../app/localized.ts';
import { useQuery } from '../../../app/use-query.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { asError, isTypedError } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { PersonPicker } from '../people/person-picker.tsx';
import {
  AddGroupMemberMutation,
  ArchiveGroupMutation,
  type GroupMember,
  GroupQuery,
  RemoveGroupMemberMutation,
  RenameGroupMutation,
} from './group-queries.ts';

type MemberRole = GroupMember['role'];

function RenameForm({
  groupId,
  name,
  onDone,
}: {
  groupId: string;
  name: string;
  onDone: (said: string) => void;
}) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const [value, setValue] = useState(name);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setBusy(true);
    try {
      const result = (await graphql(RenameGroupMutation, { groupId, name: value.trim() }))
        .renameGroup;
      if (isTypedError(result)) setFailure(result);
      else onDone(t('admin.group.renamed', { name: result.group.name }));
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('admin.group.newName')}</label>
        <input
          id={`${id}-name`}
          name="name"
          autoComplete="off"
          required
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      <button type="submit" disabled={busy}>
        {t('admin.group.rename')}
      </button>
    </form>
  );
}

function Members({
  groupId,
  memberRole: role,
  members,
  onChanged,
}: {
  groupId: string;
  memberRole: MemberRole;
  members: GroupMember[];
  onChanged: (said: string) => void;
}) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const [removing, setRemoving] = useState<GroupMember | null>(null);
  const [failure, setFailure] = useState<Failure>(undefined);
  const headingId = `members-${role.toLowerCase()}`;

  async function add(personId: string, name: string) {
    setFailure(undefined);
    try {
      const result = (await graphql(AddGroupMemberMutation, { groupId, personId, role }))
        .addGroupMember;
      if (isTypedError(result)) setFailure(result);
      else onChanged(t(`admin.group.added.${role}`, { name }));
    } catch (error) {
      setFailure(asError(error));
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`admin.group.members.${role}`, { count: members.length })}</h2>
      {members.length === 0 ? (
        <p>{t(`admin.group.noMembers.${role}`)}</p>
      ) : (
        <ul className="member-list">
          {members.map((member) => (
            <li key={member.personId}>
              <Link href={adminPaths.person(member.personId, member.displayName)}>
                {member.displayName}
              </Link>
              <button type="button" onClick={() => setRemoving(member)}>
                {t('admin.group.remove', { name: member.displayName })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      <PersonPicker
        key={members.map((m) => m.personId).join()}
        label={t(`admin.group.find.${role}`)}
        withRole={role}
        exclude={members.map((m) => m.personId)}
        actionLabel={(person) => t('admin.group.add', { name: person.displayName })}
        onPick={(person) => void add(person.id, person.displayName)}
      />
      {removing === null ? null : (
        <ConfirmDialog
          title={t('admin.group.removeTitle', { name: removing.displayName })}
          description={<p>{t(`admin.group.removeText.${role}`)}</p>}
          confirmLabel={t('admin.group.removeConfirm')}
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const result = (
              await graphql(RemoveGroupMemberMutation, {
                groupId,
                personId: removing.personId,
                role,
              })
            ).removeGroupMember;
            if (isTypedError(result)) return result;
            const name = removing.displayName;
            setRemoving(null);
            onChanged(t('admin.group.removed', { name }));
            return undefined;
          }}
        />
      )}
    </section>
  );
}

export function GroupPage({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { graphql } = useAuth();
  const [, navigate] = useLocation();
  const { data, error, loading, reload } = useQuery(GroupQuery, { id: groupId });
  const [said, setSaid] = useState('');
  const [archiving, setArchiving] = useState(false);

  const changed = (message: string) => {
    setSaid(message);
    reload();
  };

  const group = data?.group;
  const summary = data?.groups.find((g) => g.id === groupId);
  const title = group !== undefined && !isTypedError(group) ? group.name : t('admin.group.title');

  const content = (() => {
    if (loading && data === undefined) return <Loading />;
    if (group === undefined) return <ErrorMessage error={error} onRetry={reload} />;
    if (isTypedError(group)) return <ErrorMessage error={group} />;
    return (
      <>
        <dl>
          <dt>{t('admin.groups.curriculum')}</dt>
          <dd>
            {summary?.curriculum == null ? (
              t('admin.groups.noCurriculum')
            ) : (
              <Link href={adminPaths.curriculum(summary.curriculum.id)}>
                {localized(summary.curriculum.title)}
              </Link>
            )}
          </dd>
        </dl>
        <Members
          groupId={groupId}
          memberRole="TRAINER"
          members={group.trainers}
          onChanged={changed}
        />
        <Members
          groupId={groupId}
          memberRole="LEARNER"
          members={group.learners}
          onChanged={changed}
        />
        <section aria-labelledby="group-settings">
          <h2 id="group-settings">{t('admin.group.settings')}</h2>
          <RenameForm key={group.name} groupId={groupId} name={group.name} onDone={changed} />
          <p className="hint">{t('admin.group.archiveHint')}</p>
          <button type="button" onClick={() => setArchiving(true)}>
            {t('admin.group.archive')}
          </button>
        </section>
        {archiving ? (
          <ConfirmDialog
            title={t('admin.group.archiveTitle', { name: group.name })}
            description={<p>{t('admin.group.archiveText')}</p>}
            confirmLabel={t('admin.group.archive')}
            danger
            onCancel={() => setArchiving(false)}
            onConfirm={async () => {
              const result = (await graphql(ArchiveGroupMutation, { groupId })).archiveGroup;
              if (isTypedError(result)) return result;
              setArchiving(false);
              navigate(adminPaths.groups);
              return undefined;
            }}
          />
        ) : null}
      </>
    );
  })();

  return (
    <AdminLayout title={title} back={{ href: adminPaths.groups, label: t('admin.groups.title') }}>
      <p className="notice-slot" role="status">
        {said}
      </p>
      {content}
    </AdminLayout>
  );
}
