/**
 * Load on loopback (issue 7): the real server in its own process, 200 signed-in learners and
 * 20 trainers, one autocannon client each, doing what their pages do for a minute — the
 * learners read their home, curriculum, skill and badges pages and hand in text evidence; the
 * trainers read their session, group grid and evidence queue, validate one skill at a time
 * and a whole session at once, which makes learners earn badges. No answer may fail: no
 * non-2xx, no timeout, no GraphQL error, no refusal. Afterwards the database is checked from
 * the test process: the projection is the fold of the ledger, and every badge earned was
 * issued exactly once. p50/p99 and requests per second per kind of operation are printed and
 * written to tests/reliability/results/load.json.
 *
 * People pause between actions — a learner 5 to 15 s (reading a page), a trainer 1 to 3 s —
 * so the load is bounded (about 20 learner and 10 trainer requests a second), and each action
 * goes on a fresh connection (see `pauseBetweenActions`). Without pauses 220 connections
 * would saturate the server's single Node thread, and a saturated Node 20 server stops
 * accepting new connections until the load drops (nodejs/node#57364): people who arrive late
 * would wait for a minute. That overload is not what this test measures.
 *
 * SQLite runs 60 s; PostgreSQL (TEST_DATABASES=sqlite,postgres) runs 45 s to keep the whole
 * reliability suite within its budget. For local runs, LOAD_SECONDS overrides both, and
 * LOAD_PAUSE_FACTOR multiplies the pauses (a machine shared with other work serves less).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkValidateMutation } from '../../client/src/pages/trainer/trainer-queries.ts';
import type { Catalog } from '../../server/app/check-curricula.ts';
import type { Database } from '../../server/db/connection.ts';
import { shippedCurricula } from '../integration/engine/engine-fixture.ts';
import type { DatabaseKind } from '../support/databases.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { postGraphql } from '../support/graphql-client.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { checkConsistency } from './support/consistency.ts';
import {
  learnerRequests,
  skillsBadgesFirst,
  topLevel,
  trainerRequests,
} from './support/load-journeys.ts';
import { LoadRecorder } from './support/load-recorder.ts';
import { pauseBetweenActions } from './support/pause-between-actions.ts';
import { createScratchSite, type ScratchSite } from './support/scratch-site.ts';
import { seedWorkshops, type Workshop } from './support/seed-workshops.ts';

const TRAINERS = 20;
const LEARNERS_PER_TRAINER = 10;
const CURRICULUM = 'seniors-numerique';
const SECONDS: Record<DatabaseKind, number> = { sqlite: 60, postgres: 45 };
/** Pauses between two actions, in milliseconds (uniform between the bounds). */
const LEARNER_PAUSE = [5_000, 15_000] as const;
const TRAINER_PAUSE = [1_000, 3_000] as const;
const RESULTS = new URL('./results/', import.meta.url).pathname;

function durationOn(kind: DatabaseKind): number {
  return positiveNumber(process.env.LOAD_SECONDS) ?? SECONDS[kind];
}

