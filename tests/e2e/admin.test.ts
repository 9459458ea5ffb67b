/**
 * The administrator's journey in real Chromium, against the real server with its demo data:
 * Nathalie (the demo admin) signs in on a desktop screen, finds a learner, creates a staff
 * account (its first password shown once, copied), creates a group and adds members, reads the
 * curricula overview, rotates a signing key, records a BAFA jury decision and revokes a demo
 * badge with a reason. Then the same admin pages on a phone screen. Finally an anonymous visitor
 * finds "Vérifier un badge" in the client, opens the revoked badge's public page and sees it
 * revoked, and pastes its address into `/verify`. axe checks every page (server-rendered ones
 * too, and each confirmation dialog); each step leaves a screenshot in tests/e2e/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/axe.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { expectTouchTargets } from './support/touch-targets.ts';

const DESKTOP = { width: 1280, height: 900 };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];
let admin: { email: string; password: string };

/** The public address of the demo badge the admin revokes, for the visitor. */
let revokedBadgeUrl = '';
/** Why the admin revokes it: the visitor reads it on the badge's page. */
const REVOCATION_REASON = 'Délivré par erreur : la compétence « Wi-Fi » n’était pas validée.';

/** French text puts no-break spaces before « ? ! : » and the like; compare with plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ').trim();
}

async function heading(on: Page = page): Promise<string> {
  return plain(await on.locator('h1').textContent());
}

/** The admin's sign-in details, from the block the server prints after seeding. */
function parseAdmin(output: string): { email: string; password: string } {
  const match = / Admin : .+ — (\S+@\S+) \/ (.+)$/m.exec(output);
  if (match === null) throw new Error(`no demo admin in the start output:\n${output}`);
  return { email: match[1] ?? '', password: (match[2] ?? '').trim() };
}

/** axe finds nothing, nothing is wider than the screen, then the step's screenshot. */
async function checkPage(where: string, shot: string, on: Page = page): Promise<void> {
  await expectNoAxeViolations(on, where);
  await expectTouchTargets(on, where);
  const width = await on.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(width.content, `${where} is wider than the screen`).toBeLessThanOrEqual(width.screen);
  await screenshot(on, shot);
}

async function signInAsAdmin(on: Page): Promise<void> {
  await on.goto(`${server.base}/connexion`);
  await on.getByLabel('mon adresse e-mail').check();
  await on.getByLabel('Votre adresse e-mail').fill(admin.email);
  await on.getByLabel('Votre mot de passe').fill(admin.password);
  await on.getByRole('button', { name: 'Se connecter' }).click();
  await on.getByRole('link', { name: 'Administration' }).waitFor();
}

