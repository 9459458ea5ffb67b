/** The public "too many requests" page (429), in French or English. */
import { html, type SafeHtml } from './html.ts';
import type { Lang } from './lang.ts';
import { layout } from './layout.ts';

/**
 * @param lang the page language.
 * @param message what happened and how long to wait, already in `lang`.
 * @returns the whole HTML document.
 */
export function tooManyRequestsPage(lang: Lang, message: string): SafeHtml {
  return layout({
    lang,
    title:
      lang === 'fr'
        ? 'Trop de demandes — Grange Numérique'
        : 'Too many requests — Grange Numérique',
    main: html`<h1>${lang === 'fr' ? 'Trop de demandes' : 'Too many requests'}</h1>
<p>${message}</p>
<p><a href="/verify${lang === 'en' ? '?lang=en' : ''}">${
      lang === 'fr' ? 'Revenir au formulaire de vérification' : 'Back to the verification form'
    }</a></p>`,
  });
}
