/**
 * `WorkshopSession`, `Query.workshopSession`, `Query.todaySessions`,
 * `Mutation.createWorkshopSession` and `Mutation.bulkValidate` (validate one skill for every
 * learner present, each in their own transaction).
 */
import { UnknownGroup } from '../../app/accounts/errors.ts';
import { UnknownProgressSkill } from '../../app/engine-errors.ts';
import { indexCatalog } from '../../app/issuance/catalog-index.ts';
import { type BulkValidationOutcome, bulkValidate } from '../../app/workshops/bulk-validate.ts';
import { createWorkshopSession } from '../../app/workshops/create-workshop-session.ts';
import { InvalidWorkshopSession, UnknownWorkshopSession } from '../../app/workshops/errors.ts';
import { requireWorkshopSession } from '../../app/workshops/find-workshop-session.ts';
import { listMyGroups } from '../../app/workshops/group-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import {
  listWorkshopSessions,
  type WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import { calendarDayBounds } from '../../domain/calendar.ts';
import { builder } from '../builder.ts';
import { AttendanceType } from './attendance.ts';
import { AwardType, awardView } from './award.ts';
import { LocalizedErrorInterface } from './errors.ts';
import './group.ts';

/** A workshop session of a group. */
export const WorkshopSessionType = builder.objectRef<WorkshopSession>('WorkshopSession').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    groupId: t.exposeID('groupId'),
    title: t.exposeString('title'),
    startsAt: t.exposeString('startsAt'),
    endsAt: t.exposeString('endsAt'),
    checkInCode: t.exposeString('checkInCode', {
      description: 'What the QR code shown in the room encodes; learners check in with it.',
    }),
    targetSkills: t.exposeIDList('targetSkills'),
    attendance: t.field({
      type: [AttendanceType],
      // Batched: a list of sessions reads every session's attendance in one query.
      resolve: (session, _args, context) => context.loaders.attendance(session.id),
    }),
  }),
});

builder.objectType(InvalidWorkshopSession, {
  name: 'InvalidWorkshopSession',
  description:
    'The title or times of the session are not valid (ends before it starts, or lasts more than 12 hours).',
  interfaces: [LocalizedErrorInterface],
});

const CreateWorkshopSessionInput = builder.inputType('CreateWorkshopSessionInput', {
  fields: (t) => ({
    groupId: t.id({ required: true }),
    title: t.string({ required: true }),
    startsAt: t.string({ required: true, description: 'ISO 8601 instant.' }),
    endsAt: t.string({ required: true, description: 'ISO 8601 instant.' }),
    targetSkills: t.idList({ required: true, description: 'Global skill ids.' }),
  }),
});

/** The outcome of a bulk validation for one learner. */
const BulkOutcomeEnum = builder.enumType('BulkValidationOutcome', {
  values: {
    VALIDATED: { value: 'validated' },
    SKIPPED: { value: 'skipped', description: 'Not validated, on purpose (see `reason`).' },
    ERROR: { value: 'error', description: 'Refused (see `error`); the others went on.' },
  } as const,
});

const BulkValidationResultType = builder
  .objectRef<BulkValidationOutcome>('BulkValidationLearnerResult')
  .implement({
    fields: (t) => ({
      learnerId: t.exposeID('learnerId'),
      outcome: t.field({ type: BulkOutcomeEnum, resolve: (r) => r.outcome }),
      reason: t.string({
        nullable: true,
        description: '`self` when the learner is the trainer themselves.',
        resolve: (r) => (r.outcome === 'skipped' ? r.reason : null),
      }),
      error: t.field({
        type: LocalizedErrorInterface,
        nullable: true,
        resolve: (r) => (r.outcome === 'error' ? r.error : null),
      }),
      issuedBadges: t.field({
        type: [AwardType],
        resolve: (r, _args, context) => {
          if (r.outcome !== 'validated') return [];
          const index = indexCatalog(context.deps.catalog);
          return r.issued.map((award) => awardView(index, award));
        },
      }),
    }),
  });

const BulkValidateSuccess = builder
  .objectRef<{ results: BulkValidationOutcome[] }>('BulkValidateSuccess')
  .implement({
    fields: (t) => ({
      results: t.field({
        type: [BulkValidationResultType],
        description: 'One per learner present, in check-in order.',
        resolve: (r) => r.results,
      }),
    }),
  });

builder.queryFields((t) => ({
  workshopSession: t.withAuth({ trainer: true, admin: true }).field({
    type: WorkshopSessionType,
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [Forbidden, UnknownWorkshopSession],
      directResult: true,
      union: { name: 'WorkshopSessionResult' },
    },
    resolve: (_root, args, context) =>
      requireWorkshopSession(context.deps.db, context.viewer, String(args.id)),
  }),
  todaySessions: t.withAuth({ trainer: true, admin: true }).field({
    type: [WorkshopSessionType],
    description:
      "Today's sessions of the groups the viewer trains: the calendar day in the workshops' time zone (TIME_ZONE, Europe/Paris by default), summer time included.",
    resolve: async (_root, _args, context) => {
      const { db, clock, timeZone } = context.deps;
      const groups = await listMyGroups(db, context.viewer);
      const today = calendarDayBounds(clock().getTime(), timeZone);
      return listWorkshopSessions(
        db,
        groups.map((g) => g.id),
        new Date(today.start),
        new Date(today.end),
      );
    },
  }),
}));

builder.mutationFields((t) => ({
  createWorkshopSession: t.withAuth({ trainer: true, admin: true }).field({
    type: WorkshopSessionType,
    description: 'Plans a session of a group the viewer trains, with a fresh check-in code.',
    args: { input: t.arg({ type: CreateWorkshopSessionInput, required: true }) },
    errors: {
      types: [Forbidden, UnknownGroup, InvalidWorkshopSession, UnknownProgressSkill],
      directResult: true,
      union: { name: 'CreateWorkshopSessionResult' },
    },
    resolve: (_root, { input }, context) =>
      createWorkshopSession(context.deps, context.viewer, {
        groupId: String(input.groupId),
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        targetSkills: input.targetSkills.map(String),
      }),
  }),
  bulkValidate: t.withAuth({ trainer: true }).field({
    type: BulkValidateSuccess,
    description:
      'Validates a skill for every learner present at the session, each in their own transaction.',
    args: {
      sessionId: t.arg.id({ required: true }),
      skillId: t.arg.id({ required: true }),
      level: t.arg.int({ required: false }),
    },
    errors: {
      types: [Forbidden, UnknownWorkshopSession, UnknownProgressSkill],
      directResult: true,
      union: { name: 'BulkValidateResult' },
    },
    resolve: async (_root, args, context) => ({
      results: await bulkValidate(context.deps, context.viewer, {
        sessionId: String(args.sessionId),
        skillId: String(args.skillId),
        ...(args.level == null ? {} : { level: args.level }),
      }),
    }),
  }),
}));
