/**
 * Baking a badge into a PNG and reading it back (openbadges.md §1.4, §2.8, §3.9): one
 * uncompressed `iTXt` chunk, keyword `openbadges` (OB 2.0), `openbadgecredential` (OB 3.0) or
 * `clrcredential` (CLR 2.0), placed right after IHDR. Written by hand because no maintained
 * library writes `iTXt`; CRCs come from node:zlib.
 */
import { BakingError, type UnbakeFailure, unbakeFailure } from './failure.ts';
import { encodeChunk, MAX_PNG_BYTES, PNG_SIGNATURE, readPngChunks } from './png-chunks.ts';
import {
  type BadgeKeyword,
  badgeKeywordOf,
  decodeTextChunk,
  encodeBadgeITxt,
  isBadgeKeyword,
  MAX_TEXT_BYTES,
  type TextChunkType,
} from './png-text-chunk.ts';

export { BADGE_KEYWORDS, type BadgeKeyword } from './png-text-chunk.ts';

export interface BakedPngText {
  keyword: BadgeKeyword;
  text: string;
  /** `iTXt` is the baking format; `tEXt` is the legacy OB 1.x/2.0 form (a hosted URL). */
  chunkType: TextChunkType;
  /** The text was compressed (zTXt, or iTXt with the flag set): readable, but not allowed. */
  compressed: boolean;
  /** How many text chunks carry this keyword; the specification allows one. */
  occurrences: number;
}

/** At least one baked text when `ok`; an image without any is the `not-baked` failure. */
export type UnbakePngResult = { ok: true; found: BakedPngText[] } | UnbakeFailure;

// A lone surrogate cannot be encoded in UTF-8; Buffer would silently turn it into U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Bakes `text` into a PNG. Any text chunk already carrying one of the three badge keywords is
 * removed first, so the image holds exactly one baked badge.
 *
 * @param png a valid PNG (at most 10 MiB).
 * @param keyword `openbadges` (OB 2.0), `openbadgecredential` (OB 3.0) or `clrcredential` (CLR 2.0).
 * @param text the credential JSON or compact JWS/JWT (at most 2 MiB once UTF-8 encoded).
 * @returns a new PNG: signature, IHDR, the badge iTXt chunk, then the other chunks up to IEND.
 * @throws BakingError if the PNG is invalid or the keyword/text cannot be baked.
 */
export function bakePng(png: Uint8Array, keyword: BadgeKeyword, text: string): Buffer {
  if (!isBadgeKeyword(keyword)) {
    throw new BakingError('invalid-payload', `unknown badge keyword ${String(keyword)}`);
  }
  if (typeof text !== 'string' || LONE_SURROGATE.test(text)) {
    throw new BakingError('invalid-payload', 'text is not a well-formed Unicode string');
  }
  const utf8 = Buffer.from(text, 'utf8');
  if (utf8.byteLength > MAX_TEXT_BYTES) {
    throw new BakingError('too-large', `text is ${utf8.byteLength} bytes, limit ${MAX_TEXT_BYTES}`);
  }
  const read = readPngChunks(png);
  if (!read.ok) {
    const code = read.code === 'too-large' ? 'too-large' : 'invalid-image';
    throw new BakingError(code, `cannot bake into this PNG: ${read.detail}`);
  }
  const [ihdr, ...rest] = read.chunks;
  if (ihdr === undefined) throw new BakingError('invalid-image', 'PNG has no IHDR');
  const kept = rest.filter((chunk) => badgeKeywordOf(chunk) === undefined).map((c) => c.raw);
  const baked = Buffer.concat([
    PNG_SIGNATURE,
    ihdr.raw,
    encodeChunk('iTXt', encodeBadgeITxt(keyword, utf8)),
    ...kept,
  ]);
  if (baked.byteLength > MAX_PNG_BYTES) {
    throw new BakingError('too-large', `baked PNG would be ${baked.byteLength} bytes`);
  }
  return baked;
}

/**
 * Reads the badges baked in a PNG: for each keyword, the first `iTXt` chunk, or failing that the
 * first `tEXt`/`zTXt` one (legacy). The whole file is checked (signature, lengths, CRCs) first.
 *
 * @param png any bytes (at most 10 MiB).
 * @returns the baked texts in file order, or a failure (never throws).
 */
export function unbakePng(png: Uint8Array): UnbakePngResult {
  if (!(png instanceof Uint8Array)) return unbakeFailure('not-png', 'input is not bytes');
  const read = readPngChunks(png);
  if (!read.ok) return read;
  const chosen = new Map<BadgeKeyword, { offset: number; value: BakedPngText }>();
  const counts = new Map<BadgeKeyword, number>();
  for (const chunk of read.chunks) {
    const keyword = badgeKeywordOf(chunk);
    if (keyword === undefined) continue;
    counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
    const previous = chosen.get(keyword);
    // The first iTXt wins; a legacy tEXt/zTXt only counts while no iTXt was seen.
    if (previous && (previous.value.chunkType === 'iTXt' || chunk.type !== 'iTXt')) continue;
    const decoded = decodeTextChunk(chunk);
    if (!decoded.ok) {
      const code = decoded.tooLarge ? 'too-large' : 'unreadable-text';
      return unbakeFailure(
        code,
        `${chunk.type} "${keyword}" at ${chunk.offset}: ${decoded.detail}`,
      );
    }
    chosen.set(keyword, {
      offset: chunk.offset,
      value: {
        keyword,
        text: decoded.text,
        chunkType: chunk.type as TextChunkType,
        compressed: decoded.compressed,
        occurrences: 0,
      },
    });
  }
  if (chosen.size === 0) return unbakeFailure('not-baked', 'no badge text chunk in this PNG');
  const found = [...chosen.values()]
    .sort((a, b) => a.offset - b.offset)
    .map(({ value }) => ({ ...value, occurrences: counts.get(value.keyword) ?? 1 }));
  return { ok: true, found };
}
