/** The public "not found" page, in French or English. */
import { html, type SafeHtml } from './html.ts';
import type { Lang } from './lang.ts';
import { layout } from './layout.ts';

/** The message of a public 404, shared by the HTML page and the JSON answer. */
export const NOT_FOUND_MESSAGE = {
  fr: "Ce badge ou cette page n'existe pas, ou n'est pas public.",
  en: 'This badge or page does not exist, or is not public.',
};

/** @returns the whole HTML document. */
export function notFoundPage(lang: Lang): SafeHtml {
  return layout({
    lang,
    title: lang === 'fr' ? 'Introuvable — Grange Numérique' : 'Not found — Grange Numérique',
    main: html`<h1>${lang === 'fr' ? 'Introuvable' : 'Not found'}</h1>
<p>${NOT_FOUND_MESSAGE[lang]}</p>`,
  });
}
