/**
 * The whole story of tests/e2e/story.test.ts again, with the keyboard alone (issue 5: "everything
 * works with the keyboard alone; visible focus"): no click, no tap, no `fill`. Every move is Tab
 * or Shift+Tab, every action Enter, Space or an arrow key, every text typed key by key. At each
 * stop on the way the focused control must show a focus ring and not be hidden under something
 * else (tests/e2e/support/keyboard.ts). Locators only say where the person is heading.
 *
 * On a desktop screen, as most people who use a keyboard alone do. A trainer creates an account
 * for a newcomer; she signs in and hands in evidence; the trainer validates it from the queue,
 * calls the roll, validates a skill for everyone present and presses « Acquis » for the last
 * one; the badge is in her « Mes badges »; a visitor opens its address; the admin revokes it in
 * a dialog (focus held inside it, back on the page after); the visitor sees it revoked.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { chooseRadio, focusedStop, tabAndPress, tabAndType, tabTo } from './support/keyboard.ts';
import { heading, plain } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { type StaffCredentials, staffCredentials } from './support/sign-in.ts';

const DESKTOP = { width: 1280, height: 800 };
const GROUP = 'Café numérique des aînés';
const LEARNER = 'Simone Leroy';
const BADGE = 'Messagerie';
const SKILLS = {
  mail: { id: 'seniors-numerique/envoyer-un-mail', title: 'Envoyer et recevoir des mails' },
  attachment: 'Joindre un document à un mail',
  address: 'Créer une adresse mail',
};
const EVIDENCE = "J'ai écrit à mon petit-fils, avec un objet et une photo.";
const REASON = 'Délivré par erreur.';

let server: RunningServer;
let browser: Browser;
let trainer: Page;
let learner: Page;
let visitor: Page;
const problems: string[][] = [];
let simone = { learnerCode: '', pin: '' };
let badgeUrl = '';

/** Opens a fresh desktop page (its own storage) and collects its problems. */
async function newPage(): Promise<Page> {
  const opened = await openPage(browser, { viewport: DESKTOP });
  problems.push(opened.problems);
  return opened.page;
}

/** Is this element the focused one? */
function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

