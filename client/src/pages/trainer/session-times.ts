/**
 * A session's hours in words, in the workshops' time zone (Europe/Paris, as `formatDate`
 * writes dates): "14:00 – 16:00".
 */
import type { Locale } from '../../app/i18n/i18n.ts';

const WORKSHOP_TIME_ZONE = 'Europe/Paris';

/**
 * @param iso an ISO 8601 instant.
 * @param locale the language.
 * @returns the local time, e.g. « 14:00 ».
 */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: WORKSHOP_TIME_ZONE,
  }).format(new Date(iso));
}

/** @returns « 14:00 – 16:00 ». */
export function formatHours(startsAt: string, endsAt: string, locale: Locale): string {
  return `${formatTime(startsAt, locale)} – ${formatTime(endsAt, locale)}`;
}
