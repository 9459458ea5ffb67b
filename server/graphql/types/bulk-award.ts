/**
 * Awarding a badge outright to a list of learners from a CSV: `Query.previewBulkAward` (what
 * would happen to each row, nothing written) and `Mutation.confirmBulkAward` (issues it to the
 * rows still ok). Administrators only.
 */
import {
  type BulkAwardReport,
  type BulkAwardRow,
  confirmBulkAward,
  previewBulkAward,
} from '../../app/admin/bulk-award.ts';
import {
  BadBulkAwardHeader,
  TooManyBulkAwardRows,
  UnknownBulkAwardBadge,
} from '../../app/admin/bulk-award-errors.ts';
import { Forbidden } from '../../auth/errors.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { LocalizedTextType } from './localized-text.ts';

builder.objectType(UnknownBulkAwardBadge, {
  name: 'UnknownBulkAwardBadge',
  description: 'The badge to award is in no curriculum.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ badgeId: t.exposeString('badgeId') }),
});

builder.objectType(BadBulkAwardHeader, {
  name: 'BadBulkAwardHeader',
  description:
    'The CSV header must be "email" or "learner_code", optionally with "evidence_narrative".',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(TooManyBulkAwardRows, {
  name: 'TooManyBulkAwardRows',
  description: 'The CSV has more than 500 rows.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ limit: t.exposeInt('limit') }),
});

const BulkAwardRowStatusEnum = builder.enumType('BulkAwardRowStatus', {
  values: {
    OK: { value: 'ok', description: 'Would be (preview) or was (confirm) awarded.' },
    UNKNOWN_LEARNER: { value: 'unknown-learner', description: 'No learner has this identifier.' },
    DUPLICATE_ROW: { value: 'duplicate-row', description: 'The learner is on an earlier line.' },
    ALREADY_HOLDS: { value: 'already-holds', description: 'The learner holds the badge.' },
    BAD_ROW: { value: 'bad-row', description: 'The row cannot be read.' },
  } as const,
});

const BulkAwardRowType = builder.objectRef<BulkAwardRow>('BulkAwardRow').implement({
  description: 'One row of the CSV and what happens to it.',
  fields: (t) => ({
    line: t.exposeInt('line', { description: 'Line in the file (the header is line 1).' }),
    identifier: t.exposeString('identifier'),
    status: t.field({ type: BulkAwardRowStatusEnum, resolve: (row) => row.status }),
    learnerId: t.id({ nullable: true, resolve: (row) => row.learnerId ?? null }),
    learnerDisplayName: t.string({
      nullable: true,
      resolve: (row) => row.learnerDisplayName ?? null,
    }),
    narrative: t.string({ nullable: true, resolve: (row) => row.narrative ?? null }),
    message: t.field({
      type: LocalizedTextType,
      nullable: true,
      description: 'Why the row is not ok.',
      resolve: (row) => row.message ?? null,
    }),
    awardId: t.id({
      nullable: true,
      description: 'The award issued (confirm only).',
      resolve: (row) => row.awardId ?? null,
    }),
  }),
});

const BulkAwardReportType = builder.objectRef<BulkAwardReport>('BulkAwardReport').implement({
  description: 'The rows of a bulk award and how many are ok.',
  fields: (t) => ({
    badgeId: t.exposeID('badgeId'),
    okCount: t.exposeInt('okCount'),
    rows: t.field({ type: [BulkAwardRowType], resolve: (report) => report.rows }),
  }),
});

const errorTypes = [Forbidden, UnknownBulkAwardBadge, BadBulkAwardHeader, TooManyBulkAwardRows];

builder.queryFields((t) => ({
  previewBulkAward: t.withAuth({ admin: true }).field({
    type: BulkAwardReportType,
    description:
      'Administrators: what awarding a badge to the learners of a CSV would do, row by row. Writes nothing.',
    args: {
      badgeId: t.arg.id({ required: true }),
      csv: t.arg.string({ required: true }),
    },
    errors: { types: errorTypes, directResult: true, union: { name: 'PreviewBulkAwardResult' } },
    resolve: (_root, args, context) =>
      previewBulkAward(context.deps, context.viewer, {
        badgeId: String(args.badgeId),
        csv: args.csv,
      }),
  }),
}));

builder.mutationFields((t) => ({
  confirmBulkAward: t.withAuth({ admin: true }).field({
    type: BulkAwardReportType,
    description:
      'Administrators: award a badge outright to the learners of a CSV (checked again); each row gets its result.',
    args: {
      badgeId: t.arg.id({ required: true }),
      csv: t.arg.string({ required: true }),
    },
    errors: { types: errorTypes, directResult: true, union: { name: 'ConfirmBulkAwardResult' } },
    resolve: (_root, args, context) =>
      confirmBulkAward(context.deps, context.viewer, {
        badgeId: String(args.badgeId),
        csv: args.csv,
      }),
  }),
}));
