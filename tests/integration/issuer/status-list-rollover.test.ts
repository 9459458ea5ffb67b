/**
 * A second revocation status list when the first is full. Lists keep the 131,072 entries the
 * specification requires, so the test fills list 1 by writing its allocation state in the
 * database (every index given out but one) rather than by issuing 131,071 badges. Then the
 * real engine issues, the real server publishes `/status/<n>`, and an outside verifier checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeBitstring,
  encodeBitstring,
  getBit,
  setBit,
} from '../../../badges/status/bitstring.ts';
import { MIN_STATUS_LIST_LENGTH, restoreStatusList } from '../../../badges/status/status-list.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { statusListUrl } from '../../../server/app/ensure-issuer.ts';
import type { IssuedAward } from '../../../server/app/issue-badge.ts';
import { verifyStoredCredential } from '../../../server/app/read-published.ts';
import { recordProgress } from '../../../server/app/record-progress.ts';
import { revokeBadge } from '../../../server/app/revoke-badge.ts';
import { findAward } from '../../../server/db/repositories/badge-awards-repository.ts';
import {
  findStatusList,
  listStatusListIds,
  saveStatusList,
} from '../../../server/db/repositories/status-lists-repository.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { type Deployment, type Instance, startDeployment } from './server-instances.ts';

const PREMIERS_PAS_SKILLS = [
  'seniors-numerique/allumer-son-appareil',
  'seniors-numerique/utiliser-l-ecran-tactile',
  'seniors-numerique/se-connecter-au-wifi',
];

interface StatusEntry {
  statusListCredential: string;
  statusListIndex: string;
}

describe.each(testDatabaseKinds())('status lists beyond the first on %s', (kind) => {
  let deployment: Deployment;
  let server: Instance;
  const list = (n: number) => statusListUrl(deployment.publicUrl, n);

  beforeAll(async () => {
    deployment = await startDeployment(kind, ['server']);
    [server] = deployment.instances as [Instance];
    await addPerson('trainer');
  }, 60_000);
  afterAll(async () => {
    await deployment?.dispose();
  });

  async function addPerson(id: string): Promise<void> {
    const at = deployment.clock().toISOString();
    await server.db('people').insert({
      id,
      displayName: id,
      email: `${id}@example.org`,
      createdAt: at,
      updatedAt: at,
    });
  }

  const validate = (learnerId: string, skillId: string) => {
    deployment.clock.tick();
    return recordProgress(server.deps, {
      learnerId,
      skillId,
      type: 'skill-validated',
      actorId: 'trainer',
    });
  };

  /** A new learner earns « Premiers pas »: the first two skills now, the last one by `finish`. */
  async function startEarning(learnerId: string): Promise<() => Promise<IssuedAward>> {
    await addPerson(learnerId);
    for (const skillId of PREMIERS_PAS_SKILLS.slice(0, -1)) await validate(learnerId, skillId);
    return async () => {
      const result = await validate(learnerId, PREMIERS_PAS_SKILLS.at(-1) as string);
      const [award] = result.issued;
      if (award === undefined) throw new Error(`${learnerId} did not earn « Premiers pas »`);
      return award;
    };
  }

  const earn = async (learnerId: string) => (await startEarning(learnerId))();

  const entryOf = (award: IssuedAward) => award.credential.credentialStatus as StatusEntry;

  /** Marks every index of a list given out, except `free` (which must not be given out yet). */
  async function fillList(id: string, free: readonly number[]): Promise<void> {
    const stored = await findStatusList(server.db, id);
    if (stored === undefined) throw new Error(`no list ${id}`);
    const current = restoreStatusList(stored.state);
    const allocated = new Uint8Array(current.length / 8).fill(0xff);
    for (const index of free) {
      expect(current.isAllocated(index)).toBe(false);
      setBit(allocated, index, false);
    }
    await saveStatusList(
      server.db,
      { ...stored.state, allocatedList: encodeBitstring(allocated) },
      stored.updatedAt,
    );
  }

  const verifyOutside = (credential: unknown, learnerId: string) =>
    verifyCredential(credential, {
      now: new Date(deployment.clock().getTime() + 3_600_000),
      allowLoopback: true,
      timeoutMs: 5_000,
      knownIssuers: [server.issuer.profile.id],
      email: `${learnerId}@example.org`,
    });

  const get = (path: string) =>
    deployment.request('server', path, { headers: { accept: 'application/json' } });

  let onList1: IssuedAward;
  let onList2: IssuedAward;

  it('fills list 1 to its last free index, then starts list 2 at /status/2', async () => {
    await fillList(list(1), [4242]);
    onList1 = await earn('alice');
    expect(entryOf(onList1)).toMatchObject({
      statusListCredential: list(1),
      statusListIndex: '4242',
    });

    expect((await get('/status/2')).status).toBe(404);
    onList2 = await earn('bruno');
    expect(entryOf(onList2).statusListCredential).toBe(list(2));
    const stored = await findStatusList(server.db, list(2));
    if (stored === undefined) throw new Error('list 2 was not stored');
    const second = restoreStatusList(stored.state);
    expect(second.length).toBe(MIN_STATUS_LIST_LENGTH);
    expect(second.length - second.freeCount).toBe(1);
    expect(second.isAllocated(Number(entryOf(onList2).statusListIndex))).toBe(true);
    expect((await findAward(server.db, onList2.awardId))?.statusListId).toBe(list(2));

    // Both verify, each against its own list, as an outside verifier fetches them.
    expect((await verifyOutside(onList1.credential, 'alice')).verdict).toBe('valid');
    expect((await verifyOutside(onList2.credential, 'bruno')).verdict).toBe('valid');
  });

  it('serves every list at /status/<n>, and 404 for lists that do not exist', async () => {
    const response = await get('/status/2');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/vc\+ld\+json/);
    const credential = (await response.json()) as {
      id: string;
      type: string[];
      credentialSubject: { encodedList: string };
    };
    expect(credential.id).toBe(list(2));
    expect(credential.type).toContain('BitstringStatusListCredential');
    expect(decodeBitstring(credential.credentialSubject.encodedList).length * 8).toBe(
      MIN_STATUS_LIST_LENGTH,
    );
    expect((await get('/status/1')).status).toBe(200);
    for (const path of ['/status/3', '/status/0', '/status/02', '/status/abc', '/status/-1']) {
      const missing = await get(path);
      expect(missing.status, path).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-found');
    }
  });

  it('revoking a badge of list 2 sets its bit in list 2 only: verifiers see it revoked', async () => {
    deployment.clock.tick();
    await revokeBadge(server.deps, {
      awardId: onList2.awardId,
      reason: 'Erreur de saisie',
      actorId: 'trainer',
    });
    expect((await verifyOutside(onList2.credential, 'bruno')).verdict).toBe('revoked');
    expect((await verifyOutside(onList1.credential, 'alice')).verdict).toBe('valid');

    const published = (await (await get('/status/2')).json()) as {
      credentialSubject: { encodedList: string };
    };
    const bits = decodeBitstring(published.credentialSubject.encodedList);
    expect(getBit(bits, Number(entryOf(onList2).statusListIndex))).toBe(true);
    const first = await findStatusList(server.db, list(1));
    expect(restoreStatusList(first?.state).isRevoked(4242)).toBe(false);

    // The award page's own check preloads the list the credential names.
    const report = await verifyStoredCredential(
      { ...server.deps, verify: { allowLoopback: false } },
      onList1.credential,
    );
    expect(report.checks.find((check) => check.id === 'not-revoked')?.status).toBe('passed');
    const revoked = await verifyStoredCredential(
      { ...server.deps, verify: { allowLoopback: false } },
      onList2.credential,
    );
    expect(revoked.verdict).toBe('revoked');
  });

  it('gives unique indexes when badges are issued at once across a full list', async () => {
    const free = [7, 131_071];
    await fillList(list(2), free);
    const learners = ['camille', 'dora', 'emile', 'fatou', 'gaston'];
    const finishers = await Promise.all(learners.map((learner) => startEarning(learner)));
    const awards = await Promise.all(finishers.map((finish) => finish()));

    const entries = awards.map(entryOf);
    const onSecond = entries.filter((entry) => entry.statusListCredential === list(2));
    const onThird = entries.filter((entry) => entry.statusListCredential === list(3));
    expect(onSecond.map((entry) => Number(entry.statusListIndex)).sort((x, y) => x - y)).toEqual(
      free,
    );
    expect(onThird).toHaveLength(learners.length - free.length);
    const keys = entries.map((entry) => `${entry.statusListCredential}#${entry.statusListIndex}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await listStatusListIds(server.db)).sort()).toEqual([list(1), list(2), list(3)]);
    const third = await findStatusList(server.db, list(3));
    expect(restoreStatusList(third?.state).freeCount).toBe(MIN_STATUS_LIST_LENGTH - onThird.length);
    for (const [position, award] of awards.entries()) {
      expect((await verifyOutside(award.credential, learners[position] as string)).verdict).toBe(
        'valid',
      );
    }
  });
});
