/** Workshop groups as administrators see and change them. */
import { gql, type LocalizedText } from '../../../app/graphql.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

/** `AdminGroup` of the API. */
export interface AdminGroup {
  id: string;
  name: string;
  archived: boolean;
  archivedAt: string | null;
  createdAt: string;
  curriculumId: string | null;
  curriculum: { id: string; title: LocalizedText } | null;
  learnerCount: number;
  trainerCount: number;
}

const GROUP = `id name archived archivedAt createdAt curriculumId curriculum { id title { fr en } }
  learnerCount trainerCount`;

export interface GroupMember {
  personId: string;
  displayName: string;
  role: 'LEARNER' | 'TRAINER';
}

export const GroupsQuery = gql<
  { groups: AdminGroup[]; curricula: Array<{ id: string; title: LocalizedText }> },
  { includeArchived: boolean }
>(`query AdminGroups($includeArchived: Boolean) {
  groups(includeArchived: $includeArchived) { ${GROUP} }
  curricula { id title { fr en } }
}`);

export const GroupQuery = gql<
  {
    group:
      | {
          __typename: 'Group';
          id: string;
          name: string;
          curriculumId: string | null;
          learners: GroupMember[];
          trainers: GroupMember[];
        }
      | TypedError;
    groups: AdminGroup[];
  },
  { id: string }
>(`query AdminGroup($id: ID!) {
  group(id: $id) {
    __typename
    ... on Group {
      id name curriculumId
      learners { personId displayName role }
      trainers { personId displayName role }
    }
    ${ERROR_FIELDS}
  }
  groups { ${GROUP} }
}`);

type GroupResult = { __typename: 'AdminGroupSuccess'; group: AdminGroup } | TypedError;

export const CreateGroupMutation = gql<
  { createGroup: GroupResult },
  { input: { name: string; curriculumId: string | null } }
>(`mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    __typename
    ... on AdminGroupSuccess { group { ${GROUP} } }
    ${ERROR_FIELDS}
  }
}`);

export const RenameGroupMutation = gql<
  { renameGroup: GroupResult },
  { groupId: string; name: string }
>(`mutation RenameGroup($groupId: ID!, $name: String!) {
  renameGroup(groupId: $groupId, name: $name) {
    __typename
    ... on AdminGroupSuccess { group { ${GROUP} } }
    ${ERROR_FIELDS}
  }
}`);

export const ArchiveGroupMutation = gql<{ archiveGroup: GroupResult }, { groupId: string }>(
  `mutation ArchiveGroup($groupId: ID!) {
  archiveGroup(groupId: $groupId) {
    __typename
    ... on AdminGroupSuccess { group { ${GROUP} } }
    ${ERROR_FIELDS}
  }
}`,
);

export const AddGroupMemberMutation = gql<
  {
    addGroupMember:
      | { __typename: 'AddGroupMemberSuccess'; enrolledCurriculumId: string | null }
      | TypedError;
  },
  { groupId: string; personId: string; role: 'LEARNER' | 'TRAINER' }
>(`mutation AddGroupMember($groupId: ID!, $personId: ID!, $role: GroupRole!) {
  addGroupMember(groupId: $groupId, personId: $personId, role: $role) {
    __typename
    ... on AddGroupMemberSuccess { enrolledCurriculumId }
    ${ERROR_FIELDS}
  }
}`);

export const RemoveGroupMemberMutation = gql<
  { removeGroupMember: { __typename: 'RemoveGroupMemberSuccess'; removed: boolean } | TypedError },
  { groupId: string; personId: string; role: 'LEARNER' | 'TRAINER' }
>(`mutation RemoveGroupMember($groupId: ID!, $personId: ID!, $role: GroupRole!) {
  removeGroupMember(groupId: $groupId, personId: $personId, role: $role) {
    __typename
    ... on RemoveGroupMemberSuccess { removed }
    ${ERROR_FIELDS}
  }
}`);
