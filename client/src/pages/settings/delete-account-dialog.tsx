/**
 * « Supprimer mon compte » as a modal dialog: what will be erased and that it is final, in plain
 * words; the choice for the badges already earned (kept valid, or cancelled), with no default so
 * that the person decides; and their password or PIN, because a session left open must not be
 * enough to delete. A refusal (wrong secret, too many tries, last administrator) is said in the
 * dialog, with the focus back in the field to fix.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import { type BadgesOnDeletion, DeleteMyAccount } from './settings-queries.ts';
import '../../components/forms.css';
import './settings.css';

export interface DeleteAccountDialogProps {
  /** The account is deleted: the caller signs out and says goodbye. */
  onDeleted: (badges: BadgesOnDeletion) => void;
  onCancel: () => void;
}

export function DeleteAccountDialog({ onDeleted, onCancel }: DeleteAccountDialogProps) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const firstChoice = useRef<HTMLInputElement>(null);
  const secretField = useRef<HTMLInputElement>(null);
  const [badges, setBadges] = useState<BadgesOnDeletion | null>(null);
  const [secret, setSecret] = useState('');
  const [missing, setMissing] = useState<{ badges: boolean; secret: boolean }>({
    badges: false,
    secret: false,
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const noSecret = secret === '';
    setMissing({ badges: badges === null, secret: noSecret });
    if (badges === null) {
      firstChoice.current?.focus();
      return;
    }
    if (noSecret) {
      secretField.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = (await graphql(DeleteMyAccount, { input: { secret, badges } }))
        .deleteMyAccount;
      if (result.__typename === 'AccountDeleted') {
        onDeleted(badges);
        return;
      }
      setFailure('message' in result ? result : undefined);
      setSecret('');
      secretField.current?.focus();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    }
    setBusy(false);
  }

  const secretDescribedBy = [`${id}-secret-hint`, missing.secret ? `${id}-secret-missing` : '']
    .filter((part) => part !== '')
    .join(' ');
  return (
    <Dialog
      title={t('settings.deleteDialog.title')}
      onClose={onCancel}
      initialFocus={firstChoice}
      description={
        <>
          <p>{t('settings.deleteDialog.erased')}</p>
          <p>
            <strong>{t('settings.deleteDialog.final')}</strong>
          </p>
          <p>{t('settings.deleteDialog.exportFirst')}</p>
        </>
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset
          className="choice badge-choice"
          aria-describedby={missing.badges ? `${id}-badges-missing` : undefined}
        >
          <legend>{t('settings.deleteDialog.badges')}</legend>
          <div className="badge-option">
            <label>
              <input
                ref={firstChoice}
                type="radio"
                name={`${id}-badges`}
                value="KEEP"
                checked={badges === 'KEEP'}
                aria-describedby={`${id}-keep-hint`}
                onChange={() => {
                  setBadges('KEEP');
                  setMissing((m) => ({ ...m, badges: false }));
                }}
              />
              {t('settings.deleteDialog.keep')}
            </label>
            <p className="hint" id={`${id}-keep-hint`}>
              {t('settings.deleteDialog.keepHint')}
            </p>
          </div>
          <div className="badge-option">
            <label>
              <input
                type="radio"
                name={`${id}-badges`}
                value="REVOKE"
                checked={badges === 'REVOKE'}
                aria-describedby={`${id}-revoke-hint`}
                onChange={() => {
                  setBadges('REVOKE');
                  setMissing((m) => ({ ...m, badges: false }));
                }}
              />
              {t('settings.deleteDialog.revoke')}
            </label>
            <p className="hint" id={`${id}-revoke-hint`}>
              {t('settings.deleteDialog.revokeHint')}
            </p>
          </div>
          {missing.badges ? (
            <p className="field-error" id={`${id}-badges-missing`}>
              {t('settings.deleteDialog.badgesMissing')}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-secret`}>{t('settings.deleteDialog.secret')}</label>
          <p className="hint" id={`${id}-secret-hint`}>
            {t('settings.deleteDialog.secretHint')}
          </p>
          <input
            ref={secretField}
            id={`${id}-secret`}
            name="secret"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={missing.secret}
            aria-describedby={secretDescribedBy}
            value={secret}
            onChange={(event) => {
              setSecret(event.target.value);
              if (event.target.value !== '') setMissing((m) => ({ ...m, secret: false }));
            }}
          />
          {missing.secret ? (
            <p className="field-error" id={`${id}-secret-missing`}>
              {t('settings.deleteDialog.secretMissing')}
            </p>
          ) : null}
        </div>
        {failure === undefined ? null : <ErrorMessage error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy}>
            {busy ? t('dialog.working') : t('settings.deleteDialog.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
