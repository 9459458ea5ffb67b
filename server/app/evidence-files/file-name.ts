/**
 * The original name of an uploaded file is only a label: it never becomes a path (files are
 * stored under a random key), and it is cleaned before it is kept or sent back in a header.
 */
import { extensionOf } from './sniff-media-type.ts';

/** Longest name kept, in characters. */
export const MAX_FILE_NAME = 120;

/**
 * @param raw the name the client sent (it may hold a path, control or bidi characters…).
 * @returns the last path segment without control, formatting or reserved characters, at most
 *   MAX_FILE_NAME characters; undefined when nothing readable is left.
 */
export function sanitizeFileName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const lastSegment = raw.split(/[/\\]/).at(-1) ?? '';
  const cleaned = lastSegment
    .normalize('NFC')
    // Control characters and invisible formatting ones (e.g. right-to-left overrides that make
    // "gpj.exe" display as "exe.jpg").
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/["<>:|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const clipped = [...cleaned].slice(0, MAX_FILE_NAME).join('').trim();
  return clipped === '' ? undefined : clipped;
}

/**
 * @param name the kept name, if any.
 * @param mediaType the sniffed type: the extension follows the content, not the name.
 * @returns the name a download is saved under, e.g. `attestation.pdf`.
 */
export function downloadName(name: string | undefined, mediaType: string): string {
  const stem = (name ?? '').replace(/\.[^.]*$/, '').trim() || 'preuve';
  return `${stem}.${extensionOf(mediaType)}`;
}

/**
 * @param disposition `inline` (shown in the page) or `attachment` (saved).
 * @param fileName a name from `downloadName`.
 * @returns a Content-Disposition value with an ASCII fallback and the UTF-8 name (RFC 6266).
 */
export function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
