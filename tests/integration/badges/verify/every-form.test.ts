/**
 * One verifier for every form a badge reaches an employer in: OB 3.0 JSON (Data Integrity) and
 * VC-JWT, OB 2.0 hosted and signed, each as given, baked in a PNG, baked in an SVG, and by URL.
 * A loopback site plays Grange's server; `grange verify` is run as a real process on the files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bakePng } from '../../../../badges/baking/png.ts';
import { bakeSvg } from '../../../../badges/baking/svg.ts';
import { renderBadgePng } from '../../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../../badges/images/badge-svg.ts';
import type { Issuer } from '../../../../badges/issuer/issuer.ts';
import { generateEd25519Key, generateRsaKey } from '../../../../badges/keys/issuer-key.ts';
import {
  buildAssertion,
  buildBadgeClass,
  buildCryptographicKey,
  buildIssuerProfile,
} from '../../../../badges/ob2/build-objects.ts';
import { signAssertion } from '../../../../badges/ob2/signed-assertion.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { signCredentialJwt } from '../../../../badges/ob3/vc-jwt.ts';
import { verifyCredential } from '../../../../badges/verify/verify-credential.ts';
import { sampleInput } from '../../../unit/badges/ob3/sample-input.ts';
import {
  didWebOf,
  kidUrl,
  type LoopbackServer,
  publishIssuer,
  startServer,
} from '../ob3/issuer-server.ts';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const NOW = new Date('2026-06-01T12:00:00Z');
const EMAIL = 'camille.martin@example.org';

let server: LoopbackServer;
let dir: string;
const forms = new Map<string, string | object>();

function options(email?: string) {
  return { now: NOW, allowLoopback: true, ...(email ? { email } : {}) };
}

beforeAll(async () => {
  server = await startServer();
  dir = mkdtempSync(join(tmpdir(), 'grange-every-form-'));
  const did = didWebOf(server);
  const issuer: Issuer = {
    profile: {
      id: did,
      name: 'Grange Numérique',
      url: server.baseUrl,
      email: 'contact@grange.example',
    },
    keys: [
      await generateEd25519Key(did, '2026-01-01T00:00:00Z'),
      generateRsaKey(did, '2026-01-01T00:00:00Z'),
    ],
  };
  publishIssuer(server, issuer);
  const [ed25519, rsa] = issuer.keys as [(typeof issuer.keys)[0], (typeof issuer.keys)[0]];

  const { credentialStatus: _none, ...input } = sampleInput({ issuer: issuer.profile });
  const credential = buildOpenBadgeCredential(input);
  forms.set('ob3-json', await signCredentialDataIntegrity(credential, ed25519, { now: NOW }));
  forms.set('ob3-jwt', signCredentialJwt(credential, rsa, kidUrl(server, rsa), { now: NOW }));

  // OB 2.0: an https-style issuer on the same loopback site.
  const base = server.baseUrl;
  const ob2Key = generateRsaKey(`${base}/ob2/issuer`, '2026-01-01T00:00:00Z');
  const profile = buildIssuerProfile({
    id: `${base}/ob2/issuer`,
    name: 'Grange Numérique',
    url: base,
    email: 'contact@grange.example',
    publicKeyIds: [`${base}/ob2/key`],
  });
  const badgeClass = buildBadgeClass({
    id: `${base}/ob2/badge`,
    name: 'Envoyer un courriel',
    description: 'Rédiger et envoyer un courriel.',
    image: 'data:image/png;base64,iVBORw0KGgo=',
    criteria: { narrative: 'A envoyé un courriel devant un médiateur.' },
    issuerId: profile.id,
  });
  const recipient = { kind: 'email' as const, value: EMAIL, salt: 'a1b2c3' };
  const hosted = buildAssertion({
    id: `${base}/ob2/assertions/1`,
    badgeClassId: badgeClass.id,
    recipient,
    issuedOn: '2026-03-01T10:00:00Z',
    verification: { type: 'HostedBadge' },
  });
  const signed = buildAssertion({
    id: 'urn:uuid:0b8b3a5e-6f5d-4d2a-9d1e-0c9f8e7d6c5b',
    badgeClassId: badgeClass.id,
    recipient,
    issuedOn: '2026-03-01T10:00:00Z',
    verification: { type: 'SignedBadge', creator: `${base}/ob2/key` },
  });
  server.routes.set('/ob2/issuer', () => profile);
  server.routes.set('/ob2/badge', () => badgeClass);
  server.routes.set('/ob2/key', () =>
    buildCryptographicKey({
      id: `${base}/ob2/key`,
      ownerId: profile.id,
      publicKeyPem: ob2Key.publicKeyPem as string,
    }),
  );
  server.routes.set('/ob2/assertions/1', () => hosted);
  forms.set('ob2-hosted', hosted);
  forms.set('ob2-signed', signAssertion(signed, ob2Key));
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const image = () => renderBadgeSvg({ color: '#2a6f97', icon: 'mail' });

function bakedPng(form: string): Buffer {
  const value = forms.get(form) as string | object;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return bakePng(
    renderBadgePng(image(), 128),
    form.startsWith('ob3') ? 'openbadgecredential' : 'openbadges',
    text,
  );
}

function bakedSvg(form: string): string {
  const value = forms.get(form) as string | object;
  if (form === 'ob3-json') return bakeSvg(image(), { version: '3.0', credential: value as object });
  if (form === 'ob3-jwt') return bakeSvg(image(), { version: '3.0', jwt: value as string });
  if (form === 'ob2-hosted')
    return bakeSvg(image(), { version: '2.0', assertion: value as object });
  return bakeSvg(image(), { version: '2.0', jws: value as string });
}

const FORMS = ['ob3-json', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'] as const;

describe('verifyCredential, whatever form the badge arrives in', () => {
  it.each(FORMS)('%s as given: valid, and for the right recipient only', async (form) => {
    const value = forms.get(form) as string | object;
    const report = await verifyCredential(value, options(` ${EMAIL.toUpperCase()} `));
    expect(report.checks.filter((c) => c.status !== 'passed').map((c) => c.id)).toEqual([
      'issuer-known',
    ]);
    expect(report.verdict).toBe('valid');
    expect(report.summary?.format).toBe(form);
    const wrong = await verifyCredential(value, options('someone.else@example.org'));
    expect(wrong.verdict).toBe('wrong-recipient');
  });

  it.each(FORMS)(
    '%s baked in a PNG: valid; one changed byte in the baked text: not valid',
    async (form) => {
      const png = bakedPng(form);
      const report = await verifyCredential(new Uint8Array(png), options(EMAIL));
      expect(report.verdict).toBe('valid');
      expect(report.summary?.container).toBe('png');

      const value = forms.get(form) as string | object;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const tampered =
        typeof value === 'string'
          ? flipPayloadCharacter(text)
          : text.replace('2026-03-0', '2026-02-0');
      expect(tampered).not.toBe(text);
      const keyword = form.startsWith('ob3') ? 'openbadgecredential' : 'openbadges';
      const forged = await verifyCredential(
        new Uint8Array(bakePng(renderBadgePng(image(), 128), keyword, tampered)),
        options(EMAIL),
      );
      expect(forged.verdict).toBe('invalid');
    },
  );

  it.each(FORMS)('%s baked in an SVG: valid', async (form) => {
    const report = await verifyCredential(bakedSvg(form), options(EMAIL));
    expect(report.verdict).toBe('valid');
    expect(report.summary?.container).toBe('svg');
  });

  it('verifies by URL: a hosted assertion and a baked image served by the issuer', async () => {
    const byUrl = await verifyCredential(`${server.baseUrl}/ob2/assertions/1`, options(EMAIL));
    expect(byUrl.verdict).toBe('valid');
    const png = bakedPng('ob3-json');
    const imageServer = await startImageServer(png);
    try {
      const report = await verifyCredential(`${imageServer.url}/badge.png`, options(EMAIL));
      expect(report.verdict).toBe('valid');
    } finally {
      await imageServer.close();
    }
  });
});

describe('grange verify', () => {
  // Asynchronous on purpose: the loopback issuer site lives in this process and must keep
  // answering while the command runs.
  function grange(
    ...args: string[]
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'bin/grange.js'), 'verify', ...args],
        { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? ((error as { code?: number }).code ?? 1) : 0;
          resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
        },
      );
    });
  }

  it('exits 0 on a valid baked badge and 1 on a forged one, with the report in French and English', async () => {
    const good = join(dir, 'badge.png');
    writeFileSync(good, bakedPng('ob3-json'));
    const ok = await grange(good, '--email', EMAIL, '--allow-loopback');
    expect(ok.stderr).toBe('');
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('Ce badge est authentique et valide.');
    expect(ok.stdout).toContain('This badge is genuine and valid.');

    const bad = join(dir, 'forged.json');
    const forged = { ...(forms.get('ob3-json') as object), name: 'Un autre badge' };
    writeFileSync(bad, JSON.stringify(forged));
    const ko = await grange(bad, '--json', '--allow-loopback');
    expect(ko.code).toBe(1);
    const report = JSON.parse(ko.stdout) as {
      verdict: string;
      checks: { id: string; status: string }[];
    };
    expect(report.verdict).toBe('invalid');
    expect(report.checks).toContainEqual(
      expect.objectContaining({ id: 'proof', status: 'failed' }),
    );
  });

  it('explains a file it cannot read', async () => {
    const missing = await grange(join(dir, 'nope.png'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });
});

async function startImageServer(png: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const httpServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const address = httpServer.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => httpServer.close(() => resolve())),
  };
}

/** Changes one character in the middle of a JWS payload, keeping it valid base64url. */
function flipPayloadCharacter(jws: string): string {
  const [header = '', payload = '', signature = ''] = jws.split('.');
  const middle = Math.floor(payload.length / 2);
  const replacement = payload[middle] === 'A' ? 'B' : 'A';
  return [
    header,
    payload.slice(0, middle) + replacement + payload.slice(middle + 1),
    signature,
  ].join('.');
}
