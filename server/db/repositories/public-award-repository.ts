/**
 * The read behind `GET /badges/:id` asked as JSON, the request verifiers and employers' tools
 * make most: whether awards may be shown now, and (when the caller does not hold them yet)
 * their signed credentials as the JSON text stored at issue. One statement per 500 awards,
 * written as SQL rather than built, because building and mapping a query costs more than
 * running it here (bench/verify-http.bench.ts).
 */
import { type Database, isPostgres } from '../connection.ts';
import { idChunks } from './id-chunks.ts';

/** What the public may know of an award right now. */
export interface PublicAwardState {
  /** The learner keeps a private profile: the award must answer as if it did not exist. */
  hidden: boolean;
  /** The credential's JSON text as stored, when asked for. */
  credentialJson?: string;
}

/**
 * @param db the database.
 * @param awardIds the awards.
 * @param options.withCredential read the stored credential texts too.
 * @returns the state of each award that exists, by id (unknown ids are left out).
 */
export async function findPublicAwardStates(
  db: Database,
  awardIds: Iterable<string>,
  options: { withCredential: boolean },
): Promise<Map<string, PublicAwardState>> {
  // One-word aliases: the same keys from both drivers, whatever the identifier mappers do.
  const columns = options.withCredential
    ? 'b.id as id, p.private_profile as hidden, b.credential as credential'
    : 'b.id as id, p.private_profile as hidden';
  const states = new Map<string, PublicAwardState>();
  for (const chunk of idChunks(awardIds)) {
    const result: unknown = await db.raw(
      `select ${columns} from badge_awards b join people p on p.id = b.learner_id where b.id in (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    const rows = (isPostgres(db) ? (result as { rows: unknown[] }).rows : result) as {
      id: string;
      hidden: boolean | number;
      credential?: string;
    }[];
    for (const row of rows) {
      states.set(row.id, {
        hidden: row.hidden === true || row.hidden === 1,
        ...(row.credential === undefined ? {} : { credentialJson: row.credential }),
      });
    }
  }
  return states;
}
