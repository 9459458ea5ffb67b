/**
 * A learner's progress as the GraphQL queries show it, read in one place.
 *
 * States are folded from the learner's ledger with `foldSkillStates`, the very function the
 * progress engine uses, rather than read from the `skill_states` projection: the projection
 * holds rows only for skills with events (so locked/available would need the graph walked
 * again) and its `expired` is as of the last event, whereas the fold gives every skill of the
 * graph, judged at the current time. One learner's ledger is small (tens of events).
 *
 * This is a read use case; it lives beside the adapter until `server/app/` gains read models.
 */
import type { Catalog } from '../app/check-curricula.ts';
import { indexCatalog } from '../app/issuance/catalog-index.ts';
import type { Database } from '../db/connection.ts';
import { learnerLedger } from '../db/repositories/progress-ledger-repository.ts';
import { foldSkillStates, type SkillState } from '../domain/progress/skill-states.ts';

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner.
 * @returns the state of every skill of the catalog, in topological order.
 */
export async function learnerSkillStates(
  deps: { db: Database; catalog: Catalog; clock: () => Date },
  learnerId: string,
): Promise<ReadonlyMap<string, SkillState>> {
  const ledger = await learnerLedger(deps.db, learnerId);
  const index = indexCatalog(deps.catalog);
  return foldSkillStates(
    deps.catalog.graph,
    ledger.map((entry) => entry.event),
    { now: deps.clock(), validityMonths: index.validityMonths },
  );
}
