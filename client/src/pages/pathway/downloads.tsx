/**
 * The learner's records to keep or send: the CLR 2.0 record (JSON, for another platform) and
 * the printable skills passport (PDF, in French or English, with or without their name). The
 * files need the access token, so they are fetched with the session, then saved as a file.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ErrorMessage } from '../../components/error-message.tsx';
import { saveAs } from '../../components/save-file.ts';

/** The address of the passport for these choices. */
export function passportUrl(lang: 'fr' | 'en', showName: boolean): string {
  return `/me/passeport.pdf?lang=${lang}&name=${showName ? 'show' : 'hide'}`;
}

export function Downloads() {
  const { t } = useTranslation();
  const { fetch } = useAuth();
  const id = useId();
  const [lang, setLang] = useState<'fr' | 'en'>('fr');
  const [showName, setShowName] = useState(true);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [said, setSaid] = useState('');

  async function download(url: string, fileName: string) {
    setBusy(true);
    setFailed(false);
    setSaid('');
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      saveAs(await response.blob(), fileName);
      setSaid(t('pathway.downloads.done'));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>{t('pathway.downloads.clrText')}</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => void download('/me/clr.json', 'releve-clr.json')}
      >
        {t('pathway.downloads.clr')}
      </button>
      <fieldset className="choice">
        <legend>{t('pathway.downloads.passportLang')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-lang`}
            checked={lang === 'fr'}
            onChange={() => setLang('fr')}
          />
          {t('pathway.downloads.french')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-lang`}
            checked={lang === 'en'}
            onChange={() => setLang('en')}
          />
          {t('pathway.downloads.english')}
        </label>
      </fieldset>
      <div className="checkbox-field">
        <input
          id={`${id}-name`}
          type="checkbox"
          checked={showName}
          onChange={(e) => setShowName(e.target.checked)}
        />
        <label htmlFor={`${id}-name`}>{t('pathway.downloads.showName')}</label>
      </div>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void download(passportUrl(lang, showName), `passeport-competences-${lang}.pdf`)
        }
      >
        {t('pathway.downloads.passport')}
      </button>
      <p role="status" className="copy-status">
        {said}
      </p>
      {failed ? <ErrorMessage error={undefined} /> : null}
    </>
  );
}
