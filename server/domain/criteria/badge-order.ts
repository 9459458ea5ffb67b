/**
 * Orders badges so that each comes after the badges its criteria name: capstones after the
 * badges they stack. Iterative depth-first search, so long chains of capstones cannot
 * overflow the stack, and tolerant of loops (validation reports those; here they must not hang).
 */
import { type BadgeDefinition, referencedBadges } from './criteria-rule.ts';

/**
 * @param badges every known badge, by id.
 * @param roots where to start, in the order ties should be broken; unknown ids are skipped.
 * @returns the roots and every badge they reach, each after the badges it references.
 */
export function badgeDependencyOrder(
  badges: ReadonlyMap<string, BadgeDefinition>,
  roots: Iterable<string>,
): string[] {
  const order: string[] = [];
  const visited = new Set<string>();
  for (const root of roots) {
    if (visited.has(root) || !badges.has(root)) continue;
    visited.add(root);
    const stack: { id: string; next: number; references: string[] }[] = [
      { id: root, next: 0, references: referencesOf(badges, root) },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as (typeof stack)[number];
      const reference = frame.references[frame.next];
      if (reference === undefined) {
        stack.pop();
        order.push(frame.id);
        continue;
      }
      frame.next += 1;
      if (visited.has(reference) || !badges.has(reference)) continue;
      visited.add(reference);
      stack.push({ id: reference, next: 0, references: referencesOf(badges, reference) });
    }
  }
  return order;
}

function referencesOf(badges: ReadonlyMap<string, BadgeDefinition>, id: string): string[] {
  const badge = badges.get(id);
  return badge === undefined ? [] : referencedBadges(badge.criteria);
}
