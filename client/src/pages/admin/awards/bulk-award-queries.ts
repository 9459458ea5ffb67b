/** Awarding a badge outright to the learners of a CSV: the preview, then the confirmation. */
import { gql, type LocalizedText } from '../../../app/graphql.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

export type BulkRowStatus =
  | 'OK'
  | 'ALREADY_HOLDS'
  | 'BAD_ROW'
  | 'DUPLICATE_ROW'
  | 'UNKNOWN_LEARNER';

export interface BulkAwardRow {
  line: number;
  identifier: string;
  learnerDisplayName: string | null;
  status: BulkRowStatus;
  message: LocalizedText | null;
  awardId: string | null;
}

export type BulkAwardResult =
  | { __typename: 'BulkAwardReport'; badgeId: string; okCount: number; rows: BulkAwardRow[] }
  | TypedError;

const REPORT = `... on BulkAwardReport {
  badgeId okCount rows { line identifier learnerDisplayName status message { fr en } awardId }
}`;

export const PreviewBulkAwardQuery = gql<
  { previewBulkAward: BulkAwardResult },
  { badgeId: string; csv: string }
>(`query PreviewBulkAward($badgeId: ID!, $csv: String!) {
  previewBulkAward(badgeId: $badgeId, csv: $csv) { __typename ${REPORT} ${ERROR_FIELDS} }
}`);

export const ConfirmBulkAwardMutation = gql<
  { confirmBulkAward: BulkAwardResult },
  { badgeId: string; csv: string }
>(`mutation ConfirmBulkAward($badgeId: ID!, $csv: String!) {
  confirmBulkAward(badgeId: $badgeId, csv: $csv) { __typename ${REPORT} ${ERROR_FIELDS} }
}`);
