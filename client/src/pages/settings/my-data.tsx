/**
 * « Mes données » on the settings page: download everything the platform holds about oneself
 * (the `myDataExport` JSON, saved as a file), and delete one's account through a confirmation
 * dialog. Once deleted, the page goes to the goodbye page, then the session ends.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { paths } from '../../app/paths.ts';
import { ErrorMessage } from '../../components/error-message.tsx';
import { saveAs } from '../../components/save-file.ts';
import { DeleteAccountDialog } from './delete-account-dialog.tsx';
import { type BadgesOnDeletion, MyDataExport } from './settings-queries.ts';
import './settings.css';

/** The export's file name: the platform and the day, so several downloads stay apart. */
export function exportFileName(now: Date): string {
  return `mes-donnees-grange-${now.toISOString().slice(0, 10)}.json`;
}

/** The goodbye page's address for the choice made about the badges. */
export function goodbyeUrl(badges: BadgesOnDeletion): string {
  return `${paths.goodbye}?badges=${badges === 'KEEP' ? 'gardes' : 'revoques'}`;
}

export function MyData() {
  const { t } = useTranslation();
  const { graphql, signOut } = useAuth();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [said, setSaid] = useState('');
  const [deleting, setDeleting] = useState(false);

  async function download() {
    setBusy(true);
    setFailed(false);
    setSaid('');
    try {
      const { myDataExport } = await graphql(MyDataExport, {});
      saveAs(new Blob([myDataExport], { type: 'application/json' }), exportFileName(new Date()));
      setSaid(t('settings.myData.exported'));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  function deleted(badges: BadgesOnDeletion) {
    // The goodbye page first (it needs no session), then the session ends: its tokens are
    // worth nothing already.
    navigate(goodbyeUrl(badges), { replace: true });
    void signOut();
  }

  return (
    <section className="my-data stack" aria-labelledby="mes-donnees">
      <h2 id="mes-donnees">{t('settings.myData.title')}</h2>
      <p>{t('settings.myData.exportText')}</p>
      <button type="button" disabled={busy} onClick={() => void download()}>
        {t('settings.myData.export')}
      </button>
      {failed ? <ErrorMessage error={undefined} /> : null}
      <p className="notice-slot" role="status">
        {said}
      </p>
      <p>{t('settings.myData.deleteText')}</p>
      <button type="button" onClick={() => setDeleting(true)}>
        {t('settings.myData.delete')}
      </button>
      {deleting ? (
        <DeleteAccountDialog onDeleted={deleted} onCancel={() => setDeleting(false)} />
      ) : null}
    </section>
  );
}
