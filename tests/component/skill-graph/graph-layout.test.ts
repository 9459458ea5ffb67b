// @vitest-environment node
/**
 * The layered layout of the skill graph (pure): rows follow prerequisites, boxes never overlap,
 * long arrows bend through waypoints, crossings are reduced, the same input gives the same
 * drawing, and broken input (unknown prerequisites, a cycle) still gives a drawing. Checked on
 * small graphs and on every shipped curriculum.
 */
import { describe, expect, it } from 'vitest';
import {
  countCrossings,
  DEFAULT_LAYOUT,
  type GraphLayout,
  type LayoutSkill,
  layoutSkillGraph,
} from '../../../client/src/pages/curriculum/graph-layout.ts';
import { loadCurriculumFiles } from '../../../curricula/load.ts';

function overlaps(layout: GraphLayout): string[] {
  const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT;
  const found: string[] = [];
  layout.nodes.forEach((a, i) => {
    for (const b of layout.nodes.slice(i + 1)) {
      const apart =
        a.x + nodeWidth <= b.x ||
        b.x + nodeWidth <= a.x ||
        a.y + nodeHeight <= b.y ||
        b.y + nodeHeight <= a.y;
      if (!apart) found.push(`${a.id} × ${b.id}`);
    }
  });
  return found;
}

function layerOf(layout: GraphLayout): Map<string, number> {
  return new Map(layout.nodes.map((n) => [n.id, n.layer]));
}

function expectWellFormed(skills: readonly LayoutSkill[], layout: GraphLayout) {
  const layers = layerOf(layout);
  const ids = new Set(skills.map((s) => s.id));
  expect(layout.nodes.map((n) => n.id)).toEqual(skills.map((s) => s.id));
  for (const skill of skills) {
    const own = skill.prerequisiteIds.filter((p) => ids.has(p));
    // A skill sits exactly one row below its deepest prerequisite; a skill without any is on top.
    const expected = own.length === 0 ? 0 : 1 + Math.max(...own.map((p) => layers.get(p) ?? 0));
    expect(layers.get(skill.id), skill.id).toBe(expected);
  }
  expect(overlaps(layout)).toEqual([]);
  for (const edge of layout.edges) {
    // One point per row from the prerequisite's bottom to the skill's top, always going down.
    const rows = (layers.get(edge.to) ?? 0) - (layers.get(edge.from) ?? 0);
    expect(edge.points).toHaveLength(rows + 1);
    edge.points.slice(1).forEach((point, i) => {
      expect(point.y).toBeGreaterThan(edge.points[i]?.y ?? Number.POSITIVE_INFINITY);
    });
  }
  for (const node of layout.nodes) {
    expect(node.x).toBeGreaterThanOrEqual(0);
    expect(node.x + DEFAULT_LAYOUT.nodeWidth).toBeLessThanOrEqual(layout.width);
    expect(node.y + DEFAULT_LAYOUT.nodeHeight).toBeLessThanOrEqual(layout.height);
  }
}

describe('layoutSkillGraph', () => {
  it('puts each skill one row below its deepest prerequisite, with one arrow per prerequisite', () => {
    const skills: LayoutSkill[] = [
      { id: 'a', prerequisiteIds: [] },
      { id: 'b', prerequisiteIds: ['a'] },
      { id: 'c', prerequisiteIds: ['a', 'b'] },
      { id: 'd', prerequisiteIds: [] },
    ];
    const layout = layoutSkillGraph(skills);
    expectWellFormed(skills, layout);
    expect(Object.fromEntries(layerOf(layout))).toEqual({ a: 0, b: 1, c: 2, d: 0 });
    expect(layout.edges.map((e) => `${e.from}→${e.to}`).sort()).toEqual(['a→b', 'a→c', 'b→c']);
  });

  it('bends an arrow that skips a row through a waypoint beside the skills of that row', () => {
    const skills: LayoutSkill[] = [
      { id: 'a', prerequisiteIds: [] },
      { id: 'b', prerequisiteIds: ['a'] },
      { id: 'c', prerequisiteIds: ['b', 'a'] },
    ];
    const layout = layoutSkillGraph(skills);
    const long = layout.edges.find((e) => e.from === 'a' && e.to === 'c');
    const middle = long?.points[1];
    const b = layout.nodes.find((n) => n.id === 'b');
    expect(long?.points).toHaveLength(3);
    // The waypoint is outside b's box: the arrow does not run through b.
    const insideB =
      middle !== undefined &&
      b !== undefined &&
      middle.x >= b.x &&
      middle.x <= b.x + DEFAULT_LAYOUT.nodeWidth;
    expect(insideB).toBe(false);
  });

  it('reorders rows to remove crossings that the authoring order has', () => {
    // Authoring order puts x above q and y above p: both arrows would cross.
    const skills: LayoutSkill[] = [
      { id: 'x', prerequisiteIds: [] },
      { id: 'y', prerequisiteIds: [] },
      { id: 'p', prerequisiteIds: ['y'] },
      { id: 'q', prerequisiteIds: ['x'] },
    ];
    const authored = countCrossings(
      [
        ['x', 'y'],
        ['p', 'q'],
      ],
      [
        ['y', 'p'],
        ['x', 'q'],
      ],
    );
    expect(authored).toBe(1);
    const layout = layoutSkillGraph(skills);
    const rows = [0, 1].map((layer) =>
      layout.nodes
        .filter((n) => n.layer === layer)
        .sort((a, b) => a.x - b.x)
        .map((n) => n.id),
    );
    expect(
      countCrossings(rows, [
        ['y', 'p'],
        ['x', 'q'],
      ]),
    ).toBe(0);
  });

  it('gives the same drawing for the same input', () => {
    const skills: LayoutSkill[] = [
      { id: 'a', prerequisiteIds: [] },
      { id: 'b', prerequisiteIds: [] },
      { id: 'c', prerequisiteIds: ['a', 'b'] },
      { id: 'd', prerequisiteIds: ['b'] },
      { id: 'e', prerequisiteIds: ['c', 'd', 'a'] },
    ];
    expect(layoutSkillGraph(skills)).toEqual(layoutSkillGraph(skills));
  });

  it('ignores prerequisites from elsewhere and still draws a graph with a cycle', () => {
    const skills: LayoutSkill[] = [
      { id: 'a', prerequisiteIds: ['other-curriculum/x'] },
      { id: 'b', prerequisiteIds: ['c'] },
      { id: 'c', prerequisiteIds: ['b'] },
    ];
    const layout = layoutSkillGraph(skills);
    expect(layout.nodes).toHaveLength(3);
    expect(layout.edges.some((e) => e.from === 'other-curriculum/x')).toBe(false);
    expect(overlaps(layout)).toEqual([]);
  });

  it('draws nothing for an empty curriculum', () => {
    expect(layoutSkillGraph([])).toMatchObject({ nodes: [], edges: [] });
  });

  it('lays out every shipped curriculum with downward arrows and no overlap', async () => {
    const loaded = await loadCurriculumFiles();
    const curricula = loaded.flatMap((file) =>
      file.curriculum === undefined ? [] : [file.curriculum],
    );
    expect(curricula.length).toBeGreaterThanOrEqual(5);
    for (const curriculum of curricula) {
      const qualify = (id: string) => (id.includes('/') ? id : `${curriculum.id}/${id}`);
      const skills = curriculum.skills.map((s) => ({
        id: qualify(s.id),
        prerequisiteIds: s.prerequisites.map(qualify),
      }));
      expectWellFormed(skills, layoutSkillGraph(skills));
    }
  });
});
