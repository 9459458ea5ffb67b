/**
 * Every route of the client, opened directly by its address as the person it is for, on a phone:
 * axe finds nothing, every control is at least 44 × 44, nothing scrolls sideways. The journeys
 * reach the same pages by tapping through them; this sweep makes sure none is left out (the
 * admin pages are swept by tests/e2e/admin.test.ts, the dynamic session, group and followed
 * learner pages by the journeys that open them).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { checkPage } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { signInWithCode, signInWithEmail, staffCredentials } from './support/sign-in.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a route and checks it once its main heading is drawn. */
async function sweep(page: Page, path: string, name: string): Promise<void> {
  await page.goto(`${server.base}${path}`);
  await page.locator('h1').first().waitFor();
  // Still where it was sent (not bounced to the sign-in page or elsewhere).
  expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
  // Pages load their data after the heading: wait until nothing says it is loading.
  await page
    .locator('[aria-busy="true"], .loading')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await checkPage(page, path, `routes/${name}`);
}

describe('every route, opened by its address', () => {
  it('for someone not signed in', async () => {
    const { page, problems, context } = await openPage(browser);
    await sweep(page, '/connexion', 'sign-in');
    await sweep(page, '/connexion?code=ABCD12', 'sign-in-with-code');
    await sweep(page, '/verify', 'verify');
    await sweep(page, '/une-page-qui-n-existe-pas', 'not-found-anonymous');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a learner', async () => {
    const { page, problems, context } = await openPage(browser);
    const learner = server.learners.find((l) => l.learnerCode !== undefined);
    if (learner?.learnerCode === undefined || learner.pin === undefined) {
      throw new Error('the demo data has no learner with a card code');
    }
    await signInWithCode(page, server.base, { learnerCode: learner.learnerCode, pin: learner.pin });
    await sweep(page, '/', 'learner-home');
    await sweep(page, '/mes-badges', 'learner-badges');
    await sweep(page, '/reglages', 'learner-settings');
    await sweep(page, '/mon-parcours-emploi', 'learner-pathway');
    await sweep(page, '/parcours/seniors-numerique', 'learner-curriculum');
    await sweep(page, '/competences/seniors-numerique/se-connecter-au-wifi', 'learner-skill');
    await sweep(page, '/une-page-qui-n-existe-pas', 'not-found');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a trainer', async () => {
    const { page, problems, context } = await openPage(browser);
    await signInWithEmail(page, server.base, staffCredentials(server.output(), 'Trainer'));
    await sweep(page, '/animation', 'trainer-home');
    await sweep(page, '/animation/preuves', 'trainer-queue');
    await sweep(page, '/animation/nouveau-compte', 'trainer-new-learner');
    await sweep(page, '/animation/cartes', 'trainer-cards');
    expect(problems).toEqual([]);
    await context.close();
  });
});
