/** What the skill page asks and changes. */
import { gql, type LocalizedText } from '../../app/graphql.ts';
import type { SkillStatus } from '../../components/skill-status.ts';

export type ValidationMethod = 'TRAINER' | 'EVIDENCE' | 'JURY';
export type ActivityKind = 'WORKSHOP' | 'EXERCISE' | 'RESOURCE';

export interface SkillDetail {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  prerequisiteIds: string[];
  selfAssessment: boolean;
  validityMonths: number | null;
  validationMethods: ValidationMethod[];
  levels: Array<{ level: number; title: LocalizedText; description: LocalizedText | null }>;
  activities: Array<{
    kind: ActivityKind;
    title: LocalizedText;
    description: LocalizedText | null;
    durationMinutes: number;
    unplugged: boolean;
    url: string | null;
  }>;
}

export interface SkillStateDetail {
  skillId: string;
  status: SkillStatus;
  level: number | null;
  source: 'SELF' | 'TRAINER' | 'JURY' | null;
  validatedAt: string | null;
  expiresAt: string | null;
}

export interface NotificationItem {
  id: string;
  kind: string;
  /** JSON text. */
  payload: string;
  createdAt: string;
}

export const SkillQuery = gql<
  {
    curricula: Array<{
      id: string;
      title: LocalizedText;
      skills: Array<SkillDetail | { id: string; title: LocalizedText; prerequisiteIds: string[] }>;
    }>;
    mySkillStates: SkillStateDetail[];
    myNotifications: NotificationItem[];
  },
  { curriculumId: string }
>(`query Skill($curriculumId: ID!) {
  curricula {
    id title { fr en }
    skills {
      id title { fr en } description { fr en } prerequisiteIds selfAssessment validityMonths
      validationMethods
      levels { level title { fr en } description { fr en } }
      activities { kind title { fr en } description { fr en } durationMinutes unplugged url }
    }
  }
  mySkillStates(curriculumId: $curriculumId) {
    skillId status level source validatedAt expiresAt
  }
  myNotifications { id kind payload createdAt }
}`);

/** A typed refusal of a mutation. */
export interface TypedError {
  __typename: string;
  code: string;
  message: LocalizedText;
}

export const SubmitEvidenceMutation = gql<
  {
    submitEvidence:
      | { __typename: 'SubmitEvidenceSuccess'; state: { skillId: string; status: SkillStatus } }
      | TypedError;
  },
  { skillId: string; text: string | null; url: string | null; file: File | null }
>(`mutation SubmitEvidence($skillId: ID!, $text: String, $url: String, $file: File) {
  submitEvidence(skillId: $skillId, text: $text, url: $url, file: $file) {
    __typename
    ... on SubmitEvidenceSuccess { state { skillId status } }
    ... on LocalizedError { code message { fr en } }
  }
}`);

export const SelfAssessMutation = gql<
  {
    selfAssess:
      | { __typename: 'SelfAssessSuccess'; state: { skillId: string; status: SkillStatus } }
      | TypedError;
  },
  { skillId: string; level: number | null }
>(`mutation SelfAssess($skillId: ID!, $level: Int) {
  selfAssess(skillId: $skillId, level: $level) {
    __typename
    ... on SelfAssessSuccess { state { skillId status } }
    ... on LocalizedError { code message { fr en } }
  }
}`);
