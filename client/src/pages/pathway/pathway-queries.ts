/**
 * What the employment-pathway pages ask and change (learner and counsellor), typed by hand from
 * `schema.graphql`. The pathway itself names skills and badges by id only: their titles come
 * from `curricula`, asked in the same request.
 */
import { gql, type LocalizedText, type NoVariables } from '../../app/graphql.ts';

export type JobImportance = 'REQUIRED' | 'USEFUL';

export interface JobProfile {
  id: string;
  title: LocalizedText;
  romeCode: string | null;
  romeTitle: string | null;
}

export interface GapAnalysis {
  requiredCovered: number;
  requiredTotal: number;
  usefulCovered: number;
  usefulTotal: number;
  reachable: boolean;
  skills: Array<{ skillId: string; covered: boolean; importance: JobImportance }>;
  badges: Array<{ badgeId: string; covered: boolean; importance: JobImportance }>;
  /** The fewest skills closing the required gap, prerequisites first. */
  skillsToLearn: string[];
}

export interface PathwaySession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

export interface PathwayStep {
  skillId: string;
  activities: Array<{ title: LocalizedText; kind: 'EXERCISE' | 'RESOURCE' | 'WORKSHOP' }>;
  sessions: PathwaySession[];
}

export interface PathwayTarget {
  chosenAt: string;
  job: JobProfile;
  gap: GapAnalysis;
  nextSteps: PathwayStep[];
}

export interface PathwayMilestone {
  milestoneId: string;
  label: LocalizedText;
  reachedOn: string;
  setAt: string;
  setBy: string;
}

export interface PathwayBadge {
  awardId: string;
  badgeId: string;
  issuedAt: string;
  name: LocalizedText;
}

export interface Pathway {
  learnerId: string;
  targets: PathwayTarget[];
  milestones: PathwayMilestone[];
  allMilestones: Array<{ id: string; label: LocalizedText }>;
  badges: PathwayBadge[];
}

/** Titles of every skill and badge, to name the ids of the pathway. */
export interface Catalog {
  curricula: Array<{
    skills: Array<{ id: string; title: LocalizedText }>;
    badges: Array<{ id: string; title: LocalizedText }>;
  }>;
}

export const PATHWAY_FIELDS = `
  learnerId
  targets {
    chosenAt
    job { id title { fr en } romeCode romeTitle }
    gap {
      requiredCovered requiredTotal usefulCovered usefulTotal reachable skillsToLearn
      skills { skillId covered importance }
      badges { badgeId covered importance }
    }
    nextSteps {
      skillId
      activities { title { fr en } kind }
      sessions { id title startsAt endsAt }
    }
  }
  milestones { milestoneId label { fr en } reachedOn setAt setBy }
  allMilestones { id label { fr en } }
  badges { awardId badgeId issuedAt name { fr en } }`;

const CATALOG_FIELDS = 'curricula { skills { id title { fr en } } badges { id title { fr en } } }';

export const MyPathwayQuery = gql<
  Catalog & { myPathway: Pathway; jobProfiles: JobProfile[] },
  NoVariables
>(`query MyPathway {
  myPathway { ${PATHWAY_FIELDS} }
  jobProfiles { id title { fr en } romeCode romeTitle }
  ${CATALOG_FIELDS}
}`);

export const LearnerPathwayQuery = gql<
  Catalog & {
    learnerPathway:
      | {
          __typename: 'CounselledPathway';
          pathway: Pathway;
          notes: Array<{ id: string; text: string; createdAt: string; counsellorId: string }>;
        }
      | { __typename: 'Forbidden'; message: LocalizedText };
    myFollowedLearners: Array<{ learnerId: string; displayName: string; since: string }>;
  },
  { learnerId: string }
>(`query LearnerPathway($learnerId: ID!) {
  learnerPathway(learnerId: $learnerId) {
    __typename
    ... on CounselledPathway {
      pathway { ${PATHWAY_FIELDS} }
      notes { id text createdAt counsellorId }
    }
    ... on LocalizedError { message { fr en } }
  }
  myFollowedLearners { learnerId displayName since }
  ${CATALOG_FIELDS}
}`);

/** A mutation's answer: the changed pathway, or a typed error in both languages. */
export type PathwayChange =
  | { __typename: 'PathwayChanged'; pathway: Pathway }
  | { __typename: string; message: LocalizedText };

