/**
 * The whole story, through the pages only, in real Chromium against the real server with its
 * demo data (issue 5, "Done when"): Karim, a trainer, creates an account for Simone on his phone
 * during today's workshop of the seniors' café; Simone signs in on her own phone with her code
 * and PIN and hands in a few words as evidence; Karim validates them from the review queue,
 * marks her present, validates a skill for everyone present and taps « Acquis » for the last
 * one: she has the « Messagerie » badge. She finds it in « Mes badges » with its share link; an
 * anonymous visitor opens that link and sees it valid; Nathalie, the admin, revokes it on her
 * desktop with a reason; the visitor reloads and sees it revoked, with the reason.
 *
 * The test reads only what the server prints at start (the demo sign-in details); the API is
 * used to check what the pages did, never to act. axe runs on every page visited; each step
 * saves a screenshot to tests/e2e/screenshots/story/. With DOCS_SCREENSHOTS=1 (`npm run
 * docs:screenshots`), the screenshots the French guides show are copied into docs/images/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { checkPage, heading, plain } from './support/pages.ts';
import { SCREENSHOTS_DIR } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { type StaffCredentials, signInWithEmail, staffCredentials } from './support/sign-in.ts';

const DESKTOP = { width: 1280, height: 900 };
const GROUP = 'Café numérique des aînés';
const LEARNER = 'Simone Leroy';
const BADGE = 'Messagerie';
const SKILLS = {
  mail: { id: 'seniors-numerique/envoyer-un-mail', title: 'Envoyer et recevoir des mails' },
  attachment: {
    id: 'seniors-numerique/envoyer-une-piece-jointe',
    title: 'Joindre un document à un mail',
  },
  address: { id: 'seniors-numerique/creer-une-adresse-mail', title: 'Créer une adresse mail' },
};
const EVIDENCE =
  "J'ai écrit à mon petit-fils pour son anniversaire, avec un objet. Il m'a répondu le soir même.";
const REVOCATION_REASON = 'Délivré par erreur : Simone n’a pas encore joint de document seule.';

/** Which story screenshots the French guides show, and their names in docs/images/. */
const GUIDE_IMAGES: Record<string, string> = {
  '01-trainer-home': 'formateur-1-accueil.png',
  '02-new-learner-form': 'formateur-2-nouveau-compte.png',
  '03-learner-created': 'formateur-3-code-et-code-secret.png',
  '04-learner-sign-in': 'apprenant-1-connexion.png',
  '05-learner-home': 'apprenant-2-accueil.png',
  '06-learner-skill': 'apprenant-3-competence.png',
  '07-learner-evidence-sent': 'apprenant-4-preuve-envoyee.png',
  '08-trainer-queue': 'formateur-4-preuves.png',
  '10-trainer-roll-call': 'formateur-5-appel.png',
  '11-trainer-bulk-confirm': 'formateur-6-valider-pour-tous.png',
  '12-trainer-acquis-badge': 'formateur-7-acquis-et-badge.png',
  '13-learner-badges': 'apprenant-5-mes-badges.png',
  '14-visitor-valid': 'apprenant-6-page-publique.png',
};
const DOCS_IMAGES = new URL('../../docs/images/', import.meta.url).pathname;

let server: RunningServer;
let browser: Browser;
let karim: StaffCredentials;
let trainer: Page;
let learner: Page;
/** The anonymous visitor's page, kept open from the first look at the badge to the reload. */
let visitor: Page;
let closeVisitor: () => Promise<void>;
const problems: string[][] = [];

/** The new learner's card, as the trainer's page shows it once. */
let simone = { learnerCode: '', pin: '' };
/** The badge's public address, read from the learner's badge card. */
let badgeUrl = '';

/** Copies the screenshots the guides show into docs/images/, under their guide names. */
function copyGuideImages(): void {
  mkdirSync(DOCS_IMAGES, { recursive: true });
  for (const [shot, image] of Object.entries(GUIDE_IMAGES)) {
    copyFileSync(join(SCREENSHOTS_DIR, 'story', `${shot}.png`), join(DOCS_IMAGES, image));
  }
}

/** The step's screenshot under story/, after axe and the width check. */
function check(page: Page, where: string, shot: string): Promise<string> {
  return checkPage(page, where, `story/${shot}`);
}

