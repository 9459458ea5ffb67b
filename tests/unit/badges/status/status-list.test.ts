import { gunzipSync } from 'node:zlib';
import { BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBitstring, encodeBitstring, getBit } from '../../../../badges/status/bitstring.ts';
import {
  createStatusList,
  MIN_STATUS_LIST_LENGTH,
  type RandomInt,
  restoreStatusList,
  serializeStatusList,
  statusEntry,
} from '../../../../badges/status/status-list.ts';

const LIST_ID = 'https://grange.example/status/1';

/** A deterministic "random" source (linear congruential), for reproducible allocations. */
function seeded(seed: number): RandomInt {
  let state = seed;
  return (max) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % max;
  };
}

function rawBits(encoded: string): Uint8Array {
  return new Uint8Array(gunzipSync(Buffer.from(encoded.slice(1), 'base64url')));
}

describe('createStatusList', () => {
  it('holds at least 131,072 entries and refuses fewer', () => {
    const list = createStatusList({ id: LIST_ID });
    expect(list.length).toBe(131_072);
    expect(MIN_STATUS_LIST_LENGTH).toBe(131_072);
    expect(rawBits(list.encode())).toHaveLength(131_072 / 8);
    expect(() => createStatusList({ id: LIST_ID, length: 131_064 })).toThrow(RangeError);
    expect(() => createStatusList({ id: LIST_ID, length: 131_073 })).toThrow(RangeError);
    expect(createStatusList({ id: LIST_ID, length: 262_144 }).length).toBe(262_144);
  });

  it('encodes as "u" + base64url of GZIP, all clear when nothing is revoked', () => {
    const encoded = createStatusList({ id: LIST_ID }).encode();
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(rawBits(encoded).every((byte) => byte === 0)).toBe(true);
  });
});

describe('bit order', () => {
  it('puts index 0 in the highest bit of byte 0 (MSB first)', () => {
    const list = createStatusList({ id: LIST_ID });
    const index = list.allocate(() => 0);
    expect(index).toBe(0);
    list.revoke(0);
    const bits = rawBits(list.encode());
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits.slice(1).every((byte) => byte === 0)).toBe(true);
  });

  it('puts index 15 in the lowest bit of byte 1', () => {
    const list = createStatusList({ id: LIST_ID });
    // The n-th free index is chosen: with nothing allocated, n = 15 gives index 15.
    expect(list.allocate(() => 15)).toBe(15);
    list.revoke(15);
    const bits = rawBits(list.encode());
    expect([bits[0], bits[1]]).toEqual([0, 0b0000_0001]);
  });

  it('agrees with the Digital Bazaar implementation (@digitalbazaar/vc-bitstring-status-list)', async () => {
    const list = createStatusList({ id: LIST_ID });
    const random = seeded(7);
    const revoked = [list.allocate(random), list.allocate(random), list.allocate(random)];
    for (const index of revoked) list.revoke(index);
    const theirs = await BitstringStatusList.decode({ encodedList: list.encode() });
    for (const index of revoked) expect(theirs.getStatus(index)).toBe(true);
    expect(theirs.getStatus((revoked[0] ?? 0) + 1)).toBe(list.isRevoked((revoked[0] ?? 0) + 1));
  });
});

