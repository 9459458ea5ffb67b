/**
 * Sign-in: with the learner code of the QR card and a PIN (the default: most learners have no
 * email), or with an email and a password. `/connexion?code=K7M4QX` fills the code in, so the
 * printed card's QR code can open this page ready for the PIN.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useSearch } from 'wouter';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { AuthError } from '../../app/auth/session-manager.ts';
import { useLocalized } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { PageHeading } from '../../components/page-heading.tsx';

type Mode = 'code' | 'email';

/** @returns the code in `?code=`, whether typed or the QR card's `grange:learner:` payload. */
function codeFromSearch(search: string): string {
  const raw = new URLSearchParams(search).get('code') ?? '';
  return raw
    .replace(/^grange:learner:/i, '')
    .trim()
    .toUpperCase();
}

/** @returns a same-site path to go back to after sign-in (never another site). */
function nextFromSearch(search: string): string {
  const next = new URLSearchParams(search).get('suite') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? next : paths.home;
}

export function SignInPage() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { status, signIn } = useAuth();
  const search = useSearch();
  const prefilledCode = codeFromSearch(search);
  const [mode, setMode] = useState<Mode>('code');
  const [code, setCode] = useState(prefilledCode);
  const [pin, setPin] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  if (status === 'signed-in') return <Redirect to={nextFromSearch(search)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      // Once signed in, this page redirects to where the person was going.
      await signIn(
        mode === 'code' ? { learnerCode: code, pin } : { email: email.trim(), password },
        remember,
      );
    } catch (failure) {
      setError(
        failure instanceof AuthError && failure.messages !== undefined
          ? localized(failure.messages)
          : t('signIn.unreachable'),
      );
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading title={t('signIn.title')} />
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className="choice">
          <legend>{t('signIn.how')}</legend>
          <label>
            <input
              type="radio"
              name="mode"
              value="code"
              checked={mode === 'code'}
              onChange={() => setMode('code')}
            />
            {t('signIn.withCode')}
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              value="email"
              checked={mode === 'email'}
              onChange={() => setMode('email')}
            />
            {t('signIn.withEmail')}
          </label>
        </fieldset>

        {mode === 'code' ? (
          <>
            <div className="field">
              <label htmlFor={`${id}-code`}>{t('signIn.code')}</label>
              <p className="hint" id={`${id}-code-hint`}>
                {t('signIn.codeHint')}
              </p>
              <input
                id={`${id}-code`}
                className="big-input code-input"
                name="learnerCode"
                autoComplete="username"
                autoCapitalize="characters"
                spellCheck={false}
                required
                aria-describedby={`${id}-code-hint`}
                value={code}
                onChange={(event) => setCode(event.target.value.toUpperCase())}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-pin`}>{t('signIn.pin')}</label>
              <p className="hint" id={`${id}-pin-hint`}>
                {t('signIn.pinHint')}
              </p>
              <input
                id={`${id}-pin`}
                className="big-input pin-input"
                name="pin"
                type="password"
                inputMode="numeric"
                pattern="[0-9]*"
                maxLength={6}
                autoComplete="current-password"
                required
                aria-describedby={`${id}-pin-hint`}
                value={pin}
                onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
              />
            </div>
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
              <input
                id={`${id}-email`}
                className="big-input"
                name="email"
                type="email"
                autoComplete="username"
                spellCheck={false}
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
              <input
                id={`${id}-password`}
                className="big-input"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
          </>
        )}

        <div className="field checkbox-field">
          <input
            id={`${id}-remember`}
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
            aria-describedby={`${id}-remember-hint`}
          />
          <label htmlFor={`${id}-remember`}>{t('signIn.remember')}</label>
          <p className="hint" id={`${id}-remember-hint`}>
            {t('signIn.rememberHint')}
          </p>
        </div>

        {error === null ? null : (
          <div className="notice notice-error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p className="verify-entry">
        {t('signIn.verifyIntro')} <a href={paths.verify}>{t('nav.verify')}</a>
      </p>
    </div>
  );
}
