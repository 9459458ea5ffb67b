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
  it('hands a value back only while the ledger ends where it did and now is in its span', () => {
    const cache = new LedgerCache<string>();
    cache.keep('a', entry('kept'));
    expect(cache.find('a', { lastSeq: 7, now: 100 })).toBe('kept');
    expect(cache.find('a', { lastSeq: 7, now: 199 })).toBe('kept');
    // A later event, an earlier ledger (events erased), a lapse reached, a clock set back.
    expect(cache.find('a', { lastSeq: 8, now: 150 })).toBeUndefined();
    expect(cache.find('a', { lastSeq: 6, now: 150 })).toBeUndefined();
    expect(cache.find('a', { lastSeq: 7, now: 200 })).toBeUndefined();
    expect(cache.find('a', { lastSeq: 7, now: 99 })).toBeUndefined();
    expect(cache.find('b', { lastSeq: 7, now: 150 })).toBeUndefined();
    cache.keep('a', entry('again', 8));
    expect(cache.find('a', { lastSeq: 8, now: 150 })).toBe('again');
    expect(cache.size).toBe(1);
  });

  it('lets the least recently used keys go past its capacity', () => {
    const cache = new LedgerCache<string>(4);
    for (const key of ['a', 'b', 'c', 'd']) cache.keep(key, entry(key.toUpperCase()));
    // `a` has drifted to the front: used again, it goes back to the end.
    expect(cache.find('a', { lastSeq: 7, now: 150 })).toBe('A');
    cache.keep('e', entry('E'));
    expect(cache.size).toBe(4);
    expect(cache.find('b', { lastSeq: 7, now: 150 })).toBeUndefined();
    for (const key of ['a', 'c', 'd', 'e']) {
      expect(cache.find(key, { lastSeq: 7, now: 150 })).toBe(key.toUpperCase());
    }
    // As many newer keys, none used again: they are what is kept.
    for (const key of ['f', 'g', 'h', 'i']) cache.keep(key, entry(key.toUpperCase()));
    for (const key of ['a', 'c', 'd', 'e']) {
      expect(cache.find(key, { lastSeq: 7, now: 150 })).toBeUndefined();
    }
    expect(cache.size).toBe(4);
    const none = new LedgerCache<string>(0);
    none.keep('a', entry('A'));
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
