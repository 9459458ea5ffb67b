/**
 * What the home page asks the server: the next steps it shows (five, in the curricula the
 * learner follows: the server filters, so the answer carries nothing the page drops).
 */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';

/** Next steps the home shows. */
export const NEXT_STEPS_SHOWN = 5;

export interface NextStep {
  skillId: string;
  status: 'AVAILABLE' | 'IN_PROGRESS';
  reasons: string[];
  skill: { id: string; curriculumId: string; title: LocalizedText };
}

export interface Enrolment {
  curriculum: {
    id: string;
    title: LocalizedText;
    badges: Array<{ id: string; title: LocalizedText }>;
  };
  progress: {
    skillsTotal: number;
    skillsAcquired: number;
    skillsInProgress: number;
    badgesEarned: number;
    badgesTotal: number;
  };
}

export const HomeQuery = gql<
  {
    myNextSteps: NextStep[];
    myEnrolments: Enrolment[];
    myNotifications: Array<{ id: string; read: boolean }>;
  },
  NoVariables
>(`query Home {
  myNextSteps(limit: ${NEXT_STEPS_SHOWN}, followedOnly: true) {
    skillId status reasons
    skill { id curriculumId title { fr en } }
  }
  myEnrolments {
    curriculum { id title { fr en } badges { id title { fr en } } }
    progress { skillsTotal skillsAcquired skillsInProgress badgesEarned badgesTotal }
  }
  myNotifications { id read }
}`);