/** Opens a section of the admin area from its menu, and waits for its title. */
async function openSection(name: string, title: string, on: Page = page): Promise<void> {
  await on.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name }).click();
  await on.waitForFunction(
    (wanted) =>
      (document.querySelector('h1')?.textContent ?? '').replace(/\u00a0/g, ' ').trim() === wanted,
    title,
  );
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  admin = parseAdmin(server.output());
  ({ context, page, problems } = await openPage(browser, { viewport: DESKTOP }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the admin on a desktop screen', () => {
  it('signs in and opens the admin area: numbers, tasks and the badges to review', async () => {
    await signInAsAdmin(page);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(/\/admin$/);
    expect(await heading()).toBe('Administration');
    await page.locator('.counts').waitFor();
    expect(await page.locator('.counts li').count()).toBe(5);
    // The demo flags Jeannine's "Internet au quotidien" after a withdrawn validation.
    const flagged = page.locator('section[aria-labelledby="flagged"] li');
    expect(await flagged.count()).toBeGreaterThan(0);
    expect(await flagged.first().textContent()).toContain('Jeannine Dubois');
    await checkPage('the admin home', 'admin-01-home');
  });

  it('searches a learner and opens her account', async () => {
    await openSection('Personnes', 'Personnes');
    await page.getByLabel('Nom, adresse e-mail ou code').fill('jeannine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/recherche=jeannine/);
    await page.getByText('1 personne', { exact: true }).waitFor();
    const result = page.getByRole('list', { name: 'Résultats' }).locator('> li');
    expect(await result.count()).toBe(1);
    expect(await result.textContent()).toContain('Apprenant·e');
    expect(plain(await result.textContent())).toMatch(/Code : [A-Z0-9]{6}/);
    await checkPage('the people list, searched', 'admin-02-people-search');

    await page.getByRole('link', { name: 'Jeannine Dubois' }).click();
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Jeannine Dubois',
    );
    expect(
      await page.locator('section[aria-labelledby="person-roles"] .member-list').textContent(),
    ).toContain('Apprenant·e — oui');
    expect(await page.getByRole('button', { name: 'Désactiver le compte' }).count()).toBe(1);
    await checkPage('a person’s page', 'admin-03-person');
  });

  it('creates a staff account and copies its first password, shown once', async () => {
    await openSection('Personnes', 'Personnes');
    await page.getByRole('link', { name: "Créer un compte pour l'équipe" }).click();
    await page.waitForURL(/nouveau-compte$/);
    await checkPage('the staff account form', 'admin-04-staff-form');
    await page.getByLabel('Prénom et nom').fill('Élodie Moreau');
    await page.getByLabel('Adresse e-mail').fill('elodie.moreau@grange.example');
    // Trainer is ticked already; she also counsels job seekers.
    await page.getByLabel('Conseiller·ère').check();
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const password = page.getByLabel('Premier mot de passe');
    await password.waitFor();
    const secret = await password.inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(10);
    // The heading of the result takes the focus, so it is read first.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await page.getByRole('button', { name: 'Copier le mot de passe' }).click();
    await page.locator('.copy-status', { hasText: 'Copié.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await checkPage('a staff account just created', 'admin-05-staff-created');

    // She is in the list, with both roles.
    await openSection('Personnes', 'Personnes');
    await page.getByLabel('Nom, adresse e-mail ou code').fill('elodie');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('1 personne', { exact: true }).waitFor();
    const item = page.getByRole('list', { name: 'Résultats' }).locator('> li');
    expect(await item.textContent()).toContain('Élodie Moreau');
    expect(await item.textContent()).toContain('Animateur·rice');
    expect(await item.textContent()).toContain('Conseiller·ère');
  });

  it('creates a group on a curriculum and adds a trainer and a learner', async () => {
    await openSection('Groupes', 'Groupes');
    await page.locator('.entity-list li').first().waitFor();
    const before = await page.locator('.entity-list > li').count();
    expect(before).toBeGreaterThanOrEqual(5);
    await page.getByLabel('Nom du groupe').fill('Tablettes du jeudi');
    await page.getByLabel('Parcours suivi').selectOption({ label: 'Le numérique au quotidien' });
    await page.getByRole('button', { name: 'Créer le groupe' }).click();
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Tablettes du jeudi',
    );
    expect(await page.locator('dl').textContent()).toContain('Le numérique au quotidien');

    await page.getByLabel('Ajouter un animateur ou une animatrice').fill('elodie');
    await page.getByLabel('Ajouter un animateur ou une animatrice').press('Enter');
    await page.getByRole('button', { name: 'Ajouter Élodie Moreau' }).click();
    await page.locator('.notice-slot', { hasText: 'Élodie Moreau anime maintenant' }).waitFor();

    await page.getByLabel('Ajouter un apprenant ou une apprenante').fill('jeannine');
    await page.getByRole('button', { name: 'Chercher' }).nth(1).click();
    await page.getByRole('button', { name: 'Ajouter Jeannine Dubois' }).click();
    await page
      .locator('.notice-slot', { hasText: 'Jeannine Dubois fait maintenant partie' })
      .waitFor();
    await page.locator('#members-learner', { hasText: '(1)' }).waitFor();
    expect(await page.locator('#members-trainer').textContent()).toContain('(1)');
    expect(await page.getByRole('link', { name: 'Jeannine Dubois' }).count()).toBe(1);
    await checkPage('a new group with its members', 'admin-06-group');

    // Taking someone out asks first, in an accessible dialog.
    await page.getByRole('button', { name: 'Retirer Élodie Moreau' }).click();
    await page.getByRole('dialog').waitFor();
    await expectNoAxeViolations(page, 'the remove-member dialog');
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Retirer Élodie Moreau',
    );
  });

  it('reads the curricula overview, then one curriculum’s skills, badges and alignments', async () => {
    await openSection('Parcours', 'Parcours');
    const cards = page.getByRole('list', { name: 'État des parcours' }).locator('> li');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(5);
    expect(await page.locator('.tag-good', { hasText: 'À jour' }).count()).toBe(5);
    expect(await cards.first().locator('code.hash').textContent()).toMatch(/^[0-9a-f]{12}$/);
    await checkPage('the curricula overview', 'admin-07-curricula');

    await page.getByRole('link', { name: 'Le numérique au quotidien' }).click();
    await page.locator('table').first().waitFor();
    expect(await page.locator('table caption').first().textContent()).not.toBe('');
    expect(await page.getByRole('rowheader', { name: 'Se connecter au Wi-Fi' }).count()).toBe(1);
    // Each badge links to the skills its criteria name, on this page, and lists its alignments.
    const criteriaSkill = page.locator('.criteria-skills a[href^="#skill-"]').first();
    const row = (await criteriaSkill.getAttribute('href')) ?? '';
    expect(await page.locator(`tr${row}`).count()).toBe(1);
    const alignments = page.getByRole('table', { name: /Référentiels du badge/ });
    expect(await alignments.count()).toBeGreaterThan(0);
    expect(await alignments.first().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await alignments.first().locator('a[href^="http"]').count()).toBeGreaterThan(0);
    await checkPage('a curriculum’s skills, badges and alignments', 'admin-08-curriculum');
  });

  it('rotates the Ed25519 signing key after a confirmation', async () => {
    await openSection('Clés de signature', 'Clés de signature');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    await checkPage('the signing keys', 'admin-09-keys');

    await page.getByRole('button', { name: /^Nouvelle clé Ed25519/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Les badges déjà décernés restent valides');
    await checkPage('the rotate-key dialog', 'admin-10-rotate-dialog');
    await page.getByRole('button', { name: 'Créer la nouvelle clé' }).click();
    await page.locator('.notice-slot', { hasText: 'elle signe à partir de maintenant' }).waitFor();
    await page.waitForFunction(
      (n) => document.querySelectorAll('table tbody tr').length === n,
      before + 1,
    );

    // Retiring a key says plainly that what it signed stays valid.
    await page
      .getByRole('button', { name: /^Retirer la clé/ })
      .first()
      .click();
    expect(await page.getByRole('dialog').textContent()).toContain(
      "Les badges qu'elle a déjà signés restent valides",
    );
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('records a BAFA jury decision: Léa is declared « reçue », and gets her BAFA', async () => {
    await openSection('Jury', 'Décision de jury');
    await page.getByLabel('Stagiaire').fill('léa');
    await page.getByLabel('Stagiaire').press('Enter');
    await page.getByRole('button', { name: 'Choisir Léa Fontaine' }).click();
    await page.getByLabel('Étape décidée par le jury').selectOption({
      label: 'Être déclaré reçu au BAFA par le jury',
    });
    await page.getByLabel(/^Reçu/).check();
    await page
      .getByLabel('Commentaire du jury (facultatif)')
      .fill('Dossier complet, avis favorables.');
    await checkPage('the jury decision form', 'admin-11-jury');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const done = page.locator('.notice-success');
    await done.waitFor();
    expect(plain(await done.textContent())).toContain('Décision enregistrée pour Léa Fontaine');
    expect(await done.locator('.status-validated').count()).toBe(1);
    expect(await done.locator('li').count()).toBeGreaterThan(0);
  });

  it('revokes one of Jeannine’s badges with a reason, after a confirmation', async () => {
    await openSection('Personnes', 'Personnes');
    await page.getByLabel('Nom, adresse e-mail ou code').fill('jeannine');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: 'Jeannine Dubois' }).click();
    await page.getByRole('link', { name: 'Voir ses badges' }).click();
    await page.waitForURL(/\/admin\/badges\?apprenant=/);
    await page.locator('.entity-list li').first().waitFor();
    await checkPage('the badges of one learner', 'admin-12-awards');

    await page.getByRole('link', { name: /^Premiers pas/ }).click();
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Premiers pas');
    const publicLink = page.getByRole('link', { name: 'Voir sa page publique de vérification' });
    revokedBadgeUrl = (await publicLink.getAttribute('href')) ?? '';
    expect(revokedBadgeUrl).toMatch(new RegExp(`^${server.base}/badges/[0-9a-f-]{36}$`));
    await checkPage('an awarded badge', 'admin-13-award');

    const revoke = page.getByRole('button', { name: 'Révoquer', exact: true });
    await revoke.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The focus is in the reason field; without a reason nothing is sent.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.getByRole('button', { name: 'Révoquer le badge' }).click();
    await page.locator('.field-error', { hasText: 'il est obligatoire' }).waitFor();
    await checkPage('the revoke dialog, reason missing', 'admin-14-revoke-dialog');
    await page.getByLabel('Motif de la révocation').fill(REVOCATION_REASON);
    await page.getByRole('button', { name: 'Révoquer le badge' }).click();
    await page.locator('.notice-slot', { hasText: 'Badge révoqué' }).waitFor();
    await page.locator('.tag-bad', { hasText: 'Révoqué le' }).waitFor();
    expect(await page.locator('dl').textContent()).toContain(REVOCATION_REASON);
    expect(await revoke.count()).toBe(0);
    await checkPage('the badge once revoked', 'admin-15-revoked');
    expect(problems).toEqual([]);
  });
});

describe('the admin on a phone', () => {
  it('signs in and every admin page fits a 360px screen, without an axe violation', async () => {
    const phone = await openPage(browser);
    const on = phone.page;
    await signInAsAdmin(on);
    await on.getByRole('link', { name: 'Administration' }).click();
    await on.locator('.counts').waitFor();
    await checkPage('the admin home on a phone', 'admin-phone-01-home', on);

    const visits: Array<[string, string, string]> = [
      ['/admin/personnes?recherche=e', '.entity-list li', 'admin-phone-02-people'],
      ['/admin/personnes/nouveau-compte', 'form', 'admin-phone-03-staff-form'],
      ['/admin/groupes', '.entity-list li', 'admin-phone-04-groups'],
      ['/admin/parcours', '.entity-list li', 'admin-phone-05-curricula'],
      ['/admin/parcours/bafa', 'table', 'admin-phone-06-curriculum'],
      ['/admin/cles', 'table', 'admin-phone-07-keys'],
      ['/admin/badges?etat=revoques', '.entity-list li', 'admin-phone-08-awards'],
      ['/admin/jury', 'form', 'admin-phone-09-jury'],
      ['/admin/attribution-groupee', 'form select option:nth-child(2)', 'admin-phone-10-bulk'],
    ];
    for (const [path, ready, shot] of visits) {
      await on.goto(`${server.base}${path}`);
      await on.locator(ready).first().waitFor({ state: 'attached' });
      await checkPage(`${path} on a phone`, shot, on);
    }

    // An award's page and a group's page, reached from their lists.
    await on.goto(`${server.base}/admin/badges?etat=revoques`);
    await on.locator('.entity-list h3 a').first().click();
    await on.locator('.tag-bad').first().waitFor();
    await checkPage('a revoked award on a phone', 'admin-phone-11-award', on);
    await on.goto(`${server.base}/admin/groupes`);
    await on.getByRole('link', { name: 'Tablettes du jeudi' }).click();
    await on.locator('#members-learner').waitFor();
    await checkPage('a group on a phone', 'admin-phone-12-group', on);
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it('keeps the admin area from people who are not administrators', async () => {
    const visitor = await openPage(browser);
    const jeannine = server.learner('Jeannine Dubois');
    await visitor.page.goto(`${server.base}/connexion?code=${jeannine.learnerCode ?? ''}`);
    await visitor.page.getByLabel('Votre code secret').fill(jeannine.pin ?? '');
    await visitor.page.getByRole('button', { name: 'Se connecter' }).click();
    await visitor.page.waitForSelector('#next-steps');
    expect(await visitor.page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await visitor.page.goto(`${server.base}/admin/personnes`);
    await visitor.page.waitForFunction(() => document.querySelector('h1')?.textContent !== '');
    expect(await heading(visitor.page)).toBe('Page réservée');
    await visitor.context.close();
  });
});

describe('an anonymous visitor', () => {
  it('finds "Vérifier un badge" in the client, and sees the revoked badge as revoked', async () => {
    expect(revokedBadgeUrl).not.toBe('');
    const visitor = await openPage(browser);
    const on = visitor.page;
    await on.goto(`${server.base}/connexion`);
    await on.locator('.verify-entry').waitFor();
    // In the banner, on the sign-in page and in the footer.
    expect(await on.getByRole('link', { name: 'Vérifier un badge' }).count()).toBe(3);
    await on.locator('.verify-entry a').click();
    await on.waitForURL(`${server.base}/verify`);
    expect(await heading(on)).toBe('Vérifier un badge');
    await checkPage('the /verify page', 'admin-visitor-01-verify', on);

    await on.goto(revokedBadgeUrl);
    expect(await heading(on)).toBe('Premiers pas');
    const alert = plain(await on.locator('p.verdict.bad[role="alert"]').textContent());
    expect(alert).toContain('Badge révoqué');
    expect(alert).toContain(REVOCATION_REASON);
    expect(plain(await on.locator('#verdict-title').textContent())).toContain(
      'Vérification : révoqué',
    );
    // The server's page wears the client's colours: the banner and the focus ring.
    const look = await on.evaluate(() => ({
      banner: getComputedStyle(document.querySelector('header') as Element).backgroundColor,
      focus: getComputedStyle(document.documentElement).getPropertyValue('--focus').trim(),
    }));
    expect(look).toEqual({ banner: 'rgb(32, 56, 79)', focus: '#b35900' });
    await checkPage('the revoked badge’s public page', 'admin-visitor-02-badge-revoked', on);

    // /verify with the badge's address pasted: the server answers with a report, no script.
    await on.getByRole('link', { name: 'Vérifier un badge' }).click();
    await on.getByLabel('Adresse du badge').fill(revokedBadgeUrl);
    await on.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await on.locator('#verdict-title').waitFor();
    const verdict = plain(await on.locator('#verdict-title').textContent());
    // This test server lives on a loopback address, which /verify refuses to fetch (no server-
    // side request to private addresses): the badge is never reported valid from here.
    expect(verdict).toMatch(/^.?Vérification : /);
    expect(verdict).not.toContain('Vérification : valide');
    expect(await on.getByLabel('Adresse du badge').inputValue()).toBe(revokedBadgeUrl);
    await checkPage('the /verify report', 'admin-visitor-03-verify-report', on);
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });
});
