/**
 * The display preferences on the page: `lang` on <html> (screen readers pick their voice from
 * it), `data-text="large"` and `data-contrast="high"` which the style sheet follows. They come
 * from the signed-in person's account; before sign-in, only the language chosen on this device.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth/auth-context.tsx';
import { asLocale, LOCALE_KEY, type Locale } from './i18n/i18n.ts';

export interface DisplayPreferences {
  locale: Locale;
  largeText: boolean;
  highContrast: boolean;
}

/** @returns the language last chosen on this device, French by default. */
export function deviceLocale(): Locale {
  try {
    return asLocale(window.localStorage.getItem(LOCALE_KEY));
  } catch {
    return 'fr';
  }
}

/** Remembers the language on this device (for the sign-in page). */
export function rememberDeviceLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts until the page is closed.
  }
}

/** Sets the attributes the style sheet and assistive technologies read. */
export function applyDisplay(root: HTMLElement, preferences: DisplayPreferences): void {
  root.lang = preferences.locale;
  root.dataset.text = preferences.largeText ? 'large' : 'normal';
  root.dataset.contrast = preferences.highContrast ? 'high' : 'normal';
}

/** Keeps <html> and the interface language in step with the viewer's preferences. */
export function useDisplayPreferences(): void {
  const { viewer } = useAuth();
  const { i18n } = useTranslation();
  const saved = viewer?.preferences;
  const locale = saved === undefined ? asLocale(i18n.language) : asLocale(saved.locale);

  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    applyDisplay(document.documentElement, {
      locale,
      largeText: saved?.largeText ?? false,
      highContrast: saved?.highContrast ?? false,
    });
  }, [i18n, locale, saved?.largeText, saved?.highContrast]);
}
