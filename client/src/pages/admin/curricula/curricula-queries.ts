/** The state of the curricula and what they hold, for the curricula overview. */
import { gql, type LocalizedText, type NoVariables } from '../../../app/graphql.ts';

export interface CurriculumStatus {
  curriculum: { id: string; title: LocalizedText };
  servedHash: string;
  inSync: boolean;
  olderVersionCount: number;
  skillCount: number;
  badgeCount: number;
  enrolledLearnerCount: number;
  badgesIssuedCount: number;
  badgesRevokedCount: number;
  currentVersion: { contentHash: string; importedAt: string } | null;
}

export const CurriculaStatusQuery = gql<
  {
    curriculaStatus: {
      startupCheckPassed: boolean;
      unservedCurriculumIds: string[];
      curricula: CurriculumStatus[];
    };
  },
  NoVariables
>(`query AdminCurriculaStatus {
  curriculaStatus {
    startupCheckPassed unservedCurriculumIds
    curricula {
      curriculum { id title { fr en } }
      servedHash inSync olderVersionCount skillCount badgeCount enrolledLearnerCount
      badgesIssuedCount badgesRevokedCount
      currentVersion { contentHash importedAt }
    }
  }
}`);

/** A public framework's competence a skill or badge matches, as the curriculum states it. */
export interface Alignment {
  framework: string;
  frameworkVersion: string;
  /** Null for frameworks that name competences by address only (ESCO). */
  code: string | null;
  name: string;
  url: string;
}

export type ValidationMethod = 'TRAINER' | 'EVIDENCE' | 'JURY';

export interface CatalogSkill {
  id: string;
  title: LocalizedText;
  module: string;
  order: number;
  prerequisiteIds: string[];
  validationMethods: ValidationMethod[];
  selfAssessment: boolean;
  validityMonths: number | null;
  levels: Array<{ level: number; title: LocalizedText }>;
  alignments: Alignment[];
}

export interface CatalogBadge {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  criteriaNarrative: LocalizedText;
  /** The skills its criteria name directly (global ids). */
  criteriaSkillIds: string[];
  alignments: Alignment[];
}

export interface CatalogCurriculum {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  modules: Array<{ id: string; title: LocalizedText }>;
  skills: CatalogSkill[];
  badges: CatalogBadge[];
}

export const CatalogQuery = gql<
  { curricula: CatalogCurriculum[] },
  NoVariables
>(`query AdminCatalog {
  curricula {
    id title { fr en } description { fr en }
    modules { id title { fr en } }
    skills {
      id title { fr en } module order prerequisiteIds validationMethods selfAssessment
      validityMonths levels { level title { fr en } }
      alignments { framework frameworkVersion code name url }
    }
    badges {
      id title { fr en } description { fr en } criteriaNarrative { fr en } criteriaSkillIds
      alignments { framework frameworkVersion code name url }
    }
  }
}`);