/** Presses the arrow keys on a focused `<select>` until it shows `value`. */
async function chooseWithArrows(page: Page, select: Locator, value: string): Promise<void> {
  for (const key of ['ArrowDown', 'ArrowUp']) {
    for (let presses = 0; presses < 10; presses++) {
      if ((await select.inputValue()) === value) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(`the keyboard could not choose ${value} in ${select.toString()}`);
}

/** Signs in with an email and a password, from the sign-in page, by keyboard. */
async function signInByKeyboard(page: Page, who: StaffCredentials): Promise<void> {
  await page.goto(`${server.base}/connexion`);
  await page.locator('h1').waitFor();
  // The radio group: Tab lands on the chosen one, an arrow chooses the other.
  await tabTo(page, page.getByLabel('mon code', { exact: false }).first(), 'sign-in');
  await page.keyboard.press('ArrowDown');
  expect(await page.getByLabel('mon adresse e-mail').isChecked()).toBe(true);
  await tabAndType(page, page.getByLabel('Votre adresse e-mail'), who.email, 'sign-in');
  await tabAndType(page, page.getByLabel('Votre mot de passe'), who.password, 'sign-in');
  // Enter in a field sends the form, as on any site.
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the story of a badge, with the keyboard alone', () => {
  it('a. the trainer creates an account for a newcomer', async () => {
    trainer = await newPage();
    await signInByKeyboard(trainer, staffCredentials(server.output(), 'Trainer', 'Karim Benali'));
    await trainer.waitForSelector('#today');
    await tabAndPress(
      trainer,
      trainer.getByRole('link', { name: `Créer un compte apprenant — ${GROUP}` }),
      'trainer home',
    );
    await trainer.waitForSelector('form');
    expect(await heading(trainer)).toBe('Créer un compte apprenant');
    await tabAndType(trainer, trainer.getByLabel('Prénom et nom'), LEARNER, 'new account');
    await tabAndPress(
      trainer,
      trainer.getByRole('button', { name: 'Créer le compte' }),
      'new account',
    );
    await trainer.waitForSelector('.created-account');
    simone = {
      learnerCode: plain(await trainer.getByTestId('learner-code').textContent()),
      pin: plain(await trainer.getByTestId('learner-pin').textContent()),
    };
    expect(simone.learnerCode).toMatch(/^[A-Z0-9]{6}$/);
  });

  it('b. the newcomer signs in with her code and PIN, and hands in evidence', async () => {
    learner = await newPage();
    await learner.goto(`${server.base}/connexion`);
    await learner.locator('h1').waitFor();
    // On a page just opened, the skip link comes first and takes the focus past the banner.
    await learner.keyboard.press('Tab');
    expect((await focusedStop(learner))?.name).toBe('a "Aller au contenu"');
    await learner.keyboard.press('Enter');
    expect(await isFocused(learner.locator('main'))).toBe(true);
    await tabAndType(
      learner,
      learner.getByLabel('Votre code', { exact: true }),
      simone.learnerCode,
      'sign-in',
    );
    await tabAndType(learner, learner.getByLabel('Votre code secret'), simone.pin, 'sign-in');
    await tabAndPress(learner, learner.getByRole('button', { name: 'Se connecter' }), 'sign-in');
    await learner.waitForSelector('#next-steps');

    await tabAndPress(
      learner,
      learner.getByRole('link', { name: 'Le numérique au quotidien' }).first(),
      'learner home',
    );
    // The list view, then the skill's link in it.
    await tabAndPress(
      learner,
      learner.getByRole('button', { name: 'Voir en liste' }),
      'curriculum',
    );
    await learner.waitForSelector('.skill-item');
    await tabAndPress(
      learner,
      learner.locator(`.skill-item[data-skill-id="${SKILLS.mail.id}"] h4 a`),
      'skill list',
    );
    await learner.waitForSelector('#evidence');
    expect(await heading(learner)).toBe(SKILLS.mail.title);
    await tabAndType(learner, learner.getByLabel('Ce que vous avez fait'), EVIDENCE, 'skill page');
    await tabAndPress(
      learner,
      learner.getByRole('button', { name: 'Envoyer ma preuve' }),
      'skill page',
    );
    await learner.waitForSelector('text=Elle est en attente de validation.');
  });

  it('c. the trainer reviews it, calls the roll, validates for all present and presses « Acquis »', async () => {
    // Back to the home page through the banner (Shift+Tab climbs back up to it).
    await tabAndPress(
      trainer,
      trainer.getByRole('banner').getByRole('link', { name: 'Accueil' }),
      'banner',
    );
    await trainer.waitForSelector('#queue');
    await tabAndPress(trainer, trainer.locator('#queue + p a'), 'trainer home');
    const item = trainer.locator('.review-item', { hasText: `${LEARNER} — ${SKILLS.mail.title}` });
    await item.waitFor();
    const level = item.getByLabel('Niveau');
    await tabTo(trainer, level, 'evidence queue');
    await chooseWithArrows(trainer, level, '2');
    await tabAndPress(
      trainer,
      item.getByRole('button', { name: `Valider — ${LEARNER}, ${SKILLS.mail.title}` }),
      'evidence queue',
    );
    await item.getByText(`Validé pour ${LEARNER}.`).waitFor();

    await tabAndPress(
      trainer,
      trainer.getByRole('banner').getByRole('link', { name: 'Accueil' }),
      'banner',
      'Enter',
    );
    await trainer.waitForSelector('#today');
    await tabAndPress(
      trainer,
      trainer.getByRole('link', { name: 'Envoyer son premier mail' }),
      'trainer home',
    );
    await trainer.waitForSelector('.roll-call-count');
    await tabAndPress(
      trainer,
      trainer.getByRole('button', { name: `${LEARNER} — noter sa présence` }),
      'roll-call',
    );
    await trainer.locator('.roll-call-present', { hasText: `${LEARNER} — présent` }).waitFor();

    // Choosing the session's skill: a radio button, chosen with the arrow keys.
    const picker = trainer.locator('fieldset.skill-picker');
    await chooseRadio(trainer, picker, SKILLS.attachment, 'target skills');
    await trainer.locator('h3', { hasText: SKILLS.attachment }).waitFor();
    const everyone = trainer.getByRole('button', { name: /^Valider pour tous les présents/ });
    await tabAndPress(trainer, everyone, 'validation grid');
    await trainer.locator('.confirm-question').waitFor();
    // The confirmation's yes button is reached and pressed by keyboard as well.
    await tabAndPress(
      trainer,
      trainer.getByRole('button', { name: /^Oui, valider pour/ }),
      'bulk confirmation',
    );
    await trainer.locator('.announcements', { hasText: /validée pour \d+ personnes?/ }).waitFor();

    // The next skill, her own address.
    await chooseRadio(trainer, picker, SKILLS.address, 'target skills');
    await trainer.locator('h3', { hasText: SKILLS.address }).waitFor();
    const row = trainer.getByRole('group', { name: LEARNER });
    await tabAndPress(trainer, row.getByRole('button', { name: 'Acquis' }), 'validation grid');
    await row.getByText('Validé.').waitFor();
    await trainer
      .locator('.announcements', { hasText: `Badge obtenu par ${LEARNER} : « ${BADGE} »` })
      .waitFor();
  });

  it('d. the badge is in her « Mes badges »; its address is read from the card', async () => {
    await learner.reload();
    await learner.locator('h1').waitFor();
    await tabAndPress(
      learner,
      learner.getByRole('banner').getByRole('link', { name: 'Mes badges' }),
      'banner',
    );
    const card = learner.locator('.badge-card', { hasText: BADGE });
    await card.waitFor();
    expect(plain(await card.locator('.standing').textContent())).toContain('Valide');
    // The share field is reachable, and its text can be selected for copying.
    const share = card.locator('input[readonly]');
    await tabTo(learner, share, 'badge card');
    badgeUrl = await share.inputValue();
    expect(badgeUrl).toMatch(/\/badges\/[0-9a-f-]{36}$/);
  });

  it('e. a visitor opens the address and moves through the public page by keyboard', async () => {
    visitor = await newPage();
    await visitor.goto(badgeUrl);
    expect(await heading(visitor)).toBe(BADGE);
    expect(plain(await visitor.locator('#verdict-title').textContent())).toContain(
      'Vérification : valide',
    );
    // Every control of the server-rendered page shows its focus too.
    await tabTo(visitor, visitor.getByRole('link').last(), 'public badge page');
  });

  it('f. the admin revokes it in a dialog that holds the focus', async () => {
    const admin = await newPage();
    await signInByKeyboard(admin, staffCredentials(server.output(), 'Admin'));
    await tabAndPress(
      admin,
      admin.getByRole('banner').getByRole('link', { name: 'Administration' }),
      'banner',
    );
    const nav = admin.getByRole('navigation', { name: 'Administration' });
    await nav.waitFor();
    await tabAndPress(admin, nav.getByRole('link', { name: 'Personnes' }), 'admin menu');
    await tabAndType(
      admin,
      admin.getByLabel('Nom, adresse e-mail ou code'),
      'simone',
      'people search',
    );
    await admin.keyboard.press('Enter');
    await tabAndPress(admin, admin.getByRole('link', { name: LEARNER }), 'people list');
    await tabAndPress(admin, admin.getByRole('link', { name: 'Voir ses badges' }), 'person');
    await admin.waitForURL(/\/admin\/badges\?apprenant=/);
    await admin.locator('.entity-list li').first().waitFor();
    await tabAndPress(
      admin,
      admin.getByRole('link', { name: new RegExp(`^${BADGE}`) }),
      'learner awards',
    );
    await admin.waitForFunction(
      (name) => document.querySelector('h1')?.textContent === name,
      BADGE,
    );
    const revoke = admin.getByRole('button', { name: 'Révoquer', exact: true });
    await tabAndPress(admin, revoke, 'award');
    const dialog = admin.getByRole('dialog');
    await dialog.waitFor();

    // Escape closes the dialog and gives the focus back to the button that opened it.
    await admin.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(revoke)).toBe(true);
    await admin.keyboard.press('Enter');
    await dialog.waitFor();

    // Tabbing round the dialog never leaves it.
    for (let presses = 0; presses < 12; presses++) {
      await admin.keyboard.press('Tab');
      expect(
        await dialog.evaluate((element) => element.contains(document.activeElement)),
        'the focus left the open dialog',
      ).toBe(true);
      expect((await focusedStop(admin))?.problem).toBeUndefined();
    }
    await tabAndType(admin, dialog.getByLabel('Motif de la révocation'), REASON, 'revoke dialog');
    await tabAndPress(
      admin,
      dialog.getByRole('button', { name: 'Révoquer le badge' }),
      'revoke dialog',
    );
    await admin.locator('.notice-slot', { hasText: 'Badge révoqué' }).waitFor();
    await admin.locator('dl', { hasText: REASON }).waitFor();
  });

  it('g. the visitor reloads and sees it revoked', async () => {
    await visitor.reload();
    expect(plain(await visitor.locator('#verdict-title').textContent())).toContain(
      'Vérification : révoqué',
    );
    expect(problems.flat()).toEqual([]);
  });
});
