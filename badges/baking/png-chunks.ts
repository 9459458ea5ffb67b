/**
 * PNG chunk framing: split a PNG file into chunks, checking everything a hostile file could get
 * wrong (signature, lengths, chunk types, CRCs, order), and write chunks back. Reading never
 * throws and never looks past the end of the buffer.
 */
import { crc32 } from 'node:zlib';
import { type UnbakeFailure, unbakeFailure } from './failure.ts';

export const PNG_SIGNATURE: Uint8Array = Uint8Array.of(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
);

/** Largest PNG we read or bake into: badge images are a few hundred KiB at most. */
export const MAX_PNG_BYTES = 10 * 1024 * 1024;

/** PNG's own limit on a chunk's data length (ISO/IEC 15948, §5.3). */
const MAX_CHUNK_LENGTH = 0x7fffffff;
const IHDR_LENGTH = 13;

export interface PngChunk {
  /** Four ASCII letters, e.g. `IHDR`, `iTXt`. */
  type: string;
  /** The chunk's data: a view into the input, not a copy. */
  data: Uint8Array;
  /** The whole chunk as stored (length, type, data, CRC): a view into the input. */
  raw: Uint8Array;
  /** Where the chunk starts in the file. */
  offset: number;
}

export type ReadChunksResult = { ok: true; chunks: PngChunk[] } | UnbakeFailure;

/**
 * Splits a PNG into chunks, from IHDR to IEND included. Bytes after IEND are ignored.
 *
 * @param bytes the whole file.
 * @returns the chunks, or a failure saying what is wrong (never throws).
 */
export function readPngChunks(bytes: Uint8Array): ReadChunksResult {
  if (bytes.byteLength > MAX_PNG_BYTES) {
    return unbakeFailure('too-large', `PNG is ${bytes.byteLength} bytes, limit ${MAX_PNG_BYTES}`);
  }
  const signatureLength = Math.min(bytes.byteLength, PNG_SIGNATURE.length);
  for (let i = 0; i < signatureLength; i++) {
    if (bytes[i] !== PNG_SIGNATURE[i]) return unbakeFailure('not-png', 'no PNG signature');
  }
  if (bytes.byteLength < PNG_SIGNATURE.length) {
    return unbakeFailure('truncated', 'file ends inside the PNG signature');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = PNG_SIGNATURE.length;
  for (;;) {
    if (bytes.byteLength - offset < 12) {
      return unbakeFailure('truncated', `file ends at ${bytes.byteLength} before IEND`);
    }
    const length = view.getUint32(offset);
    if (length > MAX_CHUNK_LENGTH) {
      return unbakeFailure('damaged', `chunk length ${length} at offset ${offset} is over 2^31-1`);
    }
    // Compared as a subtraction so a huge length cannot overflow into a small sum.
    if (length > bytes.byteLength - offset - 12) {
      return unbakeFailure('truncated', `chunk at offset ${offset} runs past the end of the file`);
    }
    const type = chunkType(bytes, offset + 4);
    if (type === undefined) {
      return unbakeFailure('damaged', `chunk at offset ${offset} has an invalid type`);
    }
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length)) >>> 0;
    if (stored !== computed) {
      return unbakeFailure('damaged', `CRC mismatch in ${type} chunk at offset ${offset}`);
    }
    if (chunks.length === 0 && (type !== 'IHDR' || length !== IHDR_LENGTH)) {
      return unbakeFailure(
        'damaged',
        `first chunk is ${type} (${length} bytes), not a 13-byte IHDR`,
      );
    }
    if (chunks.length > 0 && type === 'IHDR') {
      return unbakeFailure('damaged', `second IHDR chunk at offset ${offset}`);
    }
    chunks.push({
      type,
      data: bytes.subarray(offset + 8, offset + 8 + length),
      raw: bytes.subarray(offset, offset + 12 + length),
      offset,
    });
    offset += 12 + length;
    if (type === 'IEND') return { ok: true, chunks };
  }
}

/**
 * @param type four ASCII letters.
 * @param data the chunk's data.
 * @returns the chunk as stored in a file: length, type, data and CRC-32 of type + data.
 */
export function encodeChunk(type: string, data: Uint8Array): Buffer {
  const chunk = Buffer.alloc(12 + data.byteLength);
  chunk.writeUInt32BE(data.byteLength, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.byteLength)) >>> 0, 8 + data.byteLength);
  return chunk;
}

/** @returns the 4-letter chunk type at `at`, or undefined if any byte is not an ASCII letter. */
function chunkType(bytes: Uint8Array, at: number): string | undefined {
  let type = '';
  for (let i = at; i < at + 4; i++) {
    const byte = bytes[i] ?? 0;
    const isLetter = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
    if (!isLetter) return undefined;
    type += String.fromCharCode(byte);
  }
  return type;
}
