/**
 * The employment pathway through the pages only (issue 6), in real Chromium on a phone against
 * the real server with its demo data: Yasmine, a job seeker, adds a target job and sees what
 * she is missing and what to learn next, creates a share link; an anonymous visitor opens it and
 * sees the shared items (never a counsellor's note); Yasmine sees the opening in the log and
 * removes the link; the visitor is told it is no longer valid. Yasmine downloads her passport
 * (a PDF) and her CLR record. Claire, the job counsellor, signs in, finds Yasmine, adds a
 * private note and ticks a milestone for her; Yasmine sees the milestone, not the note.
 * axe runs on every page; each step saves a screenshot to tests/e2e/screenshots/pathway/.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './support/browser.ts';
import { checkPage, heading, plain } from './support/pages.ts';
import { type RunningServer, startServer } from './support/server.ts';
import { type StaffCredentials, signInWithEmail } from './support/sign-in.ts';

const LEARNER = 'Yasmine Haddad';
const NEW_JOB = 'Technicien ou technicienne de maintenance informatique';
const NOTE = 'Lui proposer l’atelier tableur avant l’immersion de janvier.';
/** The note the demo data holds about Yasmine: never on her page nor on a share. */
const DEMO_NOTE = 'Entretien chez un bailleur social';
const MILESTONE = 'Lettre de motivation prête';

let server: RunningServer;
let browser: Browser;
let yasmine: Page;
let visitor: Page;
let problems: string[];
let shareUrl = '';

/** The counsellor's line of the printed sign-in block. */
function counsellorCredentials(output: string): StaffCredentials {
  const line = output.split('\n').find((l) => l.includes('Job counsellor :'));
  const match = / — (\S+@\S+) \/ (.+)$/.exec(line ?? '');
  if (match === null) throw new Error(`no counsellor in the start output:\n${output}`);
  return { email: match[1] ?? '', password: (match[2] ?? '').trim() };
}

