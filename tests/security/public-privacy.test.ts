/**
 * Threat: personal data escaping through what Grange publishes. Anyone (an employer, a
 * search engine, a scraper) can fetch the badge pages, credentials, images, OB 2.0 objects,
 * status lists, the DID document, share-link pages and the verification form; a learner also
 * hands their own CLR file and passport to others.
 *
 * Proves, with the demo data (minors with a guardian's consent, adults with an email, badges
 * issued by the engine, one revoked) and share links made by a minor (after an admin records
 * the guardian's yes to public shares) and by an adult, fetching every public surface
 * anonymously over HTTP:
 * - no email of anyone (learner, guardian, staff) appears in clear anywhere; the only address
 *   published is the issuer's contact; a recipient is only a salted `sha256$` hash (one salt
 *   per credential, so two badges of one person cannot be linked), which a verifier who knows
 *   the email can check;
 * - no minor's first or last name (nor their guardian's) appears anywhere: a minor's badges
 *   answer 404 on every surface, their share page says "a learner", their own CLR carries no
 *   name, their passport prints none when asked not to, and a verification of their badge
 *   shows none;
 * - an adult's name shows on the employer's HTML page of their badge and on a share page they
 *   made (their profile is public: the default for adults, which this asserts) but never in
 *   the credential, the baked images or the OB 2.0 assertion;
 * - the learner's exports are not public (401 without a token).
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unbakePng } from '../../badges/baking/png.ts';
import { unbakeSvg } from '../../badges/baking/svg.ts';
import { hashIdentity } from '../../badges/recipient/identity-hash.ts';
import { setGuardianConsent } from '../../server/app/accounts/set-guardian-consent.ts';
import { signInWithPin } from '../../server/app/accounts/sign-in-with-pin.ts';
import { createShareLink } from '../../server/app/pathway/share-links.ts';
import { findAward } from '../../server/db/repositories/badge-awards-repository.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { type DemoPerson, type DemoSite, startDemoSite } from './support/demo-site.ts';

const ISSUER_EMAIL = 'contact@grange.example';
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g;

/** One public answer, as text (images: their baked text too). */
interface Surface {
  what: string;
  status: number;
  text: string;
}

/** @returns a case-sensitive whole-word pattern for a name (accents are letters). */
function wordPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u');
}

async function pdfText(bytes: ArrayBuffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await pdf.cleanup();
  return parts.join('\n');
}

