/**
 * The learner's history on a skill from what the API exposes: the standing validation (who,
 * when, which level, until when) from the skill's state, and each "try again" of a trainer
 * from the learner's notifications (with the trainer's comment). Newest first.
 */
import type { NotificationItem, SkillStateDetail } from './skill-queries.ts';

export type HistoryEntry =
  | {
      kind: 'validated';
      at: string;
      source: 'SELF' | 'TRAINER' | 'JURY' | null;
      level: number | null;
    }
  | { kind: 'expires'; at: string }
  | { kind: 'rejected'; at: string; comment: string | null };

/**
 * @param skillId the skill (global id).
 * @param state the learner's state on it.
 * @param notifications the learner's notifications.
 */
export function skillHistory(
  skillId: string,
  state: SkillStateDetail | undefined,
  notifications: readonly NotificationItem[],
): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  if (state?.validatedAt != null) {
    entries.push({
      kind: 'validated',
      at: state.validatedAt,
      source: state.source,
      level: state.level,
    });
  }
  if (state?.expiresAt != null) entries.push({ kind: 'expires', at: state.expiresAt });
  for (const notification of notifications) {
    if (notification.kind !== 'validation-rejected') continue;
    let payload: { skillId?: unknown; comment?: unknown };
    try {
      payload = JSON.parse(notification.payload) as typeof payload;
    } catch {
      continue;
    }
    if (payload.skillId !== skillId) continue;
    entries.push({
      kind: 'rejected',
      at: notification.createdAt,
      comment: typeof payload.comment === 'string' ? payload.comment : null,
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
