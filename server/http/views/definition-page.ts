/** The public page of a badge definition: what it certifies, its criteria and skills. */
import type { PublishedBadge } from '../../app/read-published.ts';
import { html, type SafeHtml } from './html.ts';
import type { Lang } from './lang.ts';
import { layout } from './layout.ts';
import { alignmentsView, skillsView } from './skills-view.ts';

/** @returns the whole HTML document. */
export function definitionPage(input: {
  lang: Lang;
  pageUrl: string;
  issuerName: string;
  found: PublishedBadge;
}): SafeHtml {
  const { lang, found } = input;
  const fr = lang === 'fr';
  const { badge } = found;
  const main = html`<h1>${badge.title[lang]}</h1>
<img class="badge" src="${input.pageUrl}.png" width="240" height="240" alt="${fr ? 'Image du badge' : 'Badge image'} « ${badge.title[lang]} »">
<p>${badge.description[lang]}</p>
<dl>
<dt>${fr ? 'Parcours' : 'Curriculum'}</dt><dd>${found.curriculum.title[lang]}</dd>
<dt>${fr ? 'Émetteur' : 'Issuer'}</dt><dd>${input.issuerName}</dd>
${badge.validityMonths === undefined ? '' : html`<dt>${fr ? 'Validité' : 'Valid for'}</dt><dd>${badge.validityMonths} ${fr ? 'mois' : 'months'}</dd>`}
</dl>
<h2>${fr ? 'Critères' : 'Criteria'}</h2>
<p>${badge.criteriaNarrative[lang]}</p>
<h2>${fr ? 'Compétences' : 'Skills'}</h2>
${skillsView(found.skills, lang)}
${alignmentsView(
  badge.alignments.map((alignment) => ({
    name: alignment.name,
    url: alignment.url,
    framework: alignment.framework,
    ...(alignment.code === undefined ? {} : { code: alignment.code }),
  })),
  lang,
)}`;
  return layout({
    lang,
    title: `${badge.title[lang]} — ${input.issuerName}`,
    main,
    og: {
      title: badge.title[lang],
      description: badge.description[lang],
      image: `${input.pageUrl}.png`,
      url: input.pageUrl,
    },
    alternate: { fr: `${input.pageUrl}?lang=fr`, en: `${input.pageUrl}?lang=en` },
  });
}
