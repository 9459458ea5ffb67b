/**
 * The frame of every public page: language, viewport, a skip link, banner, main and footer
 * landmarks, and a small inline style sheet on the web client's design tokens
 * (`design-tokens.ts`): the client's colours (above 4.5:1), focus ring, buttons and fields,
 * touch targets of at least 44px, one column that reads at 360px wide. The banner leads to the
 * client and the footer to `/verify`, as the client's own footer does. No script.
 */
import { createHash } from 'node:crypto';
import { tokensCss } from './design-tokens.ts';
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

// The client's look (client/src/styles/app.css) on the client's own tokens: same banner and
// footer, fonts, links, focus ring, buttons and fields; touch targets of at least 44px.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:var(--text);background:var(--background);min-height:100vh;display:flex;flex-direction:column}
a{color:var(--primary);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:.5rem;z-index:10;padding:.75rem 1rem;background:var(--surface);color:var(--primary)}.skip:focus{left:.5rem}
.banner{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;padding:.25rem 1rem;background:var(--banner);color:var(--banner-text)}
li>a:only-child,td>a:only-child,th>a:only-child,dd>a:only-child,p>a:only-child{display:inline-flex;align-items:center;min-height:44px;min-width:44px}
.banner a,.site-footer a{color:var(--banner-text);display:inline-flex;align-items:center;min-height:44px}
.banner :focus-visible,.site-footer :focus-visible{outline-color:#ffd08a}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none}
.banner-links{display:flex;flex-wrap:wrap;gap:0 1rem}
main{flex:1;width:100%;max-width:46rem;margin:0 auto;padding:1rem}
.site-footer{padding:1rem;background:var(--banner);color:var(--banner-text)}
.site-footer p{margin:0 auto;max-width:46rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
img.badge{display:block;width:min(240px,70vw);height:auto;margin:1rem auto}
.verdict{border:3px solid;border-radius:var(--radius);padding:1rem;margin:1rem 0;font-weight:600}
.verdict.ok{border-color:var(--success-text);color:var(--success-text);background:var(--success-background)}
.verdict.bad{border-color:var(--error-text);color:var(--error-text);background:var(--error-background)}
.verdict.unknown{border-color:var(--status-submitted);color:var(--status-submitted);background:var(--status-submitted-background)}
.verdict h2{margin-top:0}
ul.checks{list-style:none;padding:0}
ul.checks li{padding:.5rem 0;border-bottom:1px solid var(--border)}
.mark{display:inline-block;min-width:2.2rem;font-weight:700}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;padding:0;list-style:none}
.actions a,button,input[type=submit]{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.5rem 1rem;border:var(--outline-width) solid var(--primary);border-radius:var(--radius);background:var(--surface);color:var(--primary);font:inherit;text-decoration:none;cursor:pointer}
input[type=submit]{background:var(--primary);color:var(--primary-text);font-weight:600}
input[type=url],input[type=file]{display:block;width:100%;min-height:44px;font:inherit;padding:.5rem .75rem;margin:.25rem 0 1.25rem;border:var(--outline-width) solid var(--border);border-radius:var(--radius);background:var(--surface);color:var(--text)}
label{font-weight:600}
dl{display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (min-width:30rem){dl{grid-template-columns:minmax(7rem,max-content) minmax(0,1fr)}}
`;

/** @returns a whole HTML document. */
export function layout(input: LayoutInput): SafeHtml {
  const { lang, og } = input;
  const skip = lang === 'fr' ? 'Aller au contenu' : 'Skip to content';
  // The client's footer links the same page (paths.verify); in the reader's language here.
  const verifyHref = lang === 'fr' ? '/verify' : '/verify?lang=en';
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
<header class="banner"><a class="brand" href="/">Grange Numérique</a>${
    input.alternate === undefined
      ? ''
      : html`<span class="banner-links"><a href="${lang === 'fr' ? input.alternate.en : input.alternate.fr}" lang="${lang === 'fr' ? 'en' : 'fr'}">${lang === 'fr' ? 'English' : 'Français'}</a></span>`
  }</header>
<main id="content">
${input.main}
</main>
<footer class="site-footer">
<p><a href="${verifyHref}">${lang === 'fr' ? 'Vérifier un badge' : 'Verify a badge'}</a></p>
<p>${lang === 'fr' ? 'Badges numériques ouverts (Open Badges) délivrés par la Grange Numérique.' : 'Open Badges issued by Grange Numérique.'}</p>
</footer>
</body>
</html>
`;
}

// The style sheet is a constant of ours, not user input: inserted as is.
function styleSheet(): SafeHtml {
  return new SafeHtml(tokensCss() + STYLE);
}

/**
 * The content security policy's source for the one inline style sheet of these pages, so the
 * policy needs no 'unsafe-inline' (`../security-headers.ts`); no `style=""` attribute is used.
 */
export function styleSheetHashSource(): string {
  return `'sha256-${createHash('sha256').update(styleSheet().value, 'utf8').digest('base64')}'`;
}
