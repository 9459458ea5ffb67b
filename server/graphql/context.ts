/**
 * Builds the context of each GraphQL request: who is asking (from the `Authorization: Bearer`
 * access token), the handler's dependencies and fresh per-request loaders.
 */
import DataLoader from 'dataloader';
import { createGraphQLError } from 'graphql-yoga';
import { readLearnerFactsKept } from '../app/learner/learner-facts.ts';
import {
  readLearnerSnapshot,
  readLearnerStates,
  type StandingBadge,
} from '../app/learner/learner-snapshot.ts';
import { verifyAccessToken } from '../auth/access-tokens.ts';
import { InvalidAccessToken } from '../auth/errors.ts';
import type { GroupMembership, Viewer } from '../auth/policies.ts';
import { type AwardReview, listAwardReviews } from '../db/repositories/admin-awards-repository.ts';
import { GroupsRepository } from '../db/repositories/groups-repository.ts';
import { idChunks, readByIdChunks } from '../db/repositories/id-chunks.ts';
import type { LearnerEnrolment } from '../db/repositories/learner-enrolments-repository.ts';
import type { LearnerFactKind } from '../db/repositories/learner-facts-repository.ts';
import { PeopleRepository, type Person } from '../db/repositories/people-repository.ts';
import {
  type AttendanceRecord,
  listAttendanceOfSessions,
} from '../db/repositories/workshops-repository.ts';
import type { GraphqlContext, GraphqlDeps, GraphqlLoaders } from './builder.ts';

/**
 * @param deps the handler's dependencies.
 * @param request the fetch-API request yoga hands over.
 * @returns the context: `viewer` is null without an Authorization header, and for a person
 *   whose account an administrator has disabled (their token is worth nothing from then on).
 * @throws GraphQLError (HTTP 401, code `invalid-access-token`) when a token is sent but is
 *   invalid, expired or names an account that no longer exists: the client should refresh its
 *   session rather than silently see the anonymous view.
 */
export async function createContext(
  deps: GraphqlDeps,
  { request }: { request: Request },
): Promise<GraphqlContext> {
  const operation = { readOnly: false };
  const loaders = createLoaders(deps, operation);
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') return { viewer: null, deps, loaders, operation };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (match?.[1] === undefined) throw invalidToken();
  let claimed: Viewer;
  try {
    claimed = verifyAccessToken(match[1], { secret: deps.jwtSecret, now: deps.clock() });
  } catch (error) {
    if (error instanceof InvalidAccessToken) throw invalidToken();
    throw error;
  }
  // The token's roles may be up to 15 minutes old: decisions use the roles held now. This
  // costs every signed-in request 1 query (the person with their roles); `me` reuses it.
  const person = await loaders.person(claimed.personId);
  if (person === null) throw invalidToken();
  if (person.disabledAt !== null) return { viewer: null, deps, loaders, operation };
  return { viewer: { personId: person.id, roles: person.roles }, deps, loaders, operation };
}

/**
 * Each loader reads all the ids asked for in one tick with one batch query (per 500 ids), and
 * answers in the order of the ids, as DataLoader requires.
 */
function createLoaders(deps: GraphqlDeps, operation: GraphqlContext['operation']): GraphqlLoaders {
  const { db } = deps;
  const peopleRepository = new PeopleRepository(db);
  const groupsRepository = new GroupsRepository(db);

  const people = new DataLoader<string, Person | null>(async (ids) => {
    const found = await readByIdChunks(ids, (chunk) => peopleRepository.findManyByIds(chunk));
    const byId = new Map(found.map((person) => [person.id, person]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  const memberships = new DataLoader<string, GroupMembership[]>(async (personIds) => {
    const found = await readByIdChunks(personIds, (chunk) =>
      groupsRepository.activeMembershipsOf(chunk),
    );
    const byPerson = new Map<string, GroupMembership[]>();
    for (const membership of found) {
      byPerson.set(membership.personId, [...(byPerson.get(membership.personId) ?? []), membership]);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  });

  const attendance = new DataLoader<string, AttendanceRecord[]>(async (sessionIds) => {
    const bySession = await listAttendanceOfSessions(db, sessionIds);
    return sessionIds.map((id) => bySession.get(id) ?? []);
  });

  const awardReviews = new DataLoader<string, AwardReview | null>(async (awardIds) => {
    const reviews = new Map<string, AwardReview>();
    for (const chunk of idChunks(awardIds)) {
      for (const [id, review] of await listAwardReviews(db, chunk)) reviews.set(id, review);
    }
    return awardIds.map((id) => reviews.get(id) ?? null);
  });

  // A page asking a learner's skill states and their progress (the curriculum page) reads
  // their saved tracks once. In a query, where their ledger ends comes with their row: a
  // learner's own pages read it at sign-in (the viewer). A mutation may have recorded events
  // since that read: it reads the end afresh.
  const learnerStates = oncePerLearner(async (learnerId) => {
    const person = operation.readOnly ? await people.load(learnerId) : null;
    return readLearnerStates(deps, learnerId, person?.ledgerEnd);
  });

  // A learner's standing badges, enrolments and unread count, as many as are asked for in one
  // tick (a home asks all three), read together: one statement on PostgreSQL. In a query, what
  // is kept of them is used while their facts stamp (read with their row, at sign-in for the
  // viewer) has not moved; a mutation may have changed them: it reads them afresh.
  const facts = new Map<string, DataLoader<LearnerFactKind, unknown>>();
  const factsOf = (learnerId: string) => {
    let loader = facts.get(learnerId);
    if (loader === undefined) {
      loader = new DataLoader(async (kinds) => {
        const person = operation.readOnly ? await people.load(learnerId) : null;
        const found = await readLearnerFactsKept(deps, learnerId, kinds, person?.factsStamp);
        return kinds.map((kind) => found[kind]);
      });
      facts.set(learnerId, loader);
    }
    return loader;
  };

  return {
    person: (id) => people.load(id),
    activeMemberships: (personId) => memberships.load(personId),
    attendance: (sessionId) => attendance.load(sessionId),
    awardReview: (awardId) => awardReviews.load(awardId),
    // The home asks for next steps and curricula at once: both share one read of the
    // learner's progress, and one of their enrolments.
    learnerStates,
    learnerSnapshot: oncePerLearner((learnerId) =>
      readLearnerSnapshot(
        deps,
        learnerId,
        learnerStates(learnerId),
        factsOf(learnerId).load('standingBadges') as Promise<StandingBadge[]>,
      ),
    ),
    learnerEnrolments: (learnerId) =>
      factsOf(learnerId).load('enrolments') as Promise<LearnerEnrolment[]>,
    unreadNotifications: (personId) =>
      factsOf(personId).load('unreadNotifications') as Promise<number>,
  };
}

/** @returns `read`, run at most once per learner (the request's loaders live one request). */
function oncePerLearner<T>(read: (learnerId: string) => Promise<T>) {
  const reads = new Map<string, Promise<T>>();
  return (learnerId: string): Promise<T> => {
    let found = reads.get(learnerId);
    if (found === undefined) {
      found = read(learnerId);
      reads.set(learnerId, found);
    }
    return found;
  };
}

function invalidToken(): Error {
  const error = new InvalidAccessToken();
  return createGraphQLError(error.message, {
    extensions: { code: error.code, messages: error.messages, http: { status: 401 } },
  });
}
