/**
 * Tells what a file IS from its first bytes (its "magic number"), never from its name or the
 * type the browser declared: a page renamed `photo.jpg` stays a page. Pure: bytes in, an answer
 * out. Only the kinds learners send as evidence are recognised: photos (JPEG, PNG, WebP, and
 * HEIC/HEIF from phones) and PDF documents.
 */

/** The media types evidence files may have, as stored and served. */
export const EVIDENCE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
] as const;

export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** ISO-BMFF major brands of HEIC (HEVC-coded) images and sequences. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
/** Major brands of the generic HEIF container (which AVIF also uses). */
const HEIF_BRANDS = new Set(['mif1', 'msf1']);
/** Brands that make a HEIF container an AVIF image: not a phone photo, not accepted. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * @param bytes the file's content (its first few dozen bytes are enough).
 * @returns its media type, or undefined when it is none of the accepted kinds.
 */
export function sniffEvidenceMediaType(bytes: Uint8Array): EvidenceMediaType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return sniffHeif(bytes);
}

/**
 * HEIF files are ISO-BMFF: a first box `ftyp` (size on 4 bytes, then "ftyp", the major brand,
 * a minor version and compatible brands up to the box's end).
 */
function sniffHeif(bytes: Uint8Array): EvidenceMediaType | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return undefined;
  const boxSize =
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  const end = Math.min(bytes.length, boxSize >>> 0);
  const major = ascii(bytes, 8, 4);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= end; offset += 4) compatible.push(ascii(bytes, offset, 4));
  if (HEIC_BRANDS.has(major)) return 'image/heic';
  if (HEIF_BRANDS.has(major) && !compatible.some((brand) => AVIF_BRANDS.has(brand))) {
    return compatible.some((brand) => HEIC_BRANDS.has(brand)) ? 'image/heic' : 'image/heif';
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** @returns whether files of this type are shown in the page (images) rather than downloaded. */
export function isInlineImage(mediaType: string): boolean {
  return mediaType.startsWith('image/');
}

/** @returns the file extension that matches the media type (for download names). */
export function extensionOf(mediaType: string): string {
  switch (mediaType) {
    case 'image/jpeg':
      return 'jpg';
    case 'image/png':
      return 'png';
    case 'image/webp':
      return 'webp';
    case 'image/heic':
      return 'heic';
    case 'image/heif':
      return 'heif';
    case 'application/pdf':
      return 'pdf';
    default:
      return 'bin';
  }
}