describe('revoke', () => {
  it('sets exactly one bit, the one of that index', () => {
    const list = createStatusList({ id: LIST_ID });
    const random = seeded(42);
    const indexes = Array.from({ length: 20 }, () => list.allocate(random));
    const target = indexes[7] ?? 0;
    list.revoke(target);
    const bits = rawBits(list.encode());
    let set = 0;
    for (let i = 0; i < list.length; i++) if (getBit(bits, i)) set++;
    expect(set).toBe(1);
    expect(getBit(bits, target)).toBe(true);
    expect(list.isRevoked(target)).toBe(true);
    for (const other of indexes.filter((i) => i !== target))
      expect(list.isRevoked(other)).toBe(false);
  });

  it('is idempotent and refuses an index never given out', () => {
    const list = createStatusList({ id: LIST_ID });
    const index = list.allocate(seeded(1));
    list.revoke(index);
    list.revoke(index);
    expect(list.isRevoked(index)).toBe(true);
    const unused = index === 0 ? 1 : 0;
    expect(() => list.revoke(unused)).toThrow(RangeError);
    expect(() => list.revoke(list.length)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('never gives the same index twice', () => {
    const list = createStatusList({ id: LIST_ID });
    const random = seeded(2024);
    const seen = new Set<number>();
    for (let i = 0; i < 5_000; i++) {
      const index = list.allocate(random);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(list.length);
      expect(seen.has(index)).toBe(false);
      seen.add(index);
    }
    expect(list.freeCount).toBe(list.length - 5_000);
  });

  it('never reuses an index even when the random source keeps saying the same thing', () => {
    const list = createStatusList({ id: LIST_ID });
    const stuck: RandomInt = () => 0;
    expect([list.allocate(stuck), list.allocate(stuck), list.allocate(stuck)]).toEqual([0, 1, 2]);
  });

  it('spreads indexes over the list with the real random source', () => {
    const list = createStatusList({ id: LIST_ID });
    const indexes = Array.from({ length: 200 }, () => list.allocate());
    expect(new Set(indexes).size).toBe(200);
    // Sequential allocation would keep them all below 200.
    expect(Math.max(...indexes)).toBeGreaterThan(10_000);
  });

  it('fills the whole list, then says it is full', () => {
    const list = createStatusList({ id: LIST_ID });
    const stuck: RandomInt = (max) => max - 1;
    for (let i = 0; i < list.length; i++) list.allocate(stuck);
    expect(list.freeCount).toBe(0);
    expect(() => list.allocate(stuck)).toThrow(/full/);
  });

  it('refuses a random source returning out-of-range values', () => {
    const list = createStatusList({ id: LIST_ID });
    expect(() => list.allocate(() => list.length)).toThrow(RangeError);
  });
});

describe('allocate and restore (property)', () => {
  it('never reuses an index and survives a save/restore at any point', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 60 }),
        fc.nat({ max: 60 }),
        (draws, saveAt) => {
          let list = createStatusList({ id: LIST_ID });
          const seen = new Set<number>();
          draws.forEach((draw, step) => {
            if (step === saveAt)
              list = restoreStatusList(JSON.parse(JSON.stringify(list.toJSON())));
            const index = list.allocate((max) => draw % max);
            expect(seen.has(index)).toBe(false);
            seen.add(index);
            if (draw % 3 === 0) list.revoke(index);
          });
          expect(list.freeCount).toBe(list.length - seen.size);
          for (const index of seen) expect(list.isAllocated(index)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('statusEntry', () => {
  it('is a BitstringStatusListEntry with the index as a string', () => {
    const list = createStatusList({ id: LIST_ID });
    const index = list.allocate(() => 1234);
    expect(statusEntry(list, index)).toEqual({
      id: `${LIST_ID}#1234`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '1234',
      statusListCredential: LIST_ID,
    });
    expect(() => statusEntry(list, 99)).toThrow(RangeError);
  });
});

describe('serialise and restore', () => {
  it('round-trips through plain JSON to an equal list', () => {
    const list = createStatusList({ id: LIST_ID });
    const random = seeded(99);
    const indexes = Array.from({ length: 50 }, () => list.allocate(random));
    for (const index of indexes.slice(0, 10)) list.revoke(index);
    const state = serializeStatusList(list);
    const restored = restoreStatusList(JSON.parse(JSON.stringify(state)));
    expect(serializeStatusList(restored)).toEqual(state);
    expect(restored.id).toBe(LIST_ID);
    expect(restored.freeCount).toBe(list.freeCount);
    for (const index of indexes) {
      expect(restored.isAllocated(index)).toBe(true);
      expect(restored.isRevoked(index)).toBe(list.isRevoked(index));
    }
    // The restored list keeps not reusing indexes.
    const next = restored.allocate(seeded(99));
    expect(indexes).not.toContain(next);
  });

  it('refuses malformed or inconsistent state', () => {
    const list = createStatusList({ id: LIST_ID });
    const state = serializeStatusList(list);
    expect(() => restoreStatusList(null)).toThrow();
    expect(() => restoreStatusList({ ...state, statusPurpose: 'suspension' })).toThrow();
    expect(() => restoreStatusList({ ...state, length: 262_144 })).toThrow(/length/);
    expect(() => restoreStatusList({ ...state, encodedList: 'zabc' })).toThrow();
    const revokedOnly = new Uint8Array(list.length / 8);
    revokedOnly[0] = 0x80;
    expect(() =>
      restoreStatusList({ ...state, encodedList: encodeBitstring(revokedOnly) }),
    ).toThrow(/never given out/);
  });
});

describe('decodeBitstring', () => {
  it('round-trips bytes and refuses what is not multibase base64url', () => {
    const bytes = new Uint8Array([0x80, 0x01, 0xff, 0x00]);
    expect(decodeBitstring(encodeBitstring(bytes))).toEqual(bytes);
    expect(() => decodeBitstring('abc')).toThrow();
    expect(() => decodeBitstring('u!!')).toThrow();
    expect(() => decodeBitstring(`u${Buffer.from('not gzip').toString('base64url')}`)).toThrow();
  });
});