describe.each(testDatabaseKinds())('privacy of public output on %s', (kind) => {
  let site: DemoSite;
  let minors: DemoPerson[];
  let adults: DemoPerson[];
  /** Every surface fetched anonymously, filled by the first test and read by the others. */
  const surfaces: Surface[] = [];
  const awardsOf = (person: DemoPerson) =>
    site.seeded.issued.filter((award) => award.learnerKey === person.key);

  beforeAll(async () => {
    site = await startDemoSite(kind);
    minors = site.learners.filter((l) => l.cast.isMinor);
    adults = site.learners.filter((l) => !l.cast.isMinor);
    expect(minors.length).toBeGreaterThan(0);
    expect(minors.some((minor) => awardsOf(minor).length > 0)).toBe(true);
    expect(adults.some((adult) => adult.email !== undefined && awardsOf(adult).length > 0)).toBe(
      true,
    );
  }, 300_000);
  afterAll(async () => {
    await site?.dispose();
  });

  async function fetchSurface(
    what: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Surface> {
    const response = await fetch(`${site.base}${path}`, init);
    const type = response.headers.get('content-type') ?? '';
    let text: string;
    if (type.startsWith('image/png')) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const unbaked = unbakePng(bytes);
      text = [
        Buffer.from(bytes).toString('latin1'),
        ...(unbaked.ok ? unbaked.found.map((found) => found.text) : []),
      ].join('\n');
    } else if (type.startsWith('application/pdf')) {
      text = await pdfText(await response.arrayBuffer());
    } else {
      text = await response.text();
      if (type.startsWith('image/svg')) {
        const unbaked = unbakeSvg(text);
        if (unbaked.ok) text += `\n${JSON.stringify(unbaked)}`;
      }
    }
    const surface = { what, status: response.status, text };
    surfaces.push(surface);
    return surface;
  }

  /** Every surface of one award: page, credential, files, OB 2.0 assertion. */
  async function awardSurfaces(awardId: string, who: string): Promise<Surface[]> {
    return Promise.all([
      fetchSurface(`${who}: award page`, `/badges/${awardId}`, {
        headers: { accept: 'text/html' },
      }),
      fetchSurface(`${who}: award page (en)`, `/badges/${awardId}?lang=en`, {
        headers: { accept: 'text/html' },
      }),
      fetchSurface(`${who}: credential`, `/badges/${awardId}`, {
        headers: { accept: 'application/ld+json' },
      }),
      fetchSurface(`${who}: credential file`, `/badges/${awardId}.json`),
      fetchSurface(`${who}: baked PNG`, `/badges/${awardId}.png`),
      fetchSurface(`${who}: baked SVG`, `/badges/${awardId}.svg`),
      fetchSurface(`${who}: OB 2.0 assertion`, `/ob2/assertions/${awardId}`),
    ]);
  }

  it('answers 404 for every surface of a minor’s badge, and serves adults’ badges', async () => {
    for (const minor of minors) {
      for (const award of awardsOf(minor)) {
        for (const surface of await awardSurfaces(award.awardId, `minor ${minor.key}`)) {
          expect(surface.status, surface.what).toBe(404);
        }
      }
    }
    for (const adult of adults) {
      for (const award of awardsOf(adult)) {
        const revoked = (await findAward(site.db, award.awardId))?.revokedAt !== undefined;
        for (const surface of await awardSurfaces(award.awardId, `adult ${adult.key}`)) {
          const gone = revoked && surface.what.endsWith('OB 2.0 assertion');
          expect(surface.status, surface.what).toBe(gone ? 410 : 200);
        }
      }
    }
  });

  it('publishes the issuer’s objects, status lists and definitions without personal data', async () => {
    await fetchSurface('DID document', '/.well-known/did.json');
    await fetchSurface('issuer profile', '/issuer');
    await fetchSurface('OB 2.0 issuer', '/ob2/issuer');
    for (let number = 1; ; number += 1) {
      const list = await fetchSurface(`status list ${number}`, `/status/${number}`);
      if (list.status === 404) break;
      expect(list.status).toBe(200);
    }
    for (const badgeId of new Set(site.seeded.issued.map((award) => award.badgeId))) {
      await fetchSurface(`definition ${badgeId}`, `/badges/definitions/${badgeId}`, {
        headers: { accept: 'text/html' },
      });
      await fetchSurface(`BadgeClass ${badgeId}`, `/ob2/badges/${badgeId}`);
    }
    expect(surfaces.filter((s) => s.what.startsWith('status list')).length).toBeGreaterThan(1);
  });

  it('shows a minor’s share link without their name, and an adult’s with it', async () => {
    const admin = { personId: site.seeded.credentials.admin.personId, roles: ['admin' as const] };
    const minor = minors.find((m) => awardsOf(m).length > 0) as DemoPerson;
    await setGuardianConsent(site.accounts, admin, {
      learnerId: minor.personId,
      allowsPublicShare: true,
    });
    const pathwayDeps = { db: site.db, catalog: site.catalog, clock: site.clock.clock };
    const minorShare = await createShareLink(
      pathwayDeps,
      { personId: minor.personId, roles: ['learner'] },
      {
        items: {
          targets: true,
          milestones: true,
          awardIds: awardsOf(minor).map((award) => award.awardId),
        },
      },
    );
    const page = await fetchSurface('minor share page', `/partage/${minorShare.token}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Un apprenant ou une apprenante');
    const json = await fetchSurface('minor share JSON', `/partage/${minorShare.token}`, {
      headers: { accept: 'application/json' },
    });
    expect((JSON.parse(json.text) as { learnerName: unknown }).learnerName).toBeNull();
    // The badges it lists lead to pages that stay closed to the public.
    const listed = [...page.text.matchAll(/href="\/badges\/([^"]+)"/g)].map((m) => m[1]);
    expect(listed.length).toBe(awardsOf(minor).length);

    const adult = adults.find((a) => a.key === 'yasmine') ?? (adults[0] as DemoPerson);
    const adultShare = await createShareLink(
      pathwayDeps,
      { personId: adult.personId, roles: ['learner'] },
      {
        items: {
          targets: true,
          milestones: true,
          awardIds: awardsOf(adult).map((award) => award.awardId),
        },
      },
    );
    const adultPage = await fetchSurface('adult share page', `/partage/${adultShare.token}`, {
      headers: { accept: 'text/html' },
    });
    expect(adultPage.status).toBe(200);
    // The adult made the link to show their pathway: their name heads it.
    expect(adultPage.text).toContain(adult.displayName);
  });

  it('verifies a minor’s badge file at /verify without showing their name', async () => {
    const minor = minors.find((m) => awardsOf(m).length > 0) as DemoPerson;
    const award = await findAward(site.db, awardsOf(minor)[0]?.awardId ?? '');
    const credential = JSON.stringify(award?.credential);
    const report = await fetchSurface('verify report (JSON)', '/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: award?.credential }),
    });
    expect(report.status).toBe(200);
    const form = new FormData();
    form.set('file', new Blob([credential], { type: 'application/json' }), 'badge.json');
    const page = await fetchSurface('verify report (page)', '/verify', {
      method: 'POST',
      body: form,
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="verdict-title"');
  });

  it('keeps the learner’s exports private, and a minor’s CLR and hidden-name passport nameless', async () => {
    expect((await fetch(`${site.base}/me/clr.json`)).status).toBe(401);
    expect((await fetch(`${site.base}/me/passeport.pdf`)).status).toBe(401);
    const minor = minors.find((m) => awardsOf(m).length > 0) as DemoPerson;
    const { accessToken } = await signInWithPin(site.accounts, {
      learnerCode: minor.learnerCode ?? '',
      pin: minor.pin ?? '',
    });
    const headers = { authorization: `Bearer ${accessToken}` };
    const clr = await fetchSurface('minor CLR (handed out)', '/me/clr.json', { headers });
    expect(clr.status).toBe(200);
    const passport = await fetchSurface(
      'minor passport, name hidden (handed out)',
      '/me/passeport.pdf?name=hide',
      { headers },
    );
    expect(passport.status).toBe(200);
    expect(passport.text.length).toBeGreaterThan(100);
    // The same reading finds the name when the learner chooses to print it (their document):
    // the absence above is a real one.
    const named = await fetch(`${site.base}/me/passeport.pdf?name=show`, { headers });
    expect(await pdfText(await named.arrayBuffer())).toContain(minor.displayName);
  });

  it('lets no email appear in clear on any surface: recipients are salted hashes', () => {
    const people = [
      ...site.learners.map((l) => l.email),
      ...site.learners.map((l) => l.cast.guardian?.contact),
      site.seeded.credentials.admin.email,
      site.seeded.credentials.counsellor.email,
      ...site.seeded.credentials.trainers.map((t) => t.email),
    ].filter((value): value is string => value?.includes('@') === true);
    expect(people.length).toBeGreaterThan(5);
    expect(surfaces.length).toBeGreaterThan(50);
    for (const surface of surfaces) {
      const lower = surface.text.toLowerCase();
      for (const email of people) expect(lower, surface.what).not.toContain(email.toLowerCase());
      const published = [...surface.text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
      expect(
        published.filter((found) => found !== ISSUER_EMAIL),
        surface.what,
      ).toEqual([]);
    }
  });

  it('hashes each adult’s email with a fresh salt per credential', async () => {
    const adult = adults.find((a) => a.email !== undefined && awardsOf(a).length > 0);
    if (adult?.email === undefined) throw new Error('no adult with an email and a badge');
    const salts: string[] = [];
    for (const { awardId } of awardsOf(adult)) {
      const credential = (await (await fetch(`${site.base}/badges/${awardId}.json`)).json()) as {
        credentialSubject: {
          identifier: { identityHash: string; salt: string; hashed: boolean }[];
        };
      };
      const [identity] = credential.credentialSubject.identifier;
      expect(identity?.hashed).toBe(true);
      expect(identity?.salt).toMatch(/^[0-9a-f]{32}$/);
      expect(identity?.identityHash).toBe(hashIdentity('email', adult.email, identity?.salt ?? ''));
      salts.push(identity?.salt ?? '');
    }
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('lets no minor’s name, nor their guardian’s, appear on any surface', () => {
    // A word the curricula themselves publish (the badge « Petit robot ») proves nothing: such
    // a name part is looked for only within the full name.
    const catalogText = JSON.stringify([site.catalog.curricula, site.catalog.jobProfiles]);
    const names = new Set<string>();
    const common: string[] = [];
    for (const minor of minors) {
      for (const full of [minor.displayName, minor.cast.guardian?.name]) {
        if (full === undefined) continue;
        names.add(full);
        for (const part of full.split(/\s+/)) {
          if (wordPattern(part).test(catalogText)) common.push(part);
          else names.add(part);
        }
      }
    }
    expect(common.length).toBeLessThanOrEqual(2);
    expect(names.size).toBeGreaterThan(3 * minors.length);
    for (const surface of surfaces) {
      for (const name of names) {
        expect(wordPattern(name).test(surface.text), `${surface.what}: ${name}`).toBe(false);
      }
    }
  });

  it('shows an adult’s name on the HTML page of their badge, never in the credential or images', () => {
    for (const adult of adults) {
      if (awardsOf(adult).length === 0) continue;
      const own = surfaces.filter((s) => s.what.startsWith(`adult ${adult.key}:`));
      for (const surface of own) {
        const shown = surface.text.includes(adult.displayName);
        expect(shown, surface.what).toBe(surface.what.includes('award page'));
      }
    }
  });
});
