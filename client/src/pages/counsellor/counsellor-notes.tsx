/**
 * The counsellor's private notes about a learner: each marked « Note privée — l'apprenant ne la
 * voit pas » in words (not only by its border), newest first, and a form to add one.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useLocale } from '../../app/localized.ts';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';

export interface Note {
  id: string;
  text: string;
  createdAt: string;
}

export function CounsellorNotes({
  notes,
  onAdd,
}: {
  notes: Note[];
  onAdd: (text: string) => Promise<Failure>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>(undefined);
  const [said, setSaid] = useState('');
  const newestFirst = [...notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  async function add() {
    setBusy(true);
    setFailure(undefined);
    setSaid('');
    const result = await onAdd(text);
    setBusy(false);
    setFailure(result);
    if (result === undefined) {
      setText('');
      setSaid(t('counsellor.notes.added'));
    }
  }

  return (
    <>
      <p className="notice notice-info">{t('counsellor.notes.private')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('counsellor.notes.label')}</label>
          <textarea
            id={`${id}-text`}
            rows={4}
            maxLength={5000}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {t('counsellor.notes.add')}
        </button>
        <p role="status" className="copy-status">
          {said}
        </p>
        {failure === undefined ? null : <ErrorMessage error={failure} />}
      </form>
      {newestFirst.length === 0 ? (
        <p>{t('counsellor.notes.none')}</p>
      ) : (
        <ul className="cards">
          {newestFirst.map((note) => (
            <li className="card private-note" key={note.id}>
              <p className="private-label">
                <span aria-hidden="true">🔒 </span>
                {t('counsellor.notes.privateLabel')}
              </p>
              <p className="meta">{formatDate(note.createdAt, locale)}</p>
              <p>{note.text}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
