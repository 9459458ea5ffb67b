/**
 * The frame of every public page: language, viewport, a skip link, banner, main and footer
 * landmarks, and a small inline style sheet (dark text on light backgrounds above 4.5:1, a
 * visible focus ring, touch targets of at least 44px, one column that reads at 360px wide).
 */
import { html, SafeHtml } from './html.ts';
import type { Lang } from './lang.ts';

/** Open Graph data, for link previews on social networks and messaging apps. */
export interface OpenGraph {
  title: string;
  description: string;
  image: string;
  url: string;
}

export interface LayoutInput {
  lang: Lang;
  title: string;
  /** The page's content, inside <main>; it must hold the page's one <h1>. */
  main: SafeHtml;
  og?: OpenGraph;
  /** Links to the same page in the other language. */
  alternate?: { fr: string; en: string };
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.55;color:#1a1a1a;background:#fafaf7}
a{color:#0b4f8a}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.75rem;z-index:1}
header,footer{background:#20384f;color:#fff;padding:.75rem 1rem}
header a,footer a{color:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin-top:1.75rem}
img.badge{display:block;width:min(240px,70vw);height:auto;margin:1rem auto}
.verdict{border:3px solid;border-radius:.5rem;padding:1rem;margin:1rem 0;font-weight:600;background:#fff}
.verdict.ok{border-color:#1e6b35;color:#14502a}
.verdict.bad{border-color:#a4161a;color:#7d1014}
.verdict.unknown{border-color:#7a5a00;color:#5c4300}
ul.checks{list-style:none;padding:0}
ul.checks li{padding:.5rem 0;border-bottom:1px solid #ddd}
.mark{display:inline-block;min-width:2.2rem;font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
.actions a,button,input[type=submit]{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:.5rem 1rem;border:2px solid #0b4f8a;border-radius:.4rem;background:#fff;color:#0b4f8a;font:inherit;text-decoration:none;cursor:pointer}
input[type=url],input[type=file]{display:block;width:100%;min-height:44px;font:inherit;padding:.5rem;margin:.25rem 0 1rem;border:2px solid #555;border-radius:.4rem;background:#fff}
label{font-weight:600}
dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
`;

/** @returns a whole HTML document. */
export function layout(input: LayoutInput): SafeHtml {
  const { lang, og } = input;
  const skip = lang === 'fr' ? 'Aller au contenu' : 'Skip to content';
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
${
  og === undefined
    ? ''
    : html`<meta property="og:type" content="website">
<meta property="og:title" content="${og.title}">
<meta property="og:description" content="${og.description}">
<meta property="og:image" content="${og.image}">
<meta property="og:url" content="${og.url}">
<meta property="og:locale" content="${lang === 'fr' ? 'fr_FR' : 'en_GB'}">
<meta name="twitter:card" content="summary">`
}
${
  input.alternate === undefined
    ? ''
    : html`<link rel="alternate" hreflang="fr" href="${input.alternate.fr}">
<link rel="alternate" hreflang="en" href="${input.alternate.en}">`
}
<style>${styleSheet()}</style>
</head>
<body>
<a class="skip" href="#content">${skip}</a>
<header><strong>Grange Numérique</strong>${
    input.alternate === undefined
      ? ''
      : html` · <a href="${lang === 'fr' ? input.alternate.en : input.alternate.fr}" lang="${lang === 'fr' ? 'en' : 'fr'}">${lang === 'fr' ? 'English' : 'Français'}</a>`
  }</header>
<main id="content">
${input.main}
</main>
<footer>${lang === 'fr' ? 'Badges numériques ouverts (Open Badges) délivrés par la Grange Numérique.' : 'Open Badges issued by Grange Numérique.'}</footer>
</body>
</html>
`;
}

// The style sheet is a constant of ours, not user input: inserted as is.
function styleSheet(): SafeHtml {
  return new SafeHtml(STYLE);
}
