/**
 * The public badge endpoints through a real express server: what employers and verifiers see,
 * checked with the same verifier an outsider would use, over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unbakePng } from '../../../badges/baking/png.ts';
import { unbakeSvg } from '../../../badges/baking/svg.ts';
import { decodeBitstring, getBit } from '../../../badges/status/bitstring.ts';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { revokeBadge } from '../../../server/app/revoke-badge.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { PREMIERS_PAS, type PublicSite, S, startPublicSite } from './public-site.ts';

const HOSTILE = '<script>alert("x")</script> Zoé & Cie';

describe.each(testDatabaseKinds())('public badge endpoints on %s', (kind) => {
  let site: PublicSite;
  let awardId: string;
  beforeAll(async () => {
    site = await startPublicSite(kind);
    awardId = await site.earnPremiersPas('zoe', { displayName: HOSTILE });
  }, 60_000);
  afterAll(async () => {
    await site?.dispose();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${site.baseUrl}${path}`, { headers });
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const response = await get(path, { accept: 'text/html', ...headers });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    return { status: response.status, text: await response.text() };
  };
  const verifyOutside = (input: unknown): Promise<VerificationReport> =>
    verifyCredential(input, {
      now: new Date(site.clock().getTime() + 3_600_000),
      allowLoopback: true,
      timeoutMs: 5_000,
      knownIssuers: [site.issuer.profile.id],
    });

  it('publishes the DID document and the issuer profiles', async () => {
    const did = await get('/.well-known/did.json');
    expect(did.status).toBe(200);
    expect(did.headers.get('content-type')).toMatch(/^application\/did\+json/);
    const document = (await did.json()) as Record<string, unknown>;
    expect(document.id).toBe(site.issuer.profile.id);
    expect(document.id).toMatch(/^did:web:127\.0\.0\.1%3A\d+$/);
    const methods = document.verificationMethod as { id: string; type: string }[];
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.every((m) => m.type === 'Multikey')).toBe(true);
    expect(document.assertionMethod).toEqual(methods.map((m) => m.id));
    expect(JSON.stringify(document)).not.toMatch(/secretKey|privateKey/);

    const ob3 = (await (await get('/issuer')).json()) as Record<string, unknown>;
    expect(ob3).toMatchObject({
      id: site.issuer.profile.id,
      type: ['Profile'],
      name: 'Grange Numérique',
    });
    const ob2 = (await (await get('/ob2/issuer')).json()) as Record<string, unknown>;
    expect(ob2).toMatchObject({ type: 'Issuer', id: `${site.baseUrl}/ob2/issuer` });
  });

  it('serves a BadgeClass for every badge of the catalog (alignments to ESCO are http URLs)', async () => {
    for (const badge of site.catalog.badges) {
      const response = await get(`/ob2/badges/${badge.id}`);
      expect(response.status, badge.id).toBe(200);
      expect(((await response.json()) as { type?: string }).type).toBe('BadgeClass');
    }
  });

  it('serves the BadgeClass, the definition page and its images', async () => {
    const badgeClass = (await (await get(`/ob2/badges/${PREMIERS_PAS}`)).json()) as Record<
      string,
      unknown
    >;
    expect(badgeClass).toMatchObject({
      type: 'BadgeClass',
      image: `${site.baseUrl}/badges/definitions/${PREMIERS_PAS}.png`,
      issuer: `${site.baseUrl}/ob2/issuer`,
    });
    const png = await get(`/badges/definitions/${PREMIERS_PAS}.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const svg = await get(`/badges/definitions/${PREMIERS_PAS}.svg`);
    expect(await svg.text()).toMatch(/^<svg/);
    const html = await page(`/badges/definitions/${PREMIERS_PAS}`);
    expect(html.text).toContain('<html lang="fr">');
    expect(html.text).toContain('Critères');
    const english = await page(`/badges/definitions/${PREMIERS_PAS}?lang=en`);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('Criteria');
  });

  it('serves the credential as JSON, which verifies as valid over HTTP', async () => {
    const response = await get(`/badges/${awardId}`, { accept: 'application/ld+json' });
    expect(response.status).toBe(200);
    const credential = (await response.json()) as Record<string, unknown>;
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const report = await verifyOutside(credential);
    expect(report.verdict).toBe('valid');
    // The status list is fetched from /status/1 and its own signature checked.
    expect(report.checks.find((c) => c.id === 'not-revoked')?.status).toBe('passed');
    const byUrl = await verifyOutside(`${site.baseUrl}/badges/${awardId}`);
    expect(byUrl.verdict).toBe('valid');
  });

  it('shows the employer page in French, with the verdict, OG tags and a LinkedIn link', async () => {
    const { status, text } = await page(`/badges/${awardId}`);
    expect(status).toBe(200);
    expect(text).toContain('<html lang="fr">');
    expect(text.match(/<h1>/g)).toHaveLength(1);
    expect(text).toContain('Vérification : valide');
    expect(text).toContain('Ce badge est authentique et valide.');
    expect(text).toContain('✓');
    expect(text).toContain(
      `<meta property="og:image" content="${site.baseUrl}/badges/${awardId}.png">`,
    );
    expect(text).toContain(`<meta property="og:url" content="${site.baseUrl}/badges/${awardId}">`);
    expect(text).toMatch(/<meta property="og:title" content="[^"]+">/);
    expect(text).toContain(
      'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;name=',
    );
    expect(text).toContain('organizationName=Grange%20Num%C3%A9rique');
    expect(text).toContain(`certId=${awardId}`);
    expect(text).toContain(`href="${site.baseUrl}/badges/${awardId}.svg"`);
    expect(text).toContain(`href="${site.baseUrl}/badges/${awardId}.json"`);
    expect(text).toMatch(/<main id="content">/);
  });

  it('escapes every interpolated value', async () => {
    const { text } = await page(`/badges/${awardId}`);
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Zoé &amp; Cie');
  });

  it('speaks English with ?lang=en and with Accept-Language: en', async () => {
    for (const [path, headers] of [
      [`/badges/${awardId}?lang=en`, {}],
      [`/badges/${awardId}`, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' }],
    ] as const) {
      const { text } = await page(path, headers);
      expect(text).toContain('<html lang="en">');
      expect(text).toContain('Verification: valid');
      expect(text).toContain('This badge is genuine and valid.');
    }
  });

  it('bakes the credential into the PNG and SVG downloads', async () => {
    const png = await get(`/badges/${awardId}.png`);
    expect(png.headers.get('content-disposition')).toMatch(
      /attachment; filename="?badge-seniors-numerique-premiers-pas\.png/,
    );
    const bytes = new Uint8Array(await png.arrayBuffer());
    const unbaked = unbakePng(bytes);
    expect(unbaked.ok && unbaked.found[0]?.keyword).toBe('openbadgecredential');
    expect((await verifyOutside(bytes)).verdict).toBe('valid');

    const svg = await get(`/badges/${awardId}.svg`);
    expect(svg.headers.get('content-disposition')).toMatch(
      /attachment; filename="?badge-seniors-numerique-premiers-pas\.svg/,
    );
    const text = await svg.text();
    expect(unbakeSvg(text).ok).toBe(true);
    expect((await verifyOutside(text)).verdict).toBe('valid');
  });

  it('verifies a pasted URL and an uploaded baked file from the /verify form', async () => {
    const form = await page('/verify');
    expect(form.text).toContain('enctype="multipart/form-data"');

    const byUrl = new FormData();
    byUrl.set('url', `${site.baseUrl}/badges/${awardId}`);
    const urlAnswer = await fetch(`${site.baseUrl}/verify`, { method: 'POST', body: byUrl });
    expect(urlAnswer.status).toBe(200);
    expect(await urlAnswer.text()).toContain('Vérification : valide');

    const baked = new Uint8Array(await (await get(`/badges/${awardId}.png`)).arrayBuffer());
    const byFile = new FormData();
    byFile.set('url', '');
    byFile.set('file', new Blob([baked], { type: 'image/png' }), 'badge.png');
    const fileAnswer = await fetch(`${site.baseUrl}/verify?lang=en`, {
      method: 'POST',
      body: byFile,
    });
    expect(fileAnswer.status).toBe(200);
    expect(await fileAnswer.text()).toContain('Verification: valid');

    const json = await fetch(`${site.baseUrl}/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${site.baseUrl}/badges/${awardId}` }),
    });
    expect(((await json.json()) as VerificationReport).verdict).toBe('valid');

    const empty = await fetch(`${site.baseUrl}/verify`, { method: 'POST', body: new FormData() });
    expect(empty.status).toBe(400);
  });

  it('hides a private profile from anonymous requests on every surface', async () => {
    const hidden = await site.earnPremiersPas('mineur', { privateProfile: true });
    for (const path of [
      `/badges/${hidden}`,
      `/badges/${hidden}.png`,
      `/badges/${hidden}.svg`,
      `/badges/${hidden}.json`,
      `/ob2/assertions/${hidden}`,
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(`/badges/${hidden}`, { accept: 'application/json' })).status).toBe(404);
  });

  it('answers 404 for unknown ids, as a page or as JSON, in both languages', async () => {
    const html = await page('/badges/00000000-0000-4000-8000-000000000000');
    expect(html.status).toBe(404);
    expect(html.text).toContain('Introuvable');
    const english = await page('/badges/nope?lang=en');
    expect(english.text).toContain('Not found');
    const json = await get('/badges/nope', { accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(await json.json()).toMatchObject({ error: { code: 'not-found' } });
    expect((await get('/badges/definitions/nope/nope.png')).status).toBe(404);
    expect((await get('/ob2/badges/nope/nope')).status).toBe(404);
    expect((await get('/ob2/assertions/nope')).status).toBe(404);
  });

  it('after revocation: the bit flips, the page says révoqué, JSON says revoked, OB 2.0 is 410', async () => {
    const credential = (await (
      await get(`/badges/${awardId}`, { accept: 'application/json' })
    ).json()) as { credentialStatus: { statusListIndex: string } };
    const index = Number(credential.credentialStatus.statusListIndex);
    const bitOf = async () => {
      const response = await get('/status/1');
      expect(response.headers.get('content-type')).toMatch(/^application\/vc\+ld\+json/);
      expect(response.headers.get('cache-control')).toContain('max-age=60');
      const list = (await response.json()) as {
        proof: unknown;
        credentialSubject: { encodedList: string };
      };
      expect(list.proof).toBeDefined();
      return getBit(decodeBitstring(list.credentialSubject.encodedList), index);
    };
    expect(await bitOf()).toBe(false);
    expect((await get(`/ob2/assertions/${awardId}`)).status).toBe(200);

    site.clock.tick();
    await revokeBadge(
      { db: site.db, clock: site.clock },
      { awardId, reason: 'Erreur de saisie <b>grave</b>', actorId: 'trainer-1' },
    );
    expect(await bitOf()).toBe(true);

    const { text } = await page(`/badges/${awardId}`);
    expect(text).toContain('Badge révoqué');
    expect(text).toContain('Erreur de saisie &lt;b&gt;grave&lt;/b&gt;');
    expect(text).toContain('Vérification : révoqué');

    const json = await (await get(`/badges/${awardId}`, { accept: 'application/ld+json' })).json();
    expect((await verifyOutside(json)).verdict).toBe('revoked');

    const gone = await get(`/ob2/assertions/${awardId}`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({
      revoked: true,
      revocationReason: 'Erreur de saisie <b>grave</b>',
    });
  });

  // Last: it moves the clock two years on.
  it('says expiré once a badge with a validity has expired', async () => {
    const awards = await site.earn('odette', [
      ['allumer-son-appareil'],
      ['utiliser-l-ecran-tactile'],
      ['se-connecter-au-wifi'],
      ['naviguer-sur-le-web'],
      ['rechercher-sur-internet'],
      ['reperer-un-site-officiel'],
      ['creer-une-adresse-mail'],
      ['envoyer-un-mail', 2],
      ['eviter-les-arnaques'],
      ['dejouer-les-faux-conseillers'],
      ['signaler-une-arnaque'],
    ]);
    const vigilant = awards.get(`${S}/vigilant-face-aux-arnaques`);
    expect(vigilant).toBeDefined();
    const before = await page(`/badges/${vigilant}`);
    expect(before.text).toContain('Vérification : valide');
    expect(before.text).toContain('Valable jusqu’au');

    site.clock.set(new Date(site.clock().getTime() + 25 * 31 * 24 * 3_600_000));
    const after = await page(`/badges/${vigilant}`);
    expect(after.text).toContain('Badge expiré');
    expect(after.text).toContain('Vérification : expiré');
    const english = await page(`/badges/${vigilant}?lang=en`);
    expect(english.text).toContain('Badge expired');
  });
});
