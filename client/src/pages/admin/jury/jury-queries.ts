/** The skills a jury decides, and recording a jury's decision. */
import { gql, type LocalizedText, type NoVariables } from '../../../app/graphql.ts';
import type { SkillStatus } from '../../../components/skill-status.ts';
import { ERROR_FIELDS, type TypedError } from '../admin-graphql.ts';

export type JuryOutcome = 'RECU' | 'AJOURNE' | 'REFUSE';

export const JurySkillsQuery = gql<
  {
    curricula: Array<{
      id: string;
      title: LocalizedText;
      skills: Array<{ id: string; title: LocalizedText; validationMethods: string[] }>;
    }>;
  },
  NoVariables
>(`query AdminJurySkills {
  curricula { id title { fr en } skills { id title { fr en } validationMethods } }
}`);

export const RecordJuryDecisionMutation = gql<
  {
    recordJuryDecision:
      | {
          __typename: 'JuryDecisionSuccess';
          state: { status: SkillStatus };
          issuedBadges: Array<{ id: string; title: LocalizedText; verificationUrl: string }>;
        }
      | TypedError;
  },
  { learnerId: string; skillId: string; outcome: JuryOutcome; comment: string | null }
>(`mutation RecordJuryDecision($learnerId: ID!, $skillId: ID!, $outcome: JuryOutcome!, $comment: String) {
  recordJuryDecision(learnerId: $learnerId, skillId: $skillId, outcome: $outcome, comment: $comment) {
    __typename
    ... on JuryDecisionSuccess {
      state { status }
      issuedBadges { id title { fr en } verificationUrl }
    }
    ${ERROR_FIELDS}
  }
}`);
