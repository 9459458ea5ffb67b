import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../../server/app/admin/bulk-award-csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields and gives each record its starting line', () => {
    const text =
      'email,evidence_narrative\r\na@x.org,"un, deux ""trois"""\n\nb@x.org,"sur\ndeux lignes"\nc@x.org,';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['email', 'evidence_narrative'] },
      { line: 2, fields: ['a@x.org', 'un, deux "trois"'] },
      { line: 4, fields: ['b@x.org', 'sur\ndeux lignes'] },
      { line: 6, fields: ['c@x.org', ''] },
    ]);
  });

  it('takes semicolons as the separator when the header uses them', () => {
    expect(parseCsv('\uFEFFlearner_code;evidence_narrative\nABC123;a, b')).toEqual([
      { line: 1, fields: ['learner_code', 'evidence_narrative'] },
      { line: 2, fields: ['ABC123', 'a, b'] },
    ]);
  });
});
