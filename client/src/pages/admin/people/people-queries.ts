/** People as administrators see them, and what they change about them. */
import type { Role } from '../../../app/auth/auth-context.tsx';
import { gql } from '../../../app/graphql.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

export interface PersonGroup {
  groupId: string;
  groupName: string;
  role: 'LEARNER' | 'TRAINER';
}

/** `PersonAccount` of the API. */
export interface PersonAccount {
  id: string;
  displayName: string;
  email: string | null;
  learnerCode: string | null;
  roles: Role[];
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  isMinor: boolean;
  locale: string;
  createdAt: string;
  groups: PersonGroup[];
}

const ACCOUNT = `id displayName email learnerCode roles disabled disabledAt disabledReason
  isMinor locale createdAt groups { groupId groupName role }`;

export interface PeopleFilter {
  search?: string;
  role?: Role;
  includeDisabled?: boolean;
}

export interface PeoplePage {
  __typename: 'PeoplePage';
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  nodes: PersonAccount[];
}

export const PeopleQuery = gql<
  { people: PeoplePage | TypedError },
  { first: number; after: string | null; filter: PeopleFilter }
>(`query AdminPeople($first: Int, $after: String, $filter: PeopleFilter) {
  people(first: $first, after: $after, filter: $filter) {
    __typename
    ... on PeoplePage { totalCount endCursor hasNextPage nodes { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);

type AccountResult = { __typename: 'PersonAccountSuccess'; account: PersonAccount } | TypedError;

export const GrantRoleMutation = gql<
  { grantRole: AccountResult },
  { personId: string; role: Role }
>(`mutation GrantRole($personId: ID!, $role: Role!) {
  grantRole(personId: $personId, role: $role) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);

export const RevokeRoleMutation = gql<
  { revokeRole: AccountResult },
  { personId: string; role: Role }
>(`mutation RevokeRole($personId: ID!, $role: Role!) {
  revokeRole(personId: $personId, role: $role) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);

export const DisableAccountMutation = gql<
  { disableAccount: AccountResult },
  { personId: string; reason: string }
>(`mutation DisableAccount($personId: ID!, $reason: String!) {
  disableAccount(personId: $personId, reason: $reason) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);

export const EnableAccountMutation = gql<
  { enableAccount: AccountResult },
  { personId: string }
>(`mutation EnableAccount($personId: ID!) {
  enableAccount(personId: $personId) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);

export const CreateStaffAccountMutation = gql<
  {
    createStaffAccount:
      | { __typename: 'CreateStaffAccountSuccess'; initialPassword: string; account: PersonAccount }
      | TypedError;
  },
  { input: { displayName: string; email: string; locale: string; roles: Role[] } }
>(`mutation CreateStaffAccount($input: CreateStaffAccountInput!) {
  createStaffAccount(input: $input) {
    __typename
    ... on CreateStaffAccountSuccess { initialPassword account { ${ACCOUNT} } }
    ${ERROR_FIELDS}
  }
}`);
