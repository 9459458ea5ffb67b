/**
 * A person changes their display preferences (language, large text, high contrast). They are
 * kept with the account, so the web client applies them on every device the person uses.
 */
import { LocalisedError } from '../../auth/errors.ts';
import type { Database } from '../../db/connection.ts';
import {
  findPreferences,
  type Preferences,
  savePreferences,
} from '../../db/repositories/preferences-repository.ts';

/** The languages of the platform. */
export const PREFERRED_LOCALES = ['fr', 'en'] as const;

/** The language asked for is not one the platform speaks; nothing was written. */
export class UnsupportedLocale extends LocalisedError {
  readonly locale: string;

  /** @param locale the language asked for. */
  constructor(locale: string) {
    super('unsupported-locale', {
      fr: `La langue « ${locale} » n'est pas disponible : choisissez « fr » (français) ou « en » (anglais).`,
      en: `The language "${locale}" is not available: choose "fr" (French) or "en" (English).`,
    });
    this.locale = locale;
  }
}

/**
 * @param deps the database and the clock.
 * @param personId the signed-in person.
 * @param changes what to change; absent preferences stay as they are.
 * @returns the preferences after the change.
 * @throws UnsupportedLocale for a language other than `fr` or `en` (nothing written).
 */
export async function updatePreferences(
  deps: { db: Database; clock: () => Date },
  personId: string,
  changes: Partial<Preferences>,
): Promise<Preferences> {
  if (
    changes.locale !== undefined &&
    !(PREFERRED_LOCALES as readonly string[]).includes(changes.locale)
  ) {
    throw new UnsupportedLocale(changes.locale);
  }
  if (Object.keys(changes).length > 0) {
    await savePreferences(deps.db, personId, changes, deps.clock());
  }
  const saved = await findPreferences(deps.db, personId);
  // The viewer comes from a valid token whose person the context has just read.
  if (saved === undefined) throw new Error(`person ${personId} vanished`);
  return saved;
}
