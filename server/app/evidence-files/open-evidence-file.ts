/**
 * Opens an evidence file from a signed link (see signed-link.ts): the signature is checked
 * before the database is read, so a made-up link learns nothing about which ids exist.
 */
import type { Database } from '../../db/connection.ts';
import { findEvidence } from '../../db/repositories/evidence-repository.ts';
import { EvidenceLinkRefused, UnknownEvidence } from './errors.ts';
import type { EvidenceFileStore } from './evidence-file-store.ts';
import { checkEvidenceLink } from './signed-link.ts';

export interface OpenEvidenceFileDeps {
  db: Database;
  store: EvidenceFileStore;
  /** The access-token secret the links are signed with (through a derived key). */
  jwtSecret: string;
  clock: () => Date;
}

/** A file ready to send. */
export interface OpenedEvidenceFile {
  bytes: Buffer;
  /** The type sniffed at upload. */
  mediaType: string;
  /** The cleaned original name, if any. */
  name?: string;
}

/**
 * @param deps the database, the file store, the secret and the clock.
 * @param link the evidence id and the link's `exp` and `sig` query values, as received.
 * @returns the file.
 * @throws EvidenceLinkRefused (expired or forged link), UnknownEvidence (no such evidence, no
 *   file, or the file is missing from the store).
 */
export async function openEvidenceFile(
  deps: OpenEvidenceFileDeps,
  link: { evidenceId: string; expires: unknown; signature: unknown },
): Promise<OpenedEvidenceFile> {
  const verdict = checkEvidenceLink(deps.jwtSecret, link, deps.clock());
  if (verdict !== 'valid') throw new EvidenceLinkRefused(verdict === 'expired');
  const evidence = await findEvidence(deps.db, link.evidenceId);
  if (evidence?.file === undefined) throw new UnknownEvidence(link.evidenceId);
  const bytes = await deps.store.read(evidence.file.key);
  if (bytes === undefined) throw new UnknownEvidence(link.evidenceId);
  return {
    bytes,
    mediaType: evidence.file.mediaType,
    ...(evidence.file.name === undefined ? {} : { name: evidence.file.name }),
  };
}
