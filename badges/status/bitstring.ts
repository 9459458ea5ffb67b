/**
 * The W3C Bitstring Status List encoding (openbadges.md §3.8): bit i is bit 7 − (i mod 8) of
 * byte ⌊i / 8⌋ (most significant bit first), and the list is published as `u` (multibase
 * base64url, no padding) followed by the GZIP of the bytes.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** Largest decompressed list accepted, so a hostile list cannot exhaust memory (16 MiB). */
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/**
 * @param bits the bitstring.
 * @param index the bit position (0 is the highest bit of byte 0).
 * @returns whether the bit is set.
 * @throws RangeError when the index is outside the bitstring.
 */
export function getBit(bits: Uint8Array, index: number): boolean {
  const byte = bits[byteIndex(bits, index)] ?? 0;
  return (byte & mask(index)) !== 0;
}

/**
 * Sets or clears one bit, in place.
 *
 * @param bits the bitstring.
 * @param index the bit position.
 * @param on the new value.
 * @throws RangeError when the index is outside the bitstring.
 */
export function setBit(bits: Uint8Array, index: number, on: boolean): void {
  const at = byteIndex(bits, index);
  const byte = bits[at] ?? 0;
  bits[at] = on ? byte | mask(index) : byte & ~mask(index);
}

/**
 * @param bits the bitstring.
 * @returns `u` + base64url(GZIP(bits)), the `encodedList` of a status list credential.
 */
export function encodeBitstring(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/**
 * @param encoded an `encodedList` value.
 * @returns the bitstring's bytes.
 * @throws Error when the value is not `u` + base64url of GZIP data, or decompresses to more
 *   than {@link MAX_DECODED_BYTES}.
 */
export function decodeBitstring(encoded: string): Uint8Array {
  if (!encoded.startsWith('u') || !/^[A-Za-z0-9_-]+$/.test(encoded.slice(1))) {
    throw new Error('the encoded list is not multibase base64url (u…)');
  }
  const compressed = Buffer.from(encoded.slice(1), 'base64url');
  return new Uint8Array(gunzipSync(compressed, { maxOutputLength: MAX_DECODED_BYTES }));
}

function byteIndex(bits: Uint8Array, index: number): number {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new RangeError(`bit ${index} is outside a list of ${bits.length * 8} entries`);
  }
  return Math.floor(index / 8);
}

function mask(index: number): number {
  return 1 << (7 - (index % 8));
}
