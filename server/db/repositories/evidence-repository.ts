/**
 * Evidence a learner hands in for a skill (a text, a link, a file): the `evidence` rows that
 * `evidence-submitted` ledger events name. Rows are only inserted. A file's bytes are not here:
 * `file_path` holds the key of the file in the evidence file store.
 */
import type { Database } from '../connection.ts';

/** An evidence file's metadata (its bytes are in the evidence file store). */
export interface EvidenceFileRecord {
  /** The store's key: random, never derived from the client's file name. */
  key: string;
  /** Read from the bytes when uploaded, never taken from the client. */
  mediaType: string;
  sizeBytes: number;
  /** The original name, cleaned: a label only. */
  name?: string;
}

/** What a learner handed in. */
export interface EvidenceRecord {
  id: string;
  learnerId: string;
  skillId: string;
  /** `text`, `link` (a URL, with an optional note) or `file` (with an optional text and link). */
  kind: 'text' | 'link' | 'file';
  text?: string;
  url?: string;
  file?: EvidenceFileRecord;
  submittedAt: string;
}

/** The columns `evidenceFromRow` reads, for every query that returns evidence. */
export const EVIDENCE_COLUMNS = [
  'id',
  'learnerId',
  'skillId',
  'kind',
  'text',
  'url',
  'filePath',
  'mediaType',
  'sizeBytes',
  'fileName',
  'submittedAt',
] as const;

/** An `evidence` row as knex returns it (camel-cased). */
export interface EvidenceRow {
  id: string;
  learnerId: string;
  skillId: string;
  kind: string;
  text: string | null;
  url: string | null;
  filePath: string | null;
  mediaType: string | null;
  sizeBytes: number | string | null;
  fileName: string | null;
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
    filePath: evidence.file?.key ?? null,
    mediaType: evidence.file?.mediaType ?? null,
    sizeBytes: evidence.file?.sizeBytes ?? null,
    fileName: evidence.file?.name ?? null,
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
    .select(...EVIDENCE_COLUMNS)
    .where('learnerId', learnerId)
    .orderBy([{ column: 'submittedAt' }, { column: 'id' }]);
  return rows.map(evidenceFromRow);
}

/**
 * @param db the database or a transaction.
 * @param id the evidence.
 * @returns it, or undefined.
 */
export async function findEvidence(db: Database, id: string): Promise<EvidenceRecord | undefined> {
  const row: EvidenceRow | undefined = await db('evidence')
    .select(...EVIDENCE_COLUMNS)
    .where('id', id)
    .first();
  return row === undefined ? undefined : evidenceFromRow(row);
}

/** @returns the record of a row selected with EVIDENCE_COLUMNS. */
export function evidenceFromRow(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    learnerId: row.learnerId,
    skillId: row.skillId,
    kind: row.kind === 'link' ? 'link' : row.kind === 'file' ? 'file' : 'text',
    ...(row.text === null ? {} : { text: row.text }),
    ...(row.url === null ? {} : { url: row.url }),
    ...(row.filePath === null || row.mediaType === null
      ? {}
      : {
          file: {
            key: row.filePath,
            mediaType: row.mediaType,
            sizeBytes: Number(row.sizeBytes ?? 0),
            ...(row.fileName === null ? {} : { name: row.fileName }),
          },
        }),
    // SQLite returns the ISO text written, PostgreSQL a Date.
    submittedAt: new Date(row.submittedAt).toISOString(),
  };
}
