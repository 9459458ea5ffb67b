/**
 * What every journey does on each page it visits: read texts as a person reads them (French
 * no-break spaces made plain), and check the page — axe finds nothing, every control is at least
 * 44 × 44, nothing is wider than the screen (no sideways scrolling), then the step's screenshot.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from './axe.ts';
import { screenshot } from './screenshots.ts';
import { expectTouchTargets } from './touch-targets.ts';

/** French text puts no-break spaces before « ? ! : » and the like; compare with plain spaces. */
export function plain(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ').trim();
}

/** @returns the page's one `<h1>`, as plain text. */
export async function heading(page: Page): Promise<string> {
  return plain(await page.locator('h1').textContent());
}

/**
 * @param page the page as it is now.
 * @param where a name for failure messages.
 * @param shot the screenshot's name under tests/e2e/screenshots/ (may hold a folder: `story/01-x`).
 * @returns the screenshot's path.
 * @throws when axe finds a violation or the page scrolls sideways.
 */
export async function checkPage(page: Page, where: string, shot: string): Promise<string> {
  await expectNoAxeViolations(page, where);
  await expectTouchTargets(page, where);
  const width = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(width.content, `${where} is wider than the screen`).toBeLessThanOrEqual(width.screen);
  return screenshot(page, shot);
}
