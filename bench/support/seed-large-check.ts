/**
 * Proof that a seeded database (`seed-large.ts`) is what the engine would have left: checked
 * on a sample of learners by the API benchmark before it measures anything.
 */
import { checkCurriculaFolder } from '../../server/app/check-curricula.ts';
import { indexCatalog } from '../../server/app/issuance/catalog-index.ts';
import type { Database } from '../../server/db/connection.ts';
import { listStandingAwards } from '../../server/db/repositories/badge-awards-repository.ts';
import {
  learnerLedger,
  ledgerEnd,
} from '../../server/db/repositories/progress-ledger-repository.ts';
import {
  listSkillStateRows,
  sameSkillStateRow,
  skillStateRow,
} from '../../server/db/repositories/skill-states-repository.ts';
import { eligibleBadges } from '../../server/domain/criteria/evaluate-criteria.ts';
import { foldSkillStates } from '../../server/domain/progress/skill-states.ts';

/**
 * Checks some seeded learners against the engine's own rules, read back from the database: the
 * projection rows are the fold of the ledger as of its last event, the learner's row says where
 * the ledger ends, and the standing awards are exactly the badges those states make eligible.
 *
 * @param db the seeded database.
 * @param learnerIds the learners to check.
 * @throws Error naming the first learner whose rows differ.
 */
export async function checkSeededLearners(
  db: Database,
  learnerIds: readonly string[],
): Promise<void> {
  const checked = await checkCurriculaFolder();
  if (!checked.ok) throw new Error('the shipped curricula have problems');
  const catalog = checked.catalog;
  const index = indexCatalog(catalog);
  for (const learnerId of learnerIds) {
    const ledger = await learnerLedger(db, learnerId);
    const last = ledger.at(-1);
    if ((await ledgerEnd(db, learnerId)) !== (last?.seq ?? 0)) {
      throw new Error(`seed: ${learnerId}'s row does not say where their ledger ends`);
    }
    if (last === undefined) continue;
    const folded = foldSkillStates(
      catalog.graph,
      ledger.map((e) => e.event),
      { now: last.event.at, validityMonths: index.validityMonths },
    );
    const rows = await listSkillStateRows(db, learnerId);
    const lastSeq = new Map<string, number>();
    for (const entry of ledger) lastSeq.set(entry.event.skillId, entry.seq);
    for (const [skillId, seq] of lastSeq) {
      const state = folded.get(skillId);
      const row = rows.get(skillId);
      if (state === undefined || row === undefined) {
        throw new Error(`seed: ${learnerId} has no projection row for ${skillId}`);
      }
      if (!sameSkillStateRow(row, skillStateRow(learnerId, state, seq))) {
        throw new Error(`seed: ${learnerId}'s row for ${skillId} is not the fold of its ledger`);
      }
    }
    const eligible = eligibleBadges(index.badges, folded).sort();
    const held = (await listStandingAwards(db, learnerId)).map((a) => a.badgeId).sort();
    if (JSON.stringify(eligible) !== JSON.stringify(held)) {
      throw new Error(
        `seed: ${learnerId} holds ${held.join(', ')} but earned ${eligible.join(', ')}`,
      );
    }
  }
}
