/**
 * Test helper: an independent PNG chunk walker with its own CRC-32 table, so tests do not check
 * the baking code with the baking code.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32Reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface WalkedChunk {
  type: string;
  data: Buffer;
  crcValid: boolean;
}

/** Walks a PNG that is expected to be well-formed; throws (failing the test) if it is not. */
export function walkPng(png: Uint8Array): WalkedChunk[] {
  const bytes = Buffer.from(png);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('no PNG signature');
  const chunks: WalkedChunk[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) throw new Error(`chunk ${type} cut short`);
    const crc = bytes.readUInt32BE(offset + 8 + length);
    const crcValid = crc === crc32Reference(bytes.subarray(offset + 4, offset + 8 + length));
    chunks.push({ type, data, crcValid });
    offset += 12 + length;
  }
  if (offset !== bytes.length) throw new Error('bytes after the last chunk');
  return chunks;
}

/** Builds a chunk (length, type, data, CRC) with the reference CRC. */
export function makeChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32Reference(body), 8 + data.length);
  return out;
}

/** Inserts raw chunks just before IEND (the last 12 bytes of a well-formed PNG). */
export function insertBeforeIend(png: Uint8Array, ...chunks: Buffer[]): Buffer {
  const bytes = Buffer.from(png);
  return Buffer.concat([
    bytes.subarray(0, bytes.length - 12),
    ...chunks,
    bytes.subarray(bytes.length - 12),
  ]);
}

/** IHDR width and height. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const [ihdr] = walkPng(png);
  if (ihdr?.type !== 'IHDR') throw new Error('first chunk is not IHDR');
  return { width: ihdr.data.readUInt32BE(0), height: ihdr.data.readUInt32BE(4) };
}
