/**
 * Reading baked images must survive anything: random bytes, damaged files, hostile text. These
 * properties check that unbakePng/unbakeSvg always answer with a value, and bake* only ever
 * throws BakingError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BakingError } from '../../../../badges/baking/failure.ts';
import { bakePng, unbakePng } from '../../../../badges/baking/png.ts';
import { bakeSvg, unbakeSvg } from '../../../../badges/baking/svg.ts';
import { BADGE_PNG, BADGE_SVG, OB2_JWS, OB3_CREDENTIAL, UTF8_NAME } from './fixtures.ts';
import { insertBeforeIend, makeChunk } from './png-walk.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BAKED_PNG = bakePng(BADGE_PNG, 'openbadgecredential', JSON.stringify(OB3_CREDENTIAL));
const BAKED_SVG = bakeSvg(BADGE_SVG, { version: '3.0', credential: OB3_CREDENTIAL });

function isResult(value: { ok: boolean }): boolean {
  return value.ok === true || value.ok === false;
}

const mutation = fc.record({
  at: fc.nat(),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
});

describe('unbakePng never throws', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(isResult(unbakePng(bytes))).toBe(true);
      }),
    );
  });

  it('on random bytes after a PNG signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const result = unbakePng(Buffer.concat([SIGNATURE, bytes]));
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('on a baked PNG with bytes overwritten', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        const png = Buffer.from(BAKED_PNG);
        for (const { at, bytes } of mutations)
          png.set(bytes.subarray(0, png.length - (at % png.length)), at % png.length);
        expect(isResult(unbakePng(png))).toBe(true);
      }),
    );
  });

  it('on arbitrary text chunks with valid CRCs (the decoding paths)', () => {
    const keyword = fc.constantFrom('openbadges', 'openbadgecredential', 'clrcredential', 'other');
    const type = fc.constantFrom('iTXt', 'tEXt', 'zTXt');
    fc.assert(
      fc.property(type, keyword, fc.uint8Array({ maxLength: 512 }), (chunkType, word, tail) => {
        const data = Buffer.concat([Buffer.from(`${word}\0`, 'latin1'), tail]);
        const result = unbakePng(insertBeforeIend(BADGE_PNG, makeChunk(chunkType, data)));
        expect(isResult(result)).toBe(true);
        if (word === 'other') expect(result).toMatchObject({ ok: false, code: 'not-baked' });
      }),
    );
  });

  it('fails cleanly on any truncation', () => {
    fc.assert(
      fc.property(fc.nat({ max: BAKED_PNG.length - 1 }), (length) => {
        expect(unbakePng(BAKED_PNG.subarray(0, length)).ok).toBe(false);
      }),
    );
  });
});

describe('bakePng round-trips any text and only throws BakingError', () => {
  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const result = unbakePng(bakePng(BADGE_PNG, 'openbadges', text));
        expect(result).toMatchObject({ ok: true, found: [{ text }] });
      }),
      { numRuns: 50 },
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        expect(() => bakePng(Buffer.concat([SIGNATURE, bytes]), 'openbadges', 'x')).toThrowError(
          BakingError,
        );
      }),
    );
  });
});

const XML_ALPHABET = fc.constantFrom(
  '<',
  '>',
  '/',
  '!',
  '[',
  ']',
  '-',
  '?',
  '"',
  "'",
  '=',
  '&',
  ';',
  '#',
  ' ',
  '\n',
  'svg',
  'xmlns',
  ':',
  'openbadges',
  'assertion',
  'credential',
  'verify',
  'CDATA',
  'http://openbadges.org',
  'DOCTYPE',
  'ENTITY',
  'é',
  '🎓',
);

describe('unbakeSvg never throws', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        expect(isResult(unbakeSvg(text))).toBe(true);
      }),
    );
  });

  it('on XML-ish soup', () => {
    fc.assert(
      fc.property(fc.string({ unit: XML_ALPHABET, maxLength: 200 }), (text) => {
        expect(isResult(unbakeSvg(`<svg>${text}`))).toBe(true);
        expect(isResult(unbakeSvg(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('on a baked SVG with pieces deleted or inserted, and bakeSvg throws only BakingError', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.string({ unit: XML_ALPHABET, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let svg = BAKED_SVG;
        for (const { at, remove, insert } of edits) {
          const i = at % (svg.length + 1);
          svg = svg.slice(0, i) + insert + svg.slice(i + remove);
        }
        const result = unbakeSvg(svg);
        expect(isResult(result)).toBe(true);
        let rebaked: string | undefined;
        try {
          rebaked = bakeSvg(svg, { version: '2.0', jws: OB2_JWS });
        } catch (error) {
          expect(error).toBeInstanceOf(BakingError);
        }
        if (rebaked !== undefined) {
          expect(unbakeSvg(rebaked)).toMatchObject({ ok: true, verify: OB2_JWS, occurrences: 1 });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips any JSON string value through CDATA', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (value) => {
        const credential = { ...OB3_CREDENTIAL, description: `${UTF8_NAME}${value}]]>` };
        const result = unbakeSvg(bakeSvg(BADGE_SVG, { version: '3.0', credential }));
        if (!result.ok) throw new Error(result.detail);
        expect(JSON.parse(result.text)).toEqual(credential);
      }),
      { numRuns: 200 },
    );
  });
});
