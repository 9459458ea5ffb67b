/**
 * Hand in evidence for a skill a trainer validates from proof: a few words, a link and/or a
 * photo taken with the phone's camera. The server checks everything again and says what to fix.
 */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import { SubmitEvidenceMutation } from './skill-queries.ts';

export function EvidenceForm({ skillId, onSent }: { skillId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const { graphql } = useAuth();
  const id = useId();
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFailure(undefined);
    setSent(false);
    if (text.trim() === '' && url.trim() === '' && photo === null) {
      setFailure({ message: { fr: t('evidence.empty'), en: t('evidence.empty') } });
      return;
    }
    setBusy(true);
    try {
      const data = await graphql(SubmitEvidenceMutation, {
        skillId,
        text: text.trim() === '' ? null : text.trim(),
        url: url.trim() === '' ? null : url.trim(),
        file: photo,
      });
      const result = data.submitEvidence;
      if (result.__typename === 'SubmitEvidenceSuccess') {
        setSent(true);
        setText('');
        setUrl('');
        setPhoto(null);
        form.reset();
        onSent();
      } else if ('message' in result) {
        setFailure(result);
      }
    } catch (error) {
      setFailure(error instanceof Error ? error : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('evidence.text')}</label>
        <p className="hint" id={`${id}-text-hint`}>
          {t('evidence.textHint')}
        </p>
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={5000}
          aria-describedby={`${id}-text-hint`}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('evidence.url')}</label>
        <p className="hint" id={`${id}-url-hint`}>
          {t('evidence.urlHint')}
        </p>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="url"
          aria-describedby={`${id}-url-hint`}
          value={url}
          onChange={(event) => setUrl(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-photo`}>{t('evidence.photo')}</label>
        <p className="hint" id={`${id}-photo-hint`}>
          {t('evidence.photoHint')}
        </p>
        <input
          id={`${id}-photo`}
          type="file"
          accept="image/*"
          capture="environment"
          aria-describedby={`${id}-photo-hint`}
          onChange={(event) => setPhoto(event.target.files?.[0] ?? null)}
        />
      </div>
      {failure === undefined ? null : <ErrorMessage error={failure} />}
      {sent ? (
        <p className="notice notice-success" role="status">
          {t('evidence.sent')}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('evidence.sending') : t('evidence.submit')}
      </button>
    </form>
  );
}
