/**
 * Evidence files through the real express application (createApp): a learner uploads a photo
 * or a PDF with the GraphQL multipart request spec, files are judged by their content, refusals
 * write nothing (no row, no event, no file), and the trainer of the learner's group opens the
 * file through a short-lived signed link served with safe headers. Others get no link.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBadgePng } from '../../../badges/images/badge-png.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { FilesystemEvidenceFileStore } from '../../../server/app/evidence-files/filesystem-store.ts';
import { signEvidenceLink } from '../../../server/app/evidence-files/signed-link.ts';
import { submitEvidence } from '../../../server/app/learner/submit-evidence.ts';
import type { Role } from '../../../server/auth/roles.ts';
import { loadConfig } from '../../../server/config.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createMember, type Member, postGraphql } from '../../support/graphql-client.ts';
import { addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'evidence-upload-secret-with-enough-entropy-0123456789';
/** Small, so that "too large" is cheap to send; the transport adds 64 KB of room. */
const MAX_BYTES = 32 * 1024;
const S = 'seniors-numerique';

const SUBMIT = `
  mutation Submit($skillId: ID!, $text: String, $file: File) {
    submitEvidence(skillId: $skillId, text: $text, file: $file) {
      __typename
      ... on SubmitEvidenceSuccess {
        evidence { id kind text file { mediaType sizeBytes name url } }
        state { status }
      }
      ... on EvidenceFileRefused { reason maxBytes }
      ... on LocalizedError { code message { fr en } }
    }
  }`;

const EVIDENCE = `
  query Evidence($id: ID!) {
    evidence(id: $id) {
      __typename
      ... on Evidence { id file { mediaType name url } }
      ... on LocalizedError { code }
    }
  }`;

/** A real 4×4 PNG, rendered by the badge image code. */
const PNG = renderBadgePng(
  '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#2a7"/></svg>',
  4,
);
/** The smallest JPEG a browser accepts the start of: SOI, a JFIF APP0 segment, EOI. */
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

interface UploadResult {
  __typename: string;
  evidence?: {
    id: string;
    kind: string;
    text: string | null;
    file: { mediaType: string; sizeBytes: number; name: string | null; url: string | null } | null;
  };
  state?: { status: string };
  reason?: string;
  maxBytes?: number;
  code?: string;
  message?: { fr: string; en: string };
}

