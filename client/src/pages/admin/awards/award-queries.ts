/** Awards as administrators see them, and the decisions they take on them. */
import { gql, type LocalizedText } from '../../../app/graphql.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

/** `AdminAward` of the API (the fields the pages show). */
export interface AdminAward {
  id: string;
  badgeId: string;
  title: LocalizedText;
  learnerId: string;
  learnerDisplayName: string;
  issuedAt: string;
  validUntil: string | null;
  revoked: boolean;
  revokedAt: string | null;
  revocationReason: string | null;
  flagged: boolean;
  flaggedAt: string | null;
  flagReason: string | null;
  verificationUrl: string;
}

export interface AwardDetails extends AdminAward {
  flagOrigin: {
    cause: 'JURY_REFUSED' | 'VALIDATION_WITHDRAWN';
    byDisplayName: string;
    comment: string | null;
    occurredAt: string;
    skillId: string;
    skill: { title: LocalizedText } | null;
  } | null;
  lastFlagClearance: { at: string; byDisplayName: string; comment: string } | null;
}

const AWARD = `id badgeId title { fr en } learnerId learnerDisplayName issuedAt validUntil revoked
  revokedAt revocationReason flagged flaggedAt flagReason verificationUrl`;

export interface AwardFilter {
  badgeId?: string;
  learnerId?: string;
  revoked?: boolean;
  flaggedOnly?: boolean;
}

export interface CatalogBadges {
  curricula: Array<{
    id: string;
    title: LocalizedText;
    badges: Array<{ id: string; title: LocalizedText }>;
  }>;
}

export const BadgeCatalogQuery = gql<
  CatalogBadges,
  Record<string, never>
>(`query AdminBadgeCatalog {
  curricula { id title { fr en } badges { id title { fr en } } }
}`);

export const AwardsQuery = gql<{ awards: AdminAward[] } & CatalogBadges, { filter: AwardFilter }>(
  `query AdminAwards($filter: AwardFilter) {
  awards(filter: $filter) { ${AWARD} }
  curricula { id title { fr en } badges { id title { fr en } } }
}`,
);

export const AwardDetailsQuery = gql<{ awards: AwardDetails[] }, { filter: AwardFilter }>(
  `query AdminAwardDetails($filter: AwardFilter) {
  awards(filter: $filter) {
    ${AWARD}
    flagOrigin {
      cause byDisplayName comment occurredAt skillId skill { title { fr en } }
    }
    lastFlagClearance { at byDisplayName comment }
  }
}`,
);

export const RevokeBadgeMutation = gql<
  {
    revokeBadge:
      | {
          __typename: 'RevokeBadgeSuccess';
          awardId: string;
          revokedAt: string;
          alreadyRevoked: boolean;
        }
      | TypedError;
  },
  { awardId: string; reason: string }
>(`mutation RevokeBadge($awardId: ID!, $reason: String!) {
  revokeBadge(awardId: $awardId, reason: $reason) {
    __typename
    ... on RevokeBadgeSuccess { awardId revokedAt alreadyRevoked }
    ${ERROR_FIELDS}
  }
}`);

export type FlagDecision = 'KEEP' | 'REVOKE';

export const ResolveFlagMutation = gql<
  {
    resolveAwardFlag:
      | { __typename: 'ResolveAwardFlagSuccess'; awardId: string; decision: FlagDecision }
      | TypedError;
  },
  { awardId: string; comment: string; decision: FlagDecision }
>(`mutation ResolveAwardFlag($awardId: ID!, $comment: String!, $decision: AwardFlagDecision!) {
  resolveAwardFlag(awardId: $awardId, comment: $comment, decision: $decision) {
    __typename
    ... on ResolveAwardFlagSuccess { awardId decision }
    ${ERROR_FIELDS}
  }
}`);
