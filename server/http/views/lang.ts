/**
 * The language of a public page: French by default (the Grange's visitors), English when the
 * query asks for it (`?lang=en`) or when the browser's first preferred language is English.
 */

export type Lang = 'fr' | 'en';

/** A text in both languages. */
export interface Bilingual {
  fr: string;
  en: string;
}

/**
 * @param query the `lang` query parameter, if any.
 * @param acceptLanguage the Accept-Language header, if any.
 * @returns the page language.
 */
export function pickLang(query: unknown, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'fr') return query;
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-') ? 'en' : 'fr';
}

/** @returns the text in `lang`. */
export function t(lang: Lang, text: Bilingual): string {
  return text[lang];
}

/** @returns the date (ISO 8601) written out for a reader, e.g. "2 mars 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  }).format(date);
}
