/** The issuer's signing keys: public facts only (id, algorithm, dates), never key material. */
import { gql, type NoVariables } from '../../../app/graphql.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

export type KeyAlgorithm = 'ED25519' | 'RSA';

export interface IssuerKey {
  id: string;
  algorithm: KeyAlgorithm;
  createdAt: string;
  retiredAt: string | null;
  active: boolean;
}

const KEY = 'id algorithm createdAt retiredAt active';

export const IssuerKeysQuery = gql<{ issuerKeys: IssuerKey[] }, NoVariables>(
  `query AdminIssuerKeys { issuerKeys { ${KEY} } }`,
);

export const RotateKeyMutation = gql<
  { rotateIssuerKey: { key: IssuerKey } },
  { algorithm: KeyAlgorithm }
>(`mutation RotateIssuerKey($algorithm: KeyAlgorithm!) {
  rotateIssuerKey(algorithm: $algorithm) { key { ${KEY} } }
}`);

export const RetireKeyMutation = gql<
  { retireIssuerKey: { __typename: 'IssuerKeySuccess'; key: IssuerKey } | TypedError },
  { id: string }
>(`mutation RetireIssuerKey($id: ID!) {
  retireIssuerKey(id: $id) {
    __typename
    ... on IssuerKeySuccess { key { ${KEY} } }
    ${ERROR_FIELDS}
  }
}`);
