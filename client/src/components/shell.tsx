/**
 * The frame of every page: a skip link, the banner with the navigation, the main region and the
 * footer (with the public verification page for visitors). Landmarks let screen-reader users
 * jump between them; the navigation wraps on a 360px screen.
 */
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useAuth } from '../app/auth/auth-context.tsx';
import { paths } from '../app/paths.ts';
import { rememberDeviceLocale } from '../app/preferences.ts';
import { adminPaths } from '../pages/admin/admin-paths.ts';
import { focusNextPageHeading } from './page-heading.tsx';
import './shell.css';

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = href === '/' ? location === '/' : location.startsWith(href);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Before sign-in: switch the interface language on this device. */
function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={() => {
        rememberDeviceLocale(other);
        void i18n.changeLanguage(other);
        document.documentElement.lang = other;
      }}
    >
      {t('nav.otherLanguage')}
    </button>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, viewer, signOut } = useAuth();
  const [location, navigate] = useLocation();
  const first = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of address.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    focusNextPageHeading();
  }, [location]);

  const isLearner = viewer?.roles.includes('LEARNER') ?? false;
  const isAdmin = viewer?.roles.includes('ADMIN') ?? false;
  const isCounsellor = viewer?.roles.includes('COUNSELLOR') ?? false;
  // A trainer who also learns reaches their workshops from any page (a trainer who does not
  // lands there from "Accueil").
  const isLearningTrainer = isLearner && (viewer?.roles.includes('TRAINER') ?? false);
  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('nav.skip')}
      </a>
      <header className="banner">
        <Link href={paths.home} className="brand">
          {t('app.name')}
        </Link>
        {status === 'signed-in' ? (
          <nav aria-label={t('nav.label')}>
            <ul>
              <li>
                <NavLink href={paths.home}>{t('nav.home')}</NavLink>
              </li>
              {isLearner ? (
                <li>
                  <NavLink href={paths.badges}>{t('nav.badges')}</NavLink>
                </li>
              ) : null}
              {isLearner ? (
                <li>
                  <NavLink href={paths.pathway}>{t('nav.pathway')}</NavLink>
                </li>
              ) : null}
              {isCounsellor ? (
                <li>
                  <NavLink href={paths.counsellor.home}>{t('areas.counsellor')}</NavLink>
                </li>
              ) : null}
              {isLearningTrainer ? (
                <li>
                  <NavLink href={paths.trainer.home}>{t('areas.trainer')}</NavLink>
                </li>
              ) : null}
              {isAdmin ? (
                <li>
                  <NavLink href={adminPaths.home}>{t('nav.admin')}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink href={paths.settings}>{t('nav.settings')}</NavLink>
              </li>
              <li>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    void signOut().then(() => navigate(paths.signIn));
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </li>
            </ul>
          </nav>
        ) : (
          <div className="banner-links">
            {/* Visitors come to check a badge: the server's public page, no account needed. */}
            <a href={paths.verify}>{t('nav.verify')}</a>
            <LanguageSwitch />
          </div>
        )}
      </header>
      <main id="contenu" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          <a href={paths.verify}>{t('footer.verify')}</a>
        </p>
        <p>{t('footer.about')}</p>
      </footer>
    </>
  );
}
