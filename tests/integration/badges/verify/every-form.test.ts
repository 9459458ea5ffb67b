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
import { renderBadgePng } from '../../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../../badges/images/badge-svg.ts';
import { verifyCredential } from '../../../../badges/verify/verify-credential.ts';
import { EMAIL, FORMS, type IssuedForms, issueEveryForm, options, textOf } from './issued-forms.ts';

const ROOT = new URL('../../../../', import.meta.url).pathname;

let issued: IssuedForms;
let dir: string;

beforeAll(async () => {
  issued = await issueEveryForm();
  dir = mkdtempSync(join(tmpdir(), 'grange-every-form-'));
});

afterAll(async () => {
  await issued.server.close();
  rmSync(dir, { recursive: true, force: true });
});

const image = () => renderBadgeSvg({ color: '#2a6f97', icon: 'mail' });

describe('verifyCredential, whatever form the badge arrives in', () => {
  it.each(FORMS)('%s as given: valid, and for the right recipient only', async (form) => {
    const value = issued.forms.get(form) as string | object;
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
      const png = issued.bakedPng(form);
      const report = await verifyCredential(new Uint8Array(png), options(EMAIL));
      expect(report.verdict).toBe('valid');
      expect(report.summary?.container).toBe('png');

      const value = issued.forms.get(form) as string | object;
      const text = textOf(value);
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
    const report = await verifyCredential(issued.bakedSvg(form), options(EMAIL));
    expect(report.verdict).toBe('valid');
    expect(report.summary?.container).toBe('svg');
  });

  const CONTAINERS = ['given', 'png', 'svg'] as const;
  const inContainer = (form: (typeof FORMS)[number], container: (typeof CONTAINERS)[number]) =>
    container === 'png'
      ? new Uint8Array(issued.bakedPng(form))
      : container === 'svg'
        ? issued.bakedSvg(form)
        : (issued.forms.get(form) as string | object);

  it.each(FORMS.flatMap((form) => CONTAINERS.map((container) => [form, container] as const)))(
    '%s (%s): the wrong recipient and a verifier clock before the issue date are named as such',
    async (form, container) => {
      const input = inContainer(form, container);
      const wrong = await verifyCredential(input, options('quelqu.un@example.org'));
      expect(wrong.verdict).toBe('wrong-recipient');
      expect(wrong.checks.find((c) => c.id === 'recipient')?.status).toBe('failed');
      const early = await verifyCredential(input, options(EMAIL, new Date('2025-01-01T00:00:00Z')));
      expect(early.verdict).toBe('not-yet-valid');
      expect(early.checks.find((c) => c.id === 'dates')).toMatchObject({
        status: 'failed',
        reason: 'not-yet-valid',
      });
    },
  );

  it('refuses an OB 3.0 proof whose proofValue is not written canonically, though it decodes to the same signature', async () => {
    const credential = issued.forms.get('ob3-json') as { proof: Record<string, unknown>[] };
    const [proof] = credential.proof;
    const proofValue = String(proof?.proofValue);
    const withValue = (value: string) => ({
      ...credential,
      proof: [{ ...proof, proofValue: value }],
    });
    for (const changed of [`${proofValue} `, ` ${proofValue}`, `${proofValue}\n`]) {
      const report = await verifyCredential(withValue(changed), options(EMAIL));
      expect(report.verdict).toBe('invalid');
      expect(report.checks.find((c) => c.id === 'proof')?.status).toBe('failed');
    }
    // The same signature bytes in the other multibase the library reads: still the signature.
    const bytes = base58Decode(proofValue.slice(1));
    const base64 = await verifyCredential(
      withValue(`u${Buffer.from(bytes).toString('base64url')}`),
      options(EMAIL),
    );
    expect(base64.verdict).toBe('valid');
    const padded = await verifyCredential(
      withValue(`u${Buffer.from(bytes).toString('base64')}`),
      options(EMAIL),
    );
    expect(padded.verdict).toBe('invalid');
  });

  it('verifies by URL: a hosted assertion and a baked image served by the issuer', async () => {
    const byUrl = await verifyCredential(
      `${issued.server.baseUrl}/ob2/assertions/1`,
      options(EMAIL),
    );
    expect(byUrl.verdict).toBe('valid');
    const png = issued.bakedPng('ob3-json');
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
    writeFileSync(good, issued.bakedPng('ob3-json'));
    const ok = await grange(good, '--email', EMAIL, '--allow-loopback');
    expect(ok.stderr).toBe('');
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('Ce badge est authentique et valide.');
    expect(ok.stdout).toContain('This badge is genuine and valid.');

    const bad = join(dir, 'forged.json');
    const forged = { ...(issued.forms.get('ob3-json') as object), name: 'Un autre badge' };
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

/** base58btc (the Bitcoin alphabet) to bytes, written out so the test does not lean on the verifier's decoder. */
function base58Decode(text: string): Uint8Array {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let value = 0n;
  for (const char of text) value = value * 58n + BigInt(alphabet.indexOf(char));
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value % 256n));
    value /= 256n;
  }
  const zeros = text.match(/^1*/)?.[0].length ?? 0;
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes]);
}
