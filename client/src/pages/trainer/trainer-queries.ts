/**
 * What the trainer's pages ask and change, typed by hand from `schema.graphql`. Mutations ask
 * for `... on LocalizedError { code message { fr en } }`: refusals are shown in the person's
 * language with `<ErrorMessage>`.
 */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';
import type { SkillStatus } from '../../components/skill-status.ts';

/** A typed refusal of the API. */
export interface TypedError {
  __typename: string;
  code: string;
  message: LocalizedText;
}

const ERROR_FIELDS = '... on LocalizedError { code message { fr en } }';

export interface Attendee {
  personId: string;
  displayName: string;
  method: 'QR' | 'ROLL_CALL';
  checkedInAt: string;
}

export interface WorkshopSession {
  id: string;
  groupId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  checkInCode: string;
  targetSkills: string[];
  attendance: Attendee[];
}

export interface GroupMember {
  personId: string;
  displayName: string;
}

export interface TrainerGroup {
  id: string;
  name: string;
  curriculumId: string | null;
  learners: GroupMember[];
}

export interface SkillLevel {
  level: number;
  title: LocalizedText;
}

export interface SkillSummary {
  id: string;
  title: LocalizedText;
  levels: SkillLevel[];
}

export interface CurriculumSummary {
  id: string;
  title: LocalizedText;
  skills: SkillSummary[];
}

export interface GridCell {
  skillId: string;
  status: SkillStatus;
  level: number | null;
}

export interface ProgressGrid {
  __typename: 'ProgressGrid';
  skillIds: string[];
  rows: Array<{ learnerId: string; displayName: string; cells: GridCell[] }>;
}

/** A badge a decision issued, to announce. */
export interface IssuedBadge {
  id: string;
  title: LocalizedText;
}

export interface QueueEvidence {
  id: string;
  kind: string;
  text: string | null;
  url: string | null;
  submittedAt: string;
  file: { mediaType: string; name: string | null; sizeBytes: number; url: string | null } | null;
}

export interface ValidationRequest {
  learnerId: string;
  learnerName: string;
  skillId: string;
  submittedAt: string;
  skill: SkillSummary | null;
  evidence: QueueEvidence[];
}

type QueueResult = { __typename: 'ValidationQueue'; requests: ValidationRequest[] } | TypedError;

const CURRICULA_FIELDS =
  'curricula { id title { fr en } skills { id title { fr en } levels { level title { fr en } } } }';

export const TrainerHomeQuery = gql<
  {
    todaySessions: Array<Omit<WorkshopSession, 'checkInCode'>>;
    myGroups: TrainerGroup[];
    validationQueue:
      | { __typename: 'ValidationQueue'; requests: Array<{ learnerId: string }> }
      | TypedError;
    curricula: Array<{ id: string; title: LocalizedText }>;
  },
  NoVariables
>(`query TrainerHome {
  todaySessions {
    id groupId title startsAt endsAt targetSkills
    attendance { personId displayName method checkedInAt }
  }
  myGroups { id name curriculumId learners { personId displayName } }
  validationQueue { __typename ... on ValidationQueue { requests { learnerId } } ${ERROR_FIELDS} }
  curricula { id title { fr en } }
}`);

export const SessionQuery = gql<
  { workshopSession: ({ __typename: 'WorkshopSession' } & WorkshopSession) | TypedError },
  { id: string }
>(`query TrainerSession($id: ID!) {
  workshopSession(id: $id) {
    __typename
    ... on WorkshopSession {
      id groupId title startsAt endsAt checkInCode targetSkills
      attendance { personId displayName method checkedInAt }
    }
    ${ERROR_FIELDS}
  }
}`);

/** The group, the skills' titles and levels, and where each learner stands (with target skills). */
export const SessionContextQuery = gql<
  {
    group: ({ __typename: 'Group' } & TrainerGroup) | TypedError;
    curricula: CurriculumSummary[];
    progressGrid?: ProgressGrid | TypedError;
  },
  { groupId: string; curriculumId: string; withGrid: boolean }
>(`query TrainerSessionContext($groupId: ID!, $curriculumId: ID!, $withGrid: Boolean!) {
  group(id: $groupId) {
    __typename
    ... on Group { id name curriculumId learners { personId displayName } }
    ${ERROR_FIELDS}
  }
  ${CURRICULA_FIELDS}
  progressGrid(groupId: $groupId, curriculumId: $curriculumId) @include(if: $withGrid) {
    __typename
    ... on ProgressGrid { skillIds rows { learnerId displayName cells { skillId status level } } }
    ${ERROR_FIELDS}
  }
}`);

