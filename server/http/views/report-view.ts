/**
 * A verification report in plain words: the verdict, then each check with a symbol and a word
 * (never colour alone: ✓ vérifié, ✗ échec, ? non vérifiable).
 */
import type { Check, Verdict, VerificationReport } from '../../../badges/verify/report.ts';
import { html, type SafeHtml } from './html.ts';
import type { Bilingual, Lang } from './lang.ts';

const STATUS: Record<Check['status'], { mark: string; text: Bilingual }> = {
  passed: { mark: '✓', text: { fr: 'vérifié', en: 'passed' } },
  failed: { mark: '✗', text: { fr: 'échec', en: 'failed' } },
  'could-not-check': { mark: '?', text: { fr: 'non vérifiable', en: 'could not check' } },
};

const CHECK_TITLES: Record<Check['id'], Bilingual> = {
  parsed: { fr: 'Lecture du badge', en: 'Reading the badge' },
  structure: { fr: 'Format Open Badges', en: 'Open Badges format' },
  proof: { fr: 'Signature intacte', en: 'Signature intact' },
  'issuer-key': { fr: "Clé de l'émetteur", en: "Issuer's key" },
  'issuer-known': { fr: 'Émetteur connu', en: 'Known issuer' },
  'not-revoked': { fr: 'Non révoqué', en: 'Not revoked' },
  dates: { fr: 'Dates de validité', en: 'Validity dates' },
  recipient: { fr: 'Destinataire', en: 'Recipient' },
  'embedded-credential': { fr: 'Badge du relevé', en: 'Badge in the record' },
};

/** The word for a verdict, as shown in the heading of the verdict box. */
export const VERDICT_WORDS: Record<Verdict, Bilingual> = {
  valid: { fr: 'valide', en: 'valid' },
  invalid: { fr: 'non valide', en: 'not valid' },
  revoked: { fr: 'révoqué', en: 'revoked' },
  expired: { fr: 'expiré', en: 'expired' },
  'not-yet-valid': { fr: 'pas encore valide', en: 'not valid yet' },
  'wrong-recipient': { fr: 'autre destinataire', en: 'other recipient' },
  'could-not-check': { fr: 'vérification incomplète', en: 'could not fully check' },
};

/** @returns the verdict box and the list of checks. */
export function reportView(report: VerificationReport, lang: Lang): SafeHtml {
  const tone =
    report.verdict === 'valid' ? 'ok' : report.verdict === 'could-not-check' ? 'unknown' : 'bad';
  const mark = tone === 'ok' ? '✓' : tone === 'bad' ? '✗' : '?';
  return html`<section class="verdict ${tone}" aria-labelledby="verdict-title" role="status">
<h2 id="verdict-title"><span class="mark" aria-hidden="true">${mark}</span>${lang === 'fr' ? 'Vérification : ' : 'Verification: '}${VERDICT_WORDS[report.verdict][lang]}</h2>
<p>${report.message[lang]}</p>
</section>
<section aria-labelledby="checks-title">
<h2 id="checks-title">${lang === 'fr' ? 'Détail des vérifications' : 'Checks in detail'}</h2>
<ul class="checks">
${report.checks.map(
  (item) =>
    html`<li><span class="mark" aria-hidden="true">${STATUS[item.status].mark}</span><strong>${CHECK_TITLES[item.id][lang]}</strong> — ${STATUS[item.status].text[lang]}. ${item.message[lang]}</li>
`,
)}
</ul>
</section>`;
}
