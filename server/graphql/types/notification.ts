/** `Notification`, `Query.myNotifications` and `Mutation.markNotificationRead`. */
import { UnknownNotification } from '../../app/learner/errors.ts';
import { markNotificationRead } from '../../app/learner/mark-notification-read.ts';
import {
  listNotifications,
  type NotificationRecord,
} from '../../db/repositories/notifications-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

builder.objectType(UnknownNotification, {
  name: 'UnknownNotification',
  description: 'The viewer has no notification with this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ notificationId: t.exposeString('notificationId') }),
});

/** Something the platform tells a person. */
export const NotificationType = builder.objectRef<NotificationRecord>('Notification').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', {
      description: '`badge-earned`, `badge-revoked`, `validation-rejected`…',
    }),
    payload: t.string({
      description: 'The details, as JSON text (ids, titles, the reason or comment).',
      resolve: (n) => JSON.stringify(n.payload),
    }),
    createdAt: t.exposeString('createdAt'),
    readAt: t.string({ nullable: true, resolve: (n) => n.readAt ?? null }),
    read: t.boolean({ resolve: (n) => n.readAt !== undefined }),
  }),
});

const MarkNotificationReadSuccess = builder
  .objectRef<{ id: string }>('MarkNotificationReadSuccess')
  .implement({ fields: (t) => ({ id: t.exposeID('id') }) });

builder.queryFields((t) => ({
  myNotifications: t.withAuth({ signedIn: true }).field({
    type: [NotificationType],
    description: "The signed-in person's notifications, newest first.",
    resolve: (_root, _args, context) => listNotifications(context.deps.db, context.viewer.personId),
  }),
  myUnreadNotifications: t.withAuth({ signedIn: true }).int({
    description:
      "How many of the signed-in person's notifications are unread: what a home page says, " +
      'without reading them all.',
    // With the person's other facts a home asks for (`learner-facts-repository.ts`).
    resolve: (_root, _args, context) =>
      context.loaders.unreadNotifications(context.viewer.personId),
  }),
}));

builder.mutationFields((t) => ({
  markNotificationRead: t.withAuth({ signedIn: true }).field({
    type: MarkNotificationReadSuccess,
    description: 'Marks one of the signed-in person’s notifications read.',
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [UnknownNotification],
      directResult: true,
      union: { name: 'MarkNotificationReadResult' },
    },
    resolve: async (_root, args, context) => {
      const id = String(args.id);
      await markNotificationRead(context.deps, {
        personId: context.viewer.personId,
        notificationId: id,
      });
      return { id };
    },
  }),
}));
