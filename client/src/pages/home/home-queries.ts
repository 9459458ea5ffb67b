/**
 * What the home page asks the server: the next steps it shows (five, in the curricula the
 * learner follows: the server filters, so the answer carries nothing the page drops) with the
 * names of the badges they count for, each curriculum's progress, and how many messages are
 * unread (a number, not the messages).
 */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';

/** Next steps the home shows. */
export const NEXT_STEPS_SHOWN = 5;

export interface NextStep {
  skillId: string;
  status: 'AVAILABLE' | 'IN_PROGRESS';
  reasons: string[];
  skill: { id: string; curriculumId: string; title: LocalizedText };
  /** The badges the step counts for, closest first: their names, whatever the curriculum. */
  countsFor: Array<{ id: string; title: LocalizedText }>;
}

export interface Enrolment {
  curriculum: { id: string; title: LocalizedText };
  progress: {
    skillsTotal: number;
    skillsAcquired: number;
    badgesEarned: number;
    badgesTotal: number;
  };
}

export const HomeQuery = gql<
  {
    myNextSteps: NextStep[];
    myEnrolments: Enrolment[];
    myUnreadNotifications: number;
  },
  NoVariables
>(`query Home {
  myNextSteps(limit: ${NEXT_STEPS_SHOWN}, followedOnly: true) {
    skillId status reasons
    skill { id curriculumId title { fr en } }
    countsFor { id title { fr en } }
  }
  myEnrolments {
    curriculum { id title { fr en } }
    progress { skillsTotal skillsAcquired badgesEarned badgesTotal }
  }
  myUnreadNotifications
}`);
