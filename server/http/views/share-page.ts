/**
 * The public page of a pathway share link (`/partage/<token>`): only the items the learner
 * chose, no email, no minor's name, no counsellor note. Works without JavaScript.
 */
import type { SharedPathway } from '../../app/pathway/share-links.ts';
import { MILESTONES } from '../../domain/pathway/milestones.ts';
import { html, type SafeHtml } from './html.ts';
import { formatDate, type Lang } from './lang.ts';
import { layout } from './layout.ts';

/** @returns the whole HTML document of a live share. */
export function sharePage(share: SharedPathway, lang: Lang): SafeHtml {
  const fr = lang === 'fr';
  const who = share.learnerName ?? (fr ? 'Un apprenant ou une apprenante' : 'A learner');
  const targets = share.targets ?? [];
  const main = html`<h1>${fr ? 'Parcours vers l’emploi' : 'Employment pathway'} — ${who}</h1>
<p>${fr ? 'Lien valable jusqu’au' : 'Link valid until'} ${formatDate(share.expiresAt, lang)}.</p>
${
  share.targets === undefined
    ? ''
    : html`<h2>${fr ? 'Métiers visés' : 'Target jobs'}</h2>
<ul>${targets.map(
        (target) =>
          html`<li><strong>${target.job.title[lang]}</strong>${target.job.rome === undefined ? '' : html` (ROME ${target.job.rome.code})`} : ${fr ? 'exigences couvertes' : 'requirements covered'} ${String(target.gap.requiredCovered)}/${String(target.gap.requiredTotal)}</li>`,
      )}</ul>`
}
${
  share.milestones === undefined
    ? ''
    : html`<h2>${fr ? 'Étapes franchies' : 'Milestones reached'}</h2>
<ul>${share.milestones.map(
        (m) =>
          html`<li>${MILESTONES.find((d) => d.id === m.milestoneId)?.label[lang] ?? m.milestoneId} — ${formatDate(`${m.reachedOn}T12:00:00Z`, lang)}</li>`,
      )}</ul>`
}
${
  share.badges.length === 0
    ? ''
    : html`<h2>${fr ? 'Badges' : 'Badges'}</h2>
<ul>${share.badges.map(
        (b) =>
          html`<li><a href="/badges/${b.awardId}">${b.name[lang]}</a> — ${formatDate(b.issuedAt, lang)}</li>`,
      )}</ul>`
}`;
  return layout({
    lang,
    title: `${fr ? 'Parcours partagé' : 'Shared pathway'} — Grange Numérique`,
    main,
  });
}

/** @returns the page of a link that expired or was revoked (410 Gone). */
export function shareGonePage(reason: 'expired' | 'revoked', lang: Lang): SafeHtml {
  const fr = lang === 'fr';
  const text =
    reason === 'expired'
      ? fr
        ? 'Ce lien de partage a expiré.'
        : 'This share link has expired.'
      : fr
        ? 'Ce lien de partage a été retiré par la personne qui l’avait créé.'
        : 'This share link was withdrawn by the person who made it.';
  return layout({
    lang,
    title: fr ? 'Lien expiré — Grange Numérique' : 'Link no longer valid — Grange Numérique',
    main: html`<h1>${fr ? 'Lien plus valable' : 'Link no longer valid'}</h1>
<p>${text}</p>`,
  });
}
