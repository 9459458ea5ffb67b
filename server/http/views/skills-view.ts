/** The skills a badge requires, with the level asked for, as a list. */
import type { RequiredSkill } from '../../app/read-published.ts';
import { html, type SafeHtml } from './html.ts';
import type { Lang } from './lang.ts';

/** @returns an <ul> of skills (title, description, level), or a sentence when there are none. */
export function skillsView(skills: readonly RequiredSkill[], lang: Lang): SafeHtml {
  if (skills.length === 0)
    return html`<p>${lang === 'fr' ? 'Ce badge réunit d’autres badges.' : 'This badge brings other badges together.'}</p>`;
  return html`<ul>
${skills.map((item) => {
  const level =
    item.minLevel === undefined
      ? undefined
      : item.skill?.levels?.find((candidate) => candidate.level === item.minLevel);
  return html`<li><strong>${item.skill?.title[lang] ?? item.id}</strong>${
    item.minLevel === undefined
      ? ''
      : html` — ${lang === 'fr' ? 'niveau' : 'level'} ${item.minLevel}${level === undefined ? '' : html` (${level.title[lang]})`}`
  }${item.skill === undefined ? '' : html`<br>${item.skill.description[lang]}`}</li>
`;
})}
</ul>`;
}

/** An alignment to a public framework, as shown on the pages. */
export interface AlignmentItem {
  name: string;
  url: string;
  framework?: string;
  code?: string;
}

/** @returns the alignments as links, or nothing when there are none. */
export function alignmentsView(alignments: readonly AlignmentItem[], lang: Lang): SafeHtml {
  if (alignments.length === 0) return html``;
  return html`<h2>${lang === 'fr' ? 'Référentiels' : 'Frameworks'}</h2>
<ul>
${alignments.map(
  (item) =>
    html`<li><a href="${item.url}">${item.framework === undefined ? '' : `${item.framework} `}${item.code === undefined ? '' : `${item.code} — `}${item.name}</a></li>
`,
)}
</ul>`;
}
