/**
 * `Attendance` (who was present at a workshop session), `Mutation.recordAttendance` (the
 * trainer's roll-call) and `Mutation.checkIn` (a learner scans the session's QR code).
 */
import { checkIn } from '../../app/workshops/check-in.ts';
import {
  CheckInClosed,
  InvalidCheckInCode,
  NotInGroup,
  RollCallNotOpen,
  UnknownWorkshopSession,
} from '../../app/workshops/errors.ts';
import { recordAttendance } from '../../app/workshops/record-attendance.ts';
import { Forbidden } from '../../auth/errors.ts';
import type {
  AttendanceRecord,
  WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

/** How a learner was marked present. */
export const AttendanceMethodEnum = builder.enumType('AttendanceMethod', {
  values: { ROLL_CALL: { value: 'roll-call' }, QR: { value: 'qr' } } as const,
});

/** A learner present at a session. */
export const AttendanceType = builder.objectRef<AttendanceRecord>('Attendance').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    displayName: t.string({
      resolve: async (record, _args, context) =>
        (await context.loaders.person(record.personId))?.displayName ?? '',
    }),
    method: t.field({ type: AttendanceMethodEnum, resolve: (record) => record.method }),
    checkedInAt: t.exposeString('checkedInAt'),
  }),
});

builder.objectType(UnknownWorkshopSession, {
  name: 'UnknownWorkshopSession',
  description: 'No workshop session has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ sessionId: t.exposeID('sessionId') }),
});

builder.objectType(InvalidCheckInCode, {
  name: 'InvalidCheckInCode',
  description: 'The code matches no session.',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(NotInGroup, {
  name: 'NotInGroup',
  description: "Someone named is not a learner of the session's group; nothing was written.",
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    personIds: t.field({ type: ['ID'], resolve: (error) => [...error.personIds] }),
  }),
});

builder.objectType(CheckInClosed, {
  name: 'CheckInClosed',
  description:
    'Check-in by QR code opens 30 minutes before the session and closes when it ends; nothing was written.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    opensAt: t.exposeString('opensAt', { description: 'ISO 8601 instant.' }),
    closesAt: t.exposeString('closesAt', { description: 'ISO 8601 instant.' }),
  }),
});

builder.objectType(RollCallNotOpen, {
  name: 'RollCallNotOpen',
  description:
    "The session's day (in the workshops' time zone) has not come yet; nothing was written.",
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    opensAt: t.exposeString('opensAt', {
      description: "ISO 8601 instant: the start of the session's local day.",
    }),
  }),
});

const RecordAttendanceSuccess = builder
  .objectRef<{ attendance: AttendanceRecord[] }>('RecordAttendanceSuccess')
  .implement({
    fields: (t) => ({
      attendance: t.field({
        type: [AttendanceType],
        description: 'Everyone present after the roll-call.',
        resolve: (result) => result.attendance,
      }),
    }),
  });

const CheckInSuccess = builder.objectRef<WorkshopSession>('CheckInSuccess').implement({
  fields: (t) => ({
    sessionId: t.exposeID('id'),
    title: t.exposeString('title'),
    startsAt: t.exposeString('startsAt'),
    endsAt: t.exposeString('endsAt'),
  }),
});

builder.mutationFields((t) => ({
  recordAttendance: t.withAuth({ trainer: true, admin: true }).field({
    type: RecordAttendanceSuccess,
    description:
      "Marks learners of the group present, from the session's day on; marking them again changes nothing.",
    args: {
      sessionId: t.arg.id({ required: true }),
      learnerIds: t.arg.idList({ required: true }),
    },
    errors: {
      types: [Forbidden, UnknownWorkshopSession, RollCallNotOpen, NotInGroup],
      directResult: true,
      union: { name: 'RecordAttendanceResult' },
    },
    resolve: async (_root, args, context) => ({
      attendance: await recordAttendance(context.deps, context.viewer, {
        sessionId: String(args.sessionId),
        learnerIds: args.learnerIds.map(String),
      }),
    }),
  }),
  checkIn: t.withAuth({ signedIn: true }).field({
    type: CheckInSuccess,
    description:
      "The signed-in learner checks in with the session's code (from its QR code), from 30 minutes before the session until it ends.",
    args: { code: t.arg.string({ required: true }) },
    errors: {
      types: [InvalidCheckInCode, NotInGroup, CheckInClosed],
      directResult: true,
      union: { name: 'CheckInResult' },
    },
    resolve: (_root, args, context) => checkIn(context.deps, context.viewer, args.code),
  }),
}));
