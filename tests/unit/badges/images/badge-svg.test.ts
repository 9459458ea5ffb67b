import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanXml } from '../../../../badges/baking/xml-scan.ts';
import { decodeXmlText } from '../../../../badges/baking/xml-text.ts';
import {
  BADGE_ICON_NAMES,
  type BadgeIconName,
  badgePalette,
  renderBadgeSvg,
  wrapTitle,
} from '../../../../badges/images/badge-svg.ts';
import { contrastRatio, parseHexColor, WHITE } from '../../../../badges/images/color.ts';
import { BADGE_ICONS as CURRICULUM_ICONS } from '../../../../curricula/schema.ts';

/** Text content of every element with this name, decoded. */
function textsOf(svg: string, name: string): string[] {
  const texts: string[] = [];
  let inside = false;
  const result = scanXml(svg, (event) => {
    if (event.kind === 'start' && event.tag.name === name && !event.tag.selfClosing) {
      inside = true;
      texts.push('');
    } else if (event.kind === 'end' && event.tag.name === name) {
      inside = false;
    } else if (inside && event.kind === 'text') {
      texts[texts.length - 1] += decodeXmlText(event.raw) ?? '\u0000';
    }
    return undefined;
  });
  if (!result.ok) throw new Error(result.detail);
  return texts;
}

describe('BADGE_ICON_NAMES', () => {
  it('is the curricula icon list, in the same order', () => {
    expect([...BADGE_ICON_NAMES]).toEqual([...CURRICULUM_ICONS]);
    expect(BADGE_ICON_NAMES).toHaveLength(30);
  });
});

describe('renderBadgeSvg', () => {
  it.each(BADGE_ICON_NAMES)('draws %s as well-formed SVG that resvg accepts', (icon) => {
    const svg = renderBadgeSvg({ color: '#2a6f97', icon, title: 'Premiers pas' });
    const tags: string[] = [];
    const result = scanXml(svg, (event) => {
      if (event.kind === 'start') tags.push(event.tag.name);
      return undefined;
    });
    expect(result).toEqual({ ok: true, stopped: false });
    expect(tags[0]).toBe('svg');
    expect(tags[1]).toBe('title');
    expect(svg).toContain('viewBox="0 0 256 256"');
    expect(() => new Resvg(svg)).not.toThrow();
  });

  it('gives every icon its own drawing', () => {
    const drawings = BADGE_ICON_NAMES.map((icon) => renderBadgeSvg({ color: '#2a6f97', icon }));
    expect(new Set(drawings).size).toBe(BADGE_ICON_NAMES.length);
  });

  it('is deterministic', () => {
    const options = { color: '#c0392b', icon: 'rocket' as const, title: 'Décollage 🚀', size: 300 };
    expect(renderBadgeSvg(options)).toBe(renderBadgeSvg({ ...options }));
    expect(renderBadgeSvg(options)).toContain('width="300" height="300"');
  });

  it('escapes a title containing <, & and " (in <title> and on the ribbon)', () => {
    const title = 'Code <b> & "guillemets"';
    const svg = renderBadgeSvg({ color: '#2a6f97', icon: 'code', title });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Code &lt;b&gt; &amp; "guillemets"');
    expect(textsOf(svg, 'title')).toEqual([title]);
    expect(textsOf(svg, 'text').join(' ')).toBe(title);
  });

  it('drops characters XML forbids from the title', () => {
    const svg = renderBadgeSvg({ color: '#2a6f97', icon: 'star', title: 'a\u0000b\u001Fc\uD800d' });
    expect(textsOf(svg, 'title')).toEqual(['abcd']);
  });

  it('has an accessible name even without a title, and then no ribbon text', () => {
    const svg = renderBadgeSvg({ color: '#2a6f97', icon: 'star' });
    expect(textsOf(svg, 'title')).toEqual(['Badge']);
    expect(svg).not.toContain('<text');
  });

  it('darkens a light colour until a white icon contrasts at least 3:1 (#ffff00)', () => {
    expect(contrastRatio(parseHexColor('#ffff00'), WHITE)).toBeLessThan(1.1);
    const palette = badgePalette('#ffff00');
    expect(contrastRatio(parseHexColor(palette.fill), WHITE)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(parseHexColor(palette.ring), WHITE)).toBeGreaterThanOrEqual(4.5);
    expect(palette.ink).toBe('#ffffff');
    const svg = renderBadgeSvg({ color: '#ffff00', icon: 'star' });
    expect(svg).toContain(`r="94" fill="${palette.fill}"`);
    expect(svg).toContain('color="#ffffff"');
    // Still yellow-ish: darkened, not replaced (red and green equal, no blue).
    const fill = parseHexColor(palette.fill);
    expect(fill.r).toBe(fill.g);
    expect(fill.b).toBe(0);
  });

  it('keeps a dark colour as it is', () => {
    expect(badgePalette('#1B4F72').fill).toBe('#1b4f72');
  });

  it('reaches the contrast for any colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const palette = badgePalette(`#${n.toString(16).padStart(6, '0')}`);
        expect(contrastRatio(parseHexColor(palette.fill), WHITE)).toBeGreaterThanOrEqual(3);
        expect(contrastRatio(parseHexColor(palette.ring), WHITE)).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it.each([
    [{ color: 'red', icon: 'star' }],
    [{ color: '#12345', icon: 'star' }],
    [{ color: '#2a6f97', icon: 'unicorn' }],
    [{ color: '#2a6f97', icon: 'constructor' }],
    [{ color: '#2a6f97', icon: 'star', size: 0 }],
    [{ color: '#2a6f97', icon: 'star', size: 10.5 }],
  ])('refuses %j', (options) => {
    expect(() =>
      renderBadgeSvg(options as { color: string; icon: BadgeIconName; size?: number }),
    ).toThrowError(RangeError);
  });
});

describe('wrapTitle', () => {
  it('keeps a short title on one line', () => {
    expect(wrapTitle('Premiers pas')).toEqual(['Premiers pas']);
  });

  it('wraps at spaces into two lines of at most 20 characters', () => {
    expect(wrapTitle('Sécurité et vie privée en ligne')).toEqual([
      'Sécurité et vie',
      'privée en ligne',
    ]);
  });

  it('ends with an ellipsis when the title does not fit', () => {
    const lines = wrapTitle('Préparer un entretien d’embauche avec confiance et méthode');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(wrapTitle('Anticonstitutionnellement-parlant')).toEqual(['Anticonstitutionnel…']);
    for (const line of [...lines]) expect(Array.from(line).length).toBeLessThanOrEqual(20);
  });

  it('counts emoji as one character', () => {
    expect(wrapTitle('🎓'.repeat(20))).toEqual(['🎓'.repeat(20)]);
  });
});
