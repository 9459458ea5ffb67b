/**
 * Signing in as the demo people: their details come from the block the server prints after
 * seeding (the only thing a journey reads besides the pages), then the sign-in page is filled
 * in as a person would.
 */
import type { Page } from 'playwright-core';

export interface StaffCredentials {
  email: string;
  password: string;
}

/**
 * @param output what the server printed at start.
 * @param role the line's English label: `Admin` or `Trainer`.
 * @param name whose line, when there are several (the trainers).
 * @returns their email and password.
 * @throws when no such line was printed.
 */
export function staffCredentials(
  output: string,
  role: 'Admin' | 'Trainer',
  name?: string,
): StaffCredentials {
  const line = output
    .split('\n')
    .find((l) => l.includes(`${role} :`) && (name === undefined || l.includes(name)));
  const match = / — (\S+@\S+) \/ (.+)$/.exec(line ?? '');
  if (match === null) {
    throw new Error(`no sign-in details for ${name ?? role} in the start output:\n${output}`);
  }
  return { email: match[1] ?? '', password: (match[2] ?? '').trim() };
}

/** Signs in with an email and a password, and waits until the sign-in page is left. */
export async function signInWithEmail(
  page: Page,
  base: string,
  credentials: StaffCredentials,
): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('mon adresse e-mail').check();
  await page.getByLabel('Votre adresse e-mail').fill(credentials.email);
  await page.getByLabel('Votre mot de passe').fill(credentials.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/** Signs in with a learner's card code and PIN, and waits until the sign-in page is left. */
export async function signInWithCode(
  page: Page,
  base: string,
  learner: { learnerCode: string; pin: string },
): Promise<void> {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Votre code', { exact: true }).fill(learner.learnerCode);
  await page.getByLabel('Votre code secret').fill(learner.pin);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}
