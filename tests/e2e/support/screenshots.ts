/**
 * Screenshots of each step, for people reviewing a run and for the guides in docs/: written to
 * tests/e2e/screenshots/<name>.png (ignored by git except those the docs use).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS_DIR = new URL('../screenshots/', import.meta.url).pathname;

/** @returns the path written. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
