/** The application: session, languages, display preferences, the frame and the routes. */
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { Shell } from '../components/shell.tsx';
import { AuthProvider } from './auth/auth-context.tsx';
import type { SessionManager } from './auth/session-manager.ts';
import { useDisplayPreferences } from './preferences.ts';
import { AppRoutes } from './routes.tsx';

function DisplayPreferences() {
  useDisplayPreferences();
  return null;
}

export function App({ session, i18n }: { session: SessionManager; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <AuthProvider session={session}>
        <DisplayPreferences />
        <Router>
          <Shell>
            <AppRoutes />
          </Shell>
        </Router>
      </AuthProvider>
    </I18nextProvider>
  );
}
