/**
 * The learner's data export (GDPR right of access) carries their whole pathway: target jobs,
 * milestones, counsellors, share links with every opening, and the counsellors' notes about
 * them, which the app never shows them but which are their personal data. No share token.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { openShareLink } from '../../../server/app/pathway/share-links.ts';
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

const JWT_SECRET = 'pathway-export-secret-with-enough-entropy-0123456789';

interface PathwayExport {
  targets: { jobId: string; position: number }[];
  milestones: { milestoneId: string; reachedOn: string; setBy: string }[];
  counsellors: { counsellorId: string; name: string }[];
  counsellorNotes: { counsellorId: string; counsellorName: string; text: string }[];
  shareLinks: {
    id: string;
    items: { targets: boolean; milestones: boolean; awardIds: string[] };
    revokedAt: string | null;
    openings: { openedAt: string; userAgent: string }[];
  }[];
}

describe.each(testDatabaseKinds())("the pathway in a learner's data export on %s", (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let admin: Member;
  let counsellor: Member;
  let learner: Member;
  let other: Member;

  const gql = async (source: string, variables: Record<string, unknown>, token: string) => {
    const body = await postGraphql(base, source, variables, token);
    expect(body.errors).toBeUndefined();
    return body;
  };
  const exportOf = async (member: Member) => {
    const text = (await gql('{ myDataExport }', {}, member.token)).data?.myDataExport as string;
    return { text, pathway: (JSON.parse(text) as { pathway: PathwayExport }).pathway };
  };

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, root, ['admin'], 'Admin');
    counsellor = await createMember(accounts, root, ['counsellor'], 'Inès Conseillère');
    learner = await createMember(accounts, root, ['learner'], 'Léa');
    other = await createMember(accounts, root, ['learner'], 'Octave');
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, JWT_SECRET)));
  }, 60_000);
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('holds an empty pathway for a learner who has none', async () => {
    const { pathway } = await exportOf(learner);
    expect(pathway).toEqual({
      targets: [],
      milestones: [],
      counsellors: [],
      counsellorNotes: [],
      shareLinks: [],
    });
  });

  it('holds targets, milestones, counsellors, notes and share links with their openings', async () => {
    await gql(
      'mutation { setTargetJobs(jobIds: ["assistant-administratif", "mediateur-numerique"]) { __typename } }',
      {},
      learner.token,
    );
    await gql(
      'mutation { setMilestone(milestoneId: "projet-professionnel-defini", reachedOn: "2026-02-01") { __typename } }',
      {},
      learner.token,
    );
    await gql(
      'mutation($c: ID!, $l: ID!) { followLearner(counsellorId: $c, learnerId: $l) { __typename } }',
      { c: counsellor.personId, l: learner.personId },
      admin.token,
    );
    await gql(
      'mutation($l: ID!) { setMilestone(learnerId: $l, milestoneId: "cv-pret", reachedOn: "2026-03-01") { __typename } }',
      { l: learner.personId },
      counsellor.token,
    );
    for (const [who, text] of [
      [learner, 'Note sur Léa : aisance à l’oral'],
      [other, 'Note sur Octave : à relancer'],
    ] as const) {
      if (who === other) {
        await gql(
          'mutation($c: ID!, $l: ID!) { followLearner(counsellorId: $c, learnerId: $l) { __typename } }',
          { c: counsellor.personId, l: other.personId },
          admin.token,
        );
      }
      await gql(
        'mutation($l: ID!, $t: String!) { addCounsellorNote(learnerId: $l, text: $t) { __typename } }',
        { l: who.personId, t: text },
        counsellor.token,
      );
    }
    const created = await gql(
      `mutation { createShareLink(input: { targets: true, milestones: true, awardIds: [] }) {
        __typename ... on CreateShareLinkSuccess { url link { id } } } }`,
      {},
      learner.token,
    );
    const share = created.data?.createShareLink as { url: string; link: { id: string } };
    const token = new URL(share.url).pathname.split('/').pop() as string;
    const opened = await openShareLink(
      { db: engine.db, catalog: engine.catalog, clock: engine.clock },
      token,
      'Mozilla/5.0 (iPhone) Firefox/120.0',
    );
    expect(opened.status).toBe('ok');

    const { text, pathway } = await exportOf(learner);
    expect(pathway.targets).toEqual([
      expect.objectContaining({ jobId: 'assistant-administratif', position: 0 }),
      expect.objectContaining({ jobId: 'mediateur-numerique', position: 1 }),
    ]);
    expect(pathway.milestones).toEqual([
      expect.objectContaining({
        milestoneId: 'projet-professionnel-defini',
        reachedOn: '2026-02-01',
        setBy: 'self',
      }),
      expect.objectContaining({
        milestoneId: 'cv-pret',
        reachedOn: '2026-03-01',
        setBy: 'Inès Conseillère',
      }),
    ]);
    expect(pathway.counsellors).toEqual([
      expect.objectContaining({ counsellorId: counsellor.personId, name: 'Inès Conseillère' }),
    ]);
    expect(pathway.counsellorNotes).toEqual([
      expect.objectContaining({
        counsellorId: counsellor.personId,
        counsellorName: 'Inès Conseillère',
        text: 'Note sur Léa : aisance à l’oral',
      }),
    ]);
    expect(pathway.shareLinks).toEqual([
      expect.objectContaining({
        id: share.link.id,
        items: { targets: true, milestones: true, awardIds: [] },
        revokedAt: null,
        openings: [expect.objectContaining({ userAgent: 'Firefox · mobile' })],
      }),
    ]);
    // Nobody else's notes, and the link's token is not stored so it cannot leak.
    expect(text).not.toContain('Octave');
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/tokenHash/);

    const theirs = await exportOf(other);
    expect(theirs.pathway.counsellorNotes.map((note) => note.text)).toEqual([
      'Note sur Octave : à relancer',
    ]);
    expect(theirs.text).not.toContain('Léa');
  });
});
