/** The roles a person may hold; a person may hold several (a trainer who is also an admin). */

export const ROLES = ['learner', 'trainer', 'counsellor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

/** @returns whether `value` names one of the roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
