/**
 * One person's account: who they are, their roles (give one, take one back after a
 * confirmation), their account (disable with a reason the other administrators read, enable
 * again) and their groups. Each change answers with the account as the server now holds it.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { type Role, useAuth, useViewer } from '../../../app/auth/auth-context.tsx';
import { formatDate, useLocale } from '../../../app/localized.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/loading.tsx';
import { ReasonDialog } from '../../../components/reason-dialog.tsx';
import { asError, isTypedError, ROLES } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { findPerson } from './find-person.ts';
import {
  DisableAccountMutation,
  EnableAccountMutation,
  GrantRoleMutation,
  type PersonAccount,
  RevokeRoleMutation,
} from './people-queries.ts';
import { RoleTags } from './role-tags.tsx';

type Loaded =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; error: Error }
  | { state: 'found'; person: PersonAccount };

function usePerson(personId: string, name: string | undefined) {
  const { graphql } = useAuth();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks again.
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    findPerson(graphql, personId, name).then(
      (person) => {
        if (current)
          setLoaded(person === undefined ? { state: 'missing' } : { state: 'found', person });
      },
      (error: unknown) => {
        if (current) setLoaded({ state: 'failed', error: asError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [graphql, personId, name, round]);
  return {
    loaded,
    reload: () => setRound((r) => r + 1),
    /** The account as a mutation returned it. */
    replace: (person: PersonAccount) => setLoaded({ state: 'found', person }),
  };
}

type Pending = { kind: 'revoke-role'; role: Role } | { kind: 'disable' } | null;

