/**
 * Every route, with the keyboard (issue 5: "everything works with the keyboard alone; visible
 * focus"): each page is tabbed through from the top to the end. Every stop must show a focus
 * ring and not be hidden under something else, and every control on the page must be reached —
 * a link, button or field that Tab skips is one a keyboard user cannot use. Pages are opened as
 * the person they are for, on a desktop screen and on a phone (where the banner wraps).
 *
 * tests/e2e/keyboard-story.test.ts shows the actions work with keys; this sweep shows no page
 * is left out, the dynamic ones (a session, a group's grid, a person, an award, a followed
 * learner) included, reached from their lists.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, PHONE } from './support/browser.ts';
import { tabThroughPage } from './support/keyboard.ts';
import { type RunningServer, startServer } from './support/server.ts';
import {
  type StaffCredentials,
  signInWithCode,
  signInWithEmail,
  staffCredentials,
} from './support/sign-in.ts';

const DESKTOP = { width: 1280, height: 800 };
const SCREENS = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The counsellor's line of the printed sign-in block. */
function counsellor(output: string): StaffCredentials {
  const line = output.split('\n').find((l) => l.includes('Job counsellor :'));
  const match = / — (\S+@\S+) \/ (.+)$/.exec(line ?? '');
  if (match === null) throw new Error(`no counsellor in the start output:\n${output}`);
  return { email: match[1] ?? '', password: (match[2] ?? '').trim() };
}

/** Opens a route, waits for its heading, and tabs through it. */
async function sweep(page: Page, path: string, failures: string[]): Promise<void> {
  await page.goto(`${server.base}${path}`);
  await page.locator('h1').first().waitFor();
  expect(new URL(page.url()).pathname, `${path} sent elsewhere`).toBe(path.split('?')[0]);
  const trip = await tabThroughPage(page);
  if (trip.stops.length === 0) failures.push(`${path}: Tab reaches nothing`);
  for (const stop of trip.stops) {
    if (stop.problem !== undefined) failures.push(`${path}: ${stop.name}: ${stop.problem}`);
  }
  for (const control of trip.missed) failures.push(`${path}: Tab never reaches ${control}`);
}

/** The address of the first link on `listPath` whose address starts with `prefix`. */
async function firstLink(page: Page, listPath: string, prefix: string): Promise<string> {
  await page.goto(`${server.base}${listPath}`);
  const link = page.locator(`main a[href^="${prefix}"]:not([href$="nouveau-compte"])`).first();
  await link.waitFor({ timeout: 60_000 });
  return (await link.getAttribute('href')) ?? '';
}

describe.each(SCREENS)('every route tabbed through, on a %s', (_screen, viewport) => {
  it('for someone not signed in', async () => {
    const { page, problems, context } = await openPage(browser, { viewport });
    const failures: string[] = [];
    for (const path of ['/connexion', '/connexion?code=ABCD12', '/une-page-qui-n-existe-pas']) {
      await sweep(page, path, failures);
    }
    // The server's public pages: /verify and a badge's page.
    await page.goto(`${server.base}/verify`);
    const verify = await tabThroughPage(page);
    failures.push(
      ...verify.stops.filter((s) => s.problem).map((s) => `/verify: ${s.name}: ${s.problem}`),
      ...verify.missed.map((c) => `/verify: Tab never reaches ${c}`),
    );
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a learner', async () => {
    const { page, problems, context } = await openPage(browser, { viewport });
    const learner = server.learners.find((l) => l.learnerCode !== undefined);
    if (learner?.learnerCode === undefined || learner.pin === undefined) {
      throw new Error('the demo data has no learner with a card code');
    }
    await signInWithCode(page, server.base, { learnerCode: learner.learnerCode, pin: learner.pin });
    const failures: string[] = [];
    for (const path of [
      '/',
      '/mes-badges',
      '/reglages',
      '/mon-parcours-emploi',
      '/parcours/seniors-numerique',
      '/competences/seniors-numerique/se-connecter-au-wifi',
      '/une-page-qui-n-existe-pas',
    ]) {
      await sweep(page, path, failures);
    }
    // A badge's public page, from one of the learner's badges.
    await page.goto(`${server.base}/mes-badges`);
    const share = page.locator('.badge-card input[readonly]').first();
    if ((await share.count()) > 0) {
      await page.goto(await share.inputValue());
      const trip = await tabThroughPage(page);
      failures.push(
        ...trip.stops.filter((s) => s.problem).map((s) => `badge page: ${s.name}: ${s.problem}`),
        ...trip.missed.map((c) => `badge page: Tab never reaches ${c}`),
      );
    }
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for a trainer', async () => {
    const { page, problems, context } = await openPage(browser, { viewport });
    // Karim has a session today (the demo's seniors' café).
    await signInWithEmail(
      page,
      server.base,
      staffCredentials(server.output(), 'Trainer', 'Karim Benali'),
    );
    const failures: string[] = [];
    const session = await firstLink(page, '/animation', '/animation/seances/');
    const group = await firstLink(page, '/animation', '/animation/groupes/');
    for (const path of [
      '/animation',
      session,
      group,
      '/animation/preuves',
      '/animation/nouveau-compte',
      '/animation/cartes',
    ]) {
      await sweep(page, path, failures);
    }
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for the job counsellor', async () => {
    const { page, problems, context } = await openPage(browser, { viewport });
    await signInWithEmail(page, server.base, counsellor(server.output()));
    const failures: string[] = [];
    const learner = await firstLink(page, '/conseil', '/conseil/apprenants/');
    for (const path of ['/conseil', learner]) await sweep(page, path, failures);
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('for the admin', async () => {
    const { page, problems, context } = await openPage(browser, { viewport });
    await signInWithEmail(page, server.base, staffCredentials(server.output(), 'Admin'));
    const failures: string[] = [];
    const person = await firstLink(page, '/admin/personnes?recherche=e', '/admin/personnes/');
    const group = await firstLink(page, '/admin/groupes', '/admin/groupes/');
    const award = await firstLink(page, '/admin/badges?etat=revoques', '/admin/badges/');
    for (const path of [
      '/admin',
      '/admin/personnes?recherche=e',
      person,
      '/admin/personnes/nouveau-compte',
      '/admin/groupes',
      group,
      '/admin/parcours',
      '/admin/parcours/bafa',
      '/admin/cles',
      '/admin/badges?etat=revoques',
      award,
      '/admin/jury',
      '/admin/attribution-groupee',
    ]) {
      await sweep(page, path, failures);
    }
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
