/**
 * The rules under evidence uploads, on real bytes and a real folder: what a file is (by its
 * content), how its name is cleaned, how links are signed, and how the folder store refuses
 * keys that could reach outside it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  contentDisposition,
  downloadName,
  sanitizeFileName,
} from '../../../server/app/evidence-files/file-name.ts';
import { FilesystemEvidenceFileStore } from '../../../server/app/evidence-files/filesystem-store.ts';
import {
  checkEvidenceLink,
  EVIDENCE_LINK_TTL_SECONDS,
  signEvidenceLink,
} from '../../../server/app/evidence-files/signed-link.ts';
import { sniffEvidenceMediaType } from '../../../server/app/evidence-files/sniff-media-type.ts';

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];
/** An ISO-BMFF `ftyp` box with this major brand and these compatible brands. */
function ftyp(major: string, compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return Uint8Array.from([
    0,
    0,
    0,
    size,
    ...ascii('ftyp'),
    ...ascii(major),
    0,
    0,
    0,
    0,
    ...compatible.flatMap(ascii),
    ...new Array<number>(32).fill(0),
  ]);
}

describe('what an evidence file is, by its content', () => {
  it.each([
    ['a JPEG', [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...ascii('JFIF')], 'image/jpeg'],
    ['a PNG', [0x89, ...ascii('PNG\r\n\x1a\n'), 0, 0, 0, 13], 'image/png'],
    ['a WebP', [...ascii('RIFF'), 0x24, 0, 0, 0, ...ascii('WEBPVP8 ')], 'image/webp'],
    ['an iPhone HEIC', [...ftyp('heic', ['mif1', 'heic'])], 'image/heic'],
    ['a HEIF container of HEVC images', [...ftyp('mif1', ['heic'])], 'image/heic'],
    ['a generic HEIF', [...ftyp('mif1', ['mif1'])], 'image/heif'],
    ['a PDF', ascii('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
  ])('recognises %s', (_label, bytes, type) => {
    expect(sniffEvidenceMediaType(Uint8Array.from(bytes))).toBe(type);
  });

  it.each([
    ['a Windows program', ascii('MZ\x90\x00\x03\x00\x00\x00')],
    ['an HTML page', ascii('<!doctype html><script>alert(1)</script>')],
    ['an SVG image (it can carry scripts)', ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a GIF', ascii('GIF89a\x01\x00\x01\x00')],
    ['an AVIF image', [...ftyp('avif', ['mif1', 'avif'])]],
    ['an AVIF image in a generic HEIF box', [...ftyp('mif1', ['avif'])]],
    ['an MP4 video', [...ftyp('isom', ['isom', 'mp41'])]],
    ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
    ['a truncated JPEG', [0xff, 0xd8]],
    ['nothing', []],
  ])('refuses %s', (_label, bytes) => {
    expect(sniffEvidenceMediaType(Uint8Array.from(bytes))).toBeUndefined();
  });
});

describe('the original file name, a label only', () => {
  it.each([
    ['photo.jpg', 'photo.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\Lucie\\Attestation été.pdf', 'Attestation été.pdf'],
    // U+202E (right-to-left override) would show "photo\u202Egpj.exe" as "photoexe.jpg".
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['a\u0000b\nc"d<e>.png', 'abc_d_e_.png'],
    ['  ...  ', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('keeps %j as %j', (raw, kept) => {
    expect(sanitizeFileName(raw)).toBe(kept);
  });

  it('clips long names', () => {
    expect([...(sanitizeFileName(`${'é'.repeat(300)}.jpg`) ?? '')]).toHaveLength(120);
  });

  it('downloads under the extension of the content, not of the name', () => {
    expect(downloadName('attestation.html', 'application/pdf')).toBe('attestation.pdf');
    expect(downloadName(undefined, 'image/jpeg')).toBe('preuve.jpg');
    expect(contentDisposition('attachment', 'Attestation été.pdf')).toBe(
      `attachment; filename="Attestation ete.pdf"; filename*=UTF-8''Attestation%20%C3%A9t%C3%A9.pdf`,
    );
  });
});

describe('signed links to evidence files', () => {
  const secret = 'links-secret-with-enough-entropy-0123456789';
  const now = new Date('2026-03-02T09:00:00.000Z');
  const parse = (link: string) => {
    const url = new URL(link, 'http://grange.test');
    return {
      evidenceId: decodeURIComponent(url.pathname.split('/').at(-1) ?? ''),
      expires: url.searchParams.get('exp') ?? undefined,
      signature: url.searchParams.get('sig') ?? undefined,
    };
  };

  it('open the evidence they were made for until they expire', () => {
    const link = parse(signEvidenceLink(secret, 'ev-1', now));
    expect(link.evidenceId).toBe('ev-1');
    expect(checkEvidenceLink(secret, link, now)).toBe('valid');
    const last = new Date(now.getTime() + (EVIDENCE_LINK_TTL_SECONDS - 1) * 1000);
    expect(checkEvidenceLink(secret, link, last)).toBe('valid');
    const after = new Date(now.getTime() + EVIDENCE_LINK_TTL_SECONDS * 1000);
    expect(checkEvidenceLink(secret, link, after)).toBe('expired');
  });

  it('refuse another id, a moved expiry, another secret, or missing parts', () => {
    const link = parse(signEvidenceLink(secret, 'ev-1', now));
    expect(checkEvidenceLink(secret, { ...link, evidenceId: 'ev-2' }, now)).toBe('forged');
    expect(
      checkEvidenceLink(secret, { ...link, expires: String(Number(link.expires) + 3600) }, now),
    ).toBe('forged');
    expect(checkEvidenceLink(`${secret}-other`, link, now)).toBe('forged');
    expect(checkEvidenceLink(secret, { ...link, signature: undefined }, now)).toBe('forged');
    expect(checkEvidenceLink(secret, { ...link, expires: ['1', '2'] }, now)).toBe('forged');
    expect(checkEvidenceLink(secret, { ...link, signature: 'x' }, now)).toBe('forged');
  });
});

describe('the folder store of evidence files', () => {
  const root = mkdtempSync(join(tmpdir(), 'grange-evidence-'));
  const store = new FilesystemEvidenceFileStore(join(root, 'evidence'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('saves under a random key, reads back the same bytes, and removes', async () => {
    const bytes = Uint8Array.from([1, 2, 3, 4]);
    const key = await store.save(bytes);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(join(root, 'evidence'))).toEqual([key]);
    expect(await store.read(key)).toEqual(Buffer.from(bytes));
    await store.remove(key);
    expect(await store.read(key)).toBeUndefined();
    expect(readdirSync(join(root, 'evidence'))).toEqual([]);
  });

  it.each(['../grange.sqlite', '..', '/etc/passwd', 'ABCDEF', `${'a'.repeat(32)}/../x`])(
    'never builds a path from the key %j',
    async (key) => {
      expect(await store.read(key)).toBeUndefined();
      await expect(store.remove(key)).resolves.toBeUndefined();
    },
  );
});
