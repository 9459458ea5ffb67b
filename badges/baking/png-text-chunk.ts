/**
 * The payload of PNG text chunks (`iTXt`, `tEXt`, `zTXt`), per the PNG specification §11.3.4:
 * encoding the one `iTXt` layout Open Badges allows, and decoding all three defensively.
 */
import { inflateSync } from 'node:zlib';
import type { PngChunk } from './png-chunks.ts';

/** Keywords under which a badge is baked (OB 2.0, OB 3.0, CLR 2.0). */
export const BADGE_KEYWORDS = ['openbadges', 'openbadgecredential', 'clrcredential'] as const;
export type BadgeKeyword = (typeof BADGE_KEYWORDS)[number];

/** Largest badge text we write or read: a credential is a few KiB; images can be large. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

export type TextChunkType = 'iTXt' | 'tEXt' | 'zTXt';

const TEXT_CHUNK_TYPES: readonly string[] = ['iTXt', 'tEXt', 'zTXt'];
/** PNG keywords are 1–79 Latin-1 bytes followed by a NUL. */
const MAX_KEYWORD_BYTES = 79;

export type DecodedText =
  | { ok: true; text: string; compressed: boolean }
  | { ok: false; tooLarge: boolean; detail: string };

/**
 * @returns whether `value` is one of the badge keywords.
 */
export function isBadgeKeyword(value: unknown): value is BadgeKeyword {
  return typeof value === 'string' && (BADGE_KEYWORDS as readonly string[]).includes(value);
}

/**
 * @param chunk any chunk.
 * @returns the badge keyword of a text chunk, or undefined if it is not a text chunk or carries
 *   another keyword.
 */
export function badgeKeywordOf(chunk: PngChunk): BadgeKeyword | undefined {
  if (!TEXT_CHUNK_TYPES.includes(chunk.type)) return undefined;
  const end = chunk.data.subarray(0, MAX_KEYWORD_BYTES + 1).indexOf(0);
  if (end < 1) return undefined;
  const keyword = Buffer.from(chunk.data.subarray(0, end)).toString('latin1');
  return isBadgeKeyword(keyword) ? keyword : undefined;
}

/**
 * Builds the data of the `iTXt` chunk Open Badges requires: keyword, NUL, compression flag 0,
 * compression method 0, empty language tag, empty translated keyword, uncompressed UTF-8 text.
 *
 * @param keyword a badge keyword (ASCII).
 * @param utf8 the text, already UTF-8 encoded.
 * @returns the chunk data (without length, type or CRC).
 */
export function encodeBadgeITxt(keyword: BadgeKeyword, utf8: Uint8Array): Buffer {
  const header = Buffer.from(`${keyword}\0\0\0\0\0`, 'latin1');
  return Buffer.concat([header, utf8]);
}

/**
 * Reads the text of a badge text chunk. Compressed text (zTXt, or iTXt with the compression
 * flag) is read too, and flagged, since the specification forbids it but old tools wrote it.
 *
 * @param chunk a chunk for which badgeKeywordOf returned a keyword.
 * @returns the text, or why it cannot be read (never throws).
 */
export function decodeTextChunk(chunk: PngChunk): DecodedText {
  const data = chunk.data;
  const afterKeyword = data.indexOf(0) + 1;
  if (afterKeyword < 2) return malformed('no keyword terminator');
  if (chunk.type === 'tEXt') {
    return finish(data.subarray(afterKeyword), false, 'latin1');
  }
  if (chunk.type === 'zTXt') {
    if (data[afterKeyword] !== 0) return malformed('zTXt compression method is not 0 (deflate)');
    return inflate(data.subarray(afterKeyword + 1), 'latin1');
  }
  const flag = data[afterKeyword];
  const method = data[afterKeyword + 1];
  if (flag === undefined || method === undefined) return malformed('iTXt header cut short');
  if (flag !== 0 && flag !== 1) return malformed(`iTXt compression flag is ${flag}`);
  const languageEnd = data.indexOf(0, afterKeyword + 2);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return malformed('iTXt language tag or translated keyword unterminated');
  const body = data.subarray(translatedEnd + 1);
  if (flag === 0) return finish(body, false, 'utf8');
  if (method !== 0) return malformed(`iTXt compression method is ${method}`);
  return inflate(body, 'utf8');
}

function inflate(body: Uint8Array, encoding: 'latin1' | 'utf8'): DecodedText {
  try {
    // maxOutputLength stops a small "zip bomb" chunk from expanding past our text limit.
    const text = inflateSync(body, { maxOutputLength: MAX_TEXT_BYTES });
    return finish(text, true, encoding);
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return { ok: false, tooLarge, detail: `cannot inflate text: ${String(error)}` };
  }
}

function finish(bytes: Uint8Array, compressed: boolean, encoding: 'latin1' | 'utf8'): DecodedText {
  if (bytes.byteLength > MAX_TEXT_BYTES) {
    return { ok: false, tooLarge: true, detail: `text is ${bytes.byteLength} bytes` };
  }
  if (encoding === 'latin1') {
    return { ok: true, text: Buffer.from(bytes).toString('latin1'), compressed };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), compressed };
  } catch {
    return malformed('text is not valid UTF-8');
  }
}

function malformed(detail: string): DecodedText {
  return { ok: false, tooLarge: false, detail };
}
