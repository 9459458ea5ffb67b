/**
 * Pages for one role (inside `RequireSignIn`): anyone else reads, in plain words, that the page
 * is not for them, with a way home. The server refuses their requests anyway; this only spares
 * them a page of errors.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type Role, useViewer } from '../app/auth/auth-context.tsx';
import { paths } from '../app/paths.ts';
import { PageHeading } from './page-heading.tsx';

export function RequireRole({ allowed, children }: { allowed: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  if (viewer.roles.includes(allowed)) return <>{children}</>;
  return (
    <>
      <PageHeading title={t('forbidden.title')} />
      <p>{t('forbidden.text')}</p>
      <p>
        <Link href={paths.home}>{t('forbidden.home')}</Link>
      </p>
    </>
  );
}
