/**
 * Everything the platform holds about one person, for them to download (GDPR right of access
 * and portability): profile, roles, enrolments, ledger events, skill states, evidence (files
 * as metadata), awards with their verification pages, notifications. Only the person's own
 * rows are read, and no secret leaves: no password or PIN hash, no token, no recipient salt or
 * hashed identity (the signed credentials, which carry the hashed identity, are downloaded from
 * each award's page).
 */
import type { Database } from '../../db/connection.ts';
import { listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import { listEnrolments } from '../../db/repositories/demo-seed-repository.ts';
import { listEvidenceOfLearner } from '../../db/repositories/evidence-repository.ts';
import { listNotifications } from '../../db/repositories/notifications-repository.ts';
import { PeopleRepository } from '../../db/repositories/people-repository.ts';
import { learnerLedger } from '../../db/repositories/progress-ledger-repository.ts';
import { foldSkillStates } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { UnknownPerson } from '../engine-errors.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';

/** Version of the export's shape, so a reader can tell later changes apart. */
export const DATA_EXPORT_FORMAT = 'grange-data-export/1';

export interface ExportDeps {
  db: Database;
  catalog: Catalog;
  publicUrl: string;
  clock: () => Date;
}

/**
 * @param deps the database, the catalog, the public URL and the clock.
 * @param personId the person exporting their own data.
 * @returns the export, plain JSON-ready data.
 * @throws UnknownPerson when the person no longer exists.
 */
export async function exportMyData(
  deps: ExportDeps,
  personId: string,
): Promise<Record<string, unknown>> {
  const now = deps.clock();
  const person = await new PeopleRepository(deps.db).findById(personId);
  if (person === null) throw new UnknownPerson(personId);
  const index = indexCatalog(deps.catalog);
  const base = deps.publicUrl.replace(/\/+$/, '');
  const [enrolments, ledger, evidence, awards, notifications] = await Promise.all([
    listEnrolments(deps.db, personId),
    learnerLedger(deps.db, personId),
    listEvidenceOfLearner(deps.db, personId),
    listAwardsOfLearner(deps.db, personId),
    listNotifications(deps.db, personId),
  ]);
  const states = foldSkillStates(
    deps.catalog.graph,
    ledger.map((entry) => entry.event),
    { now, validityMonths: index.validityMonths },
  );
  return {
    format: DATA_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    profile: {
      id: person.id,
      displayName: person.displayName,
      email: person.email,
      learnerCode: person.learnerCode,
      locale: person.locale,
      isMinor: person.isMinor,
      privateProfile: person.privateProfile,
      largeText: person.largeText,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    },
    roles: person.roles,
    enrolments: enrolments.map((e) => ({
      curriculumId: e.curriculumId,
      enrolledAt: e.enrolledAt.toISOString(),
    })),
    progressEvents: ledger.map((entry) => ({
      ...entry.event,
      recordedAt: entry.recordedAt,
      ...(entry.sessionId === undefined ? {} : { sessionId: entry.sessionId }),
    })),
    // Only skills with a story: the untouched ones are "locked" or "available" for everyone.
    skillStates: [...states.values()]
      .filter((state) => state.status !== 'locked' && state.status !== 'available')
      .map((state) => ({
        skillId: state.skillId,
        status: state.status,
        ...(state.validation === undefined ? {} : { validation: state.validation }),
      })),
    // A file's metadata only: its bytes are opened from the evidence (Evidence.file.url).
    evidence: evidence.map(({ file, ...rest }) => ({
      ...rest,
      ...(file === undefined
        ? {}
        : {
            file: { name: file.name ?? null, mediaType: file.mediaType, sizeBytes: file.sizeBytes },
          }),
    })),
    awards: awards.map((award) => ({
      id: award.id,
      badgeId: award.badgeId,
      title: index.badge(award.badgeId)?.badge.title ?? { fr: award.badgeId, en: award.badgeId },
      issuedAt: award.issuedAt,
      validUntil: award.validUntil ?? null,
      revokedAt: award.revokedAt ?? null,
      revocationReason: award.revocationReason ?? null,
      verificationUrl: `${base}/badges/${award.id}`,
    })),
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      payload: n.payload,
      createdAt: n.createdAt,
      readAt: n.readAt ?? null,
    })),
  };
}
