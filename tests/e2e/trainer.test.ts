/**
 * A trainer's workshop on a 360×740 phone in real Chromium, against the real server with its
 * demo data: Karim signs in and finds today's session of the seniors' café, shows its QR code
 * (Jeannine scans it on her own phone and appears present), marks Gérard present with one tap,
 * taps "Acquis" for Jeannine, undoes it and taps again, validates Gérard at level 2, then
 * validates another skill for everyone present (Gérard's « Messagerie » badge is announced);
 * he reviews the evidence queue (validates one, refuses one with a comment, with the keyboard),
 * sees the changes in the group's progress grid (table and text), creates two learner
 * accounts (one a minor) and opens their printable QR cards. Each step is checked through the
 * API as well; axe checks every page; each step leaves a screenshot in tests/e2e/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './support/axe.ts';
import { launchBrowser, openPage } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { expectTouchTargets } from './support/touch-targets.ts';

const S = 'seniors-numerique';
const MAIL = `${S}/envoyer-un-mail`;
const ATTACHMENT = `${S}/envoyer-une-piece-jointe`;
const PHOTOS = `${S}/partager-des-photos`;
/** A 1×1 PNG: the photo Jeannine hands in. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let server: RunningServer;
let browser: Browser;
let page: Page;
let problems: string[];
let karim: { email: string; password: string };
let token: string;
let sessionId: string;
let seniorsGroupId: string;
const people = new Map<string, string>();

/** French text puts no-break spaces before « ? ! : » and the like; compare with plain spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/\u00a0/g, ' ');
}

async function heading(): Promise<string> {
  return plain(await page.locator('h1').textContent());
}

/** axe finds nothing, nothing is wider than the phone's screen, then the step's screenshot. */
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

/** @returns the trainer's sign-in details, as the seed printed them. */
function trainerCredentials(output: string, name: string): { email: string; password: string } {
  const line = output
    .split('\n')
    .find((l) => l.includes('Trainer :') && l.includes(name))
    ?.split(' — ')[1];
  const [email, password] = line?.split(' / ') ?? [];
  if (email === undefined || password === undefined) {
    throw new Error(`no sign-in details for ${name} in:\n${output}`);
  }
  return { email: email.trim(), password: password.trim() };
}

/** Runs a GraphQL operation as Karim, through the real API, to check what the pages did. */
async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined || body.data === undefined) {
    throw new Error(`API: ${JSON.stringify(body)}`);
  }
  return body.data;
}

interface Cell {
  skillId: string;
  status: string;
  level: number | null;
}

/** @returns where a learner stands on a skill, read from the group's progress grid. */
async function stateOf(groupId: string, curriculumId: string, learnerId: string, skillId: string) {
  const data = await api<{
    progressGrid: { rows: Array<{ learnerId: string; cells: Cell[] }> };
  }>(
    `query G($groupId: ID!, $curriculumId: ID!) {
      progressGrid(groupId: $groupId, curriculumId: $curriculumId) {
        ... on ProgressGrid { rows { learnerId cells { skillId status level } } }
      }
    }`,
    { groupId, curriculumId },
  );
  return data.progressGrid.rows
    .find((r) => r.learnerId === learnerId)
    ?.cells.find((c) => c.skillId === skillId);
}

async function attendance(): Promise<Array<{ displayName: string; method: string }>> {
  const data = await api<{
    workshopSession: { attendance: Array<{ displayName: string; method: string }> };
  }>(
    `query S($id: ID!) {
      workshopSession(id: $id) { ... on WorkshopSession { attendance { displayName method } } }
    }`,
    { id: sessionId },
  );
  return data.workshopSession.attendance;
}

