/**
 * `Query.curriculaStatus`, for administrators: per curriculum the version served and stored,
 * the older versions kept, and the numbers of skills, badges, enrolled learners and awards.
 */
import {
  type CurriculaStatus,
  type CurriculumStatus,
  curriculaStatus,
  type StoredVersion,
} from '../../app/admin/curricula-status.ts';
import { builder } from '../builder.ts';
import { CurriculumType } from './curriculum.ts';

const CurriculumVersionType = builder.objectRef<StoredVersion>('CurriculumVersion').implement({
  description: 'A stored version of a curriculum.',
  fields: (t) => ({
    contentHash: t.exposeString('contentHash'),
    importedAt: t.exposeString('importedAt'),
  }),
});

const CurriculumStatusType = builder.objectRef<CurriculumStatus>('CurriculumStatus').implement({
  fields: (t) => ({
    curriculum: t.field({ type: CurriculumType, resolve: (status) => status.curriculum }),
    servedHash: t.exposeString('servedHash', {
      description: 'The content hash of the files this server loaded at start.',
    }),
    currentVersion: t.field({
      type: CurriculumVersionType,
      nullable: true,
      description: 'The version the database holds as current; null if never imported.',
      resolve: (status) => status.currentVersion,
    }),
    olderVersionCount: t.exposeInt('olderVersionCount', {
      description: 'Other versions kept from earlier imports (old awards refer to them).',
    }),
    inSync: t.exposeBoolean('inSync', {
      description:
        'Whether the served files are the current version (false: another server of this ' +
        'database imported other files; restart this one).',
    }),
    skillCount: t.exposeInt('skillCount'),
    badgeCount: t.exposeInt('badgeCount'),
    enrolledLearnerCount: t.exposeInt('enrolledLearnerCount'),
    badgesIssuedCount: t.exposeInt('badgesIssuedCount', {
      description: 'Awards of its badges ever issued, revoked ones included.',
    }),
    badgesRevokedCount: t.exposeInt('badgesRevokedCount'),
  }),
});

const CurriculaStatusType = builder.objectRef<CurriculaStatus>('CurriculaStatus').implement({
  fields: (t) => ({
    curricula: t.field({
      type: [CurriculumStatusType],
      resolve: (status) => status.curricula,
    }),
    startupCheckPassed: t.exposeBoolean('startupCheckPassed', {
      description:
        'Whether the shipped curriculum files passed the check at start. Always true on a ' +
        'running server: Grange refuses to start when a file has a problem ' +
        '(`npm run grange -- curricula check` lists them).',
    }),
    unservedCurriculumIds: t.exposeIDList('unservedCurriculumIds', {
      description: 'Curricula stored by an earlier run that this server no longer serves.',
    }),
  }),
});

builder.queryFields((t) => ({
  curriculaStatus: t.withAuth({ admin: true }).field({
    type: CurriculaStatusType,
    description: 'Administrators: the state of every curriculum, in catalog order.',
    resolve: (_root, _args, context) => curriculaStatus(context.deps),
  }),
}));
