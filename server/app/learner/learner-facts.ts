/**
 * What a learner's pages read beside their progress (their standing badges, their enrolments
 * with their groups, how many notifications they have not read:
 * `learner-facts-repository.ts`), kept in the process between requests while the person's
 * facts stamp has not moved. Triggers move the stamp in every transaction that changes one of
 * those facts, whoever writes (migration `20261126001400_add_people_facts_stamp`), and the
 * stamp comes with the person's row, which a signed-in request reads anyway: a learner's home
 * asked again with nothing changed reads no other row. Another instance's writes move the same
 * stamp, so they are seen at the next request.
 *
 * Why what is kept is never older than what the database holds at the stamp read: the stamp is
 * read before the facts, so facts kept under a stamp are at least as new as it. A write
 * committed between the two reads has moved the stamp already; the next request sees the new
 * stamp and reads again.
 */
import type { Database } from '../../db/connection.ts';
import {
  type LearnerFactKind,
  type LearnerFacts,
  readLearnerFacts,
} from '../../db/repositories/learner-facts-repository.ts';
import type { LedgerCache } from '../ledger-cache.ts';

/**
 * Facts kept by learner, each entry under the stamp it was read at (`throughSeq`), holding
 * the kinds read so far at that stamp. Never changed once kept: callers share the objects.
 */
export type LearnerFactsCache = LedgerCache<Readonly<Partial<LearnerFacts>>>;

/** One scope: what is kept depends on nothing but the learner and their stamp. */
const SCOPE = 'facts';

/** Facts hold whatever the time: no lapse to judge. */
const ALWAYS = { from: Number.NEGATIVE_INFINITY, until: Number.POSITIVE_INFINITY };

export interface LearnerFactsDeps {
  db: Database;
  learnerFactsCache?: LearnerFactsCache;
}

/**
 * @param deps the database and the cache (none: read each time).
 * @param learnerId the learner.
 * @param kinds the facts wanted.
 * @param stamp their facts stamp, as read before this call (their row read at sign-in);
 *   undefined (a mutation, which may have changed them): read afresh, nothing kept.
 * @returns those facts (the others may be present too).
 */
export async function readLearnerFactsKept(
  deps: LearnerFactsDeps,
  learnerId: string,
  kinds: readonly LearnerFactKind[],
  stamp: number | undefined,
): Promise<Readonly<Partial<LearnerFacts>>> {
  const cache = deps.learnerFactsCache;
  if (cache === undefined || stamp === undefined) {
    return readLearnerFacts(deps.db, learnerId, kinds);
  }
  const kept = cache.find(SCOPE, learnerId, { lastSeq: stamp, now: 0 });
  const missing = kept === undefined ? kinds : kinds.filter((kind) => !(kind in kept));
  if (kept !== undefined && missing.length === 0) return kept;
  // Read at the same stamp as what is kept: both at least as new as it, so they go together.
  const facts = { ...kept, ...(await readLearnerFacts(deps.db, learnerId, missing)) };
  cache.keep(SCOPE, learnerId, { throughSeq: stamp, ...ALWAYS, value: facts });
  return facts;
}
