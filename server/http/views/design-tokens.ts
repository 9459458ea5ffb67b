/**
 * The web client's design tokens (the custom properties of `client/src/styles/app.css`), for the
 * server's public pages, so that a badge page and `/verify` look like the rest of Grange: the
 * same colours, focus ring, outlines and radius. The client shares no code with the server and
 * these pages must work without it being built, so the values are copied here;
 * `tests/component/design-tokens/design-tokens.test.ts` fails as soon as the two differ.
 *
 * The public pages know no one's preferences: they follow the browser's "more contrast" setting
 * (`prefers-contrast: more`) with the client's high-contrast theme instead.
 */

/** The client's `:root` tokens (its default theme). */
export const DEFAULT_TOKENS: Readonly<Record<string, string>> = {
  '--text': '#1a1a1a',
  '--muted': '#4a4a4a',
  '--background': '#fafaf7',
  '--surface': '#ffffff',
  '--border': '#8a8a8a',
  '--primary': '#0b4f8a',
  '--primary-text': '#ffffff',
  '--banner': '#20384f',
  '--banner-text': '#ffffff',
  '--focus': '#b35900',
  '--outline-width': '2px',
  '--radius': '0.5rem',
  '--success-text': '#14502a',
  '--success-background': '#e3f1e6',
  '--error-text': '#7d1014',
  '--error-background': '#fbe4e4',
  '--info-background': '#e2edf7',
  '--status-validated': '#14502a',
  '--status-validated-background': '#e3f1e6',
  '--status-submitted': '#6b4300',
  '--status-submitted-background': '#fdf0d5',
  '--status-in-progress': '#6b4300',
  '--status-in-progress-background': '#fdf0d5',
  '--status-available': '#0b4f8a',
  '--status-available-background': '#e2edf7',
  '--status-locked': '#4a4a4a',
  '--status-locked-background': '#eeeeea',
  '--status-expired': '#7d1014',
  '--status-expired-background': '#fbe4e4',
  '--status-withdrawn': '#7d1014',
  '--status-withdrawn-background': '#fbe4e4',
  '--edge': '#5c5c5c',
};

/** The client's `:root[data-contrast="high"]` tokens. */
export const HIGH_CONTRAST_TOKENS: Readonly<Record<string, string>> = {
  '--text': '#000000',
  '--muted': '#000000',
  '--background': '#ffffff',
  '--surface': '#ffffff',
  '--border': '#000000',
  '--primary': '#00007a',
  '--banner': '#000000',
  '--focus': '#c00000',
  '--outline-width': '3px',
  '--success-text': '#000000',
  '--success-background': '#ffffff',
  '--error-text': '#000000',
  '--error-background': '#ffffff',
  '--info-background': '#ffffff',
  '--status-validated': '#000000',
  '--status-validated-background': '#ffffff',
  '--status-submitted': '#000000',
  '--status-submitted-background': '#ffffff',
  '--status-in-progress': '#000000',
  '--status-in-progress-background': '#ffffff',
  '--status-available': '#000000',
  '--status-available-background': '#ffffff',
  '--status-locked': '#000000',
  '--status-locked-background': '#ffffff',
  '--status-expired': '#000000',
  '--status-expired-background': '#ffffff',
  '--status-withdrawn': '#000000',
  '--status-withdrawn-background': '#ffffff',
  '--edge': '#000000',
};

/** The client's root font size (17px in a browser set to 16px). */
export const ROOT_FONT_SIZE = '106.25%';

function declarations(tokens: Readonly<Record<string, string>>): string {
  return Object.entries(tokens)
    .map(([name, value]) => `${name}:${value}`)
    .join(';');
}

/** @returns the tokens as CSS: the default theme, and the high-contrast one on request. */
export function tokensCss(): string {
  return (
    `:root{${declarations(DEFAULT_TOKENS)};font-size:${ROOT_FONT_SIZE};color-scheme:light}` +
    `@media (prefers-contrast: more){:root{${declarations(HIGH_CONTRAST_TOKENS)}}}`
  );
}
