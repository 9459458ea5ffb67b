/**
 * Colour arithmetic for badge images: WCAG 2 relative luminance and contrast ratio, and the
 * darkening that keeps a white icon readable on any colour a curriculum author picks.
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export const WHITE: Rgb = { r: 255, g: 255, b: 255 };

const HEX_COLOR = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/;

/**
 * @param hex a colour written `#rrggbb`.
 * @returns its channels, 0–255.
 * @throws RangeError if it is not `#rrggbb`.
 */
export function parseHexColor(hex: string): Rgb {
  const match = HEX_COLOR.exec(hex);
  if (!match?.[1] || !match[2] || !match[3]) {
    throw new RangeError(`colour must be #rrggbb, got ${JSON.stringify(hex)}`);
  }
  return {
    r: Number.parseInt(match[1], 16),
    g: Number.parseInt(match[2], 16),
    b: Number.parseInt(match[3], 16),
  };
}

/** @returns the colour as lower-case `#rrggbb`. */
export function toHexColor({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** @returns WCAG 2 relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** @returns WCAG 2 contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/**
 * @param color the colour.
 * @param factor 0 (black) to 1 (unchanged), applied to each channel: keeps the hue.
 * @returns the darker colour, channels rounded.
 */
export function darken(color: Rgb, factor: number): Rgb {
  const scale = (c: number): number => Math.round(c * Math.min(1, Math.max(0, factor)));
  return { r: scale(color.r), g: scale(color.g), b: scale(color.b) };
}

/**
 * Darkens a colour in small steps until `against` (e.g. a white icon) reaches the ratio.
 *
 * @param color the starting colour.
 * @param against the colour drawn on top of it.
 * @param minRatio the contrast to reach, e.g. 3 for icons (WCAG 1.4.11), 4.5 for text.
 * @returns `color` itself when it already contrasts enough; black at worst.
 */
export function darkenUntilContrast(color: Rgb, against: Rgb, minRatio: number): Rgb {
  for (let step = 0; step <= 50; step++) {
    const candidate = darken(color, 1 - step / 50);
    if (contrastRatio(candidate, against) >= minRatio) return candidate;
  }
  return { r: 0, g: 0, b: 0 };
}
