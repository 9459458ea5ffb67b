/**
 * An admin records what a minor's guardian now says about public sharing: whether the minor
 * may create public share links (pathway, badges). The consent itself stays as recorded; only
 * this term changes, on every standing consent of the learner.
 */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { UnknownPerson } from '../engine-errors.ts';
import { requireAdmin } from './actor.ts';
import type { AccountsDeps } from './deps.ts';
import { InvalidInput, NoStandingGuardianConsent } from './errors.ts';

export const SetGuardianConsentInput = z.object({
  learnerId: z.string().min(1).max(64),
  allowsPublicShare: z.boolean(),
});

export type SetGuardianConsentInput = z.input<typeof SetGuardianConsentInput>;

/**
 * @param viewer an admin.
 * @param input the learner and whether their guardian allows public shares.
 * @returns the learner and the term as now recorded.
 * @throws Forbidden unless the viewer is an admin; InvalidInput; UnknownPerson;
 *   NoStandingGuardianConsent when the learner has no consent that is not withdrawn (nothing
 *   written).
 */
export async function setGuardianConsent(
  deps: AccountsDeps,
  viewer: Viewer,
  input: SetGuardianConsentInput,
): Promise<{ learnerId: string; allowsPublicShare: boolean }> {
  const parsed = SetGuardianConsentInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { learnerId, allowsPublicShare } = parsed.data;
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    if (!(await deps.people.findById(learnerId, trx))) throw new UnknownPerson(learnerId);
    const changed = await deps.people.setPublicShareOfStandingConsents(
      learnerId,
      allowsPublicShare,
      trx,
    );
    if (changed === 0) throw new NoStandingGuardianConsent(learnerId);
    return { learnerId, allowsPublicShare };
  });
}
