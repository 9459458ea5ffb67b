/**
 * Everything the platform holds about one person, for them to download (GDPR right of access
 * and portability): profile, roles, enrolments, ledger events, skill states, evidence (files
 * as metadata), awards with their verification pages, notifications. Only the person's own
 * rows are read, and no secret leaves: no password or PIN hash, no token, no recipient salt or
 * hashed identity (the signed credentials, which carry the hashed identity, are downloaded from
 * each award's page).
 *
 * The employment pathway is included in full: target jobs, milestones, counsellors following
 * the person, share links with every opening, and the counsellors' notes about them. Those notes
 * are hidden from the learner in the app (a counsellor's working notes), but they are personal
 * data about the learner, and the right of access (GDPR art. 15) covers them: an export that
 * left them out would be incomplete. Share-link tokens are not stored, so none can leak here.
 */
import type { Database } from '../../db/connection.ts';
import { listAwardsOfLearner } from '../../db/repositories/badge-awards-repository.ts';
import { followsOfLearner } from '../../db/repositories/counsellor-follows-repository.ts';
import { listEnrolments } from '../../db/repositories/demo-seed-repository.ts';
import { listEvidenceOfLearner } from '../../db/repositories/evidence-repository.ts';
import { listNotifications } from '../../db/repositories/notifications-repository.ts';
import {
  listCounsellorNotes,
  listMilestones,
  listTargets,
} from '../../db/repositories/pathway-repository.ts';
import { PeopleRepository } from '../../db/repositories/people-repository.ts';
import { learnerLedger } from '../../db/repositories/progress-ledger-repository.ts';
import { listOpenings, listShareLinks } from '../../db/repositories/share-links-repository.ts';
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
  const people = new PeopleRepository(deps.db);
  const person = await people.findById(personId);
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
  const pathway = await exportPathway(deps.db, people, personId);
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
    pathway,
  };
}

/** The person's pathway record, share links with their openings, and the notes about them. */
async function exportPathway(db: Database, people: PeopleRepository, personId: string) {
  const [targets, milestones, follows, notes, links] = await Promise.all([
    listTargets(db, personId),
    listMilestones(db, personId),
    followsOfLearner(db, personId),
    listCounsellorNotes(db, personId),
    listShareLinks(db, personId),
  ]);
  const openings = await listOpenings(
    db,
    links.map((link) => link.id),
  );
  // Staff by name, so the person knows who follows them, who wrote each note, who set what.
  const staffIds = new Set([
    ...[...follows, ...notes].map((row) => row.counsellorId),
    ...milestones.map((milestone) => milestone.setBy).filter((id) => id !== personId),
  ]);
  const names = new Map<string, string>();
  for (const id of staffIds) {
    names.set(id, (await people.findById(id))?.displayName ?? id);
  }
  return {
    targets: targets.map(({ jobId, position, chosenAt }) => ({ jobId, position, chosenAt })),
    milestones: milestones.map(({ milestoneId, reachedOn, setAt, setBy }) => ({
      milestoneId,
      reachedOn,
      setAt,
      setBy: setBy === personId ? 'self' : (names.get(setBy) ?? setBy),
    })),
    counsellors: follows.map((follow) => ({
      counsellorId: follow.counsellorId,
      name: names.get(follow.counsellorId) ?? follow.counsellorId,
      since: follow.startedAt,
    })),
    counsellorNotes: notes.map((note) => ({
      id: note.id,
      counsellorId: note.counsellorId,
      counsellorName: names.get(note.counsellorId) ?? note.counsellorId,
      text: note.text,
      createdAt: note.createdAt,
    })),
    shareLinks: links.map((link) => ({
      ...link,
      openings: openings
        .filter((opening) => opening.shareLinkId === link.id)
        .map(({ openedAt, userAgent }) => ({ openedAt, userAgent })),
    })),
  };
}
