/** An address the client does not know: say so and offer the way home. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { paths } from '../../app/paths.ts';
import { PageHeading } from '../../components/page-heading.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.text')}</p>
      <p>
        <Link href={paths.home}>{t('notFound.home')}</Link>
      </p>
    </>
  );
}
