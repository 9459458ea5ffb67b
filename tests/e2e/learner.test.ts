/**
 * A learner's journey in real Chromium on a 360×740 phone screen, against the real server with
 * its demo data: Jeannine (74, signs in with the code of her card and her PIN, keyboard only)
 * sees what to do next, her curriculum as a map and as a list, opens a skill, hands in a few
 * words as evidence and sees it waiting for validation, finds her badges with their QR code,
 * reads the platform in English and back in French, and turns on large text and high contrast.
 * axe checks every page; each step leaves a screenshot in tests/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/axe.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { expectTouchTargets } from './support/touch-targets.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[];

/** Presses Tab until the focused element matches, as a keyboard user would (at most 20 times). */
async function tabTo(target: string): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await page.keyboard.press('Tab');
    if (
      await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, target)
    ) {
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

/** French text puts no-break spaces before « ? ! : » and the like; compare with plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ');
}

async function heading(): Promise<string> {
  return plain(await page.locator('h1').textContent());
}

/**
 * Checks the page as it is now: axe finds nothing, nothing is wider than the phone's screen
 * (no sideways scrolling), then saves the step's screenshot.
 */
async function checkPage(where: string, shot: string): Promise<void> {
  await expectNoAxeViolations(page, where);
  await expectTouchTargets(page, where);
  const width = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    screen: document.documentElement.clientWidth,
  }));
  expect(width.content, `${where} is wider than the screen`).toBeLessThanOrEqual(width.screen);
  await screenshot(page, shot);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page, problems } = await openPage(browser));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a learner on her phone', () => {
  it('signs in with her card’s code and her PIN, with the keyboard only', async () => {
    const jeannine = server.learner('Jeannine Dubois');
    expect(jeannine.learnerCode).toBeDefined();
    await page.goto(`${server.base}/`);
    // Not signed in: sent to the sign-in page, in French.
    await page.waitForURL(/\/connexion/);
    expect(await heading()).toBe('Se connecter');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await checkPage('the sign-in page', 'learner-01-sign-in');

    await tabTo('input[name="learnerCode"]');
    await page.keyboard.type(jeannine.learnerCode ?? '');
    await tabTo('input[name="pin"]');
    expect(await page.getAttribute('input[name="pin"]', 'inputmode')).toBe('numeric');
    await page.keyboard.type(jeannine.pin ?? '');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#next-steps');
    expect(await page.evaluate(() => location.pathname)).toBe('/');
    // The session lives in this browser session only: nothing in localStorage.
    const stored = await page.evaluate(() => ({
      session: sessionStorage.getItem('grange.refreshToken') !== null,
      local: localStorage.getItem('grange.refreshToken') !== null,
    }));
    expect(stored).toEqual({ session: true, local: false });
  });

  it('sees what to do next and her progress in her curriculum', async () => {
    expect(await heading()).toBe('Que puis-je faire maintenant ?');
    await page.waitForSelector('#next-steps');
    expect(plain(await page.locator('.lead').textContent())).toBe('Bonjour Jeannine Dubois !');
    const steps = page.locator('section[aria-labelledby="next-steps"] li');
    expect(await steps.count()).toBeGreaterThan(0);
    const progress = page.locator('[role="progressbar"]').first();
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/compétences? acquises? sur \d+/);
    expect(await page.locator('text=Le numérique au quotidien').count()).toBeGreaterThan(0);
    await checkPage('the home page', 'learner-02-home');
  });

  it('opens her curriculum as a map of skills, then as a list with the same skills', async () => {
    await page.getByRole('link', { name: 'Le numérique au quotidien' }).click();
    await page.waitForSelector('.graph-node');
    expect(await heading()).toBe('Le numérique au quotidien');
    const nodes = await page.locator('.graph-node').count();
    expect(nodes).toBeGreaterThan(10);
    expect(await page.locator('.graph-edge').count()).toBeGreaterThan(0);
    expect(await page.locator('.graph-node.status-validated').count()).toBeGreaterThan(0);
    // Each box is a link named by its title and its status in words (its SVG <title>).
    expect(
      await page.getByRole('link', { name: 'Allumer et éteindre son appareil — Acquise' }).count(),
    ).toBe(1);
    // Zooming out with the button makes the drawing smaller.
    const before = await page.locator('.graph-svg > g').getAttribute('transform');
    await page.getByRole('button', { name: /Réduire/ }).click();
    expect(await page.locator('.graph-svg > g').getAttribute('transform')).not.toBe(before);
    await checkPage('the curriculum map', 'learner-03-curriculum-map');

    await page.getByRole('button', { name: 'Voir en liste' }).click();
    await page.waitForSelector('.skill-item');
    expect(page.url()).toContain('vue=liste');
    expect(await page.locator('.skill-item').count()).toBe(nodes);
    expect(await page.locator('.skill-item .status-validated').count()).toBeGreaterThan(0);
    await checkPage('the curriculum list', 'learner-04-curriculum-list');
  });

  it('opens a skill, hands in evidence, and sees it waiting for validation', async () => {
    await page
      .locator('.skill-item[data-skill-id="seniors-numerique/envoyer-un-mail"] h4 a')
      .click();
    await page.waitForSelector('#evidence');
    expect(await heading()).toBe('Envoyer et recevoir des mails');
    expect(plain(await page.locator('#validation').textContent())).toBe('Comment la valider ?');
    expect(
      await page.locator('#activities ~ ul li, section[aria-labelledby="activities"] li').count(),
    ).toBeGreaterThan(0);
    // The photo input opens the phone's camera.
    expect(await page.getAttribute('input[type="file"]', 'capture')).toBe('environment');
    await checkPage('a skill page', 'learner-05-skill');

    await page
      .getByLabel('Ce que vous avez fait')
      .fill("J'ai écrit à ma fille avec un objet : « Photos de Noël ». Elle m'a répondu.");
    await page.getByRole('button', { name: 'Envoyer ma preuve' }).click();
    await page.waitForSelector('text=Elle est en attente de validation.');
    await page.waitForSelector('.state-card .status-submitted');
    expect(await page.locator('.state-card').textContent()).toContain('En attente de validation');
    await checkPage('a skill page after sending evidence', 'learner-06-evidence-sent');
  });

  it('says she can already do a skill where the curriculum lets her', async () => {
    await page.goto(`${server.base}/competences/seniors-numerique/prendre-des-photos`);
    await page.waitForSelector('#self-assessment');
    await page.getByRole('button', { name: 'Je sais le faire' }).click();
    await page.locator('.notice-success', { hasText: 'noté' }).waitFor();
    await page.locator('.history li', { hasText: 'Vous avez dit savoir le faire.' }).waitFor();
    await checkPage('a skill page after self-assessment', 'learner-06b-self-assessed');
  });

  it('finds her badges, with the share link, LinkedIn, downloads and the QR code', async () => {
    await page.getByRole('link', { name: 'Mes badges' }).click();
    await page.waitForSelector('.badge-card');
    expect(await heading()).toBe('Mes badges');
    const titles = await page.locator('.badge-card h3').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Premiers pas', 'Internet au quotidien']));
    const card = page.locator('.badge-card').first();
    const link = await card.locator('input[readonly]').inputValue();
    expect(link).toMatch(new RegExp(`^${server.base}/badges/[0-9a-f-]{36}$`));
    expect(
      await card.getByRole('link', { name: 'Ajouter à mon profil LinkedIn' }).getAttribute('href'),
    ).toMatch(/^https:\/\/www\.linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME/);
    // The image and the downloads are the server's baked badges.
    const png = await card.locator('a', { hasText: 'Image PNG' }).getAttribute('href');
    const download = await page.request.get(`${server.base}${png}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('image/png');
    expect(
      await card.locator('img.badge-image').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Afficher le QR code' }).click();
    await card.locator('svg.qr-code').waitFor();
    await checkPage('my badges', 'learner-07-badges');

    // Her messages: the badges she earned; reading one marks it read.
    const unread = page.locator('.message.unread');
    const before = await unread.count();
    expect(before).toBeGreaterThan(0);
    await unread.first().getByRole('button', { name: 'Marquer comme lu' }).click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('.message.unread').length === n,
      before - 1,
    );
  });

  it('switches to English and back to French', async () => {
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.waitForSelector('text=Grand texte');
    expect(await heading()).toBe('Réglages');
    await expectNoAxeViolations(page, 'the settings');
    await page.getByLabel('English').check();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('h1:text("Settings")');
    expect(await page.locator('nav').textContent()).toContain('My badges');
    await checkPage('the settings in English', 'learner-08-settings-english');
    await page.getByLabel('Français').check();
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await page.waitForSelector('h1:text("Réglages")');
  });

  it('turns on large text and high contrast, kept after a reload', async () => {
    const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    const normal = Number.parseFloat(await size());
    await page.getByLabel('Grand texte').check();
    await page.waitForFunction(() => document.documentElement.dataset.text === 'large');
    expect(Number.parseFloat(await size())).toBeGreaterThan(normal * 1.2);
    await page.getByLabel('Contraste élevé').check();
    await page.waitForFunction(() => document.documentElement.dataset.contrast === 'high');
    await page.locator('.notice-slot', { hasText: 'enregistré' }).waitFor();
    await checkPage('the settings in large text and high contrast', 'learner-09-large-text');

    // Saved with the account: a reload (the session is restored) keeps both.
    await page.reload();
    await page.waitForSelector('h1:text("Réglages")');
    await page.waitForFunction(
      () =>
        document.documentElement.dataset.text === 'large' &&
        document.documentElement.dataset.contrast === 'high',
    );
    await page.getByRole('link', { name: 'Accueil' }).click();
    await page.waitForSelector('#next-steps');
    await checkPage('the home page in large text and high contrast', 'learner-10-home-large-text');
  });

  it('signs out: the session is gone from this computer', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion/);
    expect(await page.evaluate(() => sessionStorage.getItem('grange.refreshToken'))).toBeNull();
    // The next person at the computer: a page of hers sends them to sign in.
    await page.goto(`${server.base}/mes-badges`);
    await page.waitForURL(/\/connexion\?suite=%2Fmes-badges/);
    expect(await heading()).toBe('Se connecter');
    expect(problems).toEqual([]);
  });
});

describe('the curriculum map on a large screen', () => {
  it('pans with the mouse, zooms with the wheel, and still opens a skill with a click', async () => {
    const {
      context,
      page: desk,
      problems: deskProblems,
    } = await openPage(browser, {
      viewport: { width: 1280, height: 900 },
    });
    const yasmine = server.learner('Yasmine Haddad');
    await desk.goto(`${server.base}/connexion`);
    await desk.getByLabel('mon adresse e-mail').check();
    await desk.getByLabel('Votre adresse e-mail').fill(yasmine.email ?? '');
    await desk.getByLabel('Votre mot de passe').fill(yasmine.password ?? '');
    await desk.getByRole('button', { name: 'Se connecter' }).click();
    await desk.waitForSelector('#my-curricula');
    await desk.locator('#my-curricula ~ ul a').first().click();
    await desk.waitForSelector('.graph-node');
    const transform = () => desk.locator('.graph-svg > g').getAttribute('transform');
    await desk.locator('.graph-viewport').scrollIntoViewIfNeeded();
    const box = await desk.locator('.graph-viewport').boundingBox();
    if (box === null) throw new Error('no map on the page');

    // Drag between the first two rows: the drawing follows the mouse.
    const start = await transform();
    await desk.mouse.move(box.x + 8, box.y + 120);
    await desk.mouse.down();
    await desk.mouse.move(box.x + 108, box.y + 80, { steps: 5 });
    await desk.mouse.up();
    const moved = await transform();
    expect(moved).not.toBe(start);
    expect(moved).toMatch(/scale\(1\)/);

    // The wheel zooms around the pointer.
    await desk.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await desk.mouse.wheel(0, -100);
    await desk.waitForFunction(
      () =>
        !/scale\(1\)$/.test(
          document.querySelector('.graph-svg > g')?.getAttribute('transform') ?? '',
        ),
    );
    await checkDesk(desk, 'the curriculum map on a large screen', 'learner-11-map-desktop');

    // A plain click on a box still opens the skill.
    await desk.getByRole('button', { name: 'Recentrer' }).click();
    const first = desk.locator('.graph-node').first();
    const id = await first.getAttribute('data-skill-id');
    await first.click();
    await desk.waitForURL(new RegExp(`/competences/${id}$`));
    await desk.waitForSelector('#about');
    expect(deskProblems).toEqual([]);
    await context.close();
  });
});

async function checkDesk(desk: Page, where: string, shot: string): Promise<void> {
  await expectNoAxeViolations(desk, where);
  await screenshot(desk, shot);
}
