/**
 * What each connection of the load test does, as autocannon request lists: one signed-in
 * person per connection, looping over the operations their pages send — the web client's own
 * GraphQL documents, imported from `client/src` — with variables chosen from what the earlier
 * answers said (people's pauses between actions: `pause-between-actions.ts`). Every answer is
 * checked (HTTP 200, no GraphQL `errors`, the success member of typed unions) and timed per
 * kind of operation (`load-recorder.ts`).
 */
import type autocannon from 'autocannon';
import { BadgesQuery } from '../../../client/src/pages/badges/badge-queries.ts';
import { CurriculumQuery } from '../../../client/src/pages/curriculum/curriculum-queries.ts';
import { HomeQuery } from '../../../client/src/pages/home/home-queries.ts';
import {
  SkillQuery,
  SubmitEvidenceMutation,
} from '../../../client/src/pages/skill/skill-queries.ts';
import {
  BulkValidateMutation,
  SessionContextQuery,
  SessionQuery,
  TrainerHomeQuery,
  ValidateSkillMutation,
  ValidationQueueQuery,
} from '../../../client/src/pages/trainer/trainer-queries.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import type { CriteriaRule } from '../../../server/domain/criteria/criteria-rule.ts';
import type { LoadRecorder } from './load-recorder.ts';
import type { CastMember, Workshop } from './seed-workshops.ts';

/** One operation of a journey: its document, its variables now, and what its answer must be. */
interface Step {
  kind: string;
  source: string;
  variables(): Record<string, unknown>;
  /** @returns what is wrong with `data`, or undefined; may remember what the answer says. */
  check(data: Record<string, unknown>): string | undefined;
}

type Data = Record<string, unknown>;

const typename = (value: unknown): unknown => (value as { __typename?: unknown })?.__typename;

/**
 * Turns steps into autocannon requests for one person: a JSON POST to /graphql with their
 * token; latency is recorded through the client's `response` event, which autocannon emits
 * right after the request's `onResponse`.
 */
function requestsOf(
  client: autocannon.Client,
  token: string,
  steps: readonly Step[],
  recorder: LoadRecorder,
): autocannon.Request[] {
  let lastKind = '';
  client.on('response', (_status: number, _bytes: number, milliseconds: number) => {
    recorder.record(lastKind, milliseconds);
  });
  return steps.map((step) => ({
    method: 'POST',
    path: '/graphql',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({ query: step.source, variables: step.variables() }),
    }),
    onResponse: (status, body) => {
      lastKind = step.kind;
      if (status !== 200) return recorder.fail(step.kind, `HTTP ${status}: ${body}`);
      let parsed: { data?: Data | null; errors?: unknown[] };
      try {
        parsed = JSON.parse(body) as typeof parsed;
      } catch {
        return recorder.fail(step.kind, `not JSON: ${body}`);
      }
      if (parsed.errors !== undefined) {
        return recorder.fail(step.kind, `errors: ${JSON.stringify(parsed.errors)}`);
      }
      if (parsed.data === undefined || parsed.data === null) {
        return recorder.fail(step.kind, `no data: ${body}`);
      }
      let problem: string | undefined;
      try {
        problem = step.check(parsed.data);
      } catch (error) {
        problem = `${(error as Error).message} in ${JSON.stringify(parsed.data).slice(0, 300)}`;
      }
      if (problem !== undefined) recorder.fail(step.kind, problem);
    },
  }));
}

/**
 * The skills of a curriculum in the order that earns its badges soonest: badges needing the
 * fewest skills first, the skills each one's criteria name (for "at least n of", the first n),
 * then the curriculum's other skills.
 */
export function skillsBadgesFirst(catalog: Catalog, curriculumId: string): string[] {
  const needed = (rule: CriteriaRule): string[] => {
    if ('skill' in rule) return [rule.skill];
    if ('badge' in rule) {
      const badge = catalog.badges.find((b) => b.id === rule.badge);
      return badge === undefined ? [] : needed(badge.criteria);
    }
    if ('allOf' in rule) return rule.allOf.flatMap(needed);
    return rule.of.slice(0, rule.atLeast).flatMap(needed);
  };
  const badges = catalog.badges
    .filter((b) => b.curriculumId === curriculumId)
    .map((b) => [...new Set(needed(b.criteria))])
    .sort((a, b) => a.length - b.length);
  const all = curriculumSkills(catalog, curriculumId);
  return [...new Set([...badges.flat().filter((id) => all.includes(id)), ...all])];
}

/** The highest level of a skill (validations give it), or null for a skill without levels. */
export function topLevel(catalog: Catalog, skillId: string): number | null {
  return indexCatalog(catalog).skill(skillId)?.skill.levels?.length ?? null;
}

/** The global ids of a curriculum's skills, in authoring order. */
export function curriculumSkills(catalog: Catalog, curriculumId: string): string[] {
  const curriculum = catalog.curricula.find((c) => c.id === curriculumId);
  if (curriculum === undefined) throw new Error(`no curriculum ${curriculumId}`);
  return curriculum.skills.map((skill) => `${curriculumId}/${skill.id}`);
}

/**
 * A learner's loop: home, curriculum page, skill page, badges, then a text evidence for the
 * next of `skills` (each learner starting `offset` skills along).
 */