/** Runs a GraphQL query with a fresh sign-in, only to check what the pages did. */
async function ask<T>(
  body: { email: string; password: string } | { learnerCode: string; pin: string },
  query: string,
): Promise<T> {
  const login = await fetch(`${server.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query }),
  });
  const result = (await response.json()) as { data?: T; errors?: unknown[] };
  if (result.errors !== undefined || result.data === undefined) {
    throw new Error(`API: ${JSON.stringify(result)}`);
  }
  return result.data;
}

/** @returns the public page's verdict and alert, as a visitor reads them. */
async function publicVerdict(page: Page): Promise<{ verdict: string; alert: string }> {
  const verdict = plain(await page.locator('#verdict-title').textContent());
  const alerts = page.locator('p.verdict.bad[role="alert"]');
  const alert = (await alerts.count()) === 0 ? '' : plain(await alerts.textContent());
  return { verdict, alert };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  karim = staffCredentials(server.output(), 'Trainer', 'Karim Benali');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the story of a badge, from a new account to its revocation', () => {
  it('a. the trainer creates an account for a newcomer and reads her code and PIN', async () => {
    const opened = await openPage(browser);
    trainer = opened.page;
    problems.push(opened.problems);
    await signInWithEmail(trainer, server.base, karim);
    await trainer.waitForSelector('#today');
    expect(await heading(trainer)).toBe('Mes ateliers');
    await check(trainer, 'the trainer’s home', '01-trainer-home');

    await trainer.getByRole('link', { name: `Créer un compte apprenant — ${GROUP}` }).click();
    await trainer.waitForSelector('form');
    expect(await heading(trainer)).toBe('Créer un compte apprenant');
    await trainer.getByLabel('Prénom et nom').fill(LEARNER);
    // An adult: her badge pages are public.
    expect(await trainer.getByLabel('Cette personne a moins de 18 ans').isChecked()).toBe(false);
    await check(trainer, 'the new account form', '02-new-learner-form');
    await trainer.getByRole('button', { name: 'Créer le compte' }).click();
    await trainer.waitForSelector('.created-account');
    simone = {
      learnerCode: plain(await trainer.getByTestId('learner-code').textContent()),
      pin: plain(await trainer.getByTestId('learner-pin').textContent()),
    };
    expect(simone.learnerCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(simone.pin).toMatch(/^\d{4,6}$/);
    await check(trainer, 'the new account’s code and PIN', '03-learner-created');

    const groups = await ask<{
      myGroups: Array<{ name: string; learners: Array<{ displayName: string }> }>;
    }>(karim, '{ myGroups { name learners { displayName } } }');
    expect(
      groups.myGroups.find((g) => g.name === GROUP)?.learners.map((l) => l.displayName),
    ).toContain(LEARNER);
  });

  it('b. the newcomer signs in on her phone with her code and PIN, and hands in evidence', async () => {
    const opened = await openPage(browser);
    learner = opened.page;
    problems.push(opened.problems);
    await learner.goto(`${server.base}/`);
    await learner.waitForURL(/\/connexion/);
    await learner.getByLabel('Votre code', { exact: true }).fill(simone.learnerCode);
    await learner.getByLabel('Votre code secret').fill(simone.pin);
    await check(learner, 'the sign-in page, filled in', '04-learner-sign-in');
    await learner.getByRole('button', { name: 'Se connecter' }).click();
    await learner.waitForSelector('#next-steps');
    expect(plain(await learner.locator('.lead').textContent())).toBe(`Bonjour ${LEARNER} !`);
    await check(learner, 'the newcomer’s home', '05-learner-home');

    await learner.getByRole('link', { name: 'Le numérique au quotidien' }).first().click();
    await learner.getByRole('button', { name: 'Voir en liste' }).click();
    await learner.waitForSelector('.skill-item');
    await learner.locator(`.skill-item[data-skill-id="${SKILLS.mail.id}"] h4 a`).click();
    await learner.waitForSelector('#evidence');
    expect(await heading(learner)).toBe(SKILLS.mail.title);
    await learner.getByLabel('Ce que vous avez fait').fill(EVIDENCE);
    await check(learner, 'a skill page with evidence written', '06-learner-skill');
    await learner.getByRole('button', { name: 'Envoyer ma preuve' }).click();
    await learner.waitForSelector('text=Elle est en attente de validation.');
    await learner.waitForSelector('.state-card .status-submitted');
    await check(learner, 'the skill page after sending evidence', '07-learner-evidence-sent');

    const queue = await ask<{
      validationQueue: { requests: Array<{ learnerName: string; skillId: string }> };
    }>(
      karim,
      '{ validationQueue { ... on ValidationQueue { requests { learnerName skillId } } } }',
    );
    expect(queue.validationQueue.requests).toContainEqual({
      learnerName: LEARNER,
      skillId: SKILLS.mail.id,
    });
  });

  it('c. the trainer validates the evidence, calls the roll, validates for everyone present, and taps « Acquis »', async () => {
    // The evidence queue, from the trainer's home.
    await trainer.getByRole('link', { name: 'Mes ateliers' }).first().click();
    await trainer.waitForSelector('#queue');
    await trainer.locator('#queue + p a').click();
    await trainer.waitForSelector('.review-item');
    const item = trainer.locator('.review-item', { hasText: `${LEARNER} — ${SKILLS.mail.title}` });
    await item.waitFor();
    expect(await item.textContent()).toContain('pour son anniversaire');
    // She sends mails on her own: level 2, as « Messagerie » asks.
    await item.getByLabel('Niveau').selectOption('2');
    await check(trainer, 'the evidence queue', '08-trainer-queue');
    await item.getByRole('button', { name: `Valider — ${LEARNER}, ${SKILLS.mail.title}` }).click();
    await item.getByText(`Validé pour ${LEARNER}.`).waitFor();
    await check(trainer, 'the evidence queue after the decision', '09-trainer-queue-validated');

    // Today's session: she is here.
    await trainer.getByRole('link', { name: 'Mes ateliers' }).first().click();
    await trainer.getByRole('link', { name: 'Envoyer son premier mail' }).click();
    await trainer.waitForSelector('.roll-call-count');
    await trainer.getByRole('button', { name: `${LEARNER} — noter sa présence` }).click();
    await trainer.locator('.roll-call-present', { hasText: `${LEARNER} — présent` }).waitFor();
    await trainer.getByRole('group', { name: LEARNER }).waitFor();
    await check(trainer, 'the roll-call', '10-trainer-roll-call');

    // Attaching a document: done together, for everyone present (only her so far today).
    await trainer.getByLabel(SKILLS.attachment.title).check();
    await trainer.locator('h3', { hasText: SKILLS.attachment.title }).waitFor();
    const present = Number(
      /\d+/.exec(plain(await trainer.locator('.roll-call-count').textContent()))?.[0],
    );
    const people = present === 1 ? '1 personne' : `${present} personnes`;
    await trainer
      .getByRole('button', { name: `Valider pour tous les présents (${people})` })
      .click();
    await trainer.locator('.confirm-question').waitFor();
    expect(plain(await trainer.locator('.confirm-question').textContent())).toContain(
      `Valider « ${SKILLS.attachment.title} »`,
    );
    await check(trainer, 'the bulk validation’s confirmation', '11-trainer-bulk-confirm');
    await trainer.getByRole('button', { name: `Oui, valider pour ${people}` }).click();
    await trainer.locator('.announcements', { hasText: /validée pour \d+ personnes?/ }).waitFor();

    // Her own address, created at the start of the session: « Acquis », and the badge comes.
    await trainer.getByLabel(SKILLS.address.title).check();
    await trainer.locator('h3', { hasText: SKILLS.address.title }).waitFor();
    const row = trainer.getByRole('group', { name: LEARNER });
    await row.getByRole('button', { name: 'Acquis' }).click();
    await row.getByText('Validé.').waitFor();
    await trainer
      .locator('.announcements', { hasText: `Badge obtenu par ${LEARNER} : « ${BADGE} »` })
      .waitFor();
    await check(trainer, 'the badge announced', '12-trainer-acquis-badge');
  });

  it('d. the badge appears in her « Mes badges », valid', async () => {
    await learner.reload();
    await learner.getByRole('link', { name: 'Mes badges' }).click();
    await learner.waitForSelector('.badge-card');
    expect(await heading(learner)).toBe('Mes badges');
    const card = learner.locator('.badge-card', { hasText: BADGE });
    await card.waitFor();
    expect(plain(await card.locator('.standing').textContent())).toContain('Valide');
    badgeUrl = await card.locator('input[readonly]').inputValue();
    expect(badgeUrl).toMatch(new RegExp(`^${server.base}/badges/[0-9a-f-]{36}$`));
    await check(learner, 'her badges', '13-learner-badges');

    const mine = await ask<{
      myBadges: Array<{ badgeId: string; revoked: boolean; verificationUrl: string }>;
    }>(simone, '{ myBadges { badgeId revoked verificationUrl } }');
    expect(mine.myBadges).toContainEqual({
      badgeId: 'seniors-numerique/messagerie',
      revoked: false,
      verificationUrl: badgeUrl,
    });
  });

  it('e. an anonymous visitor opens the badge’s address and sees it valid', async () => {
    const opened = await openPage(browser);
    problems.push(opened.problems);
    visitor = opened.page;
    closeVisitor = () => opened.context.close();
    await visitor.goto(badgeUrl);
    expect(await heading(visitor)).toBe(BADGE);
    expect(await visitor.locator('dl').textContent()).toContain(LEARNER);
    expect(await publicVerdict(visitor)).toEqual({
      verdict: expect.stringContaining('Vérification : valide'),
      alert: '',
    });
    await check(visitor, 'the badge’s public page, valid', '14-visitor-valid');
  });

  it('f. the admin finds the award on her desktop and revokes it with a reason', async () => {
    const admin = await openPage(browser, { viewport: DESKTOP });
    problems.push(admin.problems);
    const page = admin.page;
    await signInWithEmail(page, server.base, staffCredentials(server.output(), 'Admin'));
    await page.getByRole('link', { name: 'Administration' }).first().click();
    await page.getByRole('navigation', { name: 'Administration' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Personnes' })
      .click();
    await page.getByLabel('Nom, adresse e-mail ou code').fill('simone');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: LEARNER }).click();
    await page.getByRole('link', { name: 'Voir ses badges' }).click();
    await page.waitForURL(/\/admin\/badges\?apprenant=/);
    await page.locator('.entity-list li').first().waitFor();
    await check(page, 'the newcomer’s badges in the admin area', '15-admin-awards');

    await page.getByRole('link', { name: new RegExp(`^${BADGE}`) }).click();
    await page.waitForFunction((name) => document.querySelector('h1')?.textContent === name, BADGE);
    expect(
      await page
        .getByRole('link', { name: 'Voir sa page publique de vérification' })
        .getAttribute('href'),
    ).toBe(badgeUrl);
    await page.getByRole('button', { name: 'Révoquer', exact: true }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel('Motif de la révocation').fill(REVOCATION_REASON);
    await check(page, 'the revoke dialog', '16-admin-revoke-dialog');
    await page.getByRole('button', { name: 'Révoquer le badge' }).click();
    await page.locator('.notice-slot', { hasText: 'Badge révoqué' }).waitFor();
    await page.locator('.tag-bad', { hasText: 'Révoqué le' }).waitFor();
    await page.locator('dl', { hasText: REVOCATION_REASON }).waitFor();
    await check(page, 'the award once revoked', '17-admin-revoked');
    await admin.context.close();
  });

  it('g. the visitor reloads the address and sees the badge revoked, with the reason', async () => {
    expect(visitor.url()).toBe(badgeUrl);
    await visitor.reload();
    expect(await heading(visitor)).toBe(BADGE);
    const { verdict, alert } = await publicVerdict(visitor);
    expect(verdict).toContain('Vérification : révoqué');
    expect(alert).toContain('Badge révoqué');
    expect(alert).toContain(REVOCATION_REASON);
    await check(visitor, 'the badge’s public page, revoked', '18-visitor-revoked');
    await closeVisitor();

    // Nothing failed along the way: no script error, no 5xx answer.
    expect(problems.flat()).toEqual([]);
    if (process.env.DOCS_SCREENSHOTS === '1') copyGuideImages();
  });
});
