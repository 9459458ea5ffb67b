/**
 * `selectRowArrays` (server/db/select-rows.ts): the same rows as `selectRows`, each an array of
 * its values in the order of the select list, whichever way the statement runs (SQLite's
 * read-only connection, a transaction through knex, PostgreSQL's named statements); and the
 * statement it shares with `selectRows` answers objects again afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRowArrays, selectRows } from '../../../server/db/select-rows.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';

const SQL = `select id, display_name, ledger_end, disabled_at from people
  where id in (?, ?) order by display_name`;

describe.each(testDatabaseKinds())('rows as arrays on %s', (kind) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    const at = new Date('2026-11-26T10:00:00.000Z');
    await test.db('people').insert([
      { id: 'p-ada', displayName: 'Ada', ledgerEnd: 7, createdAt: at, updatedAt: at },
      { id: 'p-bea', displayName: 'Béa', ledgerEnd: 0, createdAt: at, updatedAt: at },
    ]);
  });

  afterAll(async () => {
    await test?.dispose();
  });

  const expected = [
    ['p-ada', 'Ada', 7, null],
    ['p-bea', 'Béa', 0, null],
  ];
  const plain = (rows: unknown[][]) =>
    rows.map(([id, name, end, disabled]) => [id, name, Number(end), disabled]);

  it('answers each row as an array in select-list order', async () => {
    const rows = await selectRowArrays<unknown[]>(test.db, SQL, ['p-bea', 'p-ada']);
    expect(plain(rows)).toEqual(expected);
    expect(await selectRowArrays(test.db, SQL, ['nobody', 'none'])).toEqual([]);
  });

  it('answers the same inside a transaction, where the read goes through knex', async () => {
    await test.db.transaction(async (trx) => {
      const rows = await selectRowArrays<unknown[]>(trx, SQL, ['p-ada', 'p-bea']);
      expect(plain(rows)).toEqual(expected);
    });
  });

  it('leaves the statement answering objects to selectRows afterwards', async () => {
    await selectRowArrays(test.db, SQL, ['p-ada', 'p-bea']);
    const rows = await selectRows<{ id: string; display_name: string }>(test.db, SQL, [
      'p-ada',
      'p-bea',
    ]);
    expect(rows.map((row) => [row.id, row.display_name])).toEqual([
      ['p-ada', 'Ada'],
      ['p-bea', 'Béa'],
    ]);
  });
});
