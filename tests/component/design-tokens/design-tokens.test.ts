// @vitest-environment node
/**
 * The server's public pages (`/badges/:id`, `/verify`) use the web client's design tokens,
 * copied into server/http/views/design-tokens.ts (the client shares no code with the server).
 * This test reads the client's style sheet and fails when a colour, outline or radius differs,
 * or when a token is added to one side only; and checks the public pages' style sheet draws with
 * those tokens rather than colours of its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKENS,
  HIGH_CONTRAST_TOKENS,
  ROOT_FONT_SIZE,
  tokensCss,
} from '../../../server/http/views/design-tokens.ts';
import { html } from '../../../server/http/views/html.ts';
import { layout } from '../../../server/http/views/layout.ts';

const APP_CSS = readFileSync(
  new URL('../../../client/src/styles/app.css', import.meta.url),
  'utf8',
).replace(/\/\*[\s\S]*?\*\//g, '');

/** @returns the declarations of the first rule with exactly this selector. */
function rule(css: string, selector: string): Map<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (match === null) throw new Error(`no rule "${selector}" in the style sheet`);
  const declarations = new Map<string, string>();
  for (const part of (match[1] ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  return declarations;
}

function tokensOf(declarations: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...declarations].filter(([name]) => name.startsWith('--')));
}

describe('the public pages’ design tokens', () => {
  it('are the web client’s default theme, token for token', () => {
    const client = rule(APP_CSS, ':root');
    expect(DEFAULT_TOKENS).toEqual(tokensOf(client));
    expect(client.get('font-size')).toBe(ROOT_FONT_SIZE);
  });

  it('are the web client’s high-contrast theme, token for token', () => {
    expect(HIGH_CONTRAST_TOKENS).toEqual(tokensOf(rule(APP_CSS, ':root[data-contrast="high"]')));
  });

  it('reach the pages: the default theme, and high contrast when the browser asks for more', () => {
    const css = tokensCss();
    expect(tokensOf(rule(css, ':root'))).toEqual(DEFAULT_TOKENS);
    const more = /@media \(prefers-contrast: more\)\{(.*)\}$/.exec(css)?.[1] ?? '';
    expect(tokensOf(rule(more, ':root'))).toEqual(HIGH_CONTRAST_TOKENS);
    const page = layout({ lang: 'fr', title: 'Essai', main: html`<h1>Essai</h1>` }).toString();
    expect(page).toContain(css);
  });

  it('draw the pages: no colour of their own outside the tokens', () => {
    const page = layout({ lang: 'fr', title: 'Essai', main: html`<h1>Essai</h1>` }).toString();
    const style = /<style>([\s\S]*)<\/style>/.exec(page)?.[1] ?? '';
    const rules = style.replace(tokensCss(), '');
    // The only literal colour left is the banner's focus ring, the same as the client's.
    expect(rules.match(/#[0-9a-f]{3,6}\b/gi)).toEqual(['#ffd08a']);
    expect(APP_CSS).toContain('outline-color: #ffd08a');
    for (const token of ['--text', '--primary', '--focus', '--banner', '--outline-width']) {
      expect(rules).toContain(`var(${token})`);
    }
  });

  it('link the public pages to the client and to /verify, in the reader’s language', () => {
    const fr = layout({ lang: 'fr', title: 'Essai', main: html`<h1>Essai</h1>` }).toString();
    expect(fr).toContain('<a class="brand" href="/">Grange Numérique</a>');
    expect(fr).toContain('<a href="/verify">Vérifier un badge</a>');
    const en = layout({ lang: 'en', title: 'Test', main: html`<h1>Test</h1>` }).toString();
    expect(en).toContain('<a href="/verify?lang=en">Verify a badge</a>');
  });
});
