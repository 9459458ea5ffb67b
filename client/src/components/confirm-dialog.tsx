/**
 * "Are you sure?" as an accessible dialog: what will happen in plain words, the action and
 * "Annuler". The action runs inside the dialog, so a refusal from the server is shown there
 * and the person can cancel or try again.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './dialog.tsx';
import { ErrorMessage, type Failure } from './error-message.tsx';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, and what will not. */
  description: ReactNode;
  confirmLabel: string;
  /** Shows the action in the colour of something that cannot be undone. */
  danger?: boolean;
  /**
   * Runs the action.
   * @returns undefined when it is done (the caller then closes the dialog), or what went wrong.
   */
  onConfirm: () => Promise<Failure>;
  onCancel: () => void;
}

export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);

  async function confirm() {
    setBusy(true);
    setFailure(undefined);
    const outcome = await onConfirm().catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    if (outcome !== undefined) {
      setFailure(outcome);
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} description={description} onClose={onCancel}>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel}>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? t('dialog.working') : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
