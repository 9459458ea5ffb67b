/**
 * Real Chromium for journeys: Debian's `/usr/bin/chromium` driven by playwright-core (no
 * browser download), headless, without network services of its own; and a phone-sized page.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A phone held upright: the narrowest screen the client is made for. */
export const PHONE = { width: 360, height: 740 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * @param browser the browser.
 * @param options the viewport (a phone by default) and the language the browser says it reads.
 * @returns a fresh context (its own storage: a new person at the computer), its page, and the
 *   script errors, content security policy violations and failed API answers seen so far (a
 *   journey ends by checking it is empty).
 */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE,
    locale: options.locale ?? 'fr-FR',
    hasTouch: true,
  });
  // A blocked script, style or image is only a console line: say it out loud (the content
  // security policy must never get in the client's or the public pages' way).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`,
      );
    });
  });
  const page = await context.newPage();
  // A failing script or API call would otherwise pass unnoticed.
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`${response.status()} ${response.url()}`);
  });
  return { context, page, problems };
}
