/**
 * After an account is deleted: a plain goodbye, what became of the badges (from
 * `?badges=gardes|revoques`, set by the settings page), and the way back to the sign-in page.
 * Open to anyone: the session has ended.
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { paths } from '../../app/paths.ts';
import { PageHeading } from '../../components/page-heading.tsx';

export function GoodbyePage() {
  const { t } = useTranslation();
  const badges = new URLSearchParams(useSearch()).get('badges');
  return (
    <>
      <PageHeading title={t('goodbye.title')} />
      <div className="stack">
        <p>{t('goodbye.erased')}</p>
        {badges === 'gardes' ? <p>{t('goodbye.kept')}</p> : null}
        {badges === 'revoques' ? <p>{t('goodbye.revoked')}</p> : null}
        <p>{t('goodbye.thanks')}</p>
        <p className="actions">
          <Link href={paths.signIn}>{t('goodbye.signIn')}</Link>
        </p>
      </div>
    </>
  );
}