export const GroupQuery = gql<
  { group: ({ __typename: 'Group' } & TrainerGroup) | TypedError },
  { id: string }
>(`query TrainerGroup($id: ID!) {
  group(id: $id) {
    __typename
    ... on Group { id name curriculumId learners { personId displayName } }
    ${ERROR_FIELDS}
  }
}`);

/**
 * A grid as the grid page reads it: per row, one letter of status and one digit of level per
 * column, in column order (`ProgressGridRow.statusCodes` and `levelCodes` in schema.graphql).
 */
export interface CompactProgressGrid {
  __typename: 'ProgressGrid';
  skillIds: string[];
  skills: Array<{ id: string; title: LocalizedText }>;
  rows: Array<{
    learnerId: string;
    displayName: string;
    statusCodes: string;
    levelCodes: string;
  }>;
}

/**
 * The grid page: the columns' titles come with the grid rather than from every curriculum,
 * and each row is two short strings rather than cells repeating each skill id (a group of 30
 * on a curriculum of 40 skills is 1,200 cells): what a phone on a poor connection loads during
 * a workshop, again after each validation.
 */
export const GroupProgressQuery = gql<
  { progressGrid: CompactProgressGrid | TypedError },
  { groupId: string; curriculumId: string }
>(`query TrainerGroupProgress($groupId: ID!, $curriculumId: ID!) {
  progressGrid(groupId: $groupId, curriculumId: $curriculumId) {
    __typename
    ... on ProgressGrid {
      skillIds skills { id title { fr en } }
      rows { learnerId displayName statusCodes levelCodes }
    }
    ${ERROR_FIELDS}
  }
}`);

/** The status each letter of `statusCodes` stands for. */
const STATUS_OF_LETTER: Readonly<Record<string, SkillStatus>> = {
  L: 'LOCKED',
  A: 'AVAILABLE',
  P: 'IN_PROGRESS',
  S: 'SUBMITTED',
  V: 'VALIDATED',
  E: 'EXPIRED',
  W: 'WITHDRAWN',
};

/** @returns the grid with cells, as the grid views draw it. */
export function expandGrid(grid: CompactProgressGrid): ProgressGrid {
  return {
    __typename: 'ProgressGrid',
    skillIds: grid.skillIds,
    rows: grid.rows.map((row) => ({
      learnerId: row.learnerId,
      displayName: row.displayName,
      cells: grid.skillIds.map((skillId, i) => ({
        skillId,
        status: STATUS_OF_LETTER[row.statusCodes.charAt(i)] ?? 'LOCKED',
        level: levelOf(row.levelCodes.charAt(i)),
      })),
    })),
  };
}

export const MyGroupsQuery = gql<{ myGroups: TrainerGroup[] }, NoVariables>(`query TrainerGroups {
  myGroups { id name curriculumId learners { personId displayName } }
}`);

export const ValidationQueueQuery = gql<
  { validationQueue: QueueResult },
  NoVariables
>(`query TrainerQueue {
  validationQueue {
    __typename
    ... on ValidationQueue {
      requests {
        learnerId learnerName skillId submittedAt
        skill { id title { fr en } levels { level title { fr en } } }
        evidence { id kind text url submittedAt file { mediaType name sizeBytes url } }
      }
    }
    ${ERROR_FIELDS}
  }
}`);

export const RecordAttendanceMutation = gql<
  {
    recordAttendance:
      | { __typename: 'RecordAttendanceSuccess'; attendance: Attendee[] }
      | TypedError;
  },
  { sessionId: string; learnerIds: string[] }
>(`mutation RecordAttendance($sessionId: ID!, $learnerIds: [ID!]!) {
  recordAttendance(sessionId: $sessionId, learnerIds: $learnerIds) {
    __typename
    ... on RecordAttendanceSuccess { attendance { personId displayName method checkedInAt } }
    ${ERROR_FIELDS}
  }
}`);

const STATE_FIELDS = 'state { skillId status level }';
const BADGE_FIELDS = 'issuedBadges { id title { fr en } }';

