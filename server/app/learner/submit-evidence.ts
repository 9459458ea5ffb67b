/**
 * A learner hands in evidence for a skill: a text (at most 5,000 characters) and/or an http(s)
 * link. The evidence row and the `evidence-submitted` ledger event are written in one
 * transaction, so a refused event leaves no orphan evidence. File uploads come later.
 */
import { randomUUID } from 'node:crypto';
import { type EvidenceRecord, insertEvidence } from '../../db/repositories/evidence-repository.ts';
import { UnknownProgressSkill } from '../engine-errors.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import {
  type RecordProgressDeps,
  type RecordProgressResult,
  recordProgress,
} from '../record-progress.ts';
import { InvalidEvidence } from './errors.ts';

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
}

export interface SubmitEvidenceResult {
  evidence: EvidenceRecord;
  progress: RecordProgressResult;
}

/**
 * @param deps what recording progress needs.
 * @param command who, which skill, what.
 * @returns the stored evidence and the progress it recorded.
 * @throws InvalidEvidence (empty, too long, not an http(s) link), UnknownProgressSkill, and the
 *   errors of recordProgress: nothing is written then.
 */
export async function submitEvidence(
  deps: RecordProgressDeps,
  command: SubmitEvidenceCommand,
): Promise<SubmitEvidenceResult> {
  const text = command.text?.trim() || undefined;
  const url = command.url?.trim() || undefined;
  checkEvidence(text, url);
  if (indexCatalog(deps.catalog).skill(command.skillId) === undefined) {
    throw new UnknownProgressSkill(command.skillId);
  }
  const evidence: EvidenceRecord = {
    id: randomUUID(),
    learnerId: command.learnerId,
    skillId: command.skillId,
    kind: url === undefined ? 'text' : 'link',
    ...(text === undefined ? {} : { text }),
    ...(url === undefined ? {} : { url }),
    submittedAt: deps.clock().toISOString(),
  };
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

function checkEvidence(text: string | undefined, url: string | undefined): void {
  if (text === undefined && url === undefined) {
    throw new InvalidEvidence({
      fr: 'Écrivez un texte ou donnez un lien : la preuve est vide.',
      en: 'Write a text or give a link: the evidence is empty.',
    });
  }
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
