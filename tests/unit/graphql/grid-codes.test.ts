/**
 * The grid's compact rows (`ProgressGridRow.statusCodes`, `levelCodes`): every status and
 * every level the server writes out, the web client reads back as the same status and level.
 */
import { describe, expect, it } from 'vitest';
import { expandGrid } from '../../../client/src/pages/trainer/trainer-queries.ts';
import {
  levelCodesOf,
  STATUS_LETTERS,
  statusCodesOf,
} from '../../../server/app/workshops/grid-codes.ts';

describe('the grid codes', () => {
  it('read back every status and every level, column for column', () => {
    const statuses = Object.keys(STATUS_LETTERS) as (keyof typeof STATUS_LETTERS)[];
    const levels = statuses.map((_, i) => (i % 3 === 0 ? null : (i % 8) + 1));
    const skillIds = statuses.map((status) => `c/${status}`);
    const grid = expandGrid({
      __typename: 'ProgressGrid',
      skillIds,
      skills: [],
      rows: [
        {
          learnerId: 'l',
          displayName: 'Camille',
          statusCodes: statusCodesOf(statuses),
          levelCodes: levelCodesOf(levels),
        },
      ],
    });
    expect(grid.rows[0]?.cells).toEqual(
      statuses.map((status, i) => ({
        skillId: skillIds[i],
        status: status.toUpperCase(),
        level: levels[i],
      })),
    );
    // One letter each: no two statuses share one.
    expect(new Set(Object.values(STATUS_LETTERS)).size).toBe(statuses.length);
  });
});
