/**
 * The public verification page: a form to paste a badge's URL or upload a badge file (plain
 * HTML form, multipart, no script), and, after sending, the report for what was given.
 */
import type { VerificationReport } from '../../../badges/verify/report.ts';
import { html, type SafeHtml } from './html.ts';
import { formatDate, type Lang } from './lang.ts';
import { layout } from './layout.ts';
import { reportView } from './report-view.ts';

/** @returns the whole HTML document: the form, then the report when there is one. */
export function verifyPage(input: {
  lang: Lang;
  pageUrl: string;
  report?: VerificationReport;
  /** A problem with what was sent (nothing given, file too large). */
  problem?: string;
  url?: string;
}): SafeHtml {
  const { lang, report } = input;
  const fr = lang === 'fr';
  const summary = report?.summary;
  // The form posts to this site whatever address it was opened at (a LAN address, a proxy):
  // the content security policy's `form-action 'self'` refuses any other origin.
  const main = html`<h1>${fr ? 'Vérifier un badge' : 'Verify a badge'}</h1>
<p>${fr ? "Collez l'adresse d'un badge, ou choisissez le fichier du badge (image PNG ou SVG, ou JSON)." : "Paste a badge's address, or choose the badge file (PNG or SVG image, or JSON)."}</p>
<form method="post" action="${new URL(input.pageUrl).pathname}?lang=${lang}" enctype="multipart/form-data">
<label for="url">${fr ? 'Adresse du badge' : 'Badge address'}</label>
<input type="url" id="url" name="url" value="${input.url ?? ''}" placeholder="https://…">
<label for="file">${fr ? 'Ou fichier du badge (5 Mo au plus)' : 'Or badge file (5 MB at most)'}</label>
<input type="file" id="file" name="file" accept=".png,.svg,.json,image/png,image/svg+xml,application/json">
<input type="submit" value="${fr ? 'Vérifier' : 'Verify'}">
</form>
${input.problem === undefined ? '' : html`<p class="verdict bad" role="alert">${input.problem}</p>`}
${
  report === undefined
    ? ''
    : html`<h2>${fr ? 'Résultat' : 'Result'}</h2>
${
  summary === undefined
    ? ''
    : html`<dl>
${summary.name === undefined ? '' : html`<dt>${fr ? 'Badge' : 'Badge'}</dt><dd>${summary.name}</dd>`}
${summary.description === undefined ? '' : html`<dt>${fr ? 'Description' : 'Description'}</dt><dd>${summary.description}</dd>`}
${summary.issuerName === undefined && summary.issuerId === undefined ? '' : html`<dt>${fr ? 'Émetteur' : 'Issuer'}</dt><dd>${summary.issuerName ?? summary.issuerId}</dd>`}
${summary.validFrom === undefined ? '' : html`<dt>${fr ? 'Date' : 'Issued on'}</dt><dd>${formatDate(summary.validFrom, lang)}</dd>`}
${summary.result === undefined ? '' : html`<dt>${fr ? 'Niveau' : 'Level'}</dt><dd>${summary.result}</dd>`}
</dl>`
}
${reportView(report, lang)}`
}`;
  return layout({
    lang,
    title: fr ? 'Vérifier un badge — Grange Numérique' : 'Verify a badge — Grange Numérique',
    main,
    alternate: { fr: `${input.pageUrl}?lang=fr`, en: `${input.pageUrl}?lang=en` },
  });
}
