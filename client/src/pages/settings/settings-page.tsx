/**
 * Settings: the language, "grand texte" and "contraste élevé". Each change is saved at once
 * with the account (so it follows the person to any device) and applied to the page. Then
 * « Mes données »: download one's data, delete one's account (`my-data.tsx`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useViewer, type Viewer } from '../../app/auth/auth-context.tsx';
import { gql, type LocalizedText } from '../../app/graphql.ts';
import { rememberDeviceLocale } from '../../app/preferences.ts';
import { ErrorMessage, type Failure } from '../../components/error-message.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { MyData } from './my-data.tsx';

type Preferences = Viewer['preferences'];

const UpdatePreferences = gql<
  {
    updateMyPreferences:
      | ({ __typename: 'Preferences' } & Preferences)
      | { __typename: 'UnsupportedLocale'; message: LocalizedText };
  },
  { locale?: string; largeText?: boolean; highContrast?: boolean }
>(`mutation UpdatePreferences($locale: String, $largeText: Boolean, $highContrast: Boolean) {
  updateMyPreferences(locale: $locale, largeText: $largeText, highContrast: $highContrast) {
    __typename
    ... on Preferences { locale largeText highContrast }
    ... on UnsupportedLocale { message { fr en } }
  }
}`);

export function SettingsPage() {
  const { t } = useTranslation();
  const { graphql, setViewer } = useAuth();
  const viewer = useViewer();
  const [failure, setFailure] = useState<Failure>(undefined);
  const [saved, setSaved] = useState(false);
  const preferences = viewer.preferences;

  async function save(change: Partial<Preferences>) {
    setFailure(undefined);
    setSaved(false);
    // Shown at once; put back if the server refuses.
    setViewer({ ...viewer, preferences: { ...preferences, ...change } });
    try {
      const data = await graphql(UpdatePreferences, change);
      const result = data.updateMyPreferences;
      if (result.__typename === 'Preferences') {
        const { __typename: _, ...next } = result;
        setViewer({ ...viewer, preferences: next });
        if (change.locale !== undefined) rememberDeviceLocale(next.locale === 'en' ? 'en' : 'fr');
        setSaved(true);
      } else {
        setViewer(viewer);
        setFailure(result);
      }
    } catch (error) {
      setViewer(viewer);
      setFailure(error instanceof Error ? error : undefined);
    }
  }

  return (
    <>
      <PageHeading title={t('settings.title')} />
      <form className="stack" onSubmit={(event) => event.preventDefault()}>
        <fieldset className="choice">
          <legend>{t('settings.language')}</legend>
          <label lang="fr">
            <input
              type="radio"
              name="locale"
              value="fr"
              checked={preferences.locale !== 'en'}
              onChange={() => void save({ locale: 'fr' })}
            />
            Français
          </label>
          <label lang="en">
            <input
              type="radio"
              name="locale"
              value="en"
              checked={preferences.locale === 'en'}
              onChange={() => void save({ locale: 'en' })}
            />
            English
          </label>
        </fieldset>
        <fieldset className="choice">
          <legend>{t('settings.display')}</legend>
          <label>
            <input
              type="checkbox"
              name="largeText"
              checked={preferences.largeText}
              onChange={(event) => void save({ largeText: event.target.checked })}
            />
            {t('settings.largeText')}
          </label>
          <label>
            <input
              type="checkbox"
              name="highContrast"
              checked={preferences.highContrast}
              onChange={(event) => void save({ highContrast: event.target.checked })}
            />
            {t('settings.highContrast')}
          </label>
        </fieldset>
        <p className="hint">{t('settings.remembered')}</p>
        {failure === undefined ? null : <ErrorMessage error={failure} />}
        <p className="notice-slot" role="status">
          {saved ? t('settings.saved') : ''}
        </p>
      </form>
      <MyData />
    </>
  );
}
