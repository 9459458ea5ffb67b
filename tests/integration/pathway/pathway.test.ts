/**
 * The employment pathway through the real GraphQL API and the real share-link route: a badge
 * issued updates the feed and gap analysis with no manual step, a counsellor reads only the
 * learners they follow, notes never reach the learner or a share, share links expire and are
 * revoked (410), and openings are logged.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { createShareLinksRouter } from '../../../server/http/routes/share-links.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'pathway-secret-with-enough-entropy-0123456789abcdef';
const MESSAGERIE = [
  'seniors-numerique/allumer-son-appareil',
  'seniors-numerique/utiliser-l-ecran-tactile',
  'seniors-numerique/se-connecter-au-wifi',
];

const MY_PATHWAY = `query {
  myPathway {
    targets { job { id } gap { requiredCovered requiredTotal skillsToLearn badges { badgeId covered } } }
    badges { badgeId }
    milestones { milestoneId reachedOn }
  }
}`;

describe.each(testDatabaseKinds())('the employment pathway on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let shareServer: Server | undefined;
  let base: string;
  let shareBase: string;
  let admin: Member;
  let trainer: Member;
  let counsellor: Member;
  let learner: Member;

  const gql = (source: string, variables: Record<string, unknown>, token: string) =>
    postGraphql(base, source, variables, token);

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, root, ['admin'], 'Admin');
    trainer = await createMember(accounts, root, ['trainer'], 'Trainer');
    counsellor = await createMember(accounts, root, ['counsellor'], 'Conseillère');
    learner = await createMember(accounts, root, ['learner'], 'Léa');
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
    const app = express();
    app.use(
      createShareLinksRouter({ db: engine.db, catalog: engine.catalog, clock: engine.clock }),
    );
    shareServer = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => shareServer?.once('listening', resolve));
    shareBase = `http://127.0.0.1:${(shareServer.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await closeServer(server);
    await closeServer(shareServer);
    await engine?.dispose();
  });

  it('refuses an unknown job with a typed error and writes nothing', async () => {
    const body = await gql(
      `mutation { setTargetJobs(jobIds: ["astronaute"]) { __typename ... on LocalizedError { code } } }`,
      {},
      learner.token,
    );
    expect(body.data?.setTargetJobs).toEqual({
      __typename: 'UnknownJobProfile',
      code: 'unknown-job-profile',
    });
    expect(await engine.count('pathway_targets')).toBe(0);
  });

  it('updates the feed and the gap analysis when a badge is issued, with no manual step', async () => {
    await gql(
      `mutation { setTargetJobs(jobIds: ["assistant-administratif"]) { __typename } }`,
      {},
      learner.token,
    );
    const before = (await gql(MY_PATHWAY, {}, learner.token)).data?.myPathway as {
      targets: {
        gap: { skillsToLearn: string[]; badges: { badgeId: string; covered: boolean }[] };
      }[];
      badges: unknown[];
    };
    const messagerieBefore = before.targets[0]?.gap.badges.find(
      (b) => b.badgeId === 'seniors-numerique/messagerie',
    );
    expect(messagerieBefore?.covered).toBe(false);
    for (const skillId of MESSAGERIE) {
      expect(before.targets[0]?.gap.skillsToLearn).toContain(skillId);
    }
    for (const skillId of MESSAGERIE) {
      await engine.record({
        learnerId: learner.personId,
        skillId,
        type: 'skill-validated',
        actorId: trainer.personId,
      });
    }
    const after = (await gql(MY_PATHWAY, {}, learner.token)).data?.myPathway as typeof before;
    expect(after.badges).toContainEqual({ badgeId: 'seniors-numerique/premiers-pas' });
    for (const skillId of MESSAGERIE) {
      expect(after.targets[0]?.gap.skillsToLearn).not.toContain(skillId);
    }
  });

  it('lets a counsellor read only a learner they follow, with notes the learner never sees', async () => {
    const read = `query($id: ID!) { learnerPathway(learnerId: $id) {
      __typename ... on CounselledPathway { notes { text } } } }`;
    const refused = await gql(read, { id: learner.personId }, counsellor.token);
    expect(refused.data?.learnerPathway).toMatchObject({ __typename: 'Forbidden' });

    const follow = await gql(
      `mutation($c: ID!, $l: ID!) { followLearner(counsellorId: $c, learnerId: $l) { __typename } }`,
      { c: counsellor.personId, l: learner.personId },
      admin.token,
    );
    expect(follow.data?.followLearner).toEqual({ __typename: 'CounsellorFollow' });
    const note = await gql(
      `mutation($l: ID!) { addCounsellorNote(learnerId: $l, text: "Note privée : confiance à travailler") { __typename } }`,
      { l: learner.personId },
      counsellor.token,
    );
    expect(note.data?.addCounsellorNote).toEqual({ __typename: 'CounsellorNoteAdded' });
    const allowed = await gql(read, { id: learner.personId }, counsellor.token);
    expect(allowed.data?.learnerPathway).toEqual({
      __typename: 'CounselledPathway',
      notes: [{ text: 'Note privée : confiance à travailler' }],
    });
    const own = await gql(MY_PATHWAY, {}, learner.token);
    expect(JSON.stringify(own)).not.toContain('Note privée');

    const milestone = await gql(
      `mutation($l: ID!) { setMilestone(learnerId: $l, milestoneId: "cv-pret", reachedOn: "2026-03-01") { __typename } }`,
      { l: learner.personId },
      counsellor.token,
    );
    expect(milestone.data?.setMilestone).toEqual({ __typename: 'PathwayChanged' });
  });

  it('shares chosen items, logs openings, expires and revokes links (410)', async () => {
    const created = await gql(
      `mutation { createShareLink(input: { targets: true, milestones: true, awardIds: [], days: 2 }) {
        __typename ... on CreateShareLinkSuccess { url link { id } } } }`,
      {},
      learner.token,
    );
    const result = created.data?.createShareLink as { url: string; link: { id: string } };
    const path = new URL(result.url).pathname;
    const page = await fetch(`${shareBase}${path}`, {
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Firefox/120.0' },
    });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    const text = await page.text();
    expect(text).toContain('Assistant ou assistante administrative');
    expect(text).toContain('CV prêt');
    expect(text).not.toContain('Note privée');
    expect(text).not.toContain(learner.email);

    const json = await fetch(`${shareBase}${path}`, { headers: { accept: 'application/json' } });
    expect(JSON.stringify(await json.json())).not.toContain('Note privée');

    const links = await gql(
      'query { myShareLinks { link { id } openings { userAgent } } }',
      {},
      learner.token,
    );
    const listed = links.data?.myShareLinks as {
      link: { id: string };
      openings: { userAgent: string }[];
    }[];
    expect(listed.map((l) => l.link.id)).toEqual([result.link.id]);
    // Two openings, each with a coarse user agent only.
    expect(listed[0]?.openings.map((o) => o.userAgent).sort()).toEqual([
      'Firefox · mobile',
      'autre · ordinateur',
    ]);

    const now = engine.clock();
    engine.clock.tick(3 * 24 * 60);
    expect((await fetch(`${shareBase}${path}`)).status).toBe(410);
    // Back to now, so the access tokens of the suite are valid again.
    engine.clock.set(now);

    const second = await gql(
      `mutation { createShareLink(input: { targets: false, milestones: true, awardIds: [] }) {
        ... on CreateShareLinkSuccess { url link { id } } } }`,
      {},
      learner.token,
    );
    const live = second.data?.createShareLink as { url: string; link: { id: string } };
    const livePath = new URL(live.url).pathname;
    expect((await fetch(`${shareBase}${livePath}`)).status).toBe(200);
    await gql(
      'mutation($id: ID!) { revokeShareLink(id: $id) { __typename } }',
      { id: live.link.id },
      learner.token,
    );
    const gone = await fetch(`${shareBase}${livePath}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('retiré');
    expect((await fetch(`${shareBase}/partage/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
  });

  it('refuses a share with nothing in it, writing nothing', async () => {
    const before = await engine.count('share_links');
    const body = await gql(
      `mutation { createShareLink(input: { targets: false, milestones: false, awardIds: [] }) {
        __typename ... on LocalizedError { code } } }`,
      {},
      learner.token,
    );
    expect(body.data?.createShareLink).toEqual({
      __typename: 'InvalidShareRequest',
      code: 'invalid-share-request',
    });
    expect(await engine.count('share_links')).toBe(before);
  });
});
