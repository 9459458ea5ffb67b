/**
 * `LedgerCache`: a value is handed back only for the ledger end and the span of time it was
 * worked out for, and the least recently used keys go first; `derivedFrom` works a value out
 * once per states object and key.
 */
import { describe, expect, it } from 'vitest';
import { derivedFrom, LedgerCache, setKey } from '../../../../server/app/ledger-cache.ts';
import type { SkillState } from '../../../../server/domain/progress/skill-states.ts';

const entry = (value: string, throughSeq = 7) => ({ throughSeq, from: 100, until: 200, value });

describe('a ledger cache', () => {
  const at = { lastSeq: 7, now: 150 };

  it('hands a value back only while the ledger ends where it did and now is in its span', () => {
    const cache = new LedgerCache<string>();
    cache.keep('catalog', 'a', entry('kept'));
    expect(cache.find('catalog', 'a', { lastSeq: 7, now: 100 })).toBe('kept');
    expect(cache.find('catalog', 'a', { lastSeq: 7, now: 199 })).toBe('kept');
    // A later event, an earlier ledger (events erased), a lapse reached, a clock set back.
    expect(cache.find('catalog', 'a', { lastSeq: 8, now: 150 })).toBeUndefined();
    expect(cache.find('catalog', 'a', { lastSeq: 6, now: 150 })).toBeUndefined();
    expect(cache.find('catalog', 'a', { lastSeq: 7, now: 200 })).toBeUndefined();
    expect(cache.find('catalog', 'a', { lastSeq: 7, now: 99 })).toBeUndefined();
    expect(cache.find('catalog', 'b', at)).toBeUndefined();
    // Another scope (another catalog, another curriculum) is another value.
    expect(cache.find('other catalog', 'a', at)).toBeUndefined();
    cache.keep('other catalog', 'a', entry('other'));
    expect(cache.find('other catalog', 'a', at)).toBe('other');
    expect(cache.find('catalog', 'a', at)).toBe('kept');
    cache.keep('catalog', 'a', entry('again', 8));
    expect(cache.find('catalog', 'a', { lastSeq: 8, now: 150 })).toBe('again');
    expect(cache.size).toBe(2);
  });

  it('lets the values not used lately go past its capacity', () => {
    const cache = new LedgerCache<string>(4);
    for (const id of ['a', 'b', 'c', 'd']) cache.keep('s', id, entry(id.toUpperCase()));
    // `a` has drifted to the front: used again, it goes back to the end, and `b` goes first.
    expect(cache.find('s', 'a', at)).toBe('A');
    cache.keep('s', 'e', entry('E'));
    expect(cache.size).toBe(4);
    expect(cache.find('s', 'b', at)).toBeUndefined();
    for (const id of ['a', 'c', 'd', 'e']) expect(cache.find('s', id, at)).toBe(id.toUpperCase());
    // As many newer values, whatever their scope, none used again: they are what is kept.
    for (const id of ['f', 'g']) cache.keep('s', id, entry(id.toUpperCase()));
    for (const id of ['h', 'i']) cache.keep('t', id, entry(id.toUpperCase()));
    for (const id of ['a', 'c', 'd', 'e']) expect(cache.find('s', id, at)).toBeUndefined();
    expect(cache.find('s', 'f', at)).toBe('F');
    expect(cache.find('t', 'i', at)).toBe('I');
    expect(cache.size).toBe(4);
    // Kept again under the same scope and id: one value, the newer.
    cache.keep('t', 'i', entry('I2'));
    expect(cache.size).toBe(4);
    expect(cache.find('t', 'i', at)).toBe('I2');
    const none = new LedgerCache<string>(0);
    none.keep('s', 'a', entry('A'));
    expect(none.size).toBe(0);
  });
});

describe('derivedFrom', () => {
  it('works a value out once per states object and key', () => {
    const states: ReadonlyMap<string, SkillState> = new Map();
    const other: ReadonlyMap<string, SkillState> = new Map();
    let runs = 0;
    const work = () => {
      runs += 1;
      return { runs };
    };
    const first = derivedFrom(states, 'k', work);
    expect(derivedFrom(states, 'k', work)).toBe(first);
    expect(derivedFrom(states, 'other key', work)).not.toBe(first);
    expect(derivedFrom(other, 'k', work)).not.toBe(first);
    expect(runs).toBe(3);
  });

  it('keys a set by its members whatever their order', () => {
    expect(setKey(new Set(['b', 'a']))).toBe(setKey(new Set(['a', 'b'])));
    expect(setKey(new Set(['a']))).not.toBe(setKey(new Set(['a', 'b'])));
  });
});
