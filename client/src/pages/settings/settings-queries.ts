/** The settings page's operations on « Mes données »: the export and the account deletion. */
import { gql, type LocalizedText } from '../../app/graphql.ts';

/** Everything the platform holds about the signed-in person, as JSON text. */
export const MyDataExport = gql<{ myDataExport: string }>(`query MyDataExport {
  myDataExport
}`);

/** What becomes of the badges already issued. */
export type BadgesOnDeletion = 'KEEP' | 'REVOKE';

export type DeleteMyAccountResult =
  | { __typename: 'AccountDeleted'; keptBadges: number; revokedBadges: number }
  | { __typename: string; code: string; message: LocalizedText };

export const DeleteMyAccount = gql<
  { deleteMyAccount: DeleteMyAccountResult },
  { input: { secret: string; badges: BadgesOnDeletion } }
>(`mutation DeleteMyAccount($input: DeleteMyAccountInput!) {
  deleteMyAccount(input: $input) {
    __typename
    ... on AccountDeleted { keptBadges revokedBadges }
    ... on LocalizedError { code message { fr en } }
  }
}`);
