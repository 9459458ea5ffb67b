// @vitest-environment node
/**
 * Every string people read is in both languages: fr.json and en.json have the same keys (plural
 * forms included), no empty text, and the same {{placeholders}} in each pair.
 */
import { describe, expect, it } from 'vitest';
import en from '../../../client/src/i18n/en.json' with { type: 'json' };
import fr from '../../../client/src/i18n/fr.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the translations', () => {
  const french = flatten(fr as Tree);
  const english = flatten(en as Tree);

  it('have the same keys in French and English', () => {
    expect([...english.keys()].sort()).toEqual([...french.keys()].sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [key, text] of french) {
      const other = english.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('speak to the reader as « vous » in French, never « tu »', () => {
    for (const [key, text] of french)
      expect(text, key).not.toMatch(/(?<!\p{L})(tu|ton|ta|tes)(?!\p{L})/iu);
  });
});
