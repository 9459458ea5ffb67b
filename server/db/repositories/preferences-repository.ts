/** A person's display preferences: language, large text, high contrast. */
import type { Database } from '../connection.ts';
import { PersonPreferencesModel } from '../models/person-preferences.model.ts';

export interface Preferences {
  /** `fr` or `en`. */
  locale: string;
  largeText: boolean;
  highContrast: boolean;
}

/**
 * @param db the database or a transaction.
 * @param personId whose preferences.
 * @returns them, or undefined when nobody has this id.
 */
export async function findPreferences(
  db: Database,
  personId: string,
): Promise<Preferences | undefined> {
  const row = await PersonPreferencesModel.query(db)
    .findById(personId)
    .select('locale', 'largeText', 'highContrast');
  if (row === undefined) return undefined;
  return { locale: row.locale, largeText: row.largeText, highContrast: row.highContrast };
}

/**
 * @param db the database or a transaction.
 * @param personId whose preferences.
 * @param changes the preferences to change; the others stay.
 * @param at when (the row's `updated_at`).
 * @returns whether the person exists.
 */
export async function savePreferences(
  db: Database,
  personId: string,
  changes: Partial<Preferences>,
  at: Date,
): Promise<boolean> {
  const updated = await PersonPreferencesModel.query(db)
    .findById(personId)
    .patch({ ...changes, updatedAt: at.toISOString() });
  return updated > 0;
}
