/**
 * The badge image, drawn from a curriculum's design inputs (colour, icon, optional title): a
 * rosette with a darker ring, the icon in white in the middle and, when a title is given, a
 * ribbon across the bottom. Output is a standalone SVG and is byte-for-byte deterministic.
 */
import { escapeXmlText, isXmlChar } from '../baking/xml-text.ts';
import { BADGE_ICONS, type BadgeIconName } from './badge-icons.ts';
import { darken, darkenUntilContrast, parseHexColor, toHexColor, WHITE } from './color.ts';

export { BADGE_ICON_NAMES, type BadgeIconName } from './badge-icons.ts';

export interface BadgeSvgOptions {
  /** Main colour, `#rrggbb`; darkened when a white icon would not stand out enough on it. */
  color: string;
  icon: BadgeIconName;
  /** The badge's name: always in <title>, and drawn on a ribbon (two short lines at most). */
  title?: string;
  /** Width and height in pixels (default 256); the drawing scales with it. */
  size?: number;
}

export interface BadgePalette {
  /** The disc behind the icon: white on it has a contrast of at least 3:1 (WCAG 1.4.11). */
  fill: string;
  /** The outer ring and the ribbon: white text on it has a contrast of at least 4.5:1. */
  ring: string;
  /** The ribbon's folded tails. */
  shadow: string;
  /** Icon and text. */
  ink: string;
}

/**
 * Marks the ribbon group so the PNG renderer can leave it out: PNGs are drawn without fonts.
 * The group holds only shapes and escaped text, never a nested group.
 */
export const TITLE_GROUP_ATTRIBUTE = 'data-badge-part="title"';

const VIEW = 256;
const CENTER = 128;
const ICON_BOX = 108;
const MAX_LINE = 20;
const DEFAULT_TITLE = 'Badge';
const MAX_SIZE = 4096;
/**
 * @param color the author's colour, `#rrggbb`.
 * @returns the colours the badge is drawn with.
 */
export function badgePalette(color: string): BadgePalette {
  const base = parseHexColor(color);
  const fill = darkenUntilContrast(base, WHITE, 3);
  const ring = darkenUntilContrast(darken(fill, 0.75), WHITE, 4.5);
  return {
    fill: toHexColor(fill),
    ring: toHexColor(ring),
    shadow: toHexColor(darken(ring, 0.7)),
    ink: toHexColor(WHITE),
  };
}

/**
 * Draws the badge.
 *
 * @param options colour, icon, optional title and size.
 * @returns a standalone SVG document (no external references, no ids).
 * @throws RangeError on a colour that is not `#rrggbb`, an unknown icon or a bad size.
 */
export function renderBadgeSvg(options: BadgeSvgOptions): string {
  const palette = badgePalette(options.color);
  // hasOwn: a name like "constructor" must not reach Object.prototype.
  if (!Object.hasOwn(BADGE_ICONS, options.icon)) {
    throw new RangeError(`unknown badge icon ${String(options.icon)}`);
  }
  const icon = BADGE_ICONS[options.icon];
  const size = options.size ?? VIEW;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) {
    throw new RangeError(`size must be an integer from 1 to ${MAX_SIZE}, got ${size}`);
  }
  const title = withoutNonXmlCharacters(options.title ?? '').trim();
  const scale = ICON_BOX / 24;
  const offset = CENTER - ICON_BOX / 2;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${VIEW} ${VIEW}" role="img">`,
    `<title>${escapeXmlText(title || DEFAULT_TITLE)}</title>`,
    `<path d="${rosettePath(CENTER, CENTER, 106, 24)}" fill="${palette.ring}"/>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="94" fill="${palette.fill}"/>`,
    `<circle cx="${CENTER}" cy="${CENTER}" r="86" fill="none" stroke="${palette.ink}" stroke-opacity="0.4" stroke-width="2.5"/>`,
    `<g color="${palette.ink}" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" transform="translate(${offset} ${offset}) scale(${scale})">${icon}</g>`,
    ...(title ? [ribbon(title, palette)] : []),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

/**
 * A scalloped disc: `bumps` half-circles around a circle of radius `radius`.
 *
 * @returns the path data, numbers rounded to 2 decimals so output is stable.
 */
function rosettePath(cx: number, cy: number, radius: number, bumps: number): string {
  const point = (k: number): string => {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / bumps;
    return `${(cx + radius * Math.cos(angle)).toFixed(2)} ${(cy + radius * Math.sin(angle)).toFixed(2)}`;
  };
  const bump = (radius * Math.sin(Math.PI / bumps)).toFixed(2);
  const segments = [`M${point(0)}`];
  for (let k = 1; k <= bumps; k++) segments.push(`A${bump} ${bump} 0 0 1 ${point(k)}`);
  return `${segments.join(' ')} Z`;
}

function ribbon(title: string, palette: BadgePalette): string {
  const lines = wrapTitle(title);
  const fontSize = lines.some((line) => Array.from(line).length > 14) ? 15 : 17;
  const baselines = lines.length === 1 ? [216] : [206, 225];
  const text = lines
    .map(
      (line, index) =>
        `<text x="${CENTER}" y="${baselines[index]}" text-anchor="middle" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-weight="700" font-size="${fontSize}" fill="${palette.ink}">${escapeXmlText(line)}</text>`,
    )
    .join('');
  return (
    `<g ${TITLE_GROUP_ATTRIBUTE} aria-hidden="true">` +
    `<path d="M38 196 H6 L16 218 L6 240 H38 Z" fill="${palette.shadow}"/>` +
    `<path d="M218 196 H250 L240 218 L250 240 H218 Z" fill="${palette.shadow}"/>` +
    `<rect x="24" y="188" width="208" height="44" rx="3" fill="${palette.ring}"/>` +
    `${text}</g>`
  );
}

/**
 * Splits a title into at most two lines of MAX_LINE characters, cutting at spaces; a word too
 * long for a line, or words left over, end in an ellipsis.
 *
 * @param title the badge's name, already trimmed.
 * @returns one or two lines.
 */
export function wrapTitle(title: string): string[] {
  const words = title.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  let leftOver = false;
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current === '' || Array.from(candidate).length <= MAX_LINE) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === 2) {
      leftOver = true;
      break;
    }
  }
  if (!leftOver && current !== '') lines.push(current);
  const fitted = lines.map((line) => (Array.from(line).length > MAX_LINE ? ellipsis(line) : line));
  const last = fitted.length - 1;
  if (leftOver && !fitted[last]?.endsWith('…')) fitted[last] = ellipsis(`${fitted[last]} `);
  return fitted;
}

function ellipsis(line: string): string {
  return `${Array.from(line)
    .slice(0, MAX_LINE - 1)
    .join('')
    .trimEnd()}…`;
}

/** Drops what XML 1.0 forbids (control characters, lone surrogates) so the SVG stays valid. */
function withoutNonXmlCharacters(text: string): string {
  let kept = '';
  for (const character of text) {
    if (isXmlChar(character.codePointAt(0) ?? 0)) kept += character;
  }
  return kept;
}
