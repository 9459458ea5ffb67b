/** What the badges page asks and changes. */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';

export interface AwardItem {
  id: string;
  badgeId: string;
  title: LocalizedText;
  issuedAt: string;
  validUntil: string | null;
  revoked: boolean;
  /** The public page where anyone checks the badge. */
  verificationUrl: string;
  badge: {
    curriculumId: string;
    description: LocalizedText;
    image: { color: string; icon: string };
  } | null;
}

export interface NotificationItem {
  id: string;
  kind: string;
  /** JSON text. */
  payload: string;
  createdAt: string;
  read: boolean;
}

export const BadgesQuery = gql<
  {
    myBadges: AwardItem[];
    myNotifications: NotificationItem[];
    curricula: Array<{ id: string; title: LocalizedText }>;
  },
  NoVariables
>(`query MyBadges {
  myBadges {
    id badgeId title { fr en } issuedAt validUntil revoked verificationUrl
    badge { curriculumId description { fr en } image { color icon } }
  }
  myNotifications { id kind payload createdAt read }
  curricula { id title { fr en } }
}`);

export const MarkReadMutation = gql<
  { markNotificationRead: { __typename: string } },
  { id: string }
>(`mutation MarkRead($id: ID!) {
  markNotificationRead(id: $id) { __typename }
}`);
