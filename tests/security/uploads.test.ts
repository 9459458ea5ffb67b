/**
 * Threat: a learner's upload (evidence files, GraphQL multipart) fills the disk or the memory,
 * plants a page or a program that the platform then serves from its own origin (stored XSS,
 * malware), or uses its file name to write outside the storage folder or into the answer's
 * headers; or someone reuses a file link for another file or after it expired.
 *
 * Proves, against the real HTTP server on each database, with the real 10 MB limit: a file of
 * 10 MB is accepted and one byte more is refused with a typed error, a body far over the limit
 * is refused (413) before it is read, an upload cut off midway, and every refused one, leave no
 * row, no event and no file (not even a partial one); the type comes from the bytes, never from
 * the name or the declared type (a page, an SVG, a program or an archive named `.jpg` is
 * refused; a PNG named `.txt` is stored and served as a PNG); a name holding `..`, an absolute
 * path, backslashes, NUL, quotes or line breaks is a label only: the file always lands under a
 * random key in the evidence folder and the name reaches the headers cleaned; files are served
 * with their stored type, `nosniff`, a sandboxing CSP, inline only for images; and a signed link
 * opens one file for ten minutes, never another one.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBadgePng } from '../../badges/images/badge-png.ts';
import { MAX_EVIDENCE_FILE_BYTES } from '../../server/app/evidence-files/evidence-file-store.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { abandonUpload, type FilePart, postUpload } from './support/multipart-upload.ts';
import {
  CURRICULUM,
  type SecurityServer,
  type SignedIn,
  startSecurityServer,
} from './support/security-server.ts';

/** A real 4×4 PNG. */
const PNG = renderBadgePng(
  '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#2a7"/></svg>',
  4,
);
/** The start of a JPEG (SOI, JFIF APP0) and its end: what the type is judged on. */
const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00,
]);
const JPEG = Buffer.concat([JPEG_HEAD, Buffer.from([0xff, 0xd9])]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

/** A JPEG of exactly `size` bytes. */
const jpegOf = (size: number) =>
  Buffer.concat([JPEG_HEAD, Buffer.alloc(size - JPEG_HEAD.length - 2), Buffer.from([0xff, 0xd9])]);

describe.each(testDatabaseKinds())('evidence uploads under attack on %s', (kind) => {
  let app: SecurityServer;
  let learner: SignedIn;
  let skills: string[];
  let nextSkill = 0;
  /** A skill of the learner's curriculum, a different one each time (round robin). */
  const skill = () => skills[nextSkill++ % skills.length] ?? '';

  const evidenceDir = () => join(app.dataDir, 'evidence');
  /** Every file under the data folder, relative to it. */
  const filesUnder = (dir: string): string[] => {
    const found: string[] = [];
    const walk = (at: string) => {
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) walk(path);
        else found.push(relative(dir, path));
      }
    };
    walk(dir);
    return found.sort();
  };
  /** Rows, events and files: what a refusal must leave untouched. */
  const written = async () => ({
    evidence: Number((await app.db('evidence').count({ n: '*' }))[0]?.n ?? 0),
    events: Number((await app.db('progress_events').count({ n: '*' }))[0]?.n ?? 0),
    files: filesUnder(app.dataDir),
  });
  const upload = (file: FilePart) => postUpload(app.base, learner.accessToken, skill(), file);

  beforeAll(async () => {
    app = await startSecurityServer(kind);
    learner = app.learner;
    const catalog = await app.graphql('{ curricula { id skills { id } } }');
    const curricula = catalog.body.data?.curricula as { id: string; skills: { id: string }[] }[];
    skills = (curricula.find((c) => c.id === CURRICULUM)?.skills ?? []).map((s) => s.id);
  }, 60_000);
  afterAll(async () => {
    await app?.dispose();
  });

  it('accept exactly 10 MB, refuse one byte more with a typed error, and store nothing then', async () => {
    expect(MAX_EVIDENCE_FILE_BYTES).toBe(10 * 1024 * 1024);
    const atLimit = await upload({ name: 'scan.jpg', bytes: jpegOf(MAX_EVIDENCE_FILE_BYTES) });
    expect(atLimit.result).toMatchObject({
      __typename: 'SubmitEvidenceSuccess',
      evidence: { file: { mediaType: 'image/jpeg', sizeBytes: MAX_EVIDENCE_FILE_BYTES } },
    });

    const before = await written();
    const over = await upload({ name: 'scan.jpg', bytes: jpegOf(MAX_EVIDENCE_FILE_BYTES + 1) });
    expect(over.status).toBe(200);
    expect(over.result).toMatchObject({
      __typename: 'EvidenceFileRefused',
      reason: 'too-large',
      maxBytes: MAX_EVIDENCE_FILE_BYTES,
      message: { fr: expect.stringContaining('10 Mo au plus'), en: expect.any(String) },
    });
    expect(await written()).toEqual(before);
  });

  it('refuse a body far over the limit (413) before reading it, and store nothing', async () => {
    const before = await written();
    const answer = await upload({ name: 'film.jpg', bytes: jpegOf(12 * 1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(answer.error).toMatchObject({
      code: 'evidence-file-refused',
      message: { fr: expect.stringContaining('10 Mo au plus') },
    });
    expect(await written()).toEqual(before);
  });

  it('leave no file, not even a partial one, when an upload is cut off midway', async () => {
    const before = await written();
    await abandonUpload(
      app.base,
      learner.accessToken,
      skill(),
      { name: 'coupure.jpg', bytes: jpegOf(4 * 1024 * 1024) },
      1024 * 1024,
    );
    // The server is still up, and nothing was kept of the half-sent file.
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    expect(await written()).toEqual(before);
    expect(filesUnder(app.dataDir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('refuse anonymous uploads without storing anything', async () => {
    const before = await written();
    const answer = await postUpload(app.base, undefined, skill(), {
      name: 'photo.png',
      bytes: PNG,
    });
    expect(answer.errors?.[0]?.extensions?.code).toBe('unauthenticated');
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a web page', '<!doctype html><script>fetch("/graphql")</script>', 'text/html'],
    ['a page with a BOM', '\ufeff<html><body onload="alert(1)"></body></html>', 'image/jpeg'],
    [
      'an SVG with a script',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>',
      'image/svg+xml',
    ],
    ['a Windows program', 'MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00', 'image/jpeg'],
    ['a Linux program', '\x7fELF\x02\x01\x01\x00', 'image/jpeg'],
    ['a ZIP archive', 'PK\x03\x04\x14\x00\x00\x00', 'image/jpeg'],
    ['a shell script', '#!/bin/sh\nrm -rf /\n', 'image/jpeg'],
    ['a GIF', 'GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'image/gif'],
  ])('refuse %s named photo.jpg, whatever type it declares', async (_what, content, type) => {
    const before = await written();
    const answer = await upload({ name: 'photo.jpg', bytes: Buffer.from(content, 'latin1'), type });
    expect(answer.result).toMatchObject({
      __typename: 'EvidenceFileRefused',
      reason: 'type-not-allowed',
    });
    expect(answer.result?.message?.fr).toContain('son contenu compte, pas son nom');
    expect(await written()).toEqual(before);
  });

  it('store a real PNG named notes.txt as a PNG, and serve it as one', async () => {
    const answer = await upload({ name: 'notes.txt', bytes: PNG, type: 'text/plain' });
    expect(answer.result?.evidence?.file).toMatchObject({
      mediaType: 'image/png',
      name: 'notes.txt',
    });
    const served = await fetch(`${app.base}${answer.result?.evidence?.file?.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="notes\.png"/);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it('serve a JPEG carrying a page inside as an image a browser will not run', async () => {
    // Valid JPEG magic, then markup: accepted by its first bytes, so it must be harmless as served.
    const polyglot = Buffer.concat([
      JPEG_HEAD,
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ]);
    const answer = await upload({ name: 'page.html', bytes: polyglot, type: 'text/html' });
    expect(answer.result?.evidence?.file?.mediaType).toBe('image/jpeg');
    const served = await fetch(`${app.base}${answer.result?.evidence?.file?.url}`);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': expect.stringMatching(/^inline; filename="page\.jpg"/),
    });
  });

  it('serve PDFs as downloads only, with the same protective headers', async () => {
    const answer = await upload({ name: 'attestation.pdf', bytes: PDF, type: 'application/pdf' });
    const served = await fetch(`${app.base}${answer.result?.evidence?.file?.url}`);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': expect.stringMatching(/^attachment; filename="attestation\.pdf"/),
    });
  });

  it.each([
    ['../../etc/passwd', 'passwd'],
    ['../../../../../../tmp/grange-pwned.png', 'grange-pwned.png'],
    ['/etc/cron.d/grange', 'grange'],
    ['..\\..\\Windows\\System32\\evil.png', 'evil.png'],
    ['C:\\Users\\Public\\evil.png', 'evil.png'],
    ['photo.png\u0000.exe', 'photo.png.exe'],
    ['....//....//secrets.json', 'secrets.json'],
    ['%2e%2e%2f%2e%2e%2fsecrets.json', '%2e%2e%2f%2e%2e%2fsecrets.json'],
    // The multipart parser itself drops a name of "..": whatever replaces it is no path.
    ['..', expect.not.stringMatching(/[/\\]|^\.+$/)],
    ['photo\u202egnp.exe', 'photognp.exe'],
  ])('keep the file in the evidence folder whatever the name: %j', async (name, label) => {
    const outside = filesUnder(app.dataDir).filter((f) => !f.startsWith('evidence/'));
    const answer = await upload({ name, bytes: PNG });
    expect(answer.result?.__typename).toBe('SubmitEvidenceSuccess');
    expect(answer.result?.evidence?.file?.name ?? null).toEqual(label);
    const [row] = await app.db('evidence').where({ id: answer.result?.evidence?.id ?? '' });
    // The file sits under a random key in the evidence folder; nothing else appeared anywhere.
    expect(String(row?.filePath)).toMatch(/^[0-9a-f]{32}$/);
    expect(statSync(join(evidenceDir(), String(row?.filePath))).size).toBe(PNG.length);
    expect(filesUnder(evidenceDir()).every((f) => /^[0-9a-f]{32}$/.test(f))).toBe(true);
    expect(filesUnder(app.dataDir).filter((f) => !f.startsWith('evidence/'))).toEqual(outside);
    expect(readdirSync(tmpdir())).not.toContain('grange-pwned.png');
    // The name reaches the download header cleaned, never as a path.
    const served = await fetch(`${app.base}${answer.result?.evidence?.file?.url}`);
    const disposition = served.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^inline; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''\S+$/);
    expect(disposition).not.toMatch(/\.\.|[/\\]|%2F|%5C|%00/i);
  });

  it('keep quotes and line breaks in a name out of the answer headers', async () => {
    const answer = await upload({
      name: "a\"; filename*=UTF-8''evil.html\r\nSet-Cookie: stolen=1\r\n.png",
      bytes: PNG,
    });
    // The part header ends at the quote: the rest never becomes a name, a header or a type.
    expect(answer.result?.evidence?.file).toMatchObject({ name: 'a', mediaType: 'image/png' });
    const served = await fetch(`${app.base}${answer.result?.evidence?.file?.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('set-cookie')).toBeNull();
    const disposition = served.headers.get('content-disposition') ?? '';
    expect(disposition.match(/filename\*?=/g)).toHaveLength(2);
    expect(disposition).not.toMatch(/evil\.html"|[\r\n]/);
  });

  it('open one file per signed link, for ten minutes only', async () => {
    const mine = await upload({ name: 'a.png', bytes: PNG });
    const other = await upload({ name: 'b.jpg', bytes: JPEG });
    const link = new URL(mine.result?.evidence?.file?.url ?? '', app.base);
    const otherId = other.result?.evidence?.id ?? '';
    expect((await fetch(link)).status).toBe(200);

    const refused = async (url: string) => {
      const response = await fetch(url);
      expect(response.status, url).toBe(403);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'evidence-link-refused',
      );
    };
    // The same signature and expiry on another evidence, or on a path, or with a later expiry.
    await refused(`${app.base}/evidence-files/${otherId}${link.search}`);
    await refused(`${app.base}/evidence-files/${randomUUID()}${link.search}`);
    await refused(`${app.base}/evidence-files/..%2Fsecrets.json${link.search}`);
    await refused(link.href.replace(/exp=(\d+)/, (_m, exp) => `exp=${Number(exp) + 3600}`));
    await refused(`${app.base}${link.pathname}`);

    app.clock.advance(10 * 60_000);
    await refused(link.href);
  });
});
