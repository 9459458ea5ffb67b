/**
 * `ProgressGrid` and `Query.progressGrid`: a group's learners × a curriculum's skills, each
 * cell the learner's status and level. All the learners' states are read in one query.
 */
import { UnknownGroup } from '../../app/accounts/errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import {
  type GridCell,
  type GridRow,
  type ProgressGrid,
  progressGrid,
} from '../../app/workshops/group-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import { builder } from '../builder.ts';
import './group.ts';
import { SkillType } from './skill.ts';
import { SkillStatusEnum } from './skill-state.ts';

const GridCellType = builder.objectRef<GridCell>('ProgressGridCell').implement({
  fields: (t) => ({
    skillId: t.exposeID('skillId'),
    status: t.field({ type: SkillStatusEnum, resolve: (cell) => cell.status }),
    level: t.exposeInt('level', { nullable: true }),
  }),
});

const GridRowType = builder.objectRef<GridRow>('ProgressGridRow').implement({
  fields: (t) => ({
    learnerId: t.exposeID('learnerId'),
    displayName: t.exposeString('displayName'),
    cells: t.field({
      type: [GridCellType],
      description: 'One per skill, in the order of `skillIds`.',
      resolve: (row) =>
        row.skillIds.map((skillId, i) => ({
          skillId,
          status: row.statuses[i] ?? 'locked',
          level: row.levels[i] ?? null,
        })),
    }),
    statuses: t.field({
      type: [SkillStatusEnum],
      description:
        'The status of each skill, in the order of `skillIds`: the cells without their ' +
        'repeated skill ids, for a grid of many learners.',
      resolve: (row) => row.statuses,
    }),
    levels: t.field({
      type: ['Int'],
      nullable: { list: false, items: true },
      description: 'The level of each skill (null: none), in the order of `skillIds`.',
      resolve: (row) => row.levels,
    }),
    // Worked out once with the kept columns (`app/workshops/grid-codes.ts`).
    statusCodes: t.exposeString('statusCodes', {
      description:
        'The status of each skill as one letter, in the order of `skillIds`: L locked, ' +
        'A available, P in progress, S submitted, V validated, E expired, W withdrawn.',
    }),
    levelCodes: t.exposeString('levelCodes', {
      description:
        'The level of each skill as one digit (1 to 8), `-` where none, in the order of ' +
        '`skillIds`.',
    }),
  }),
});

/** The grid of a group on a curriculum. */
export const ProgressGridType = builder.objectRef<ProgressGrid>('ProgressGrid').implement({
  fields: (t) => ({
    groupId: t.exposeID('groupId'),
    curriculumId: t.exposeID('curriculumId'),
    skillIds: t.exposeIDList('skillIds', { description: 'The columns, in prerequisite order.' }),
    skills: t.field({
      type: [SkillType],
      description:
        'The columns as skills (titles, levels), in the order of `skillIds`: what a grid shows ' +
        'without reading every curriculum.',
      resolve: (grid, _args, context) => {
        const index = indexCatalog(context.deps.catalog);
        return grid.skillIds.flatMap((id) => index.skill(id) ?? []);
      },
    }),
    rows: t.field({ type: [GridRowType], resolve: (grid) => grid.rows }),
  }),
});

builder.queryFields((t) => ({
  progressGrid: t.withAuth({ trainer: true, admin: true }).field({
    type: ProgressGridType,
    description: "Where each learner of a group the viewer trains stands on a curriculum's skills.",
    args: {
      groupId: t.arg.id({ required: true }),
      curriculumId: t.arg.id({ required: true }),
    },
    errors: {
      types: [Forbidden, UnknownGroup],
      directResult: true,
      union: { name: 'ProgressGridResult' },
    },
    resolve: (_root, args, context) =>
      progressGrid(context.deps, context.viewer, {
        groupId: String(args.groupId),
        curriculumId: String(args.curriculumId),
      }),
  }),
}));
