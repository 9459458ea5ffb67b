/**
 * What the server does at every start: import the curricula as versions (idempotently) and
 * make sure the issuer has its keys and status list (generated once, then loaded).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { didWebFromBaseUrl } from '../../../badges/did/did-web.ts';
import { signingKey } from '../../../badges/keys/issuer-key.ts';
import { MIN_STATUS_LIST_LENGTH, restoreStatusList } from '../../../badges/status/status-list.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { UnknownIssuerKey } from '../../../server/app/engine-errors.ts';
import { ensureIssuer, retireKey, rotateKey } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import {
  findCurriculumVersionContent,
  listCurriculumVersions,
} from '../../../server/db/repositories/curriculum-versions-repository.ts';
import { findStatusList } from '../../../server/db/repositories/status-lists-repository.ts';
import { contentHash } from '../../../server/domain/identity/content-hash.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { shippedCurricula, testClock } from './engine-fixture.ts';

const PUBLIC_URL = 'http://127.0.0.1:3999';
const SETTINGS = {
  publicUrl: PUBLIC_URL,
  name: 'Grange Numérique',
  email: 'contact@grange.example',
};

/** The catalog with one curriculum's title changed: a new version of that curriculum only. */
function withChangedTitle(catalog: Catalog, curriculumId: string): Catalog {
  const curricula = catalog.curricula.map((c) =>
    c.id === curriculumId ? { ...c, title: { ...c.title, fr: `${c.title.fr} (2e édition)` } } : c,
  );
  return {
    ...catalog,
    curricula,
    versions: new Map(curricula.map((c) => [c.id, contentHash(c)])),
  };
}

describe.each(testDatabaseKinds())('start-up on %s', (kind) => {
  let test: TestDatabase;
  beforeEach(async () => {
    test = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await test?.dispose();
  });

  it('imports each curriculum once, and a changed one as a new current version', async () => {
    const { db } = test;
    const catalog = await shippedCurricula();
    const clock = testClock();
    const first = await importCurricula(db, catalog, clock);
    expect(first.changed.map((c) => [c.curriculumId, c.kind])).toEqual(
      catalog.curricula.map((c) => [c.id, 'added']),
    );
    clock.tick();
    const second = await importCurricula(db, catalog, clock);
    expect(second).toEqual({ changed: [], unchanged: catalog.curricula.map((c) => c.id) });
    const rows = await listCurriculumVersions(db);
    expect(rows).toHaveLength(catalog.curricula.length);
    expect(rows.every((r) => r.isCurrent && r.importedAt === '2026-03-02T09:00:00.000Z')).toBe(
      true,
    );
    const stored = await findCurriculumVersionContent(
      db,
      'bafa',
      catalog.versions.get('bafa') ?? '',
    );
    expect(stored).toEqual(catalog.curricula.find((c) => c.id === 'bafa'));

    clock.tick();
    const changed = withChangedTitle(catalog, 'seniors-numerique');
    const third = await importCurricula(db, changed, clock);
    expect(third.changed).toEqual([
      {
        curriculumId: 'seniors-numerique',
        contentHash: changed.versions.get('seniors-numerique'),
        previousHash: catalog.versions.get('seniors-numerique'),
        kind: 'added',
      },
    ]);
    const seniors = await listCurriculumVersions(db, 'seniors-numerique');
    expect(seniors.map((r) => [r.contentHash, r.isCurrent])).toEqual([
      [catalog.versions.get('seniors-numerique'), false],
      [changed.versions.get('seniors-numerique'), true],
    ]);
    expect(await listCurriculumVersions(db)).toHaveLength(catalog.curricula.length + 1);

    // Going back to the first content makes its row current again, without a new row.
    const back = await importCurricula(db, catalog, clock);
    expect(back.changed.map((c) => c.kind)).toEqual(['restored']);
    const after = await listCurriculumVersions(db, 'seniors-numerique');
    expect(after.map((r) => r.isCurrent)).toEqual([true, false]);
  });

  it('generates the issuer once, then loads the same keys, DID and status list', async () => {
    const { db } = test;
    const clock = testClock();
    const first = await ensureIssuer(db, SETTINGS, clock);
    expect(first.profile).toEqual({
      id: didWebFromBaseUrl(PUBLIC_URL),
      name: 'Grange Numérique',
      url: PUBLIC_URL,
      email: 'contact@grange.example',
    });
    expect(first.profile.id).toBe('did:web:127.0.0.1%3A3999');
    expect(first.keys.map((k) => k.algorithm).sort()).toEqual(['Ed25519', 'RSA']);
    expect(first.keys.every((k) => k.controller === first.profile.id)).toBe(true);
    expect(first.keys.find((k) => k.algorithm === 'Ed25519')?.secretKeyMultibase).toBeDefined();
    expect(first.keys.find((k) => k.algorithm === 'RSA')?.privateKeyPem).toMatch(/PRIVATE KEY/);

    clock.tick(60);
    const second = await ensureIssuer(db, { ...SETTINGS, publicUrl: `${PUBLIC_URL}/` }, clock);
    expect(second.profile).toEqual(first.profile);
    const byId = (keys: typeof first.keys) => [...keys].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(second.keys)).toEqual(byId(first.keys));
    expect(Number((await db('issuer_keys').count({ n: '*' }))[0]?.n)).toBe(2);

    const stored = await findStatusList(db, `${PUBLIC_URL}/status/1`);
    if (stored === undefined) throw new Error('no status list');
    const list = restoreStatusList(stored.state);
    expect(list.length).toBeGreaterThanOrEqual(MIN_STATUS_LIST_LENGTH);
    expect(list.freeCount).toBe(list.length);
    expect(Number((await db('status_lists').count({ n: '*' }))[0]?.n)).toBe(1);
  });

  it('rotates and retires keys: the newest active key signs, old keys stay published', async () => {
    const { db } = test;
    const clock = testClock();
    const issuer = await ensureIssuer(db, SETTINGS, clock);
    const oldEd = signingKey(issuer.keys, 'Ed25519', clock().toISOString());
    clock.tick(60);
    const newEd = await rotateKey(db, SETTINGS, 'Ed25519', clock);
    expect(newEd.controller).toBe(issuer.profile.id);
    clock.tick(60);
    const retired = await retireKey(db, oldEd.id, clock());
    expect(retired.retiredAt).toBe(clock().toISOString());
    await expect(retireKey(db, `${issuer.profile.id}#nope`, clock())).rejects.toBeInstanceOf(
      UnknownIssuerKey,
    );

    const reloaded = await ensureIssuer(db, SETTINGS, clock);
    expect(reloaded.keys).toHaveLength(3);
    expect(reloaded.keys.find((k) => k.id === oldEd.id)?.retiredAt).toBe(retired.retiredAt);
    expect(signingKey(reloaded.keys, 'Ed25519', clock().toISOString()).id).toBe(newEd.id);

    // Every Ed25519 key retired: the next start generates a fresh one.
    await retireKey(db, newEd.id, clock());
    clock.tick();
    const regenerated = await ensureIssuer(db, SETTINGS, clock);
    expect(regenerated.keys).toHaveLength(4);
    expect(signingKey(regenerated.keys, 'Ed25519', clock().toISOString()).id).not.toBe(newEd.id);
  });
});