describe.each(testDatabaseKinds())('evidence file uploads on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let dataDir: string;
  let server: Server | undefined;
  let base: string;
  let staff: StaffMember;
  let admin: Member;
  let trainer: Member;
  let otherTrainer: Member;
  let learner: Member;
  let otherLearner: Member;
  let groupId: string;

  const evidenceDir = () => join(dataDir, 'evidence');
  const filesOnDisk = (): string[] => {
    try {
      return readdirSync(evidenceDir()).sort();
    } catch {
      return [];
    }
  };
  const member = (roles: Role[], name: string) => createMember(accounts, staff, roles, name);

  /** Posts the mutation as a multipart request (GraphQL multipart request spec). */
  async function upload(
    token: string,
    input: { skillId: string; text?: string },
    file: { bytes: Uint8Array; name: string; type?: string },
  ): Promise<Response> {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: SUBMIT, variables: { ...input, file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set(
      '0',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
    return fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  }

  async function uploaded(
    input: { skillId: string; text?: string },
    file: { bytes: Uint8Array; name: string; type?: string },
  ): Promise<UploadResult> {
    const response = await upload(learner.token, input, file);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data?: { submitEvidence: UploadResult };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    const result = body.data?.submitEvidence;
    if (result === undefined) throw new Error('no result');
    return result;
  }

  async function writtenCounts(): Promise<[number, number, string[]]> {
    return [await engine.count('evidence'), await engine.count('progress_events'), filesOnDisk()];
  }

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'grange-evidence-upload-'));
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    staff = await addStaff(accounts, ['admin'], 'Root');
    admin = await member(['admin'], 'Admin');
    trainer = await member(['trainer'], 'Trainer');
    otherTrainer = await member(['trainer'], 'Other trainer');
    learner = await member(['learner'], 'Lucie');
    otherLearner = await member(['learner'], 'Octave');
    groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors', curriculumId: S }, engine.clock());
    for (const [personId, role] of [
      [trainer.personId, 'trainer'],
      [learner.personId, 'learner'],
      [otherLearner.personId, 'learner'],
    ] as const) {
      await accounts.groups.addMember({ groupId, personId, role }, engine.clock());
    }
    const otherGroup = randomUUID();
    await accounts.groups.create(
      { id: otherGroup, name: 'Autre', curriculumId: S },
      engine.clock(),
    );
    await accounts.groups.addMember(
      { groupId: otherGroup, personId: otherTrainer.personId, role: 'trainer' },
      engine.clock(),
    );

    const app = createApp({
      config: loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: engine.publicUrl }),
      db: engine.db,
      logger: createLogger('silent'),
      catalog: engine.catalog,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
      issuer: engine.issuer,
      evidenceFiles: {
        store: new FilesystemEvidenceFileStore(join(dataDir, 'evidence')),
        maxBytes: MAX_BYTES,
      },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('accept a real PNG, store it under a random key, and give its owner a signed link', async () => {
    const result = await uploaded(
      { skillId: `${S}/prendre-des-photos`, text: 'Ma première photo' },
      { bytes: PNG, name: 'photo.png', type: 'image/png' },
    );
    expect(result).toMatchObject({
      __typename: 'SubmitEvidenceSuccess',
      evidence: {
        kind: 'file',
        text: 'Ma première photo',
        file: { mediaType: 'image/png', sizeBytes: PNG.length, name: 'photo.png' },
      },
      state: { status: 'SUBMITTED' },
    });
    const url = result.evidence?.file?.url ?? '';
    expect(url).toMatch(/^\/evidence-files\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]+$/);

    const [row] = await engine.db('evidence').where('id', result.evidence?.id ?? '');
    expect(row).toMatchObject({ kind: 'file', mediaType: 'image/png', fileName: 'photo.png' });
    expect(String(row?.filePath)).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(row?.sizeBytes)).toBe(PNG.length);
    expect(filesOnDisk()).toContain(row?.filePath);
    expect(readFileSync(join(evidenceDir(), String(row?.filePath)))).toEqual(PNG);
  });

  it('accept a JPEG by its content whatever the declared type, and keep a clean name', async () => {
    const result = await uploaded(
      { skillId: `${S}/envoyer-une-piece-jointe` },
      { bytes: JPEG, name: '../../Photo du jardin été.jpeg', type: 'application/octet-stream' },
    );
    expect(result.evidence).toMatchObject({
      kind: 'file',
      text: null,
      file: { mediaType: 'image/jpeg', sizeBytes: JPEG.length, name: 'Photo du jardin été.jpeg' },
    });
  });

  it('let the trainer of the group open the photo from the queue, with safe headers', async () => {
    const photo = await uploaded(
      { skillId: `${S}/installer-une-application` },
      { bytes: PNG, name: 'écran.png' },
    );
    const queue = await postGraphql(
      base,
      `query Q($groupId: ID) {
        validationQueue(groupId: $groupId) {
          ... on ValidationQueue { requests { skillId evidence { id file { url } } } }
        }
      }`,
      { groupId },
      trainer.token,
    );
    const { requests } = (queue.data?.validationQueue ?? { requests: [] }) as {
      requests: { skillId: string; evidence: { id: string; file: { url: string } | null }[] }[];
    };
    const request = requests.find((r) => r.skillId === `${S}/installer-une-application`);
    expect(request?.evidence[0]?.id).toBe(photo.evidence?.id);
    const url = request?.evidence[0]?.file?.url ?? '';

    // No Authorization header: the signature is the credential, as for an <img> tag.
    const response = await fetch(`${base}${url}`);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="ecran.png"; filename*=UTF-8''%C3%A9cran.png`,
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=600',
    });
  });

  it('serve a PDF as a download named after its content, never after the sent name', async () => {
    const result = await uploaded(
      { skillId: `${S}/reperer-un-site-officiel` },
      { bytes: PDF, name: 'attestation.html', type: 'text/html' },
    );
    expect(result.evidence?.file).toMatchObject({
      mediaType: 'application/pdf',
      name: 'attestation.html',
    });
    const response = await fetch(`${base}${result.evidence?.file?.url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="attestation.pdf"; filename*=UTF-8''attestation.pdf`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
  });

  it.each([
    [
      'a program renamed photo.jpg',
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'),
      'type-not-allowed',
    ],
    [
      'a web page renamed photo.jpg',
      Buffer.from('<!doctype html><script>alert(document.cookie)</script>'),
      'type-not-allowed',
    ],
    ['an empty photo.jpg', Buffer.alloc(0), 'empty'],
    [
      'a photo.jpg over the limit',
      Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(MAX_BYTES)]),
      'too-large',
    ],
  ])('refuse %s with EvidenceFileRefused and write nothing', async (_label, bytes, reason) => {
    const before = await writtenCounts();
    const result = await uploaded(
      { skillId: `${S}/regler-un-petit-souci`, text: 'Voici ma photo' },
      { bytes, name: 'photo.jpg', type: 'image/jpeg' },
    );
    expect(result).toMatchObject({
      __typename: 'EvidenceFileRefused',
      code: 'evidence-file-refused',
      reason,
      maxBytes: MAX_BYTES,
    });
    expect(result.message?.fr).toContain('JPEG, PNG, WebP ou HEIC');
    expect(result.message?.fr).toContain('PDF de 32 ko au plus');
    expect(result.message?.en).toContain('at most 32 kB');
    expect(await writtenCounts()).toEqual(before);
  });

  it('refuse a body far over the limit before reading it (413), writing nothing', async () => {
    const before = await writtenCounts();
    const response = await upload(
      learner.token,
      { skillId: `${S}/regler-un-petit-souci` },
      { bytes: Buffer.concat([JPEG, Buffer.alloc(200 * 1024)]), name: 'photo.jpg' },
    );
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: { fr: string } } };
    expect(body.error.code).toBe('evidence-file-refused');
    expect(body.error.message.fr).toContain('32 ko au plus');
    expect(await writtenCounts()).toEqual(before);
  });

  it('refuse a multipart body that does not state its length (411)', async () => {
    const before = await writtenCounts();
    const { port } = new URL(base);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          headers: {
            authorization: `Bearer ${learner.token}`,
            'content-type': 'multipart/form-data; boundary=x',
            'transfer-encoding': 'chunked',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write('--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n');
      request.end('--x--\r\n');
    });
    expect(status).toBe(411);
    expect(await writtenCounts()).toEqual(before);
  });

  it('delete the stored file when the database refuses the evidence', async () => {
    const before = await writtenCounts();
    const store = new FilesystemEvidenceFileStore(evidenceDir());
    // Nobody has this id: the row (foreign key) or the ledger event is refused, and rolled back.
    await expect(
      submitEvidence(
        { ...engine.deps, evidenceFiles: { store, maxBytes: MAX_BYTES } },
        {
          learnerId: `nobody-${randomUUID()}`,
          skillId: `${S}/prendre-des-photos`,
          file: new File([new Uint8Array(PNG)], 'photo.png'),
        },
      ),
    ).rejects.toThrow();
    expect(await writtenCounts()).toEqual(before);
  });

  it('keep text-only evidence working, with no file', async () => {
    const body = await postGraphql(
      base,
      SUBMIT,
      { skillId: `${S}/naviguer-sur-le-web`, text: 'J’ai trouvé la météo.' },
      learner.token,
    );
    expect(body.data?.submitEvidence).toMatchObject({
      __typename: 'SubmitEvidenceSuccess',
      evidence: { kind: 'text', file: null },
    });
  });

  it('give a link to the learner, the group trainer and an admin; Forbidden to the others', async () => {
    const photo = await uploaded(
      { skillId: `${S}/creer-une-adresse-mail` },
      { bytes: JPEG, name: 'capture.jpg' },
    );
    const id = photo.evidence?.id ?? '';
    for (const viewer of [learner, trainer, admin]) {
      const body = await postGraphql(base, EVIDENCE, { id }, viewer.token);
      expect(body.data?.evidence).toMatchObject({
        __typename: 'Evidence',
        id,
        file: {
          mediaType: 'image/jpeg',
          name: 'capture.jpg',
          url: expect.stringMatching(/^\/evidence-files\//),
        },
      });
    }
    for (const viewer of [otherLearner, otherTrainer]) {
      const body = await postGraphql(base, EVIDENCE, { id }, viewer.token);
      expect(body.data?.evidence).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
    }
    // An unknown id: Forbidden for a learner (ids cannot be probed), UnknownEvidence for an admin.
    const unknown = randomUUID();
    expect(
      (await postGraphql(base, EVIDENCE, { id: unknown }, otherLearner.token)).data?.evidence,
    ).toEqual({ __typename: 'Forbidden', code: 'forbidden' });
    expect(
      (await postGraphql(base, EVIDENCE, { id: unknown }, admin.token)).data?.evidence,
    ).toEqual({ __typename: 'UnknownEvidence', code: 'unknown-evidence' });
    const anonymous = await postGraphql(base, EVIDENCE, { id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('unauthenticated');
  });

  it('list file metadata, never the bytes or the storage key, in the data export', async () => {
    const body = await postGraphql(base, '{ myDataExport }', {}, learner.token);
    const data = JSON.parse(body.data?.myDataExport as string) as {
      evidence: { kind: string; file?: Record<string, unknown> }[];
    };
    const files = data.evidence.filter((e) => e.kind === 'file').map((e) => e.file);
    expect(files).toContainEqual({
      name: 'photo.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
    });
    expect(files).toContainEqual({
      name: 'attestation.html',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(JSON.stringify(data.evidence)).not.toMatch(/[0-9a-f]{32}|filePath|key/);
  });

  it('answer 403 to a tampered, borrowed or expired link and 404 to an unknown evidence', async () => {
    const photo = await uploaded(
      { skillId: `${S}/envoyer-un-mail` },
      { bytes: PNG, name: 'mail.png' },
    );
    const other = await uploaded(
      { skillId: `${S}/rechercher-sur-internet` },
      { bytes: JPEG, name: 'recherche.jpg' },
    );
    const url = new URL(photo.evidence?.file?.url ?? '', base);
    const expectRefused = async (link: string, expired: boolean) => {
      const response = await fetch(link);
      expect(response.status, link).toBe(403);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await response.json()) as { error: { code: string; message: { fr: string } } };
      expect(body.error.code).toBe('evidence-link-refused');
      expect(body.error.message.fr).toContain(expired ? 'a expiré' : "n'est pas valide");
    };

    const sig = url.searchParams.get('sig') ?? '';
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    await expectRefused(url.href.replace(`sig=${sig}`, `sig=${flipped}`), false);
    await expectRefused(url.href.replace(/exp=\d+/, 'exp=99999999999'), false);
    await expectRefused(`${base}${url.pathname}`, false);
    // A genuine signature moved onto another evidence, or onto a path outside the folder.
    await expectRefused(`${base}/evidence-files/${other.evidence?.id}${url.search}`, false);
    await expectRefused(`${base}/evidence-files/..%2F..%2Fgrange.sqlite${url.search}`, false);

    const unknown = await fetch(
      `${base}${signEvidenceLink(JWT_SECRET, randomUUID(), engine.clock())}`,
    );
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe(
      'unknown-evidence',
    );

    expect((await fetch(url)).status).toBe(200);
    engine.clock.tick(11);
    await expectRefused(url.href, true);
  });
});
