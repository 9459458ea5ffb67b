/**
 * Evidence a learner hands in for a skill (text or a link today; files come later): the
 * `evidence` rows that `evidence-submitted` ledger events name. Rows are only inserted.
 */
import type { Database } from '../connection.ts';

/** What a learner handed in. */
export interface EvidenceRecord {
  id: string;
  learnerId: string;
  skillId: string;
  /** `text`, `link` (a URL, with an optional note) or, later, `file`. */
  kind: 'text' | 'link' | 'file';
  text?: string;
  url?: string;
  submittedAt: string;
}

interface EvidenceRow {
  id: string;
  learnerId: string;
  skillId: string;
  kind: string;
  text: string | null;
  url: string | null;
  submittedAt: string | Date;
}

/**
 * @param db the submitting transaction.
 * @param evidence the new evidence.
 */
export async function insertEvidence(db: Database, evidence: EvidenceRecord): Promise<void> {
  await db('evidence').insert({
    id: evidence.id,
    learnerId: evidence.learnerId,
    skillId: evidence.skillId,
    kind: evidence.kind,
    text: evidence.text ?? null,
    url: evidence.url ?? null,
    submittedAt: evidence.submittedAt,
  });
}

/**
 * @param db the database or a transaction.
 * @param learnerId whose evidence.
 * @returns everything the learner handed in, oldest first.
 */
export async function listEvidenceOfLearner(
  db: Database,
  learnerId: string,
): Promise<EvidenceRecord[]> {
  const rows: EvidenceRow[] = await db('evidence')
    .select('id', 'learnerId', 'skillId', 'kind', 'text', 'url', 'submittedAt')
    .where('learnerId', learnerId)
    .orderBy([{ column: 'submittedAt' }, { column: 'id' }]);
  return rows.map(toRecord);
}

/**
 * @param db the database or a transaction.
 * @param id the evidence.
 * @returns it, or undefined.
 */
export async function findEvidence(db: Database, id: string): Promise<EvidenceRecord | undefined> {
  const row: EvidenceRow | undefined = await db('evidence').where('id', id).first();
  return row === undefined ? undefined : toRecord(row);
}

function toRecord(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    learnerId: row.learnerId,
    skillId: row.skillId,
    kind: row.kind as EvidenceRecord['kind'],
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.url === null ? {} : { url: row.url }),
    // SQLite returns the ISO text written, PostgreSQL a Date.
    submittedAt: new Date(row.submittedAt).toISOString(),
  };
}
