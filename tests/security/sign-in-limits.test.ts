/**
 * Threat: guessing sign-in secrets over HTTP. A learner's PIN is 4 to 6 digits; an attacker
 * may guess one account's PIN, cycle through learner codes from one address, or spray one
 * common password (or PIN) over many accounts from many addresses, so that no single account
 * or address looks busy.
 *
 * Proves, against the real application with the demo data, from the attacker's side:
 * - the fifth wrong PIN locks the account (from one address or many); the right PIN is then
 *   refused too until the lock ends; the answer (423) says plainly, in French and English,
 *   for how long, with `Retry-After` and `lockedUntil`; an unknown code locks the same way;
 * - one address cycling learner codes (or trying one password over many emails) is refused
 *   after 20 failures in 5 minutes (429, `Retry-After`, French and English), even with a right
 *   code and PIN, and even when it forges `X-Forwarded-For` through the proxy; other addresses
 *   are not affected, and successful sign-ins do not use up an address's allowance;
 * - one password (or PIN) that failed on 10 accounts in 15 minutes is refused for everyone,
 *   from any address, even on the account it would open, until the window moves on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../support/databases.ts';
import { type DemoPerson, type DemoSite, startDemoSite } from './support/demo-site.ts';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    accessToken?: string;
    error?: { code: string; message: { fr: string; en: string }; lockedUntil?: string };
  };
}

const MINUTE = 60_000;

describe.each(testDatabaseKinds())('sign-in limits on %s', (kind) => {
  let site: DemoSite;
  let withCode: Array<DemoPerson & { learnerCode: string; pin: string }>;

  beforeAll(async () => {
    site = await startDemoSite(kind);
    withCode = site.learners.flatMap((l) =>
      l.learnerCode !== undefined && l.pin !== undefined
        ? [{ ...l, learnerCode: l.learnerCode, pin: l.pin }]
        : [],
    );
    if (withCode.length < 4) throw new Error('the demo data has too few learners with a code');
  }, 300_000);
  afterAll(async () => {
    await site?.dispose();
  });

  /**
   * Signs in from `address`: the test talks to the server over loopback, which the
   * application trusts as its reverse proxy, so `X-Forwarded-For` is the client's address.
   */
  async function signIn(
    address: string,
    body: { learnerCode: string; pin: string } | { email: string; password: string },
  ): Promise<Answer> {
    const response = await fetch(`${site.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as Answer['body'],
    };
  }

  /** A well-formed PIN that is not `pin`, different for each `n`. */
  const wrongPin = (pin: string, n: number): string => {
    const guess = String((Number(pin) + 1 + n * 7919) % 1_000_000).padStart(6, '0');
    return guess === pin ? String((Number(guess) + 1) % 1_000_000).padStart(6, '0') : guess;
  };

  it('locks a PIN at the fifth wrong guess, from any address, and says until when', async () => {
    const learner = withCode[0] as (typeof withCode)[number];
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let n = 0; n < 5; n += 1) {
      // Every guess from another address: the lock is the account's, not the address's.
      last = await signIn(`198.51.100.${n + 1}`, {
        learnerCode: learner.learnerCode,
        pin: wrongPin(learner.pin, n),
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const lockedUntil = new Date(site.clock.now.getTime() + 15 * MINUTE).toISOString();
    expect(last?.retryAfter).toBe('900');
    expect(last?.body.error).toEqual({
      code: 'account-locked',
      message: {
        fr: "Trop d'essais infructueux : par sécurité, la connexion est bloquée pendant encore 15 minutes.",
        en: 'Too many failed attempts: for your safety, sign-in is blocked for 15 more minutes.',
      },
      lockedUntil,
    });

    // The right PIN, even from a fresh address and with the code typed differently, waits.
    const typedLower = learner.learnerCode.toLowerCase();
    const right = await signIn('198.51.100.99', { learnerCode: typedLower, pin: learner.pin });
    expect(right.status).toBe(423);
    expect(right.body.accessToken).toBeUndefined();
    expect(right.retryAfter).toBe('900');

    site.clock.advance(14 * MINUTE);
    const almost = await signIn('198.51.100.99', {
      learnerCode: learner.learnerCode,
      pin: learner.pin,
    });
    expect(almost.status).toBe(423);
    expect(almost.retryAfter).toBe('60');
    expect(almost.body.error?.message.fr).toContain('pendant encore 1 minute.');
    expect(almost.body.error?.message.en).toContain('blocked for 1 more minute.');
    expect(almost.body.error?.lockedUntil).toBe(lockedUntil);

    site.clock.advance(MINUTE);
    const after = await signIn('198.51.100.99', {
      learnerCode: learner.learnerCode,
      pin: learner.pin,
    });
    expect(after.status).toBe(200);
    expect(after.body.accessToken).toMatch(/^ey/);
  });

  it('locks a made-up code the same way, so locking reveals no account', async () => {
    const real = withCode[1] as (typeof withCode)[number];
    const answersFor = async (learnerCode: string, address: string) => {
      const answers: Answer[] = [];
      for (let n = 0; n < 6; n += 1)
        answers.push(await signIn(address, { learnerCode, pin: wrongPin(real.pin, n) }));
      return answers;
    };
    const forReal = await answersFor(real.learnerCode, '198.51.100.120');
    const forNobody = await answersFor('ZZZZ99', '198.51.100.121');
    const shape = (answers: Answer[]) => answers.map((a) => [a.status, a.retryAfter, a.body]);
    expect(shape(forNobody)).toEqual(shape(forReal));
    expect(forReal.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
    site.clock.advance(15 * MINUTE);
  });

  it('refuses an address cycling learner codes after 20 failures, forged proxies included', async () => {
    const attacker = '203.0.113.50';
    const [victim, ...others] = withCode.slice(2) as typeof withCode;
    if (victim === undefined) throw new Error('no learner left for the victim');
    const codes = [
      ...others.map((l) => l.learnerCode),
      ...Array.from({ length: 25 }, (_, n) => `K${String(n).padStart(2, '0')}QXZ`.slice(0, 6)),
    ].slice(0, 25);
    const statuses: number[] = [];
    let refused: Answer | undefined;
    for (const [n, learnerCode] of codes.entries()) {
      // A different PIN each time: this is the address limit, not the spray guard.
      const answer = await signIn(attacker, { learnerCode, pin: String(300_000 + n * 37) });
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect(refused?.retryAfter).toBe('300');
    expect(refused?.body.error).toEqual({
      code: 'too-many-attempts',
      message: {
        fr: 'Trop de tentatives de connexion depuis cet appareil. Réessayez dans 5 minutes.',
        en: 'Too many sign-in attempts from this device. Try again in 5 minutes.',
      },
    });

    const rightPair = { learnerCode: victim.learnerCode, pin: victim.pin };
    // Refused even with a right code and PIN while the address is limited…
    expect((await signIn(attacker, rightPair)).status).toBe(429);
    // …and a forged X-Forwarded-For does not help: the proxy appends the real address.
    for (const forged of ['10.1.2.3', '198.51.100.200', '127.0.0.1']) {
      expect((await signIn(`${forged}, ${attacker}`, rightPair)).status, forged).toBe(429);
    }
    // Other people, on other addresses, are not affected.
    expect((await signIn('203.0.113.51', rightPair)).status).toBe(200);

    site.clock.advance(5 * MINUTE);
    expect((await signIn(attacker, rightPair)).status).toBe(200);
  });

  it('does not count successful sign-ins against a shared address (a class on one Wi-Fi)', async () => {
    const venue = '203.0.113.70';
    const learner = withCode[3] as (typeof withCode)[number];
    for (let n = 0; n < 22; n += 1) {
      const answer = await signIn(venue, { learnerCode: learner.learnerCode, pin: learner.pin });
      expect(answer.status, `sign-in ${n + 1}`).toBe(200);
    }
  });

  it('refuses one address spraying a password over many emails after 20 failures', async () => {
    const emails = [
      site.seeded.credentials.admin.email,
      ...site.seeded.credentials.trainers.map((t) => t.email),
      site.seeded.credentials.counsellor.email,
      ...site.learners.flatMap((l) => (l.email === undefined ? [] : [l.email])),
      ...Array.from({ length: 25 }, (_, n) => `personne-${n}@grange.example`),
    ].slice(0, 22);
    // Each email once: the spray guard stops a password at 10 accounts, so the address limit
    // is shown with a different common password every 5 emails.
    const statuses: number[] = [];
    for (const [n, email] of emails.entries()) {
      const password = `Printemps202${Math.floor(n / 5)}!`;
      statuses.push((await signIn('203.0.113.60', { email, password })).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    site.clock.advance(5 * MINUTE);
  });

  it('refuses a password, then a PIN, sprayed from many addresses, even where it is right', async () => {
    const adults = site.learners.filter((l) => l.email !== undefined && l.password !== undefined);
    const target = adults[0];
    if (target?.email === undefined || target.password === undefined) {
      throw new Error('the demo data has no adult with a password');
    }
    const sprayed = target.password;
    // Ten other accounts (known ones and made-up ones count alike), one try each, each from
    // its own address: no account is locked, no address limited.
    const others = [
      site.seeded.credentials.admin.email,
      ...site.seeded.credentials.trainers.map((t) => t.email),
      site.seeded.credentials.counsellor.email,
      ...Array.from({ length: 10 }, (_, n) => `inconnu-${n}@grange.example`),
    ].slice(0, 10);
    for (const [n, email] of others.entries()) {
      const answer = await signIn(`192.0.2.${n + 1}`, { email, password: sprayed });
      expect(answer.status, email).toBe(401);
    }
    const hit = await signIn('192.0.2.200', { email: target.email, password: sprayed });
    expect(hit.status).toBe(429);
    expect(hit.body.accessToken).toBeUndefined();
    expect(hit.retryAfter).toBe('900');
    expect(hit.body.error).toEqual({
      code: 'too-many-attempts',
      message: {
        fr: "Ce mot de passe ou code PIN vient d'échouer sur trop de comptes : par sécurité, il est refusé pendant 15 minutes. Réessayez ensuite.",
        en: 'This password or PIN has just failed on too many accounts: for safety, it is refused for 15 minutes. Try again afterwards.',
      },
    });
    // Only that secret is refused: another one is checked as usual.
    expect(
      (await signIn('192.0.2.201', { email: target.email, password: 'autre-chose' })).status,
    ).toBe(401);

    // The same with a PIN: sprayed over ten codes, it no longer opens the eleventh.
    const learner = withCode[0] as (typeof withCode)[number];
    for (let n = 0; n < 10; n += 1) {
      const answer = await signIn(`192.0.2.${50 + n}`, {
        learnerCode: `ZQ${String(n).padStart(2, '0')}XY`,
        pin: learner.pin,
      });
      expect(answer.status).toBe(401);
    }
    const pinHit = await signIn('192.0.2.99', {
      learnerCode: learner.learnerCode,
      pin: learner.pin,
    });
    expect(pinHit.status).toBe(429);
    expect(pinHit.body.error?.code).toBe('too-many-attempts');

    site.clock.advance(15 * MINUTE);
    expect((await signIn('192.0.2.200', { email: target.email, password: sprayed })).status).toBe(
      200,
    );
    expect(
      (await signIn('192.0.2.99', { learnerCode: learner.learnerCode, pin: learner.pin })).status,
    ).toBe(200);
  });
});
