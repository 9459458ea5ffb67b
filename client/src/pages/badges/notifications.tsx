/**
 * The learner's messages: a badge earned, a badge withdrawn, a trainer asking to try a skill
 * again (with their comment). Unread ones come first and can be marked read one by one.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate, useLocale } from '../../app/localized.ts';
import { paths } from '../../app/paths.ts';
import { type AwardItem, MarkReadMutation, type NotificationItem } from './badge-queries.ts';

interface Payload {
  skillId?: string;
  skillTitle?: string;
  comment?: string;
  badgeId?: string;
  name?: string;
  reason?: string;
}

export function parsePayload(text: string): Payload {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Payload) : {};
  } catch {
    return {};
  }
}

function Message({
  notification,
  badgeTitle,
}: {
  notification: NotificationItem;
  badgeTitle: (badgeId: string | undefined, fallback: string | undefined) => string;
}) {
  const { t } = useTranslation();
  const payload = parsePayload(notification.payload);
  switch (notification.kind) {
    case 'badge-earned':
      return (
        <p>{t('messages.badgeEarned', { badge: badgeTitle(payload.badgeId, payload.name) })}</p>
      );
    case 'badge-revoked':
      return (
        <p>
          {t('messages.badgeRevoked', { badge: badgeTitle(payload.badgeId, payload.name) })}{' '}
          {payload.reason === undefined ? null : t('messages.reason', { reason: payload.reason })}
        </p>
      );
    case 'validation-rejected':
      return (
        <>
          <p>
            {t('messages.tryAgain')}{' '}
            {payload.skillId === undefined ? (
              payload.skillTitle
            ) : (
              <Link href={paths.skill(payload.skillId)}>
                {payload.skillTitle ?? payload.skillId}
              </Link>
            )}
          </p>
          {payload.comment === undefined ? null : <blockquote>{payload.comment}</blockquote>}
        </>
      );
    default:
      return <p>{t('messages.other')}</p>;
  }
}

export function Notifications({
  notifications,
  awards,
  localizedTitle,
}: {
  notifications: NotificationItem[];
  awards: AwardItem[];
  localizedTitle: (award: AwardItem) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { graphql } = useAuth();
  const [read, setRead] = useState<ReadonlySet<string>>(new Set());
  const isRead = (n: NotificationItem) => n.read || read.has(n.id);
  const sorted = [...notifications].sort(
    (a, b) => Number(isRead(a)) - Number(isRead(b)) || b.createdAt.localeCompare(a.createdAt),
  );
  const badgeTitle = (badgeId: string | undefined, fallback: string | undefined) => {
    const award = awards.find((a) => a.badgeId === badgeId);
    return award === undefined ? (fallback ?? t('nextSteps.aBadge')) : localizedTitle(award);
  };

  if (sorted.length === 0) return <p>{t('messages.none')}</p>;
  return (
    <ul className="cards">
      {sorted.map((notification) => (
        <li
          key={notification.id}
          className={`card message ${isRead(notification) ? 'read' : 'unread'}`}
        >
          <p className="meta">
            <time dateTime={notification.createdAt}>
              {formatDate(notification.createdAt, locale)}
            </time>
            {isRead(notification) ? null : <strong> · {t('messages.new')}</strong>}
          </p>
          <Message notification={notification} badgeTitle={badgeTitle} />
          {isRead(notification) ? null : (
            <button
              type="button"
              onClick={() => {
                void graphql(MarkReadMutation, { id: notification.id }).then(() =>
                  setRead((previous) => new Set([...previous, notification.id])),
                );
              }}
            >
              {t('messages.markRead')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
