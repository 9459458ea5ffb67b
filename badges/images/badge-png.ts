/**
 * The badge image as PNG (what backpacks and baking expect), rendered with resvg.
 * PNGs never depend on fonts: resvg loads none, and the title ribbon renderBadgeSvg marks is
 * left out, so the same SVG gives the same pixels on any machine. The title stays in the SVG
 * and in the credential's `name`.
 */
import { Resvg } from '@resvg/resvg-js';
import { TITLE_GROUP_ATTRIBUTE } from './badge-svg.ts';

const MAX_WIDTH = 4096;
// The ribbon group holds no nested <g>, so its first </g> closes it (see TITLE_GROUP_ATTRIBUTE).
const TITLE_GROUP = new RegExp(`<g ${TITLE_GROUP_ATTRIBUTE}[^>]*>[\\s\\S]*?</g>`, 'g');

/**
 * @param svg an SVG document, typically from renderBadgeSvg.
 * @param width the PNG's width in pixels (height follows the SVG's aspect ratio).
 * @returns the PNG file.
 * @throws RangeError on a bad width; resvg's error if the SVG cannot be parsed.
 */
export function renderBadgePng(svg: string, width = 512): Buffer {
  if (!Number.isInteger(width) || width < 1 || width > MAX_WIDTH) {
    throw new RangeError(`width must be an integer from 1 to ${MAX_WIDTH}, got ${width}`);
  }
  const withoutText = svg.replace(TITLE_GROUP, '');
  const resvg = new Resvg(withoutText, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
