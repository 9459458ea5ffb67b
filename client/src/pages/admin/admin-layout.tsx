/**
 * The frame of every admin page: the admin area's own menu (a second, labelled navigation
 * landmark that wraps on a phone), a way back for pages below a list, then the page's one <h1>.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { PageHeading } from '../../components/page-heading.tsx';
import { adminPaths } from './admin-paths.ts';
import '../../components/forms.css';
import './admin.css';

const SECTIONS = [
  { href: adminPaths.home, key: 'home' },
  { href: adminPaths.people, key: 'people' },
  { href: adminPaths.groups, key: 'groups' },
  { href: adminPaths.curricula, key: 'curricula' },
  { href: adminPaths.awards, key: 'awards' },
  { href: adminPaths.jury, key: 'jury' },
  { href: adminPaths.keys, key: 'keys' },
] as const;

function AdminNav() {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <nav className="admin-nav" aria-label={t('admin.nav.label')}>
      <ul>
        {SECTIONS.map(({ href, key }) => {
          const current = href === adminPaths.home ? location === href : location.startsWith(href);
          return (
            <li key={key}>
              <Link href={href} aria-current={current ? 'page' : undefined}>
                {t(`admin.nav.${key}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function AdminLayout({
  title,
  back,
  children,
}: {
  /** The page's title (its <h1> and the browser tab). */
  title: string;
  /** The list this page belongs to: a link back to it above the title. */
  back?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <div className="admin-area">
      <AdminNav />
      {back === undefined ? null : (
        <p className="breadcrumb">
          <Link href={back.href}>
            <span aria-hidden="true">← </span>
            {back.label}
          </Link>
        </p>
      )}
      <PageHeading title={title} />
      {children}
    </div>
  );
}
