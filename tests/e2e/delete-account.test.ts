/**
 * A learner takes their data and leaves, in real Chromium on a phone against the real server
 * with its demo data: Jeannine (code and PIN) opens « Réglages », downloads « Mes données » (a
 * JSON file with her profile and her badges), opens « Supprimer mon compte », chooses to keep
 * her badges valid, confirms with her PIN and lands on the goodbye page, signed out. Her badge's
 * public page still says "valide" and names no one; her card no longer signs in. axe, touch
 * targets and the 360 px width are checked on the settings page, the dialog, the goodbye page
 * and the badge page; screenshots go to tests/e2e/screenshots/delete-account/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { checkPage, heading, plain } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { signInWithCode } from './support/sign-in.ts';

const LEARNER = 'Jeannine Dubois';

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[];
let badgeUrl = '';
let card: { learnerCode: string; pin: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page, problems } = await openPage(browser));
  const { learnerCode, pin } = server.learner(LEARNER);
  if (learnerCode === undefined || pin === undefined) throw new Error(`${LEARNER} has no card`);
  card = { learnerCode, pin };
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a learner downloads her data and deletes her account', () => {
  it('Jeannine notes the link of one of her badges', async () => {
    await signInWithCode(page, server.base, card);
    await page.getByRole('link', { name: 'Mes badges' }).click();
    await page.waitForSelector('.badge-card');
    badgeUrl = await page.locator('.badge-card').first().locator('input[readonly]').inputValue();
    expect(badgeUrl).toMatch(new RegExp(`^${server.base}/badges/[0-9a-f-]{36}$`));
  });

  it('she downloads « Mes données » from the settings page', async () => {
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.getByRole('heading', { name: 'Mes données' }).waitFor();
    await checkPage(page, 'the settings page', 'delete-account/01-settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mes données' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-grange-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      format: string;
      profile: { displayName: string; learnerCode: string };
      awards: { verificationUrl: string }[];
    };
    expect(data.format).toBe('grange-data-export/1');
    expect(data.profile.displayName).toBe(LEARNER);
    expect(data.awards.map((award) => award.verificationUrl)).toContain(badgeUrl);
    await page.getByText('Le fichier est téléchargé.').waitFor();
  });

  it('she opens « Supprimer mon compte », reads what will happen and chooses', async () => {
    await page.getByRole('button', { name: 'Supprimer mon compte' }).click();
    const dialog = page.getByRole('dialog', { name: /Supprimer mon compte/ });
    await dialog.waitFor();
    const text = plain(await dialog.textContent());
    expect(text).toContain('On ne peut pas revenir en arrière.');
    expect(text).toContain('Et les badges que vous avez déjà obtenus ?');
    // Nothing chosen for her: sending now says what is missing.
    await dialog.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await dialog.getByText('Choisissez ce que deviennent vos badges.').waitFor();
    await checkPage(page, 'the deletion dialog', 'delete-account/02-dialog');
    // By keyboard: the first choice has the focus; Space picks it.
    await page.keyboard.press('Space');
    expect(await dialog.getByRole('radio', { name: 'Les garder valables' }).isChecked()).toBe(true);
  });

  it('a wrong PIN deletes nothing; her PIN deletes the account and says goodbye', async () => {
    const dialog = page.getByRole('dialog', { name: /Supprimer mon compte/ });
    const secret = dialog.getByLabel(/Pour confirmer, tapez votre mot de passe/);
    await secret.fill(card.pin === '000000' ? '111111' : '000000');
    await dialog.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/Ce n'est pas le bon mot de passe/)
      .waitFor();

    await secret.fill(card.pin);
    await secret.press('Enter');
    await page.waitForURL(/\/au-revoir\?badges=gardes$/);
    // The goodbye page is its own chunk: wait until it is drawn.
    await page.getByRole('heading', { level: 1, name: 'Votre compte est supprimé' }).waitFor();
    expect(await heading(page)).toBe('Votre compte est supprimé');
    expect(plain(await page.locator('main').textContent())).toContain(
      'Vos badges restent valables',
    );
    await checkPage(page, 'the goodbye page', 'delete-account/03-goodbye');
    // Signed out: the settings page now asks to sign in.
    await page.goto(`${server.base}/reglages`);
    await page.waitForURL(/\/connexion/);
  });

  it('her badge still verifies and names no one; her card no longer signs in', async () => {
    const { page: employer } = await openPage(browser);
    await employer.goto(badgeUrl);
    const verdict = plain(await employer.locator('#verdict-title').textContent());
    expect(verdict).toContain('Vérification : valide');
    const body = plain(await employer.locator('main').textContent());
    expect(body).not.toContain('Jeannine');
    expect(body).toContain('Nom non affiché');
    await checkPage(employer, 'the badge page of a deleted account', 'delete-account/04-badge');

    await page.goto(`${server.base}/connexion`);
    await page.getByLabel('Votre code', { exact: true }).fill(card.learnerCode);
    await page.getByLabel('Votre code secret').fill(card.pin);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(problems).toEqual([]);
  });
});
