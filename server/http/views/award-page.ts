/**
 * The page an employer opens from a badge link: what the badge is, who earned it and when, the
 * skills behind it, and the live verification of the signed credential, in plain words. It
 * works without JavaScript. A revoked badge says so first, with the reason; an expired one too.
 */

import { linkedInAddUrl } from '../../../badges/share/linkedin-url.ts';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import type { RequiredSkill } from '../../app/read-published.ts';
import { html, type SafeHtml } from './html.ts';
import { formatDate, type Lang } from './lang.ts';
import { layout } from './layout.ts';
import { reportView } from './report-view.ts';
import { type AlignmentItem, alignmentsView, skillsView } from './skills-view.ts';

export interface AwardPageInput {
  lang: Lang;
  /** The page's public URL (without `?lang`). */
  pageUrl: string;
  name: string;
  description: string;
  criteria?: string;
  issuerName: string;
  /** Null when the holder deleted their account (and kept the badge): no name is shown. */
  learnerName: string | null;
  issuedAt: string;
  validUntil?: string;
  revoked?: { at: string; reason: string };
  expired: boolean;
  skills: readonly RequiredSkill[];
  alignments: readonly AlignmentItem[];
  report: VerificationReport;
  /** The award id, for LinkedIn's certificate id. */
  awardId: string;
}

/** @returns the whole HTML document. */
export function awardPage(input: AwardPageInput): SafeHtml {
  const { lang } = input;
  const fr = lang === 'fr';
  const png = `${input.pageUrl}.png`;
  const main = html`${
    input.revoked === undefined
      ? ''
      : html`<p class="verdict bad" role="alert"><span class="mark" aria-hidden="true">✗</span>${fr ? 'Badge révoqué' : 'Badge revoked'} (${fr ? 'révoqué' : 'revoked'} ${fr ? 'le' : 'on'} ${formatDate(input.revoked.at, lang)}). ${fr ? 'Motif : ' : 'Reason: '}${input.revoked.reason}</p>`
  }${
    input.expired && input.revoked === undefined
      ? html`<p class="verdict bad" role="alert"><span class="mark" aria-hidden="true">✗</span>${fr ? 'Badge expiré' : 'Badge expired'}${input.validUntil === undefined ? '' : html` (${fr ? 'expiré' : 'expired'} ${fr ? 'le' : 'on'} ${formatDate(input.validUntil, lang)})`}.</p>`
      : ''
  }
<h1>${input.name}</h1>
<img class="badge" src="${png}" width="240" height="240" alt="${fr ? 'Image du badge' : 'Badge image'} « ${input.name} »">
<p>${input.description}</p>
<dl>
<dt>${fr ? 'Décerné à' : 'Awarded to'}</dt><dd>${input.learnerName ?? (fr ? 'Nom non affiché : la personne a fermé son compte (le badge reste vérifiable).' : 'Name not shown: the holder closed their account (the badge can still be verified).')}</dd>
<dt>${fr ? 'Émetteur' : 'Issuer'}</dt><dd>${input.issuerName}</dd>
<dt>${fr ? 'Date' : 'Issued on'}</dt><dd><time datetime="${input.issuedAt}">${formatDate(input.issuedAt, lang)}</time></dd>
${input.validUntil === undefined ? '' : html`<dt>${fr ? 'Valable jusqu’au' : 'Valid until'}</dt><dd><time datetime="${input.validUntil}">${formatDate(input.validUntil, lang)}</time></dd>`}
</dl>
${reportView(input.report, lang)}
<h2>${fr ? 'Compétences' : 'Skills'}</h2>
${skillsView(input.skills, lang)}
${input.criteria === undefined ? '' : html`<h2>${fr ? 'Comment il a été obtenu' : 'How it was earned'}</h2><p>${input.criteria}</p>`}
${alignmentsView(input.alignments, lang)}
<h2>${fr ? 'Partager et télécharger' : 'Share and download'}</h2>
<ul class="actions">
<li><a href="${linkedInAddUrl({ name: input.name, issuedAt: input.issuedAt, certUrl: input.pageUrl, certId: input.awardId })}" rel="noopener">${fr ? 'Ajouter à mon profil LinkedIn' : 'Add to my LinkedIn profile'}</a></li>
<li><a href="${png}" download>${fr ? 'Image PNG (avec le badge)' : 'PNG image (badge inside)'}</a></li>
<li><a href="${input.pageUrl}.svg" download>${fr ? 'Image SVG (avec le badge)' : 'SVG image (badge inside)'}</a></li>
<li><a href="${input.pageUrl}.json" download>${fr ? 'Badge signé (JSON)' : 'Signed badge (JSON)'}</a></li>
</ul>`;
  return layout({
    lang,
    title: `${input.name} — ${input.issuerName}`,
    main,
    og: {
      title: input.name,
      description: input.description,
      image: png,
      url: input.pageUrl,
    },
    alternate: { fr: `${input.pageUrl}?lang=fr`, en: `${input.pageUrl}?lang=en` },
  });
}
