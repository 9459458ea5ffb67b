/**
 * The Pothos schema builder, and nothing else: the plugins (scope-auth first so a refused
 * field never runs, then typed errors, dataloaders and simple objects), the auth scopes that
 * mirror our roles, and the request context every resolver receives.
 */

import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { createGraphQLError } from 'graphql-yoga';
import type { EvidenceFilesDeps } from '../app/evidence-files/evidence-file-store.ts';
import type { LearnerFactsCache } from '../app/learner/learner-facts.ts';
import type { LearnerSnapshot } from '../app/learner/learner-snapshot.ts';
import type { IncomingFile } from '../app/learner/submit-evidence.ts';
import type { LearnerStatesCache, LedgerCache } from '../app/ledger-cache.ts';
import type { RecordProgressDeps } from '../app/record-progress.ts';
import type { GridColumns, ProgressGrid } from '../app/workshops/group-progress.ts';
import { type GroupMembership, hasRole, type Viewer } from '../auth/policies.ts';
import type { AwardReview } from '../db/repositories/admin-awards-repository.ts';
import type { LearnerEnrolment } from '../db/repositories/learner-enrolments-repository.ts';
import type { Person } from '../db/repositories/people-repository.ts';
import type { AttendanceRecord } from '../db/repositories/workshops-repository.ts';
import type { SkillState } from '../domain/progress/skill-states.ts';
import type { Logger } from '../logger.ts';

/** What the GraphQL handler needs; `createGraphqlHandler(deps)` receives it once. */
export interface GraphqlDeps extends RecordProgressDeps {
  /** HMAC key of access tokens. */
  jwtSecret: string;
  logger: Logger;
  /** Where evidence files go, and the largest accepted; without it, file uploads fail. */
  evidenceFiles?: EvidenceFilesDeps;
  /** The IANA zone of the workshops (`config.timeZone`): what "today" means. */
  timeZone: string;
  /** Learners' settled states kept between requests; `createGraphqlHandler` makes one. */
  learnerStatesCache?: LearnerStatesCache;
  /** Learners' columns of trainers' grids kept between requests; `createGraphqlHandler` makes one. */
  gridColumnsCache?: LedgerCache<GridColumns>;
  /** Whole grids kept between requests, by group, under its grid stamp; likewise. */
  gridsCache?: LedgerCache<ProgressGrid>;
  /** Learners' badges, enrolments and unread count kept between requests; likewise. */
  learnerFactsCache?: LearnerFactsCache;
}

/**
 * Per-request batching loaders (one request never sees another's cache): the ids a list's
 * items ask for in one tick are read together, so a list costs a fixed number of queries
 * whatever its length (no N+1).
 */
export interface GraphqlLoaders {
  /** People by id, with their roles (null when the id names nobody). */
  person(id: string): Promise<Person | null>;
  /** A person's memberships of groups that are not archived (what policies judge by). */
  activeMemberships(personId: string): Promise<GroupMembership[]>;
  /** Who was present at a workshop session, in check-in order. */
  attendance(sessionId: string): Promise<AttendanceRecord[]>;
  /** What an administrator reviews about an award (flag origin, last clearance); null: none. */
  awardReview(awardId: string): Promise<AwardReview | null>;
  /** A learner's skill states now, read once per request and learner. */
  learnerStates(learnerId: string): Promise<ReadonlyMap<string, SkillState>>;
  /** A learner's folded states and standing badges, read once per request and learner. */
  learnerSnapshot(learnerId: string): Promise<LearnerSnapshot>;
  /** A learner's enrolments with their groups, read once per request and learner. */
  learnerEnrolments(learnerId: string): Promise<LearnerEnrolment[]>;
  /** How many of a person's notifications are unread, read once per request. */
  unreadNotifications(personId: string): Promise<number>;
}

/** The context of one GraphQL request. */
export interface GraphqlContext {
  /** The signed-in person with their roles as the database has them now; null: anonymous. */
  viewer: Viewer | null;
  deps: GraphqlDeps;
  loaders: GraphqlLoaders;
  /**
   * Whether the operation only reads (a query), as `yoga.ts` finds when it runs: then what was
   * read of the viewer at sign-in (where their ledger ends) still holds for the whole request.
   * False until known, and for mutations, which may record events after the sign-in read.
   */
  operation: { readOnly: boolean };
}

/** The context once a scope has established that someone is signed in. */
export interface SignedInContext extends GraphqlContext {
  viewer: Viewer;
}

/** The scopes fields ask for: one per role, and `signedIn` for anyone with a valid token. */
export interface AuthScopes {
  signedIn: boolean;
  learner: boolean;
  trainer: boolean;
  counsellor: boolean;
  admin: boolean;
}

/** The Pothos builder of the whole schema. */
export const builder = new SchemaBuilder<{
  Context: GraphqlContext;
  AuthScopes: AuthScopes;
  AuthContexts: {
    signedIn: SignedInContext;
    learner: SignedInContext;
    trainer: SignedInContext;
    counsellor: SignedInContext;
    admin: SignedInContext;
  };
  DefaultFieldNullability: false;
  /** `File`: an upload of the GraphQL multipart request spec (input only). */
  Scalars: { File: { Input: IncomingFile; Output: never } };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, DataloaderPlugin, SimpleObjectsPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => {
      const viewer = context.viewer;
      return {
        signedIn: viewer !== null,
        learner: viewer !== null && hasRole(viewer, 'learner'),
        trainer: viewer !== null && hasRole(viewer, 'trainer'),
        counsellor: viewer !== null && hasRole(viewer, 'counsellor'),
        admin: viewer !== null && hasRole(viewer, 'admin'),
      };
    },
    // A GraphQLError is shown as is (not masked), with a stable code and both languages, so
    // clients can tell "sign in" from "not allowed" without parsing English. Errors are made
    // with yoga's `createGraphQLError` so they are instances of the GraphQLError class yoga
    // checks against, even where 'graphql' is loaded twice (ESM and CJS, as under Vitest).
    unauthorizedError: (_parent, context) => unauthorised(context.viewer === null),
  },
  errors: { defaultTypes: [] },
});

/**
 * @param anonymous whether nobody is signed in (else: signed in without the right role).
 * @returns the error a refused field resolves to.
 */
export function unauthorised(anonymous: boolean): Error {
  const messages = anonymous
    ? {
        fr: 'Connectez-vous pour accéder à cette information.',
        en: 'Sign in to see this.',
      }
    : {
        fr: "Vous n'avez pas le droit de faire cela.",
        en: 'You are not allowed to do this.',
      };
  return createGraphQLError(messages.en, {
    extensions: { code: anonymous ? 'unauthenticated' : 'forbidden', messages },
  });
}
