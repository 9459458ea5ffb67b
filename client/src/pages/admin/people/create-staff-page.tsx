/**
 * A staff account (trainer, counsellor, administrator) with an email. The server makes up the
 * first password and gives it this once: the page shows it with a copy button and says to hand
 * it over now, since it cannot be shown again.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type Role, useAuth } from '../../../app/auth/auth-context.tsx';
import { CopyButton } from '../../../components/copy-button.tsx';
import { ErrorMessage, type Failure } from '../../../components/error-message.tsx';
import { asError, isTypedError, STAFF_ROLES } from '../admin-graphql.ts';
import { AdminLayout } from '../admin-layout.tsx';
import { adminPaths } from '../admin-paths.ts';
import { CreateStaffAccountMutation, type PersonAccount } from './people-queries.ts';

function Created({ account, password }: { account: PersonAccount; password: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('admin.staff.created', { name: account.displayName })}
      </h2>
      <p>{t('admin.staff.passwordOnce')}</p>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('admin.staff.password')}</label>
        <input
          id={`${id}-password`}
          className="secret"
          readOnly
          value={password}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <p className="button-row">
        <CopyButton text={password} label={t('admin.staff.copy')} fieldId={`${id}-password`} />
      </p>
      <p>{t('admin.staff.signInWith', { email: account.email ?? '' })}</p>
      <p className="button-row">
        <Link className="actions-link" href={adminPaths.person(account.id, account.displayName)}>
          {t('admin.staff.openAccount')}
        </Link>
        <Link className="actions-link" href={adminPaths.people}>
          {t('admin.staff.backToList')}
        </Link>
      </p>
    </section>
  );
}

export function CreateStaffPage() {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>(['TRAINER']);
  const [locale, setLocale] = useState<'fr' | 'en'>('fr');
  const [failure, setFailure] = useState<Failure>(undefined);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ account: PersonAccount; password: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setBusy(true);
    try {
      const result = (
        await graphql(CreateStaffAccountMutation, {
          input: { displayName: displayName.trim(), email: email.trim(), locale, roles },
        })
      ).createStaffAccount;
      if (isTypedError(result)) setFailure(result);
      else setCreated({ account: result.account, password: result.initialPassword });
    } catch (error) {
      setFailure(asError(error));
    } finally {
      setBusy(false);
    }
  }

  function toggle(role: Role, on: boolean) {
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));
  }

  return (
    <AdminLayout
      title={t('admin.staff.title')}
      back={{ href: adminPaths.people, label: t('admin.people.title') }}
    >
      {created !== null ? (
        <Created account={created.account} password={created.password} />
      ) : (
        <form onSubmit={(event) => void submit(event)} className="narrow" noValidate>
          <p>{t('admin.staff.intro')}</p>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('admin.staff.name')}</label>
            <input
              id={`${id}-name`}
              name="displayName"
              autoComplete="off"
              required
              value={displayName}
              onChange={(event) => setDisplayName(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('admin.staff.email')}</label>
            <input
              id={`${id}-email`}
              name="email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <fieldset className="choice">
            <legend>{t('admin.staff.roles')}</legend>
            {STAFF_ROLES.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(event) => toggle(role, event.target.checked)}
                />
                {t(`admin.role.${role}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="choice">
            <legend>{t('admin.staff.language')}</legend>
            <label lang="fr">
              <input
                type="radio"
                name="locale"
                value="fr"
                checked={locale === 'fr'}
                onChange={() => setLocale('fr')}
              />
              Français
            </label>
            <label lang="en">
              <input
                type="radio"
                name="locale"
                value="en"
                checked={locale === 'en'}
                onChange={() => setLocale('en')}
              />
              English
            </label>
          </fieldset>
          {failure === undefined ? null : <ErrorMessage error={failure} />}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('dialog.working') : t('admin.staff.submit')}
          </button>
        </form>
      )}
    </AdminLayout>
  );
}