export function learnerRequests(
  learner: CastMember,
  workshop: Workshop,
  recorder: LoadRecorder,
  journey: { client: autocannon.Client; skills: readonly string[]; offset: number },
): autocannon.Request[] {
  const { client, skills, offset } = journey;
  let submissions = 0;
  const curriculumId = workshop.curriculumId;
  const steps: Step[] = [
    {
      kind: 'learner home',
      source: HomeQuery.source,
      variables: () => ({}),
      check: (data) =>
        Array.isArray(data.myEnrolments) && data.myEnrolments.length > 0
          ? undefined
          : `no enrolment: ${JSON.stringify(data)}`,
    },
    {
      kind: 'learner curriculum',
      source: CurriculumQuery.source,
      variables: () => ({ curriculumId }),
      check: (data) => (Array.isArray(data.mySkillStates) ? undefined : 'no mySkillStates'),
    },
    {
      kind: 'learner skill',
      source: SkillQuery.source,
      variables: () => ({ curriculumId }),
      check: (data) => (Array.isArray(data.curricula) ? undefined : 'no curricula'),
    },
    {
      kind: 'learner badges',
      source: BadgesQuery.source,
      variables: () => ({}),
      check: (data) => (Array.isArray(data.myBadges) ? undefined : 'no myBadges'),
    },
    {
      kind: 'learner submit evidence',
      source: SubmitEvidenceMutation.source,
      variables: () => {
        submissions += 1;
        return {
          skillId: skills[(offset + submissions) % skills.length],
          text: `Preuve n°${submissions} : je l'ai fait devant ma voisine.`,
          url: null,
          file: null,
        };
      },
      check: (data) =>
        typename(data.submitEvidence) === 'SubmitEvidenceSuccess'
          ? undefined
          : `refused: ${JSON.stringify(data.submitEvidence)}`,
    },
  ];
  return requestsOf(client, learner.token ?? '', steps, recorder);
}

interface QueueAnswer {
  __typename: string;
  requests?: { learnerId: string; skillId: string }[];
}

interface IssuingAnswer {
  __typename: string;
  issuedBadges?: unknown[];
  results?: { outcome: string; issuedBadges: unknown[] }[];
}

/**
 * A trainer's loop: home, the session, a bulk validation of the next of `skills` for everyone
 * present, the group grid, the evidence queue, and one validation (the oldest submission, else
 * the next learner on the next skill).
 */
export function trainerRequests(
  workshop: Workshop,
  catalog: Catalog,
  recorder: LoadRecorder,
  journey: { client: autocannon.Client; skills: readonly string[] },
): autocannon.Request[] {
  const { client, skills } = journey;
  let queued: { learnerId: string; skillId: string }[] = [];
  let singles = 0;
  let bulks = 0;
  const steps: Step[] = [
    {
      kind: 'trainer home',
      source: TrainerHomeQuery.source,
      variables: () => ({}),
      check: (data) =>
        typename(data.validationQueue) === 'ValidationQueue' &&
        Array.isArray(data.todaySessions) &&
        data.todaySessions.length > 0
          ? undefined
          : `unexpected home: ${JSON.stringify(data).slice(0, 300)}`,
    },
    {
      kind: 'trainer session',
      source: SessionQuery.source,
      variables: () => ({ id: workshop.sessionId }),
      check: (data) =>
        typename(data.workshopSession) === 'WorkshopSession'
          ? undefined
          : `refused: ${JSON.stringify(data.workshopSession)}`,
    },
    {
      kind: 'trainer bulk validate',
      source: BulkValidateMutation.source,
      variables: () => {
        const skillId = skills[bulks % skills.length] ?? '';
        bulks += 1;
        return { sessionId: workshop.sessionId, skillId, level: topLevel(catalog, skillId) };
      },
      check: (data) => {
        const answer = data.bulkValidate as IssuingAnswer;
        if (answer.__typename !== 'BulkValidateSuccess')
          return `refused: ${JSON.stringify(answer)}`;
        const results = answer.results ?? [];
        if (results.length !== workshop.learners.length) {
          return `${results.length} results for ${workshop.learners.length} learners present`;
        }
        const failed = results.filter((r) => r.outcome !== 'VALIDATED');
        if (failed.length > 0) return `not validated: ${JSON.stringify(failed)}`;
        for (const result of results) recorder.issuedBadges += result.issuedBadges.length;
        return undefined;
      },
    },
    {
      kind: 'trainer grid',
      source: SessionContextQuery.source,
      variables: () => ({
        groupId: workshop.groupId,
        curriculumId: workshop.curriculumId,
        withGrid: true,
      }),
      check: (data) =>
        typename(data.group) === 'Group' && typename(data.progressGrid) === 'ProgressGrid'
          ? undefined
          : `refused: ${JSON.stringify([data.group, data.progressGrid]).slice(0, 300)}`,
    },
    {
      kind: 'trainer evidence queue',
      source: ValidationQueueQuery.source,
      variables: () => ({}),
      check: (data) => {
        const queue = data.validationQueue as QueueAnswer;
        if (queue.__typename !== 'ValidationQueue') return `refused: ${JSON.stringify(queue)}`;
        queued = queue.requests ?? [];
        return undefined;
      },
    },
    {
      kind: 'trainer validate',
      source: ValidateSkillMutation.source,
      variables: () => {
        singles += 1;
        const learners = workshop.learners;
        const next = queued.shift() ?? {
          learnerId: learners[singles % learners.length]?.personId ?? '',
          skillId: skills[singles % skills.length] ?? '',
        };
        return {
          input: {
            learnerId: next.learnerId,
            skillId: next.skillId,
            level: topLevel(catalog, next.skillId),
            sessionId: workshop.sessionId,
          },
        };
      },
      check: (data) => {
        const answer = data.validateSkill as IssuingAnswer;
        if (answer.__typename !== 'ValidateSkillSuccess')
          return `refused: ${JSON.stringify(answer)}`;
        recorder.issuedBadges += answer.issuedBadges?.length ?? 0;
        return undefined;
      },
    },
  ];
  return requestsOf(client, workshop.trainer.token ?? '', steps, recorder);
}