/** @returns a learner row of the validation grid (a group named after the learner). */
function row(name: string) {
  return page.getByRole('group', { name });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ page, problems } = await openPage(browser));
  karim = trainerCredentials(server.output(), 'Karim Benali');
  const login = await fetch(`${server.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(karim),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
  const groups = await api<{
    myGroups: Array<{
      id: string;
      name: string;
      learners: Array<{ personId: string; displayName: string }>;
    }>;
  }>('{ myGroups { id name learners { personId displayName } } }');
  for (const group of groups.myGroups) {
    if (group.name === 'Café numérique des aînés') seniorsGroupId = group.id;
    for (const learner of group.learners) people.set(learner.displayName, learner.personId);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a trainer during a workshop, on his phone', () => {
  it('signs in and sees today’s session, the evidence waiting and his groups', async () => {
    await page.goto(`${server.base}/connexion`);
    await page.getByLabel('mon adresse e-mail').check();
    await page.getByLabel('Votre adresse e-mail').fill(karim.email);
    await page.getByLabel('Votre mot de passe').fill(karim.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('#today');
    expect(await heading()).toBe('Mes ateliers');
    const today = page.locator('section[aria-labelledby="today"] li');
    expect(await today.count()).toBe(1);
    expect(plain(await today.textContent())).toContain('Café numérique des aînés');
    expect(plain(await page.locator('#queue + p').textContent())).toMatch(
      /^\d+ preuves? attend(ent)? votre avis$/,
    );
    expect(await page.locator('section[aria-labelledby="groups"] h3').allTextContents()).toEqual(
      expect.arrayContaining(['Café numérique des aînés', 'Labo emploi']),
    );
    await checkPage('the trainer’s home', 'trainer-01-home');
  });

  it('opens today’s session and shows its QR code big; a learner scanning it is checked in', async () => {
    await page.getByRole('link', { name: 'Envoyer son premier mail' }).click();
    await page.waitForSelector('svg.qr-code');
    expect(await heading()).toBe('Envoyer son premier mail');
    sessionId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const qr = await page.locator('.check-in-qr svg.qr-code').boundingBox();
    expect(qr?.width ?? 0).toBeGreaterThan(280);
    await checkPage('the session page', 'trainer-02-session');

    // Jeannine scans the code with her own phone: the QR code's address, then her card's code.
    const { checkInCode } = (
      await api<{ workshopSession: { checkInCode: string } }>(
        'query S($id: ID!) { workshopSession(id: $id) { ... on WorkshopSession { checkInCode } } }',
        { id: sessionId },
      )
    ).workshopSession;
    const label = await page.locator('.check-in-qr svg.qr-code').getAttribute('aria-label');
    expect(plain(label)).toBe('QR code pour pointer à la séance « Envoyer son premier mail »');
    const jeannine = server.learner('Jeannine Dubois');
    const phone = await openPage(browser);
    await phone.page.goto(`${server.base}/pointage/${checkInCode}`);
    await phone.page.waitForURL(/\/connexion\?suite=/);
    await phone.page.getByLabel('Votre code', { exact: true }).fill(jeannine.learnerCode ?? '');
    await phone.page.getByLabel('Votre code secret').fill(jeannine.pin ?? '');
    await phone.page.getByRole('button', { name: 'Se connecter' }).click();
    await phone.page.locator('.notice-success', { hasText: 'vous êtes présent' }).waitFor();
    await checkPage('the check-in page', 'trainer-03-learner-checked-in', phone.page);
    expect(phone.problems).toEqual([]);
    await phone.context.close();

    // The trainer's page asks again by itself; "Actualiser" does it at once.
    await page.getByRole('button', { name: 'Actualiser' }).click();
    await page.locator('.roll-call-present', { hasText: 'Jeannine Dubois' }).waitFor();
    expect(plain(await page.locator('.roll-call-present').textContent())).toContain(
      'Jeannine Dubois — présent (QR code)',
    );
  });

  it('marks a learner present with one tap', async () => {
    await page.getByRole('button', { name: 'Gérard Bonnet — noter sa présence' }).click();
    await page.locator('.roll-call-present', { hasText: 'Gérard Bonnet — présent' }).waitFor();
    expect(plain(await page.locator('.roll-call-count').textContent())).toBe('2 présents sur 4');
    expect(await attendance()).toEqual(
      expect.arrayContaining([
        { displayName: 'Jeannine Dubois', method: 'QR' },
        { displayName: 'Gérard Bonnet', method: 'ROLL_CALL' },
      ]),
    );
    // Only those present get a row to validate.
    await row('Gérard Bonnet').waitFor();
    expect(await page.locator('.decision-row').count()).toBe(2);
    await checkPage('the roll-call', 'trainer-04-roll-call');
  });

  it('taps "Acquis" for a learner, undoes it, and taps again', async () => {
    const jeannineId = people.get('Jeannine Dubois') ?? '';
    const jeannine = row('Jeannine Dubois');
    await jeannine.getByRole('button', { name: 'Acquis' }).click();
    await jeannine.getByText('Validé.').waitFor();
    expect(await stateOf(seniorsGroupId, S, jeannineId, MAIL)).toMatchObject({
      status: 'VALIDATED',
      level: 1,
    });
    await checkPage('a validation just made', 'trainer-05-acquis');

    await jeannine.getByRole('button', { name: 'Annuler — Jeannine Dubois' }).click();
    await jeannine.getByText('Validation annulée.').waitFor();
    expect(await jeannine.locator('.status').textContent()).toContain('À refaire');
    expect((await stateOf(seniorsGroupId, S, jeannineId, MAIL))?.status).toBe('WITHDRAWN');

    await jeannine.getByRole('button', { name: 'Acquis' }).click();
    await jeannine.getByText('Validé.').waitFor();
    expect((await stateOf(seniorsGroupId, S, jeannineId, MAIL))?.status).toBe('VALIDATED');

    // Gérard sends mails on his own: level 2.
    const gerard = row('Gérard Bonnet');
    await gerard.getByLabel('Niveau — Gérard Bonnet').selectOption('2');
    await gerard.getByRole('button', { name: 'Acquis' }).click();
    await gerard.getByText('Validé.').waitFor();
    expect(await stateOf(seniorsGroupId, S, people.get('Gérard Bonnet') ?? '', MAIL)).toMatchObject(
      { status: 'VALIDATED', level: 2 },
    );
  });

  it('validates a skill for everyone present after confirming how many, and announces the badge', async () => {
    await page.getByLabel('Joindre un document à un mail').check();
    await page.locator('h3', { hasText: 'Joindre un document à un mail' }).waitFor();
    await page
      .getByRole('button', { name: 'Valider pour tous les présents (2 personnes)' })
      .click();
    expect(plain(await page.locator('.confirm-question').textContent())).toBe(
      'Valider « Joindre un document à un mail » pour les 2 personnes présentes ?',
    );
    await checkPage('the bulk validation’s confirmation', 'trainer-06-bulk-confirm');
    await page.getByRole('button', { name: 'Oui, valider pour 2 personnes' }).click();
    await page.locator('.announcements', { hasText: 'validée pour 2 personnes' }).waitFor();
    // Gérard had his address and now sends mails alone and attaches a document: « Messagerie ».
    expect(plain(await page.locator('.announcements').textContent())).toContain(
      'Badge obtenu par Gérard Bonnet : « Messagerie »',
    );
    for (const name of ['Jeannine Dubois', 'Gérard Bonnet']) {
      expect((await stateOf(seniorsGroupId, S, people.get(name) ?? '', ATTACHMENT))?.status).toBe(
        'VALIDATED',
      );
    }
    await checkPage('the bulk validation’s result', 'trainer-07-bulk-done');
  });

  it('reviews the evidence queue: validates a photo, refuses a link with a comment', async () => {
    // Jeannine hands in a photo from her phone (through the API, as the skill page sends it).
    const jeannine = server.learner('Jeannine Dubois');
    const login = await fetch(`${server.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ learnerCode: jeannine.learnerCode, pin: jeannine.pin }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: `mutation S($skillId: ID!, $text: String, $file: File) {
          submitEvidence(skillId: $skillId, text: $text, file: $file) { __typename }
        }`,
        variables: { skillId: PHOTOS, text: 'La photo envoyée à ma fille.', file: null },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([Buffer.from(PNG, 'base64')], { type: 'image/png' }), 'photo.png');
    const submitted = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'graphql-preflight': '1' },
      body: form,
    });
    expect(await submitted.json()).toEqual({
      data: { submitEvidence: { __typename: 'SubmitEvidenceSuccess' } },
    });

    await page.getByRole('link', { name: 'Mes ateliers' }).first().click();
    await page.waitForSelector('#queue');
    await page.locator('#queue + p a').click();
    await page.waitForSelector('.review-item');
    expect(await heading()).toBe('Preuves à valider');
    const before = await page.locator('.review-item').count();
    const photo = page.locator('.review-item', {
      hasText: 'Jeannine Dubois — Partager des photos',
    });
    const image = photo.getByRole('img', { name: 'Photo envoyée par Jeannine Dubois' });
    await image.waitFor();
    await page.waitForFunction(
      () => (document.querySelector('img.evidence-photo') as HTMLImageElement | null)?.complete,
    );
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    expect(await image.getAttribute('src')).toMatch(/^\/evidence-files\/[^?]+\?exp=\d+&sig=/);
    await checkPage('the evidence queue', 'trainer-08-queue');

    await photo
      .getByRole('button', {
        name: 'Valider — Jeannine Dubois, Partager des photos avec ses proches',
      })
      .click();
    await photo.getByText('Validé pour Jeannine Dubois.').waitFor();

    // The refusal with the keyboard alone: the comment is required.
    const letter = page.locator('.review-item', { hasText: 'lettre de motivation' });
    await letter.getByRole('button', { name: /^Refuser — Thomas Robin/ }).focus();
    await page.keyboard.press('Enter');
    const why = letter.getByLabel(/Ce qu'il reste à faire/);
    await why.waitFor();
    expect(await why.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Envoyer le refus');
    await page.keyboard.press('Enter');
    await letter.getByText(/Écrivez pourquoi/).waitFor();
    expect(await why.getAttribute('aria-invalid')).toBe('true');
    await why.focus();
    await page.keyboard.type('Citez deux exigences de l’offre et montrez que vous y répondez.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await letter.getByText(/Refusé.*Thomas Robin recevra votre message/).waitFor();
    await checkPage('the evidence queue after two decisions', 'trainer-09-queue-decided');

    const queue = await api<{
      validationQueue: { requests: Array<{ learnerName: string; skillId: string }> };
    }>('{ validationQueue { ... on ValidationQueue { requests { learnerName skillId } } } }');
    expect(queue.validationQueue.requests).toHaveLength(before - 2);
    expect(
      queue.validationQueue.requests.filter((r) =>
        ['Thomas Robin', 'Jeannine Dubois'].includes(r.learnerName),
      ),
    ).toEqual([]);
    expect(
      (await stateOf(seniorsGroupId, S, people.get('Jeannine Dubois') ?? '', PHOTOS))?.status,
    ).toBe('VALIDATED');
    const groups = await api<{ myGroups: Array<{ id: string; name: string }> }>(
      '{ myGroups { id name } }',
    );
    const emploi = groups.myGroups.find((g) => g.name === 'Labo emploi')?.id ?? '';
    const thomas = people.get('Thomas Robin') ?? '';
    expect(
      (
        await stateOf(
          emploi,
          'parcours-emploi',
          thomas,
          'parcours-emploi/ecrire-une-lettre-de-motivation',
        )
      )?.status,
    ).toBe('IN_PROGRESS');
  });

  it('sees the changes in the group’s progress grid, in colour and in text', async () => {
    await page.getByRole('link', { name: 'Mes ateliers' }).first().click();
    await page
      .getByRole('link', { name: 'Voir la progression du groupe — Café numérique des aînés' })
      .click();
    await page.waitForSelector('.progress-table');
    expect(await heading()).toBe('Progression — Café numérique des aînés');
    const jeannineId = people.get('Jeannine Dubois') ?? '';
    const cell = page.locator(`tr[data-learner-id="${jeannineId}"] td[data-skill-id="${MAIL}"]`);
    expect(await cell.getAttribute('class')).toContain('status-validated');
    expect(plain(await cell.textContent())).toBe('✓1Acquise, niveau 1');
    const gerardId = people.get('Gérard Bonnet') ?? '';
    expect(
      await page
        .locator(`tr[data-learner-id="${gerardId}"] td[data-skill-id="${ATTACHMENT}"]`)
        .getAttribute('class'),
    ).toContain('status-validated');
    // The table scrolls sideways inside its region; the page itself does not.
    const region = await page.locator('.grid-scroll').evaluate((el) => ({
      scroll: el.scrollWidth,
      client: el.clientWidth,
    }));
    expect(region.scroll).toBeGreaterThan(region.client);
    await checkPage('the progress grid', 'trainer-10-progress-grid');

    await page.getByRole('button', { name: 'Texte' }).click();
    await page.waitForSelector('.progress-text-view');
    expect(page.url()).toContain('vue=texte');
    const jeannine = page.locator(`.progress-text-view > li[data-learner-id="${jeannineId}"]`);
    expect(plain(await jeannine.locator(`li[data-skill-id="${MAIL}"]`).textContent())).toBe(
      'Envoyer et recevoir des mails : ✓ Acquise niveau 1',
    );
    await checkPage('the progress grid as text', 'trainer-11-progress-text');
  });

  it('creates learner accounts and opens their printable QR cards, without the PIN', async () => {
    await page.getByRole('link', { name: 'Mes ateliers' }).first().click();
    await page
      .getByRole('link', { name: 'Créer un compte apprenant — Café numérique des aînés' })
      .click();
    await page.waitForSelector('form');
    expect(await heading()).toBe('Créer un compte apprenant');
    // Opened from the group's card: that group is chosen.
    expect(await page.getByLabel('Groupe').inputValue()).toBe(seniorsGroupId);
    await page.getByLabel('Prénom et nom').fill('Paulette Renard');
    await checkPage('the new account form', 'trainer-12-new-learner');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.waitForSelector('.created-account');
    const code = (await page.getByTestId('learner-code').textContent()) ?? '';
    const pin = (await page.getByTestId('learner-pin').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(pin).toMatch(/^\d{6}$/);
    await checkPage('the new account’s code and PIN', 'trainer-13-created');

    // The code and PIN shown are the ones that sign in.
    const signIn = await fetch(`${server.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ learnerCode: code, pin }),
    });
    expect(signIn.status).toBe(200);

    // A minor: the guardian's consent is asked for first.
    await page.getByRole('button', { name: 'Créer un autre compte' }).click();
    await page.getByLabel('Prénom et nom').fill('Timéo Renard');
    await page.getByLabel('Cette personne a moins de 18 ans').check();
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Écrivez le nom du parent ou responsable.').waitFor();
    await page.getByLabel('Nom du parent ou responsable').fill('Paulette Renard');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.waitForSelector('.created-account');
    const minorCode = (await page.getByTestId('learner-code').textContent()) ?? '';
    const groups = await api<{
      myGroups: Array<{ id: string; learners: Array<{ displayName: string }> }>;
    }>('{ myGroups { id learners { displayName } } }');
    expect(
      groups.myGroups.find((g) => g.id === seniorsGroupId)?.learners.map((l) => l.displayName),
    ).toEqual(expect.arrayContaining(['Paulette Renard', 'Timéo Renard']));

    await page.getByRole('link', { name: 'Imprimer la carte' }).click();
    await page.waitForSelector('.learner-card svg.qr-code');
    expect(await heading()).toBe('Cartes à imprimer');
    const cards = page.locator('.learner-card');
    expect(await cards.count()).toBe(2);
    expect(plain(await cards.nth(0).textContent())).toContain('Paulette');
    expect(plain(await cards.nth(0).textContent())).not.toContain('Renard');
    expect(plain(await cards.nth(0).locator('.learner-card-code').textContent())).toBe(code);
    expect(plain(await cards.nth(1).locator('.learner-card-code').textContent())).toBe(minorCode);
    expect(await page.locator('main').textContent()).not.toContain(pin);
    expect(await cards.nth(0).locator('svg.qr-code').getAttribute('aria-label')).toBe(
      'QR code de connexion de Paulette',
    );
    await checkPage('the printable cards', 'trainer-14-cards');

    // On paper: only the cards, two columns of 95 mm, eight to a sheet.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.banner').isVisible()).toBe(false);
    expect(await page.locator('.no-print').isVisible()).toBe(false);
    const [first, second] = await Promise.all([
      cards.nth(0).boundingBox(),
      cards.nth(1).boundingBox(),
    ]);
    expect(first?.y).toBe(second?.y);
    expect(Math.round(first?.width ?? 0)).toBe(Math.round((95 / 25.4) * 96));
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });
});
