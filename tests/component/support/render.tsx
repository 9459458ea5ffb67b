/**
 * Renders client components as the application does: with the i18n instance (French unless
 * told otherwise) and a router on an in-memory address, so links and `useSearch` work in jsdom.
 */
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createI18n, type Locale } from '../../../client/src/app/i18n/i18n.ts';

afterEach(() => {
  cleanup();
});

/**
 * @param ui what to render.
 * @param options the language and the address (path and `?search`).
 * @returns testing-library's result and the address history.
 */
export function renderInApp(ui: ReactNode, options: { locale?: Locale; path?: string } = {}) {
  const [path = '/', search = ''] = (options.path ?? '/').split('?');
  const location = memoryLocation({ path, searchPath: search, record: true });
  const i18n = createI18n(options.locale ?? 'fr');
  const result = render(
    <I18nextProvider i18n={i18n}>
      <Router hook={location.hook} searchHook={location.searchHook}>
        {ui}
      </Router>
    </I18nextProvider>,
  );
  return { ...result, location, i18n };
}
