/**
 * What the learner's own views (the home's next steps and curricula, each curriculum's
 * progress) read about their progress: the fold of their ledger at the current time, and the
 * badges they hold (which and until when; no credential). A page asks several of those fields
 * at once, so the GraphQL context reads it once per request and learner
 * (`loaders.learnerSnapshot`) and every field shares it.
 */
import type { Database } from '../../db/connection.ts';
import {
  listStandingBadges,
  type StandingBadge,
} from '../../db/repositories/badge-awards-repository.ts';
import { learnerLedger } from '../../db/repositories/progress-ledger-repository.ts';
import { foldSkillStates, type SkillState } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';

export type { StandingBadge };

/** A learner's progress at one instant. */
export interface LearnerSnapshot {
  /** The state of every skill of the catalog, folded from the ledger. */
  states: ReadonlyMap<string, SkillState>;
  /** The learner's awards that are not revoked (expired ones included), oldest first. */
  standing: readonly StandingBadge[];
}

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner.
 * @returns their states and standing badges (two queries, run together).
 */
export async function readLearnerSnapshot(
  deps: { db: Database; catalog: Catalog; clock: () => Date },
  learnerId: string,
): Promise<LearnerSnapshot> {
  const [ledger, standing] = await Promise.all([
    learnerLedger(deps.db, learnerId),
    listStandingBadges(deps.db, learnerId),
  ]);
  const states = foldSkillStates(
    deps.catalog.graph,
    ledger.map((entry) => entry.event),
    { now: deps.clock(), validityMonths: indexCatalog(deps.catalog).validityMonths },
  );
  return { states, standing };
}

/**
 * @param snapshot the learner's snapshot.
 * @param now the current time.
 * @returns the badges they hold now: standing and not expired.
 */
export function badgesHeldAt(snapshot: LearnerSnapshot, now: Date): Set<string> {
  return new Set(
    snapshot.standing
      .filter((a) => a.validUntil === undefined || Date.parse(a.validUntil) > now.getTime())
      .map((a) => a.badgeId),
  );
}
