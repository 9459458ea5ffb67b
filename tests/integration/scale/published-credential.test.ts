/**
 * `GET /badges/:id` asked as JSON, the request verifiers make most: the credential comes back
 * byte for byte as stored at issue, its text is kept by the process after the first request,
 * but whether the award may be shown is read for every request, so a profile made private
 * answers 404 at once; requests of the same moment share one read, and none is answered from
 * a read begun before it arrived (`server/app/published-credential.ts`, measured by
 * bench/verify-http.bench.ts).
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublishedCredentialReader } from '../../../server/app/published-credential.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { countQueries } from '../../support/query-count.ts';
import { serveApp } from '../../support/serve-app.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'scale-published-credential-secret-with-entropy-0123456789';
const S = 'seniors-numerique';
const PREMIERS_PAS_SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];
const AS_JSON = { headers: { accept: 'application/vc+ld+json' } };

describe.each(testDatabaseKinds())('a badge’s credential as JSON on %s', (kind) => {
  let engine: EngineFixture;
  let server: Server;
  let base: string;
  let awardId: string;
  let stored: string;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    await engine.addPerson('camille', 'camille@example.org');
    await engine.addPerson('coach');
    for (const skillId of PREMIERS_PAS_SKILLS) {
      const result = await engine.record({
        learnerId: 'camille',
        skillId,
        type: 'skill-validated',
        actorId: 'coach',
      });
      awardId ??= result.issued[0]?.awardId as string;
    }
    const [row] = (await engine.db('badgeAwards').where('id', awardId).select('credential')) as {
      credential: string;
    }[];
    stored = row?.credential ?? '';
    ({ server, base } = await serveApp(engine.db, { clock: engine.clock, jwtSecret: JWT_SECRET }));
  });

  afterAll(async () => {
    if (server !== undefined) await closeServer(server);
    await engine?.dispose();
  });

  it('answers the stored bytes, and reads only the award’s visibility once it holds them', async () => {
    const first = await countQueries(engine.db, async () => {
      const response = await fetch(`${base}/badges/${awardId}`, AS_JSON);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vc+ld+json; charset=utf-8');
      return response.text();
    });
    expect(first.result).toBe(stored);
    expect(first.statements.some((sql) => sql.includes('credential'))).toBe(true);

    const again = await countQueries(engine.db, async () =>
      (await fetch(`${base}/badges/${awardId}`, AS_JSON)).text(),
    );
    expect(again.result).toBe(stored);
    expect(again.queries).toBe(1);
    expect(again.statements[0]).not.toContain('credential');
  });

  it('hides the award at once when its learner’s profile becomes private, and shows it again', async () => {
    await engine.db('people').where('id', 'camille').update({ privateProfile: true });
    const hidden = await fetch(`${base}/badges/${awardId}`, AS_JSON);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: 'not-found' } });
    await engine.db('people').where('id', 'camille').update({ privateProfile: false });
    expect((await fetch(`${base}/badges/${awardId}`, AS_JSON)).status).toBe(200);
  });

  it('gives the bytes an ETag that revalidates (304), and still hides the award at once', async () => {
    const response = await fetch(`${base}/badges/${awardId}`, AS_JSON);
    const etag = response.headers.get('etag') ?? '';
    // Express's own weak ETag of the stored bytes: their length in hexadecimal, then a hash.
    const length = Buffer.byteLength(stored).toString(16);
    expect(etag).toMatch(new RegExp(`^W/"${length}-[A-Za-z0-9+/]{27}"$`));
    expect((await fetch(`${base}/badges/${awardId}`, AS_JSON)).headers.get('etag')).toBe(etag);
    // As a cache revalidates (fetch would add `Cache-Control: no-cache` to a conditional
    // request without one, which asks for the full answer).
    const revalidate = {
      headers: { ...AS_JSON.headers, 'if-none-match': etag, 'cache-control': 'max-age=0' },
    };
    const unchanged = await fetch(`${base}/badges/${awardId}`, revalidate);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    await engine.db('people').where('id', 'camille').update({ privateProfile: true });
    try {
      expect((await fetch(`${base}/badges/${awardId}`, revalidate)).status).toBe(404);
    } finally {
      await engine.db('people').where('id', 'camille').update({ privateProfile: false });
    }
  });

  it('answers 404 for an unknown or malformed id, as for a hidden one', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not%20an%20id', 'a'.repeat(65)]) {
      expect((await fetch(`${base}/badges/${id}`, AS_JSON)).status).toBe(404);
    }
  });

  it('answers requests arriving together right, from one process', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const response = await fetch(`${base}/badges/${awardId}`, AS_JSON);
        return { status: response.status, text: await response.text() };
      }),
    );
    expect(answers.every((a) => a.status === 200 && a.text === stored)).toBe(true);
  });

  it('shares one read among requests of the same moment, never one begun before a request', async () => {
    const read = createPublishedCredentialReader(engine.db);
    const together = await countQueries(engine.db, () =>
      Promise.all(Array.from({ length: 30 }, () => read(awardId))),
    );
    expect(together.result.every((bytes) => bytes?.toString() === stored)).toBe(true);
    // One bytes object for everyone: the route keeps its ETag beside it.
    expect(new Set(together.result).size).toBe(1);
    expect(together.queries).toBe(1);

    const staggered = await countQueries(engine.db, async () => {
      const first = read(awardId);
      // The first read has begun: a request now must wait for the next one.
      await new Promise((resolve) => setImmediate(resolve));
      const second = read(awardId);
      return Promise.all([first, second]);
    });
    expect(staggered.result.map((bytes) => bytes?.toString())).toEqual([stored, stored]);
    expect(staggered.queries).toBe(2);
  });
});
