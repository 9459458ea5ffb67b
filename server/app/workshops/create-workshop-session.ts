/**
 * A trainer plans a workshop session of one of their groups. The session gets a fresh check-in
 * code (128 random bits): present learners scan it as a QR code, nobody can guess it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import {
  insertWorkshopSession,
  type WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import type { Catalog } from '../check-curricula.ts';
import { UnknownProgressSkill } from '../engine-errors.ts';
import { requireGroupAccess } from './access.ts';
import { InvalidWorkshopSession } from './errors.ts';

/**
 * The longest session: a full day's workshop with a lunch break fits, a typo in the end date
 * (the 12th instead of the 2nd) does not, and check-in stays open only for the session's hours.
 */
export const MAX_SESSION_HOURS = 12;

/** What creating a session needs. */
export interface WorkshopDeps {
  db: Database;
  catalog: Catalog;
  clock: () => Date;
}

/** The trainer's form. */
export interface CreateWorkshopSessionInput {
  groupId: string;
  title: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  /** Global skill ids worked on. */
  targetSkills: readonly string[];
}

/**
 * @returns the stored session, with its check-in code.
 * @throws Forbidden, UnknownGroup, InvalidWorkshopSession (no title, unreadable times, ending
 *   before it starts, longer than MAX_SESSION_HOURS), UnknownProgressSkill: nothing written.
 */
export async function createWorkshopSession(
  deps: WorkshopDeps,
  viewer: Viewer,
  input: CreateWorkshopSessionInput,
): Promise<WorkshopSession> {
  await requireGroupAccess(deps.db, viewer, input.groupId);
  const title = input.title.trim();
  if (title === '' || title.length > 200) {
    throw new InvalidWorkshopSession({
      fr: 'Donnez un titre à la séance (200 caractères au plus).',
      en: 'Give the session a title (at most 200 characters).',
    });
  }
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  if (Number.isNaN(startsAt) || Number.isNaN(endsAt) || endsAt <= startsAt) {
    throw new InvalidWorkshopSession({
      fr: 'Les heures de la séance sont illisibles ou la fin précède le début (écrivez 2026-03-02T14:00:00Z).',
      en: 'The session times are unreadable or it ends before it starts (write 2026-03-02T14:00:00Z).',
    });
  }
  if (endsAt - startsAt > MAX_SESSION_HOURS * 3_600_000) {
    throw new InvalidWorkshopSession({
      fr: `La séance dure plus de ${MAX_SESSION_HOURS} heures : vérifiez la date et l'heure de fin, ou créez une séance par jour.`,
      en: `The session lasts more than ${MAX_SESSION_HOURS} hours: check its end date and time, or create one session per day.`,
    });
  }
  const targetSkills = [...new Set(input.targetSkills)];
  for (const skillId of targetSkills) {
    if (!deps.catalog.graph.has(skillId)) throw new UnknownProgressSkill(skillId);
  }
  const session: WorkshopSession = {
    id: randomUUID(),
    groupId: input.groupId,
    title,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    checkInCode: randomBytes(16).toString('base64url'),
    targetSkills,
    createdBy: viewer.personId,
  };
  await insertWorkshopSession(deps.db, session);
  return session;
}
