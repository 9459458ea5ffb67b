/** Batch reads split their ids into slices SQLite can bind in one statement. */
import { describe, expect, it } from 'vitest';
import {
  idChunks,
  MAX_IDS_PER_QUERY,
  readByIdChunks,
} from '../../../../server/db/repositories/id-chunks.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `id-${i}`);

describe('idChunks', () => {
  it('give no slice for no ids, and one for a few', () => {
    expect(idChunks([])).toEqual([]);
    expect(idChunks(['a', 'b'])).toEqual([['a', 'b']]);
  });

  it('drop repeats and cut at 500 ids, keeping the first order', () => {
    const chunks = idChunks([...ids(1201), 'id-0', 'id-700']);
    expect(MAX_IDS_PER_QUERY).toBe(500);
    expect(chunks.map((chunk) => chunk.length)).toEqual([500, 500, 201]);
    expect(chunks.flat()).toEqual(ids(1201));
  });
});

describe('readByIdChunks', () => {
  it('read each slice once and return every row', async () => {
    const asked: number[] = [];
    const rows = await readByIdChunks(ids(1000), async (chunk) => {
      asked.push(chunk.length);
      return chunk.map((id) => ({ id }));
    });
    expect(asked).toEqual([500, 500]);
    expect(rows.map((row) => row.id)).toEqual(ids(1000));
  });

  it('read nothing for no ids', async () => {
    let calls = 0;
    expect(
      await readByIdChunks([], async () => {
        calls += 1;
        return [];
      }),
    ).toEqual([]);
    expect(calls).toBe(0);
  });
});