async function bodyText(page: Page): Promise<string> {
  return plain(await page.locator('main').textContent());
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const learner = await openPage(browser);
  const anonymous = await openPage(browser);
  yasmine = learner.page;
  visitor = anonymous.page;
  // Script errors and server failures of both pages, checked at the end.
  problems = learner.problems;
  anonymous.page.on('pageerror', (error) =>
    problems.push(`visitor script error: ${error.message}`),
  );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a job seeker’s pathway, shared and followed', () => {
  it('Yasmine opens « Mon parcours vers l’emploi » from her home page', async () => {
    const { email, password } = server.learner(LEARNER);
    await signInWithEmail(yasmine, server.base, { email: email ?? '', password: password ?? '' });
    await yasmine.getByRole('link', { name: /^Mon parcours vers l'emploi/ }).click();
    await yasmine.waitForURL(/\/mon-parcours-emploi$/);
    await yasmine.getByRole('heading', { name: 'Où vous en êtes pour chaque métier' }).waitFor();
    expect(await heading(yasmine)).toBe("Mon parcours vers l'emploi");
    // The demo data: two target jobs, milestones set by her and by her counsellor.
    const text = await bodyText(yasmine);
    expect(text).toContain('Assistant ou assistante administrative');
    expect(text).toContain('notée par un conseiller ou une conseillère emploi');
    expect(text).not.toContain(DEMO_NOTE);
    await checkPage(yasmine, 'the pathway page', 'pathway/01-learner-pathway');
  });

  it('she adds a target job and sees what she has, what is missing and what to learn next', async () => {
    await yasmine.getByRole('button', { name: 'Changer mes métiers' }).click();
    await yasmine.getByRole('checkbox', { name: new RegExp(`^${NEW_JOB}`) }).check();
    await checkPage(yasmine, 'the target picker', 'pathway/02-target-picker');
    await yasmine.getByRole('button', { name: 'Enregistrer mes métiers' }).click();
    const card = yasmine.locator('li.target-gap', {
      has: yasmine.getByRole('heading', { name: NEW_JOB }),
    });
    await card.waitFor();
    const cardText = plain(await card.textContent());
    expect(cardText).toMatch(/Fiche ROME I\d{4}/);
    expect(cardText).toMatch(/\d+ éléments? indispensables? acquis sur \d+/);
    expect(cardText).toContain('Ce que vous avez déjà');
    expect(cardText).toContain('Ce qui vous manque');
    expect(cardText).toContain('À apprendre ensuite');
    // The first next step links to its skill page.
    const firstStep = card.locator('ol.next-steps > li > a').first();
    expect(await firstStep.getAttribute('href')).toMatch(/^\/competences\//);
    await checkPage(yasmine, 'the gaps with a new target', 'pathway/03-gaps');
  });

  it('she creates a share link, and a visitor sees the shared items, no note', async () => {
    await yasmine.getByRole('button', { name: 'Créer le lien' }).click();
    const field = yasmine.getByLabel('Adresse du lien');
    await field.waitFor();
    shareUrl = await field.inputValue();
    expect(shareUrl).toMatch(new RegExp(`^${server.base}/partage/\\S+$`));
    await checkPage(yasmine, 'the share link created', 'pathway/04-share-created');

    await visitor.goto(shareUrl);
    expect(await heading(visitor)).toContain('Parcours vers l’emploi');
    const shared = plain(await visitor.locator('body').textContent());
    expect(shared).toContain('Métiers visés');
    expect(shared).toContain(NEW_JOB);
    expect(shared).not.toContain(DEMO_NOTE);
    await checkPage(visitor, 'the public share page', 'pathway/05-visitor-share');
  });

  it('she sees the opening in the log, then removes the link; the visitor is told', async () => {
    await yasmine.reload();
    const link = yasmine.locator('li.share-link').first();
    await link.waitFor();
    expect(plain(await link.textContent())).toContain('Ouvert 1 fois');
    await checkPage(yasmine, 'the share links with an opening', 'pathway/06-openings');
    await link.getByRole('button', { name: /^Retirer le lien du/ }).click();
    const dialog = yasmine.getByRole('dialog');
    await checkPage(yasmine, 'the removal dialog', 'pathway/07-revoke-dialog');
    await dialog.getByRole('button', { name: 'Retirer le lien' }).click();
    await dialog.waitFor({ state: 'detached' });
    await yasmine.locator('li.share-link', { hasText: 'Retiré le' }).first().waitFor();

    await visitor.reload();
    expect(await heading(visitor)).toBe('Lien plus valable');
    expect(plain(await visitor.locator('body').textContent())).toContain('a été retiré');
    await checkPage(visitor, 'the removed share page', 'pathway/08-visitor-revoked');
  });

  it('she downloads her skills passport (a PDF) and her CLR record', async () => {
    const [response, download] = await Promise.all([
      yasmine.waitForResponse((r) => r.url().includes('/me/passeport.pdf')),
      yasmine.waitForEvent('download'),
      yasmine.getByRole('button', { name: /passeport de compétences \(PDF\)/ }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect(new URL(response.url()).searchParams.get('lang')).toBe('fr');
    const pdf = readFileSync((await download.path()) ?? '');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(download.suggestedFilename()).toBe('passeport-competences-fr.pdf');

    const [clr] = await Promise.all([
      yasmine.waitForEvent('download'),
      yasmine.getByRole('button', { name: /relevé CLR/ }).click(),
    ]);
    const record = JSON.parse(readFileSync((await clr.path()) ?? '', 'utf8')) as {
      type?: unknown;
    };
    expect(JSON.stringify(record.type)).toContain('ClrCredential');
  });

  it('Claire, the counsellor, finds Yasmine, adds a private note and ticks a milestone', async () => {
    const { page: claire, problems: claireProblems } = await openPage(browser);
    await signInWithEmail(claire, server.base, counsellorCredentials(server.output()));
    await claire.waitForURL(/\/conseil$/);
    expect(await heading(claire)).toBe('Les personnes que je suis');
    const card = claire.locator('li.card', { has: claire.getByRole('link', { name: LEARNER }) });
    await card.getByText(/étapes? atteintes? sur/).waitFor();
    const cardText = plain(await card.textContent());
    expect(cardText).toContain(NEW_JOB);
    expect(cardText).toMatch(/3 étapes atteintes sur \d+/);
    await checkPage(claire, 'the counsellor home', 'pathway/09-counsellor-home');

    await card.getByRole('link', { name: LEARNER }).click();
    await claire.getByRole('heading', { name: 'Mes notes privées' }).waitFor();
    expect(await heading(claire)).toBe(`Parcours de ${LEARNER}`);
    expect(await bodyText(claire)).toContain(DEMO_NOTE);
    await claire.getByLabel('Nouvelle note').fill(NOTE);
    await claire.getByRole('button', { name: 'Ajouter la note' }).click();
    const note = claire.locator('li.private-note', { hasText: NOTE });
    await note.waitFor();
    expect(plain(await note.textContent())).toContain("Note privée — l'apprenant ne la voit pas");

    const milestone = claire.locator('li.milestone', {
      has: claire.getByRole('heading', { name: MILESTONE }),
    });
    await milestone.getByRole('button', { name: new RegExp(`^Cocher « ${MILESTONE}`) }).click();
    await milestone.getByText('notée par vous').waitFor();
    await checkPage(claire, 'the counsellor’s view of Yasmine', 'pathway/10-counsellor-learner');
    expect(claireProblems).toEqual([]);
  });

  it('Yasmine sees the milestone her counsellor ticked, and not the note', async () => {
    await yasmine.reload();
    const milestone = yasmine.locator('li.milestone', {
      has: yasmine.getByRole('heading', { name: MILESTONE }),
    });
    await milestone.getByText(/Atteinte le/).waitFor();
    expect(plain(await milestone.textContent())).toContain(
      'notée par un conseiller ou une conseillère emploi',
    );
    const text = await bodyText(yasmine);
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain(DEMO_NOTE);
    await checkPage(yasmine, 'the pathway after the counsellor', 'pathway/11-learner-after');
    expect(problems).toEqual([]);
  });
});
