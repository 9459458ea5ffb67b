/** Reads a workshop session for a trainer of its group (or an admin). */
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import {
  findWorkshopSession,
  type WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import { requireGroupAccess } from './access.ts';
import { UnknownWorkshopSession } from './errors.ts';

/**
 * @returns the session.
 * @throws UnknownWorkshopSession; Forbidden unless the viewer trains its group or is an admin.
 */
export async function requireWorkshopSession(
  db: Database,
  viewer: Viewer,
  sessionId: string,
): Promise<WorkshopSession> {
  const session = await findWorkshopSession(db, sessionId);
  if (session === null) throw new UnknownWorkshopSession(sessionId);
  await requireGroupAccess(db, viewer, session.groupId);
  return session;
}