function positiveNumber(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

describe.each(testDatabaseKinds())('the platform under load on %s', (kind) => {
  let site: ScratchSite;
  let server: ServerProcess | undefined;
  let db: Database;
  let catalog: Catalog;
  let workshops: Workshop[];
  /** What the trainers validate during the run, in order: the first one completes a badge. */
  let skills: string[];

  beforeAll(async () => {
    site = await createScratchSite(kind);
    server = await startServerProcess(site.settings);
    db = site.connect();
    catalog = await shippedCurricula();
    ({ workshops } = await seedWorkshops(
      { db, catalog, jwtSecret: site.jwtSecret() },
      {
        workshops: TRAINERS,
        learnersPerWorkshop: LEARNERS_PER_TRAINER,
        curriculumId: CURRICULUM,
        targetSkills: skillsBadgesFirst(catalog, CURRICULUM).slice(0, 5),
        signIn: true,
        label: 'charge',
      },
    ));
    // Every session's first skill is validated before the run, so that the first bulk
    // validation of each trainer during the run completes a badge for everyone present.
    const [first, ...rest] = skillsBadgesFirst(catalog, CURRICULUM);
    for (const workshop of workshops) {
      const body = await postGraphql(
        site.settings.publicUrl,
        BulkValidateMutation.source,
        { sessionId: workshop.sessionId, skillId: first, level: topLevel(catalog, first ?? '') },
        workshop.trainer.token,
      );
      expect(body.data?.bulkValidate).toMatchObject({ __typename: 'BulkValidateSuccess' });
    }
    skills = rest;
  });

  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
    await site?.dispose();
  });

  it('answers 200 learners and 20 trainers without one error, and stays consistent', async () => {
    const seconds = durationOn(kind);
    const recorder = new LoadRecorder();
    // One person per autocannon client: learners first, then trainers.
    const people = [
      ...workshops.flatMap((workshop) =>
        workshop.learners.map((learner) => ({ workshop, learner }) as const),
      ),
      ...workshops.map((workshop) => ({ workshop, learner: undefined }) as const),
    ];
    let next = 0;
    const result = await autocannon({
      url: site.settings.publicUrl,
      connections: people.length,
      duration: seconds,
      timeout: 20,
      setupClient: (client) => {
        const person = people[next++ % people.length];
        if (person === undefined) return;
        const [low, high] = person.learner === undefined ? TRAINER_PAUSE : LEARNER_PAUSE;
        const factor = positiveNumber(process.env.LOAD_PAUSE_FACTOR) ?? 1;
        pauseBetweenActions(client, () => factor * (low + Math.random() * (high - low)));
        client.setRequests(
          person.learner === undefined
            ? trainerRequests(person.workshop, catalog, recorder, { client, skills })
            : learnerRequests(person.learner, person.workshop, recorder, {
                client,
                skills,
                offset: next,
              }),
        );
      },
    });

    const kinds = recorder.summary(seconds);
    const totals = {
      requests: result.requests.total,
      requestsPerSecond: Math.round(result.requests.average),
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
      failedAnswers: recorder.failures.length,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      badgesIssuedByTheApi: recorder.issuedBadges,
    };
    console.log(`\nLoad on ${kind}, ${seconds} s, ${people.length} people (latencies in ms):`);
    console.table(kinds);
    console.table(totals);

    // Let the server finish what it was doing when the clients went away, then read.
    await server?.stop();
    server = undefined;
    const consistency = await checkConsistency(db, catalog);
    const awards = Number(
      ((await db('badgeAwards').count({ n: '*' })) as { n: number | string }[])[0]?.n ?? 0,
    );
    console.table({ ...consistency, problems: consistency.problems.length });
    saveResults(kind, { seconds, people: people.length, totals, kinds, consistency });

    expect(recorder.failures.slice(0, 10)).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 });
    // Every kind of operation ran, and the journeys did make learners earn badges.
    expect(Object.keys(kinds)).toEqual([
      'learner badges',
      'learner curriculum',
      'learner home',
      'learner skill',
      'learner submit evidence',
      'trainer bulk validate',
      'trainer evidence queue',
      'trainer grid',
      'trainer home',
      'trainer session',
      'trainer validate',
    ]);
    expect(recorder.issuedBadges).toBeGreaterThan(0);
    // Answers lost when the clients stopped mid-request may have issued more: never fewer.
    expect(awards).toBeGreaterThanOrEqual(recorder.issuedBadges);
    expect(consistency.problems.slice(0, 20)).toEqual([]);
    expect(consistency.learners).toBe(TRAINERS * LEARNERS_PER_TRAINER);
  });
});

/** Merges this database's figures into results/load.json (ignored by git). */
function saveResults(kind: DatabaseKind, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}load.json`;
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    all = {};
  }
  all[kind] = { ...figures, at: new Date().toISOString(), node: process.version };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
