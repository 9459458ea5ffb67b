/**
 * The learner's exports through the real express application (createApp), on SQLite and
 * PostgreSQL: a learner who earned a badge downloads their CLR 2.0 record (it verifies, the
 * badge inside is the one stored) and their printable passport (its text names the badge and
 * its verification page, in French or English, with or without their name); another learner
 * gets only their own, and nobody gets anything without a valid token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import { skillsOfAward } from '../../../server/app/passport/learner-record.ts';
import { loadConfig } from '../../../server/config.ts';
import { findAward } from '../../../server/db/repositories/badge-awards-repository.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { createMember, type Member } from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'learner-exports-secret-with-enough-entropy-0123456789';
const BADGE_SKILLS = [
  'seniors-numerique/allumer-son-appareil',
  'seniors-numerique/utiliser-l-ecran-tactile',
  'seniors-numerique/se-connecter-au-wifi',
];

async function pdfText(bytes: ArrayBuffer): Promise<{ text: string; joined: string }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await pdf.cleanup();
  return { text: parts.join('\n'), joined: parts.join('') };
}

describe.each(testDatabaseKinds())('learner exports (CLR, passport) on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let dataDir: string;
  let server: Server | undefined;
  let base: string;
  let trainer: Member;
  let learner: Member;
  let other: Member;
  let awardId: string;

  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    dataDir = mkdtempSync(join(tmpdir(), 'grange-learner-exports-'));
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const staff = await addStaff(accounts, ['admin'], 'Root');
    trainer = await createMember(accounts, staff, ['trainer'], 'Trainer');
    learner = await createMember(accounts, staff, ['learner'], 'Élodie Façon');
    other = await createMember(accounts, staff, ['learner'], 'Octave');
    let issued: string | undefined;
    for (const skillId of BADGE_SKILLS) {
      const result = await engine.record({
        learnerId: learner.personId,
        skillId,
        type: 'skill-validated',
        actorId: trainer.personId,
      });
      issued ??= result.issued[0]?.awardId;
    }
    if (issued === undefined) throw new Error('the badge was not issued');
    awardId = issued;
    // A skill validated outside any badge the learner holds.
    await engine.record({
      learnerId: learner.personId,
      skillId: 'seniors-numerique/naviguer-sur-le-web',
      type: 'skill-validated',
      actorId: trainer.personId,
    });

    const app = createApp({
      config: loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: engine.publicUrl }),
      db: engine.db,
      logger: createLogger('silent'),
      catalog: engine.catalog,
      clock: engine.clock,
      jwtSecret: JWT_SECRET,
      issuer: engine.issuer,
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

  it('gives the learner a signed CLR record that verifies, holding their badge as issued', async () => {
    const response = await get('/me/clr.json', learner.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const record = (await response.json()) as Record<string, unknown> & {
      type: string[];
      credentialSubject: {
        verifiableCredential: unknown[];
        achievement: { id: string; name: string }[];
        association: { associationType: string; sourceId: string; targetId: string }[];
      };
    };
    expect(record.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(JSON.stringify(record)).not.toContain(learner.email);
    const stored = await findAward(engine.db, awardId);
    if (stored === undefined) throw new Error('the award is not stored');
    expect(record.credentialSubject.verifiableCredential).toEqual([stored.credential]);
    const names = record.credentialSubject.achievement.map((a) => a.name);
    expect(names).toContain('Naviguer sur le web');
    const childOf = record.credentialSubject.association.filter(
      (a) => a.associationType === 'isChildOf',
    );
    // One per skill the badge's criteria name, each linked to the badge inside the record.
    expect(childOf).toHaveLength(skillsOfAward(stored).length);
    const badgeAchievement = (
      stored.credential.credentialSubject as { achievement: { id: string } }
    ).achievement.id;
    expect(childOf.every((a) => a.targetId === badgeAchievement)).toBe(true);

    const report = await engine.verify(record, { email: learner.email });
    expect(report.verdict).toBe('valid');
    expect(report.summary?.format).toBe('clr-json');
    expect(report.checks.filter((c) => c.id === 'embedded-credential')).toHaveLength(1);
    expect((await engine.verify(record, { email: other.email })).verdict).toBe('wrong-recipient');
  });

  it('gives the learner their passport PDF naming the badge and its verification page', async () => {
    const badge = indexCatalog(engine.catalog).badge(
      (await findAward(engine.db, awardId))?.badgeId ?? '',
    )?.badge;
    const url = `${engine.publicUrl}/badges/${awardId}`;

    const fr = await get('/me/passeport.pdf', learner.token);
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-type')).toBe('application/pdf');
    const french = await pdfText(await fr.arrayBuffer());
    expect(french.text).toContain('Passeport de compétences');
    expect(french.text).toContain('Élodie Façon');
    expect(french.text).toContain(badge?.title.fr);
    expect(french.joined).toContain(url);
    expect(french.text).toContain('Autres compétences validées');

    const en = await get('/me/passeport.pdf?lang=en&name=hide', learner.token);
    expect(en.status).toBe(200);
    const english = await pdfText(await en.arrayBuffer());
    expect(english.text).toContain('Skills passport');
    expect(english.text).toContain(badge?.title.en);
    expect(english.joined).toContain(url);
    expect(english.text).not.toContain('Élodie');
  });

  it('prints, for a private profile, a note instead of a QR code to a page that answers 404', async () => {
    const url = `${engine.publicUrl}/badges/${awardId}`;
    await engine.db('people').where({ id: learner.personId }).update({ privateProfile: true });
    try {
      expect((await fetch(`${base}/badges/${awardId}`)).status).toBe(404);
      const fr = await pdfText(await (await get('/me/passeport.pdf', learner.token)).arrayBuffer());
      expect(fr.text).toContain('Page de vérification privée');
      // Wrapped lines lose the space at the break: compare without any whitespace.
      expect(fr.joined.replace(/\s+/g, '')).toContain('liendepartage');
      expect(fr.joined).not.toContain(url);
      const en = await get('/me/passeport.pdf?lang=en', learner.token);
      const english = await pdfText(await en.arrayBuffer());
      expect(english.text).toContain('Private verification page');
      expect(english.joined).not.toContain(url);
    } finally {
      await engine.db('people').where({ id: learner.personId }).update({ privateProfile: false });
    }
  });

  it("never gives one learner another's record", async () => {
    const clr = await get('/me/clr.json', other.token);
    expect(clr.status).toBe(404);
    expect(((await clr.json()) as { error: { code: string } }).error.code).toBe(
      'no-badge-to-export',
    );
    const pdf = await get('/me/passeport.pdf', other.token);
    expect(pdf.status).toBe(200);
    const { text, joined } = await pdfText(await pdf.arrayBuffer());
    expect(text).toContain('Octave');
    expect(text).not.toContain('Élodie');
    expect(joined).not.toContain(awardId);
    expect(text).toContain("Aucun badge pour l'instant.");
  });

  it('refuses requests without a valid token, and bad parameters', async () => {
    for (const path of ['/me/clr.json', '/me/passeport.pdf']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
        'invalid-access-token',
      );
      expect((await get(path, `${learner.token}x`)).status).toBe(401);
    }
    const bad = await get('/me/passeport.pdf?lang=de', learner.token);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: { fr: string } } };
    expect(body.error.code).toBe('invalid-parameter');
    expect(body.error.message.fr).toContain('« lang »');
  });
});
