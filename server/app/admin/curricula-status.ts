/**
 * What an administrator needs to know about the curricula: for each one the version this
 * server serves and the version stored as current (they differ when another server of the same
 * database imported newer files), how many older versions are kept (awards judged against them
 * stay explainable), and the numbers of skills, badges, enrolled learners and badges issued.
 *
 * The shipped files were checked when the server started: Grange does not start when one has
 * a problem (`npm run grange -- curricula check` lists them), so a running server always
 * reports the check as passed. A curriculum stored by an earlier run but no longer shipped is
 * listed apart: its awards remain and still verify.
 */
import type { Curriculum } from '../../../curricula/schema.ts';
import type { Database } from '../../db/connection.ts';
import {
  countAwardsByBadge,
  countEnrolmentsByCurriculum,
} from '../../db/repositories/curricula-status-repository.ts';
import { listCurriculumVersions } from '../../db/repositories/curriculum-versions-repository.ts';
import type { Catalog } from '../check-curricula.ts';
import { curriculumOf } from '../curricula-to-domain.ts';

/** A stored version of a curriculum. */
export interface StoredVersion {
  contentHash: string;
  importedAt: string;
}

/** One curriculum's state. */
export interface CurriculumStatus {
  curriculum: Curriculum;
  /** The content hash of the files this server loaded at start. */
  servedHash: string;
  /** The version the database holds as current; null if it was never imported. */
  currentVersion: StoredVersion | null;
  /** Versions stored before the current one. */
  olderVersionCount: number;
  /** Whether the served files are the stored current version. */
  inSync: boolean;
  skillCount: number;
  badgeCount: number;
  enrolledLearnerCount: number;
  /** Awards of the curriculum's badges ever issued, revoked ones included. */
  badgesIssuedCount: number;
  badgesRevokedCount: number;
}

/** The curricula's state, as a whole. */
export interface CurriculaStatus {
  curricula: CurriculumStatus[];
  /** Whether the shipped files passed the check at start (a server only runs when they did). */
  startupCheckPassed: boolean;
  /** Curricula with stored versions that this server no longer serves. */
  unservedCurriculumIds: string[];
}

/**
 * @param deps the database and the catalog this server serves.
 * @returns every served curriculum's status, in catalog order (four queries in all).
 */
export async function curriculaStatus(deps: {
  db: Database;
  catalog: Catalog;
}): Promise<CurriculaStatus> {
  const [versions, enrolments, awards] = await Promise.all([
    listCurriculumVersions(deps.db),
    countEnrolmentsByCurriculum(deps.db),
    countAwardsByBadge(deps.db),
  ]);
  const served = new Set(deps.catalog.curricula.map((c) => c.id));
  const curricula = deps.catalog.curricula.map((curriculum): CurriculumStatus => {
    const own = versions.filter((v) => v.curriculumId === curriculum.id);
    const current = own.find((v) => v.isCurrent);
    const servedHash = deps.catalog.versions.get(curriculum.id) ?? '';
    const ownAwards = awards.filter((a) => curriculumOf(a.badgeId) === curriculum.id);
    return {
      curriculum,
      servedHash,
      currentVersion:
        current === undefined
          ? null
          : { contentHash: current.contentHash, importedAt: current.importedAt },
      olderVersionCount: own.filter((v) => !v.isCurrent).length,
      inSync: current?.contentHash === servedHash,
      skillCount: curriculum.skills.length,
      badgeCount: curriculum.badges.length,
      enrolledLearnerCount: enrolments.get(curriculum.id) ?? 0,
      badgesIssuedCount: ownAwards.reduce((sum, a) => sum + a.issued, 0),
      badgesRevokedCount: ownAwards.reduce((sum, a) => sum + a.revoked, 0),
    };
  });
  return {
    curricula,
    // A Catalog exists only for files that passed `checkCurricula`, and `main.ts` stops before
    // serving anything otherwise.
    startupCheckPassed: true,
    unservedCurriculumIds: [
      ...new Set(versions.map((v) => v.curriculumId).filter((id) => !served.has(id))),
    ].sort(),
  };
}
