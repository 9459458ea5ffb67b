/**
 * i18next with the two languages bundled (a few kilobytes each): French first, English second.
 * Every string people read is in `src/i18n/fr.json` and `en.json`; `tests/component` checks
 * that both files have the same keys.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../i18n/en.json';
import fr from '../../i18n/fr.json';

export type Locale = 'fr' | 'en';

export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** The language chosen on this device, for the pages shown before signing in. */
export const LOCALE_KEY = 'grange.locale';

/** @returns `value` when it names a language we have, otherwise French. */
export function asLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'fr';
}

/**
 * @param locale the first language.
 * @returns the i18next instance, ready (resources are bundled, so it is synchronous).
 */
export function createI18n(locale: Locale) {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: 'fr',
    resources: { fr: { translation: fr }, en: { translation: en } },
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