function PersonDetails({
  person,
  onChanged,
}: {
  person: PersonAccount;
  onChanged: (person: PersonAccount, said: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const viewer = useViewer();
  const { graphql } = useAuth();
  const [pending, setPending] = useState<Pending>(null);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);
  const isSelf = viewer.id === person.id;

  async function grant(role: Role) {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = (await graphql(GrantRoleMutation, { personId: person.id, role })).grantRole;
      if (isTypedError(result)) setFailure(result);
      else
        onChanged(result.account, t('admin.person.roleGranted', { role: t(`admin.role.${role}`) }));
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  async function enable() {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = (await graphql(EnableAccountMutation, { personId: person.id })).enableAccount;
      if (isTypedError(result)) setFailure(result);
      else onChanged(result.account, t('admin.person.enabled'));
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <dl>
        <dt>{t('admin.person.email')}</dt>
        <dd>{person.email ?? t('admin.person.noEmail')}</dd>
        {person.learnerCode === null ? null : (
          <>
            <dt>{t('admin.person.learnerCode')}</dt>
            <dd>
              <code>{person.learnerCode}</code>
            </dd>
          </>
        )}
        <dt>{t('admin.person.createdAt')}</dt>
        <dd>{formatDate(person.createdAt, locale)}</dd>
        <dt>{t('admin.person.language')}</dt>
        <dd>{person.locale === 'en' ? 'English' : 'Français'}</dd>
        {person.isMinor ? (
          <>
            <dt>{t('admin.person.minor')}</dt>
            <dd>{t('admin.person.minorYes')}</dd>
          </>
        ) : null}
      </dl>
      {person.roles.includes('LEARNER') ? (
        <p>
          <Link
            href={`${adminPaths.awards}?apprenant=${encodeURIComponent(person.id)}&nom=${encodeURIComponent(person.displayName)}`}
          >
            {t('admin.person.seeBadges')}
          </Link>
        </p>
      ) : null}

      {failure === undefined ? null : <ErrorMessage error={failure} />}

      <section aria-labelledby="person-roles">
        <h2 id="person-roles">{t('admin.person.rolesTitle')}</h2>
        <RoleTags roles={person.roles} />
        <ul className="member-list">
          {ROLES.map((role) => {
            const held = person.roles.includes(role);
            const label = t(`admin.role.${role}`);
            return (
              <li key={role}>
                <span>
                  {label} — {held ? t('admin.person.held') : t('admin.person.notHeld')}
                </span>
                {held ? (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => setPending({ kind: 'revoke-role', role })}
                  >
                    {t('admin.person.revokeRole', { role: label })}
                  </button>
                ) : (
                  <button type="button" disabled={busy} onClick={() => void grant(role)}>
                    {t('admin.person.grantRole', { role: label })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="person-account">
        <h2 id="person-account">{t('admin.person.accountTitle')}</h2>
        {person.disabled ? (
          <>
            <p>
              <span className="tag tag-bad">{t('admin.people.disabled')}</span>{' '}
              {person.disabledAt === null
                ? null
                : t('admin.person.disabledSince', { date: formatDate(person.disabledAt, locale) })}
            </p>
            {person.disabledReason === null ? null : (
              <p>{t('admin.person.disabledReason', { reason: person.disabledReason })}</p>
            )}
            <button type="button" className="primary" disabled={busy} onClick={() => void enable()}>
              {t('admin.person.enable')}
            </button>
          </>
        ) : (
          <>
            <p>
              <span className="tag tag-good">{t('admin.person.active')}</span>
            </p>
            {isSelf ? (
              <p className="hint">{t('admin.person.cannotDisableSelf')}</p>
            ) : (
              <button type="button" disabled={busy} onClick={() => setPending({ kind: 'disable' })}>
                {t('admin.person.disable')}
              </button>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="person-groups">
        <h2 id="person-groups">{t('admin.person.groupsTitle')}</h2>
        {person.groups.length === 0 ? (
          <p>{t('admin.person.noGroups')}</p>
        ) : (
          <ul className="member-list">
            {person.groups.map((group) => (
              <li key={`${group.groupId}-${group.role}`}>
                <Link href={adminPaths.group(group.groupId)}>{group.groupName}</Link>
                <span>{t(`admin.groupRole.${group.role}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="hint">{t('admin.person.groupsHint')}</p>
      </section>

      {pending?.kind === 'revoke-role' ? (
        <ConfirmDialog
          title={t('admin.person.revokeRoleTitle', { role: t(`admin.role.${pending.role}`) })}
          description={<p>{t('admin.person.revokeRoleText', { name: person.displayName })}</p>}
          confirmLabel={t('admin.person.revokeRole', { role: t(`admin.role.${pending.role}`) })}
          danger
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            const role = pending.role;
            const result = (await graphql(RevokeRoleMutation, { personId: person.id, role }))
              .revokeRole;
            if (isTypedError(result)) return result;
            setPending(null);
            onChanged(
              result.account,
              t('admin.person.roleRevoked', { role: t(`admin.role.${role}`) }),
            );
            return undefined;
          }}
        />
      ) : null}
      {pending?.kind === 'disable' ? (
        <ReasonDialog
          title={t('admin.person.disableTitle', { name: person.displayName })}
          description={<p>{t('admin.person.disableText')}</p>}
          label={t('admin.person.disableReason')}
          hint={t('admin.person.disableReasonHint')}
          requiredMessage={t('admin.person.disableReasonMissing')}
          confirmLabel={t('admin.person.disable')}
          danger
          onCancel={() => setPending(null)}
          onSubmit={async (reason) => {
            const result = (await graphql(DisableAccountMutation, { personId: person.id, reason }))
              .disableAccount;
            if (isTypedError(result)) return result;
            setPending(null);
            onChanged(result.account, t('admin.person.disabledNow'));
            return undefined;
          }}
        />
      ) : null}
    </>
  );
}

export function PersonPage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const name = new URLSearchParams(useSearch()).get('nom') ?? undefined;
  const { loaded, reload, replace } = usePerson(personId, name);
  const [said, setSaid] = useState('');

  const title = loaded.state === 'found' ? loaded.person.displayName : t('admin.person.title');
  return (
    <AdminLayout title={title} back={{ href: adminPaths.people, label: t('admin.people.title') }}>
      <p className="notice-slot" role="status">
        {said}
      </p>
      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'failed' ? <ErrorMessage error={loaded.error} onRetry={reload} /> : null}
      {loaded.state === 'missing' ? <p>{t('admin.person.missing')}</p> : null}
      {loaded.state === 'found' ? (
        <PersonDetails
          person={loaded.person}
          onChanged={(person, message) => {
            replace(person);
            setSaid(message);
          }}
        />
      ) : null}
    </AdminLayout>
  );
}