export const ValidateSkillMutation = gql<
  {
    validateSkill:
      | { __typename: 'ValidateSkillSuccess'; state: GridCell; issuedBadges: IssuedBadge[] }
      | TypedError;
  },
  {
    input: {
      learnerId: string;
      skillId: string;
      level: number | null;
      sessionId: string | null;
    };
  }
>(`mutation ValidateSkill($input: ValidateSkillInput!) {
  validateSkill(input: $input) {
    __typename
    ... on ValidateSkillSuccess { ${STATE_FIELDS} ${BADGE_FIELDS} }
    ${ERROR_FIELDS}
  }
}`);

export const RejectSkillMutation = gql<
  { rejectSkill: { __typename: 'RejectSkillSuccess'; state: GridCell } | TypedError },
  { input: { learnerId: string; skillId: string; comment: string } }
>(`mutation RejectSkill($input: RejectSkillInput!) {
  rejectSkill(input: $input) {
    __typename
    ... on RejectSkillSuccess { ${STATE_FIELDS} }
    ${ERROR_FIELDS}
  }
}`);

export const MarkInProgressMutation = gql<
  {
    markSkillInProgress: { __typename: 'MarkSkillInProgressSuccess'; state: GridCell } | TypedError;
  },
  { learnerId: string; skillId: string; sessionId: string | null }
>(`mutation MarkSkillInProgress($learnerId: ID!, $skillId: ID!, $sessionId: ID) {
  markSkillInProgress(learnerId: $learnerId, skillId: $skillId, sessionId: $sessionId) {
    __typename
    ... on MarkSkillInProgressSuccess { ${STATE_FIELDS} }
    ${ERROR_FIELDS}
  }
}`);

export const WithdrawValidationMutation = gql<
  {
    withdrawValidation:
      | {
          __typename: 'WithdrawValidationSuccess';
          state: GridCell;
          flaggedAwards: Array<{ awardId: string; title: LocalizedText }>;
        }
      | TypedError;
  },
  { input: { learnerId: string; skillId: string; comment: string; sessionId: string | null } }
>(`mutation WithdrawValidation($input: WithdrawValidationInput!) {
  withdrawValidation(input: $input) {
    __typename
    ... on WithdrawValidationSuccess { ${STATE_FIELDS} flaggedAwards { awardId title { fr en } } }
    ${ERROR_FIELDS}
  }
}`);

export interface BulkLearnerResult {
  learnerId: string;
  outcome: 'VALIDATED' | 'SKIPPED' | 'ERROR';
  reason: string | null;
  error: { code: string; message: LocalizedText } | null;
  issuedBadges: IssuedBadge[];
}

export const BulkValidateMutation = gql<
  {
    bulkValidate: { __typename: 'BulkValidateSuccess'; results: BulkLearnerResult[] } | TypedError;
  },
  { sessionId: string; skillId: string; level: number | null }
>(`mutation BulkValidate($sessionId: ID!, $skillId: ID!, $level: Int) {
  bulkValidate(sessionId: $sessionId, skillId: $skillId, level: $level) {
    __typename
    ... on BulkValidateSuccess {
      results {
        learnerId outcome reason
        error { code message { fr en } }
        ${BADGE_FIELDS}
      }
    }
    ${ERROR_FIELDS}
  }
}`);

export interface CreatedLearner {
  __typename: 'CreateLearnerAccountSuccess';
  personId: string;
  displayName: string;
  learnerCode: string;
  pin: string;
}

export const CreateLearnerAccountMutation = gql<
  {
    createLearnerAccount:
      | CreatedLearner
      | (TypedError & { issues?: Array<{ path: string; message: string }> });
  },
  {
    groupId: string;
    displayName: string;
    isMinor: boolean;
    guardian: { name: string; contact: string | null; scope: string } | null;
  }
>(`mutation CreateLearnerAccount(
  $groupId: ID!, $displayName: String!, $isMinor: Boolean!, $guardian: GuardianInput
) {
  createLearnerAccount(
    groupId: $groupId, displayName: $displayName, isMinor: $isMinor, guardian: $guardian
  ) {
    __typename
    ... on CreateLearnerAccountSuccess { personId displayName learnerCode pin }
    ... on InvalidInput { issues { path message } }
    ${ERROR_FIELDS}
  }
}`);

/** @returns the level a digit of `levelCodes` says; null for `-` (no level) or nothing. */
function levelOf(digit: string): number | null {
  const level = Number.parseInt(digit, 10);
  return Number.isNaN(level) ? null : level;
}
