/**
 * The catalog as the admin's curricula overview reads it: each badge's criteria skills and
 * alignments, each skill's alignments, exactly as the curriculum files state them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleLeaves } from '../../../server/domain/criteria/criteria-rule.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import { graphqlDepsOf, postGraphql, serveGraphql } from '../../support/graphql-client.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

interface AlignmentView {
  framework: string;
  code: string | null;
  name: string;
  url: string;
}

const QUERY = `{
  curricula {
    id
    skills { id alignments { framework code name url } }
    badges { id criteriaSkillIds alignments { framework code name url } }
  }
}`;

describe.each(testDatabaseKinds())('badge criteria and alignments in GraphQL on %s', (kind) => {
  let engine: EngineFixture;
  let base: string;
  let server: Awaited<ReturnType<typeof serveGraphql>>['server'] | undefined;
  let curricula: {
    id: string;
    skills: { id: string; alignments: AlignmentView[] }[];
    badges: { id: string; criteriaSkillIds: string[]; alignments: AlignmentView[] }[];
  }[];

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    ({ base, server } = await serveGraphql(graphqlDepsOf(engine, 'catalog-test-secret')));
    const body = await postGraphql(base, QUERY);
    expect(body.errors).toBeUndefined();
    curricula = body.data?.curricula as typeof curricula;
  });
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it("lists each badge's criteria skills as its rule names them, all of them real skills", () => {
    const allSkills = new Set(curricula.flatMap((c) => c.skills.map((s) => s.id)));
    for (const definition of engine.catalog.badges) {
      const badge = curricula.flatMap((c) => c.badges).find((b) => b.id === definition.id);
      const expected = [
        ...new Set(
          ruleLeaves(definition.criteria).flatMap((l) => (l.kind === 'skill' ? [l.skillId] : [])),
        ),
      ];
      expect(badge?.criteriaSkillIds, definition.id).toEqual(expected);
      for (const skillId of expected) expect(allSkills.has(skillId), skillId).toBe(true);
    }
  });

  it('gives the alignments the curriculum files state, ESCO by URI without a code', () => {
    const badgeAlignments = curricula.flatMap((c) => c.badges.flatMap((b) => b.alignments));
    const skillAlignments = curricula.flatMap((c) => c.skills.flatMap((s) => s.alignments));
    const all = [...badgeAlignments, ...skillAlignments];
    expect(all.length).toBeGreaterThan(10);
    for (const alignment of all) {
      expect(alignment.url).toMatch(/^https?:\/\//);
      if (alignment.framework === 'ESCO') {
        expect(alignment.url).toMatch(/^http:\/\/data\.europa\.eu\/esco\//);
        expect(alignment.code).toBeNull();
      } else {
        expect(alignment.code).not.toBeNull();
      }
    }
    const source = engine.catalog.curricula.flatMap((c) =>
      c.skills.flatMap((s) => s.alignments.map((a) => a.url)),
    );
    expect(skillAlignments.map((a) => a.url).sort()).toEqual([...source].sort());
  });
});
