/**
 * The trainer's pages, for trainers: anyone else signed in reads a plain sentence and a way
 * home instead of a page of refusals (the API refuses them anyway).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useViewer } from '../../app/auth/auth-context.tsx';
import { paths } from '../../app/paths.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import './trainer.css';

export function TrainerOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  if (viewer.roles.includes('TRAINER')) return <>{children}</>;
  return (
    <>
      <PageHeading title={t('trainer.only.title')} />
      <p>{t('trainer.only.text')}</p>
      <p>
        <Link href={paths.home}>{t('notFound.home')}</Link>
      </p>
    </>
  );
}
