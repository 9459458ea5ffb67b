/**
 * Short-lived signed links to evidence files, so that an `<img>` tag (which cannot send a
 * Bearer header) can show a photo: `/evidence-files/<id>?exp=<unix seconds>&sig=<HMAC>`. The
 * HMAC covers the evidence id and the expiry, with a key derived from the token secret for this
 * one purpose, so a link opens one file for a few minutes and cannot be altered or reused for
 * another. Whoever is given the link may open it until it expires: links are only handed to
 * people allowed to see the evidence.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link stays valid, in seconds. */
export const EVIDENCE_LINK_TTL_SECONDS = 10 * 60;

/** Where the files are served (see server/http/routes/evidence-files.ts). */
export const EVIDENCE_FILES_PATH = '/evidence-files';

/**
 * @param secret the access-token secret (a derived key is used, never the secret itself).
 * @param evidenceId the evidence whose file the link opens.
 * @param now the current time.
 * @returns the path and query of the link, relative to the server.
 */
export function signEvidenceLink(secret: string, evidenceId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + EVIDENCE_LINK_TTL_SECONDS;
  const signature = sign(secret, evidenceId, expires);
  return `${EVIDENCE_FILES_PATH}/${encodeURIComponent(evidenceId)}?exp=${expires}&sig=${signature}`;
}

/**
 * @param secret the access-token secret.
 * @param link the id, and the `exp` and `sig` query values as received (maybe missing).
 * @param now the current time.
 * @returns `valid`, `expired` (a genuine link past its time) or `forged` (anything else).
 */
export function checkEvidenceLink(
  secret: string,
  link: { evidenceId: string; expires: unknown; signature: unknown },
  now: Date,
): 'valid' | 'expired' | 'forged' {
  if (typeof link.expires !== 'string' || typeof link.signature !== 'string') return 'forged';
  if (!/^\d{1,12}$/.test(link.expires)) return 'forged';
  const expires = Number(link.expires);
  const expected = Buffer.from(sign(secret, link.evidenceId, expires));
  const given = Buffer.from(link.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return expires * 1000 <= now.getTime() ? 'expired' : 'valid';
}

function sign(secret: string, evidenceId: string, expires: number): string {
  const key = createHmac('sha256', secret).update('grange/evidence-file-link/v1').digest();
  return createHmac('sha256', key).update(`${evidenceId}\n${expires}`).digest('base64url');
}