export const SetTargetJobsMutation = gql<
  { setTargetJobs: PathwayChange },
  { jobIds: string[] }
>(`mutation SetTargetJobs($jobIds: [ID!]!) {
  setTargetJobs(jobIds: $jobIds) {
    __typename
    ... on PathwayChanged { pathway { ${PATHWAY_FIELDS} } }
    ... on LocalizedError { message { fr en } }
  }
}`);

export const SetMilestoneMutation = gql<
  { setMilestone: PathwayChange },
  { milestoneId: string; reachedOn: string | null; learnerId?: string }
>(`mutation SetMilestone($milestoneId: ID!, $reachedOn: String, $learnerId: ID) {
  setMilestone(milestoneId: $milestoneId, reachedOn: $reachedOn, learnerId: $learnerId) {
    __typename
    ... on PathwayChanged { pathway { ${PATHWAY_FIELDS} } }
    ... on LocalizedError { message { fr en } }
  }
}`);

export interface ShareLink {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  sharesTargets: boolean;
  sharesMilestones: boolean;
  awardIds: string[];
}

export interface ShareLinkWithOpenings {
  link: ShareLink;
  openings: Array<{ openedAt: string; userAgent: string }>;
}

const SHARE_LINK_FIELDS =
  'id createdAt expiresAt revokedAt sharesTargets sharesMilestones awardIds';

export const MyShareLinksQuery = gql<{ myShareLinks: ShareLinkWithOpenings[] }, NoVariables>(
  `query MyShareLinks {
  myShareLinks { link { ${SHARE_LINK_FIELDS} } openings { openedAt userAgent } }
}`,
);

export const CreateShareLinkMutation = gql<
  {
    createShareLink:
      | { __typename: 'CreateShareLinkSuccess'; url: string; link: ShareLink }
      | { __typename: string; message: LocalizedText };
  },
  { input: { targets: boolean; milestones: boolean; awardIds: string[]; days: number } }
>(`mutation CreateShareLink($input: ShareLinkInput!) {
  createShareLink(input: $input) {
    __typename
    ... on CreateShareLinkSuccess { url link { ${SHARE_LINK_FIELDS} } }
    ... on LocalizedError { message { fr en } }
  }
}`);

export const RevokeShareLinkMutation = gql<
  {
    revokeShareLink:
      | ({ __typename: 'ShareLink' } & ShareLink)
      | { __typename: string; message: LocalizedText };
  },
  { id: string }
>(`mutation RevokeShareLink($id: ID!) {
  revokeShareLink(id: $id) {
    __typename
    ... on ShareLink { ${SHARE_LINK_FIELDS} }
    ... on LocalizedError { message { fr en } }
  }
}`);

export const AddCounsellorNoteMutation = gql<
  {
    addCounsellorNote:
      | { __typename: 'CounsellorNoteAdded'; note: { id: string } }
      | { __typename: string; message: LocalizedText };
  },
  { learnerId: string; text: string }
>(`mutation AddCounsellorNote($learnerId: ID!, $text: String!) {
  addCounsellorNote(learnerId: $learnerId, text: $text) {
    __typename
    ... on CounsellorNoteAdded { note { id } }
    ... on LocalizedError { message { fr en } }
  }
}`);

export const FollowedLearnersQuery = gql<
  {
    myFollowedLearners: Array<{ learnerId: string; displayName: string; since: string }>;
  },
  NoVariables
>(`query FollowedLearners {
  myFollowedLearners { learnerId displayName since }
}`);

/** One followed learner's targets and milestones, for the counsellor's home. */
export const LearnerSummaryQuery = gql<
  {
    learnerPathway:
      | {
          __typename: 'CounselledPathway';
          pathway: {
            targets: Array<{ job: { id: string; title: LocalizedText } }>;
            milestones: Array<{ milestoneId: string }>;
            allMilestones: Array<{ id: string }>;
          };
        }
      | { __typename: 'Forbidden'; message: LocalizedText };
  },
  { learnerId: string }
>(`query LearnerSummary($learnerId: ID!) {
  learnerPathway(learnerId: $learnerId) {
    __typename
    ... on CounselledPathway {
      pathway { targets { job { id title { fr en } } } milestones { milestoneId } allMilestones { id } }
    }
    ... on LocalizedError { message { fr en } }
  }
}`);
