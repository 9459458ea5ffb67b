/**
 * The API says why a skill is a good next step with stable codes ('continue',
 * 'rejected-try-again', 'counts-for-badge:<badgeId>', 'unlocks:<n>'); this turns the most
 * important one into a translation key and its values.
 */
export type ReasonText =
  | { key: 'nextSteps.reason.continue' }
  | { key: 'nextSteps.reason.tryAgain' }
  | { key: 'nextSteps.reason.countsForBadge'; badgeId: string }
  | { key: 'nextSteps.reason.unlocks'; count: number };

/**
 * @param reasons the codes, most important first.
 * @returns the first code this client knows how to say, or undefined.
 */
export function firstReason(reasons: readonly string[]): ReasonText | undefined {
  for (const reason of reasons) {
    if (reason === 'continue') return { key: 'nextSteps.reason.continue' };
    if (reason === 'rejected-try-again') return { key: 'nextSteps.reason.tryAgain' };
    if (reason.startsWith('counts-for-badge:')) {
      return { key: 'nextSteps.reason.countsForBadge', badgeId: reason.slice(17) };
    }
    const unlocks = /^unlocks:(\d+)$/.exec(reason);
    if (unlocks?.[1] !== undefined) {
      return { key: 'nextSteps.reason.unlocks', count: Number(unlocks[1]) };
    }
  }
  return undefined;
}
