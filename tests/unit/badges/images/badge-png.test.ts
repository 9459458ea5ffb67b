import { describe, expect, it } from 'vitest';
import { renderBadgePng } from '../../../../badges/images/badge-png.ts';
import { BADGE_ICON_NAMES, renderBadgeSvg } from '../../../../badges/images/badge-svg.ts';
import { pngSize, walkPng } from '../baking/png-walk.ts';

describe('renderBadgePng', () => {
  it.each(BADGE_ICON_NAMES)('renders %s as a valid PNG of the requested width', (icon) => {
    const png = renderBadgePng(renderBadgeSvg({ color: '#27ae60', icon }), 96);
    const chunks = walkPng(png);
    expect(chunks[0]?.type).toBe('IHDR');
    expect(chunks.at(-1)?.type).toBe('IEND');
    expect(chunks.every((c) => c.crcValid)).toBe(true);
    expect(pngSize(png)).toEqual({ width: 96, height: 96 });
  });

  it('defaults to 512 pixels wide', () => {
    const png = renderBadgePng(renderBadgeSvg({ color: '#8e44ad', icon: 'heart' }));
    expect(pngSize(png)).toEqual({ width: 512, height: 512 });
  });

  it('draws different icons differently, and the same icon identically', () => {
    const star = renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'star' }), 64);
    const key = renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'key' }), 64);
    expect(star.equals(key)).toBe(false);
    expect(
      renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'star' }), 64).equals(star),
    ).toBe(true);
  });

  it('does not depend on fonts: a titled badge gives the same PNG as an untitled one', () => {
    const untitled = renderBadgePng(renderBadgeSvg({ color: '#c0392b', icon: 'chat' }), 128);
    const titled = renderBadgePng(
      renderBadgeSvg({ color: '#c0392b', icon: 'chat', title: 'Communiquer « en ligne » & <b>' }),
      128,
    );
    expect(titled.equals(untitled)).toBe(true);
  });

  it('renders any SVG, keeping its aspect ratio', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#000"/></svg>';
    expect(pngSize(renderBadgePng(svg, 300))).toEqual({ width: 300, height: 150 });
  });

  it.each([0, -1, 1.5, 5000, Number.NaN])('refuses width %s', (width) => {
    expect(() =>
      renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'star' }), width),
    ).toThrowError(RangeError);
  });
});
