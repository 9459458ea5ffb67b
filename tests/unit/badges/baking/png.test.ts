import { deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { BakingError } from '../../../../badges/baking/failure.ts';
import { type BadgeKeyword, bakePng, unbakePng } from '../../../../badges/baking/png.ts';
import {
  BADGE_PNG,
  OB2_ASSERTION,
  OB2_JWS,
  OB3_CREDENTIAL,
  OB3_JWT,
  UTF8_NAME,
} from './fixtures.ts';
import { crc32Reference, insertBeforeIend, makeChunk, walkPng } from './png-walk.ts';

const KEYWORDS: BadgeKeyword[] = ['openbadges', 'openbadgecredential', 'clrcredential'];

function expectOk(result: ReturnType<typeof unbakePng>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.detail}`);
  return result.found;
}

function badgeChunks(png: Uint8Array) {
  return walkPng(png).filter((c) => ['iTXt', 'tEXt', 'zTXt'].includes(c.type));
}

/** Decodes a PNG by rendering it through resvg as an <image>: the pixels prove it is intact. */
function decodePixels(png: Uint8Array): Buffer {
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image width="64" height="64" xlink:href="${href}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

describe('bakePng / unbakePng round trip', () => {
  const payloads: [string, BadgeKeyword, string][] = [
    ['OB 2.0 hosted JSON', 'openbadges', JSON.stringify(OB2_ASSERTION)],
    ['OB 2.0 JWS', 'openbadges', OB2_JWS],
    ['OB 3.0 JSON', 'openbadgecredential', JSON.stringify(OB3_CREDENTIAL)],
    ['OB 3.0 VC-JWT', 'openbadgecredential', OB3_JWT],
    ['CLR 2.0 JSON', 'clrcredential', JSON.stringify({ name: UTF8_NAME })],
    ['UTF-8 text', 'openbadgecredential', UTF8_NAME],
  ];

  it.each(payloads)('%s comes back unchanged', (_label, keyword, text) => {
    const found = expectOk(unbakePng(bakePng(BADGE_PNG, keyword, text)));
    expect(found).toEqual([
      { keyword, text, chunkType: 'iTXt', compressed: false, occurrences: 1 },
    ]);
  });

  it('writes exactly the iTXt layout of the specification, uncompressed, right after IHDR', () => {
    const baked = bakePng(BADGE_PNG, 'openbadgecredential', UTF8_NAME);
    const chunks = walkPng(baked);
    expect(chunks[0]?.type).toBe('IHDR');
    expect(chunks[1]?.type).toBe('iTXt');
    expect(chunks.at(-1)?.type).toBe('IEND');
    expect(chunks.every((c) => c.crcValid)).toBe(true);
    const expected = Buffer.concat([
      Buffer.from('openbadgecredential', 'latin1'),
      Buffer.from([0, 0, 0, 0, 0]), // NUL, compression flag 0, method 0, empty language, empty translated keyword
      Buffer.from(UTF8_NAME, 'utf8'),
    ]);
    expect(chunks[1]?.data.equals(expected)).toBe(true);
  });

  it('keeps every other chunk byte for byte, so the image still decodes to the same pixels', () => {
    const baked = bakePng(BADGE_PNG, 'openbadges', JSON.stringify(OB2_ASSERTION));
    const original = walkPng(BADGE_PNG);
    const kept = walkPng(baked).filter((c) => c.type !== 'iTXt');
    expect(kept.map((c) => c.type)).toEqual(original.map((c) => c.type));
    kept.forEach((chunk, i) => {
      expect(chunk.data.equals(original[i]?.data ?? Buffer.alloc(0))).toBe(true);
    });
    const pixels = decodePixels(baked);
    expect(pixels.equals(decodePixels(BADGE_PNG))).toBe(true);
    expect(pixels.some((byte) => byte !== 0)).toBe(true);
  });
});

describe('re-baking', () => {
  it('replaces the badge: one chunk, the new text, same bytes as baking once', () => {
    const once = bakePng(BADGE_PNG, 'openbadges', OB2_JWS);
    const twice = bakePng(
      bakePng(BADGE_PNG, 'openbadges', 'https://old.example/a/1'),
      'openbadges',
      OB2_JWS,
    );
    expect(badgeChunks(twice)).toHaveLength(1);
    expect(twice.equals(once)).toBe(true);
  });

  it.each(KEYWORDS)('removes a badge baked under another keyword (new keyword %s)', (keyword) => {
    let png: Uint8Array = BADGE_PNG;
    for (const other of KEYWORDS) png = bakePng(png, other, `old ${other}`);
    const baked = bakePng(png, keyword, 'new');
    expect(badgeChunks(baked)).toHaveLength(1);
    expect(expectOk(unbakePng(baked))).toEqual([
      { keyword, text: 'new', chunkType: 'iTXt', compressed: false, occurrences: 1 },
    ]);
  });

  it('removes legacy tEXt and zTXt badge chunks, and keeps unrelated text chunks', () => {
    const legacy = insertBeforeIend(
      BADGE_PNG,
      makeChunk('tEXt', Buffer.from('openbadges\0https://old.example/a/1', 'latin1')),
      makeChunk('zTXt', Buffer.concat([Buffer.from('openbadges\0\0', 'latin1'), deflateSync('x')])),
      makeChunk('tEXt', Buffer.from('Software\0Inkscape', 'latin1')),
    );
    const baked = bakePng(legacy, 'openbadges', OB2_JWS);
    const texts = badgeChunks(baked);
    expect(texts.map((c) => c.type)).toEqual(['iTXt', 'tEXt']);
    expect(texts[1]?.data.toString('latin1')).toBe('Software\0Inkscape');
  });
});

describe('unbakePng reading rules', () => {
  it('reads a legacy tEXt "openbadges" chunk holding the hosted URL', () => {
    const png = insertBeforeIend(
      BADGE_PNG,
      makeChunk('tEXt', Buffer.from('openbadges\0https://grange.example/a/1', 'latin1')),
    );
    expect(expectOk(unbakePng(png))).toEqual([
      {
        keyword: 'openbadges',
        text: 'https://grange.example/a/1',
        chunkType: 'tEXt',
        compressed: false,
        occurrences: 1,
      },
    ]);
  });

  it('reads zTXt and compressed iTXt, flagged as compressed', () => {
    const png = insertBeforeIend(
      BADGE_PNG,
      makeChunk(
        'zTXt',
        Buffer.concat([Buffer.from('openbadges\0\0'), deflateSync('https://a.example/1')]),
      ),
      makeChunk(
        'iTXt',
        Buffer.concat([
          Buffer.from('clrcredential\0\x01\0fr\0\0', 'latin1'),
          deflateSync(UTF8_NAME),
        ]),
      ),
    );
    const found = expectOk(unbakePng(png));
    expect(found).toEqual([
      {
        keyword: 'openbadges',
        text: 'https://a.example/1',
        chunkType: 'zTXt',
        compressed: true,
        occurrences: 1,
      },
      {
        keyword: 'clrcredential',
        text: UTF8_NAME,
        chunkType: 'iTXt',
        compressed: true,
        occurrences: 1,
      },
    ]);
  });

  it('takes the first iTXt per keyword (over an earlier tEXt) and counts duplicates', () => {
    const itxt = (text: string) =>
      makeChunk('iTXt', Buffer.concat([Buffer.from('openbadges\0\0\0\0\0'), Buffer.from(text)]));
    const png = insertBeforeIend(
      BADGE_PNG,
      makeChunk('tEXt', Buffer.from('openbadges\0https://legacy.example/1')),
      itxt('first'),
      itxt('second'),
    );
    expect(expectOk(unbakePng(png))).toEqual([
      {
        keyword: 'openbadges',
        text: 'first',
        chunkType: 'iTXt',
        compressed: false,
        occurrences: 3,
      },
    ]);
  });

  it('ignores keywords that are not badge keywords, and says when there is no badge', () => {
    const png = insertBeforeIend(
      BADGE_PNG,
      makeChunk('iTXt', Buffer.from('OpenBadges\0\0\0\0\0x')),
      makeChunk('tEXt', Buffer.from('Comment\0openbadges')),
    );
    const result = unbakePng(png);
    expect(result).toMatchObject({ ok: false, code: 'not-baked' });
    expect(unbakePng(BADGE_PNG)).toMatchObject({ ok: false, code: 'not-baked' });
  });
});

describe('unbakePng failures (never throws)', () => {
  const baked = bakePng(BADGE_PNG, 'openbadgecredential', JSON.stringify(OB3_CREDENTIAL));

  it('rejects what is not a PNG', () => {
    expect(unbakePng(Buffer.from('GIF89a…'))).toMatchObject({ ok: false, code: 'not-png' });
    expect(unbakePng(new Uint8Array(0))).toMatchObject({ ok: false, code: 'truncated' });
    expect(unbakePng('not bytes' as unknown as Uint8Array)).toMatchObject({
      ok: false,
      code: 'not-png',
    });
  });

  it('gives a French and English message and a technical detail', () => {
    const result = unbakePng(Buffer.from('nope'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message.fr).toMatch(/PNG/);
    expect(result.message.en).toMatch(/PNG/);
    expect(result.detail).not.toBe('');
  });

  it('fails cleanly on every truncation of a baked PNG', () => {
    for (let length = 0; length < baked.length; length++) {
      const result = unbakePng(baked.subarray(0, length));
      expect(result.ok, `length ${length}`).toBe(false);
      if (!result.ok) expect(['truncated', 'not-png']).toContain(result.code);
    }
  });

  it('rejects a changed byte through the CRC', () => {
    const tampered = Buffer.from(baked);
    const at = tampered.indexOf('Grange');
    tampered[at] = 'H'.charCodeAt(0);
    expect(unbakePng(tampered)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('rejects a chunk length pointing past the end, and a length over 2^31', () => {
    const longer = Buffer.from(baked);
    longer.writeUInt32BE(longer.length, 33); // the iTXt chunk's length field
    expect(unbakePng(longer)).toMatchObject({ ok: false, code: 'truncated' });
    const huge = Buffer.from(baked);
    huge.writeUInt32BE(0xfffffff0, 33);
    expect(unbakePng(huge)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('rejects a PNG whose first chunk is not IHDR', () => {
    const [ihdr, ...rest] = walkPng(BADGE_PNG);
    const swapped = Buffer.concat([
      baked.subarray(0, 8),
      ...rest.slice(0, 1).map((c) => makeChunk(c.type, c.data)),
      makeChunk('IHDR', ihdr?.data ?? Buffer.alloc(13)),
      ...rest.slice(1).map((c) => makeChunk(c.type, c.data)),
    ]);
    expect(unbakePng(swapped)).toMatchObject({ ok: false, code: 'damaged' });
  });

  it('rejects files over 10 MiB and badge texts over 2 MiB', () => {
    expect(unbakePng(new Uint8Array(10 * 1024 * 1024 + 1))).toMatchObject({ code: 'too-large' });
    const bigText = Buffer.concat([
      Buffer.from('openbadges\0\0\0\0\0'),
      Buffer.alloc(2 * 1024 * 1024 + 1, 0x61),
    ]);
    expect(unbakePng(insertBeforeIend(BADGE_PNG, makeChunk('iTXt', bigText)))).toMatchObject({
      code: 'too-large',
    });
  });

  it('stops a compressed chunk from inflating past 2 MiB', () => {
    const bomb = deflateSync(Buffer.alloc(50 * 1024 * 1024, 0x61));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const png = insertBeforeIend(
      BADGE_PNG,
      makeChunk('iTXt', Buffer.concat([Buffer.from('openbadges\0\x01\0\0\0'), bomb])),
    );
    expect(unbakePng(png)).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('reports unreadable badge text: bad UTF-8, bad deflate, unterminated header', () => {
    const cases = [
      Buffer.concat([Buffer.from('openbadges\0\0\0\0\0'), Buffer.from([0xc3, 0x28])]),
      Buffer.concat([Buffer.from('openbadges\0\x01\0\0\0'), Buffer.from('not deflate')]),
      Buffer.from('openbadges\0\0\0fr'),
      Buffer.from('openbadges\0\x07\0\0\0x'),
    ];
    for (const data of cases) {
      expect(unbakePng(insertBeforeIend(BADGE_PNG, makeChunk('iTXt', data)))).toMatchObject({
        ok: false,
        code: 'unreadable-text',
      });
    }
  });
});

describe('bakePng refuses what it cannot bake', () => {
  it('throws BakingError on a non-PNG, a damaged PNG, an unknown keyword, bad text', () => {
    const damaged = Buffer.from(BADGE_PNG);
    damaged[20] = (damaged[20] ?? 0) ^ 0xff;
    const attempts: [() => unknown, string][] = [
      [() => bakePng(Buffer.from('<svg/>'), 'openbadges', 'x'), 'invalid-image'],
      [() => bakePng(damaged, 'openbadges', 'x'), 'invalid-image'],
      [() => bakePng(BADGE_PNG, 'OpenBadges' as BadgeKeyword, 'x'), 'invalid-payload'],
      [() => bakePng(BADGE_PNG, 'openbadges', 'lone \uD800 surrogate'), 'invalid-payload'],
      [() => bakePng(BADGE_PNG, 'openbadges', 'é'.repeat(1024 * 1024 + 1)), 'too-large'],
    ];
    for (const [attempt, code] of attempts) {
      expect(attempt).toThrowError(BakingError);
      try {
        attempt();
      } catch (error) {
        expect((error as BakingError).code).toBe(code);
      }
    }
  });

  it('computes the same CRC as an independent implementation', () => {
    const baked = bakePng(BADGE_PNG, 'openbadges', UTF8_NAME);
    const itxt = baked.subarray(33, baked.indexOf('IDAT') - 4);
    const length = itxt.readUInt32BE(0);
    expect(itxt.readUInt32BE(8 + length)).toBe(crc32Reference(itxt.subarray(4, 8 + length)));
  });
});
