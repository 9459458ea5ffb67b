import { beforeAll, describe, expect, it } from 'vitest';
import type { Alignment, Curriculum } from '../../../curricula/schema.ts';
import { type Catalog, checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { evaluateBadge } from '../../../server/domain/criteria/evaluate-criteria.ts';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import { foldSkillStates } from '../../../server/domain/progress/skill-states.ts';
import { KNOWN_CODES, KNOWN_ESCO_URIS } from '../../support/framework-codes.ts';

let catalog: Catalog;
const byId = (id: string): Curriculum => {
  const curriculum = catalog.curricula.find((c) => c.id === id);
  if (!curriculum) throw new Error(`no curriculum ${id}`);
  return curriculum;
};

beforeAll(async () => {
  const result = await checkCurriculaFolder();
  expect(result.problems).toEqual([]);
  if (!result.ok) throw new Error('the shipped curricula have problems');
  catalog = result.catalog;
});

describe('the shipped curricula', () => {
  it.each([
    ['coding-kids', 15, 4],
    ['identite-numerique', 15, 4],
    ['seniors-numerique', 20, 5],
    ['bafa', 15, 4],
    ['parcours-emploi', 15, 4],
  ])('%s has at least %i skills and %i badges', (id, skills, badges) => {
    const curriculum = byId(id);
    expect(curriculum.skills.length).toBeGreaterThanOrEqual(skills);
    expect(curriculum.badges.length).toBeGreaterThanOrEqual(badges);
  });

  it('form one acyclic graph with real cross-curriculum prerequisites', () => {
    const order = catalog.graph.topologicalOrder();
    expect(order).toHaveLength(catalog.curricula.reduce((n, c) => n + c.skills.length, 0));
    const position = new Map(order.map((id, i) => [id, i]));
    for (const id of order) {
      for (const prerequisite of catalog.graph.prerequisites(id)) {
        expect(position.get(prerequisite)).toBeLessThan(position.get(id) ?? -1);
      }
    }
    expect(catalog.graph.prerequisites('identite-numerique/creer-un-compte')).toContain(
      'seniors-numerique/naviguer-sur-le-web',
    );
    expect(catalog.graph.ancestors('parcours-emploi/profil-professionnel-en-ligne')).toContain(
      'identite-numerique/soigner-son-e-reputation',
    );
  });

  it('align only to framework codes and ESCO URIs verified in the reference', () => {
    const alignments: { where: string; alignment: Alignment }[] = catalog.curricula.flatMap((c) => [
      ...c.skills.flatMap((s) =>
        s.alignments.map((a) => ({ where: `${c.id}/${s.id}`, alignment: a })),
      ),
      ...c.badges.flatMap((b) =>
        b.alignments.map((a) => ({ where: `${c.id}/${b.id}`, alignment: a })),
      ),
    ]);
    expect(alignments.length).toBeGreaterThan(20);
    const invented = alignments.filter(({ alignment }) =>
      alignment.framework === 'ESCO'
        ? !KNOWN_ESCO_URIS.has(alignment.url)
        : !KNOWN_CODES[alignment.framework]?.has(alignment.code ?? ''),
    );
    expect(invented).toEqual([]);
  });

  it('align digital identity to DigComp 2.6 and 4.2 and to Pix 2.4 and 4.2', () => {
    const codes = new Set(
      byId('identite-numerique').skills.flatMap((s) =>
        s.alignments.map((a) => `${a.framework} ${a.code ?? a.url}`),
      ),
    );
    for (const code of ['DigComp 2.6', 'DigComp 4.2', 'Pix 2.4', 'Pix 4.2'])
      expect(codes).toContain(code);
  });

  it('leave the BAFA decision to a jury, after the three steps in order', () => {
    const bafa = byId('bafa');
    const jury = bafa.skills.filter((s) => s.validation.methods.includes('jury'));
    expect(jury.length).toBeGreaterThanOrEqual(1);
    for (const skill of jury) expect(skill.validation.selfAssessment).toBe(false);
    const juryId = `bafa/${jury[0]?.id}`;
    // The jury comes after every step: at least three ancestors chained in sequence.
    expect(catalog.graph.ancestors(juryId).length).toBeGreaterThanOrEqual(3);
  });

  it('make every badge reachable: validating every skill at its highest level earns them all', () => {
    const events: ProgressEvent[] = catalog.graph.topologicalOrder().map((skillId, i) => ({
      type: 'skill-validated',
      id: `e${i}`,
      learnerId: 'learner',
      skillId,
      at: '2026-01-01T10:00:00.000Z',
      by: 'trainer',
      ...(catalog.graph.node(skillId).levelCount > 0
        ? { level: catalog.graph.node(skillId).levelCount }
        : {}),
    }));
    const states = foldSkillStates(catalog.graph, events, { now: '2026-02-01T10:00:00.000Z' });
    const badges = new Map(catalog.badges.map((b) => [b.id, b]));
    for (const badge of catalog.badges) {
      const report = evaluateBadge(badge.id, badges, states);
      expect({ badge: badge.id, eligible: report.eligible }).toEqual({
        badge: badge.id,
        eligible: true,
      });
      expect(report.percent).toBe(100);
    }
  });

  it('give every badge a capstone path: each curriculum stacks at least one badge of badges', () => {
    for (const curriculum of catalog.curricula) {
      const stacks = curriculum.badges.some((b) => JSON.stringify(b.criteria).includes('"badge"'));
      expect({ curriculum: curriculum.id, stacks }).toEqual({
        curriculum: curriculum.id,
        stacks: true,
      });
    }
  });
});
