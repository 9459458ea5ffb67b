/**
 * A learner hands in evidence for a skill: a text (at most 5,000 characters), an http(s) link
 * and/or a file (a photo or a PDF, checked by its content, at most 10 MB). A file is checked
 * and written to the evidence file store first; then the evidence row and the
 * `evidence-submitted` ledger event are written in one transaction, and the file is deleted if
 * that transaction fails. So a refusal leaves nothing: no row, no file, no event.
 */
import { randomUUID } from 'node:crypto';
import {
  type EvidenceFileRecord,
  type EvidenceRecord,
  insertEvidence,
} from '../../db/repositories/evidence-repository.ts';
import { UnknownProgressSkill } from '../engine-errors.ts';
import type { EvidenceFilesDeps } from '../evidence-files/evidence-file-store.ts';
import { sanitizeFileName } from '../evidence-files/file-name.ts';
import { sniffEvidenceMediaType } from '../evidence-files/sniff-media-type.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import {
  type RecordProgressDeps,
  type RecordProgressResult,
  recordProgress,
} from '../record-progress.ts';
import { EvidenceFileRefused, InvalidEvidence } from './errors.ts';

/** Longest text evidence, in characters. */
export const MAX_EVIDENCE_TEXT = 5_000;
/** Longest link (the column's width). */
export const MAX_EVIDENCE_URL = 2_048;

export interface SubmitEvidenceCommand {
  /** The learner handing it in (the signed-in person). */
  learnerId: string;
  skillId: string;
  text?: string;
  url?: string;
  /** An uploaded file (a WHATWG `File` satisfies this). */
  file?: IncomingFile;
}

/** A file as the transport hands it over; its name and declared type are not trusted. */
export interface IncomingFile {
  /** The client's file name: kept, cleaned, as a label only. */
  name?: string;
  /** The size the transport counted, checked again on the bytes. */
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What submitting needs: recording progress, and the file store when files are accepted. */
export interface SubmitEvidenceDeps extends RecordProgressDeps {
  evidenceFiles?: EvidenceFilesDeps;
}

export interface SubmitEvidenceResult {
  evidence: EvidenceRecord;
  progress: RecordProgressResult;
}

/**
 * @param deps what recording progress needs, and the evidence file store for files.
 * @param command who, which skill, what.
 * @returns the stored evidence and the progress it recorded.
 * @throws InvalidEvidence (empty, too long, not an http(s) link), EvidenceFileRefused (empty,
 *   too large, not a photo or a PDF), UnknownProgressSkill, and the errors of recordProgress:
 *   nothing is written then.
 */
export async function submitEvidence(
  deps: SubmitEvidenceDeps,
  command: SubmitEvidenceCommand,
): Promise<SubmitEvidenceResult> {
  const text = command.text?.trim() || undefined;
  const url = command.url?.trim() || undefined;
  if (command.file === undefined) checkEvidence(text, url);
  else checkNote(text, url);
  if (indexCatalog(deps.catalog).skill(command.skillId) === undefined) {
    throw new UnknownProgressSkill(command.skillId);
  }
  const stored =
    command.file === undefined ? undefined : await storeFile(deps.evidenceFiles, command.file);
  const evidence: EvidenceRecord = {
    id: randomUUID(),
    learnerId: command.learnerId,
    skillId: command.skillId,
    kind: stored !== undefined ? 'file' : url === undefined ? 'text' : 'link',
    ...(text === undefined ? {} : { text }),
    ...(url === undefined ? {} : { url }),
    ...(stored === undefined ? {} : { file: stored }),
    submittedAt: deps.clock().toISOString(),
  };
  try {
    return await record(deps, command, evidence);
  } catch (error) {
    // The row was rolled back: the file it would have named must not stay behind.
    if (stored !== undefined) await deps.evidenceFiles?.store.remove(stored.key);
    throw error;
  }
}

async function record(
  deps: SubmitEvidenceDeps,
  command: SubmitEvidenceCommand,
  evidence: EvidenceRecord,
): Promise<SubmitEvidenceResult> {
  return deps.db.transaction(async (trx) => {
    await insertEvidence(trx, evidence);
    // recordProgress nests its transaction in ours (a savepoint): one commit for both rows.
    const progress = await recordProgress(
      { ...deps, db: trx },
      {
        learnerId: command.learnerId,
        skillId: command.skillId,
        type: 'evidence-submitted',
        actorId: command.learnerId,
        evidenceId: evidence.id,
      },
    );
    return { evidence, progress };
  });
}

/**
 * Decides on the file by its bytes (the declared size first, so an oversized file is refused
 * before its bytes are copied again), then writes it to the store.
 *
 * @returns the stored file's metadata, with its new key.
 * @throws EvidenceFileRefused when it is empty, too large or not an accepted kind.
 */
async function storeFile(
  files: EvidenceFilesDeps | undefined,
  file: IncomingFile,
): Promise<EvidenceFileRecord> {
  if (files === undefined) {
    throw new Error('evidence files are not configured: pass evidenceFiles in the deps');
  }
  const { maxBytes } = files;
  if (file.size > maxBytes) throw new EvidenceFileRefused('too-large', maxBytes, file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new EvidenceFileRefused('empty', maxBytes, 0);
  if (bytes.length > maxBytes) throw new EvidenceFileRefused('too-large', maxBytes, bytes.length);
  const mediaType = sniffEvidenceMediaType(bytes);
  if (mediaType === undefined) {
    throw new EvidenceFileRefused('type-not-allowed', maxBytes, bytes.length);
  }
  const name = sanitizeFileName(file.name);
  const key = await files.store.save(bytes);
  return { key, mediaType, sizeBytes: bytes.length, ...(name === undefined ? {} : { name }) };
}

function checkEvidence(text: string | undefined, url: string | undefined): void {
  if (text === undefined && url === undefined) {
    throw new InvalidEvidence({
      fr: 'Écrivez un texte, donnez un lien ou joignez un fichier : la preuve est vide.',
      en: 'Write a text, give a link or attach a file: the evidence is empty.',
    });
  }
  checkNote(text, url);
}

/** Checks the text and link, each optional (they may come with a file). */
function checkNote(text: string | undefined, url: string | undefined): void {
  if (text !== undefined && [...text].length > MAX_EVIDENCE_TEXT) {
    throw new InvalidEvidence({
      fr: `Le texte est trop long (${[...text].length} caractères) : ${MAX_EVIDENCE_TEXT} au plus.`,
      en: `The text is too long (${[...text].length} characters): ${MAX_EVIDENCE_TEXT} at most.`,
    });
  }
  if (url !== undefined && !isWebLink(url)) {
    throw new InvalidEvidence({
      fr: 'Le lien doit être une adresse web commençant par https:// ou http://.',
      en: 'The link must be a web address starting with https:// or http://.',
    });
  }
}

function isWebLink(url: string): boolean {
  if (url.length > MAX_EVIDENCE_URL) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}
