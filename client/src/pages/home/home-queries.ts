/** What the home page asks the server. */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';

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
  myNextSteps(limit: 50) {
    skillId status reasons
    skill { id curriculumId title { fr en } }
  }
  myEnrolments {
    curriculum { id title { fr en } badges { id title { fr en } } }
    progress { skillsTotal skillsAcquired skillsInProgress badgesEarned badgesTotal }
  }
  myNotifications { id read }
}`);
