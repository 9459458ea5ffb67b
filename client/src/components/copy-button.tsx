/**
 * Copies a text (a first password, a link) to the clipboard, and says so in a polite live
 * message. Where the clipboard is not available (an old browser, a page not served over
 * HTTPS), the text is selected so the person can copy it by hand.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyButton({
  text,
  label,
  fieldId,
}: {
  text: string;
  /** The button's words, e.g. « Copier le mot de passe ». */
  label: string;
  /** The field that shows the text, selected when copying is not possible. */
  fieldId?: string;
}) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid(t('copy.done'));
    } catch {
      const field = fieldId === undefined ? null : document.getElementById(fieldId);
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
      setSaid(t('copy.byHand'));
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {said}
      </span>
    </>
  );
}
