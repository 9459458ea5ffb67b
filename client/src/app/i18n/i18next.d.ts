// Typed keys: `t('home.title')` must exist in fr.json, checked by `npm run typecheck`.
import 'i18next';
import type fr from '../../i18n/fr.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof fr };
    returnNull: false;
  }
}
