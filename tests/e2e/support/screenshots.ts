/**
 * Screenshots of each step, for people reviewing a run and for the guides in docs/: written to
 * tests/e2e/screenshots/<name>.png (`<name>` may hold a folder: `story/01-x`). The folder is
 * ignored by git; the guides' images are copies in docs/images/ (see tests/e2e/story.test.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS_DIR = new URL('../screenshots/', import.meta.url).pathname;

/** @returns the path written. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
