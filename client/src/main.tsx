/** Entry point: one session manager and one i18n instance for the tab, then the application. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { browserSessionManager } from './app/auth/auth-context.tsx';
import { createI18n } from './app/i18n/i18n.ts';
import { deviceLocale } from './app/preferences.ts';
import './styles/app.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const locale = deviceLocale();
document.documentElement.lang = locale;
createRoot(root).render(
  <StrictMode>
    <App session={browserSessionManager()} i18n={createI18n(locale)} />
  </StrictMode>,
);
