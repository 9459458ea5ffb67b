/** Texts that come from the API in both languages, and dates, shown in the current language. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from './graphql.ts';
import { asLocale, type Locale } from './i18n/i18n.ts';

/** @returns the current language of the interface. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return asLocale(i18n.language);
}

/** @returns a function picking the current language's version of an API text (stable per language). */
export function useLocalized(): (text: LocalizedText) => string {
  const locale = useLocale();
  return useCallback((text: LocalizedText) => text[locale] || text.fr, [locale]);
}

/**
 * @param iso an ISO 8601 instant.
 * @param locale the language.
 * @returns the calendar date in words, e.g. « 3 mars 2026 » / "3 March 2026".
 */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
