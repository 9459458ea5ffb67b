/**
 * A confirmation that needs a few words: the reason of a revocation, of a disabled account, the
 * comment on a decision. The text is required: sending it empty says so next to the field and
 * puts the focus back in it; a refusal from the server is shown in the dialog.
 */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog.tsx';
import { ErrorMessage, type Failure } from './error-message.tsx';
import './forms.css';

export interface ReasonDialogProps {
  title: string;
  /** What will happen, and who will read the text. */
  description: ReactNode;
  /** The field's label. */
  label: string;
  hint?: string;
  /** Said when the field is sent empty. */
  requiredMessage: string;
  confirmLabel: string;
  danger?: boolean;
  /** Characters at most (the server checks too). */
  maxLength?: number;
  /**
   * @param reason the text, trimmed, never empty.
   * @returns undefined when it is done (the caller then closes the dialog), or what went wrong.
   */
  onSubmit: (reason: string) => Promise<Failure>;
  onCancel: () => void;
}

export function ReasonDialog({
  title,
  description,
  label,
  hint,
  requiredMessage,
  confirmLabel,
  danger = false,
  maxLength = 1000,
  onSubmit,
  onCancel,
}: ReasonDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const text = reason.trim();
    if (text === '') {
      setMissing(true);
      field.current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    const outcome = await onSubmit(text).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    if (outcome !== undefined) {
      setFailure(outcome);
      setBusy(false);
    }
  }

  const describedBy = [hint === undefined ? '' : `${id}-hint`, missing ? `${id}-missing` : '']
    .filter((part) => part !== '')
    .join(' ');
  return (
    <Dialog title={title} description={description} onClose={onCancel} initialFocus={field}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{label}</label>
          {hint === undefined ? null : (
            <p className="hint" id={`${id}-hint`}>
              {hint}
            </p>
          )}
          <textarea
            ref={field}
            id={`${id}-reason`}
            name="reason"
            rows={3}
            maxLength={maxLength}
            required
            aria-invalid={missing}
            aria-describedby={describedBy === '' ? undefined : describedBy}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim() !== '') setMissing(false);
            }}
          />
          {missing ? (
            <p className="field-error" id={`${id}-missing`}>
              {requiredMessage}
            </p>
          ) : null}
        </div>
        {failure === undefined ? null : <ErrorMessage error={failure} />}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? t('dialog.working') : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
