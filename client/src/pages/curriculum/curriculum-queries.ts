/** What the curriculum page asks the server. */
import { gql, type LocalizedText } from '../../app/graphql.ts';
import type { SkillStatus } from '../../components/skill-status.ts';

export interface CurriculumSkill {
  id: string;
  title: LocalizedText;
  module: string;
  prerequisiteIds: string[];
  levels: Array<{ level: number; title: LocalizedText }>;
}

export interface CurriculumData {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  modules: Array<{ id: string; title: LocalizedText }>;
  skills: CurriculumSkill[];
  myProgress: { skillsTotal: number; skillsAcquired: number } | null;
}

export const CurriculumQuery = gql<
  {
    curricula: CurriculumData[];
    mySkillStates: Array<{ skillId: string; status: SkillStatus; level: number | null }>;
  },
  { curriculumId: string }
>(`query Curriculum($curriculumId: ID!) {
  curricula {
    id title { fr en } description { fr en }
    modules { id title { fr en } }
    skills { id title { fr en } module prerequisiteIds levels { level title { fr en } } }
    myProgress { skillsTotal skillsAcquired }
  }
  mySkillStates(curriculumId: $curriculumId) { skillId status level }
}`);
