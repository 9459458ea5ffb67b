import { describe, expect, it } from 'vitest';
import { CycleInSkillGraph, UnknownSkill } from '../../../server/domain/errors.ts';
import {
  buildSkillGraph,
  findCycles,
  requireSkillGraph,
  type SkillNodeInput,
} from '../../../server/domain/skills/skill-graph.ts';
import { buildGraph, buildSkill } from './builders.ts';

/** True when every consecutive pair of the walk is a prerequisite edge and it closes. */
function isClosedWalk(cycle: readonly string[], nodes: readonly SkillNodeInput[]): boolean {
  const edges = new Map<string, readonly string[]>();
  for (const node of nodes) if (!edges.has(node.id)) edges.set(node.id, node.prerequisites);
  if (cycle.length < 2 || cycle[0] !== cycle[cycle.length - 1]) return false;
  return cycle.slice(1).every((to, i) => edges.get(cycle[i] as string)?.includes(to) ?? false);
}

describe('buildSkillGraph', () => {
  it('answers structural queries on a small cross-curriculum graph', () => {
    const graph = buildGraph({
      'seniors/web': [],
      'seniors/mail': ['seniors/web'],
      'identite/compte': ['seniors/web', 'seniors/mail', 'seniors/web'],
      'identite/mot-de-passe': ['identite/compte'],
    });

    expect(graph.size).toBe(4);
    expect(graph.has('identite/compte')).toBe(true);
    expect(graph.has('identite/inconnu')).toBe(false);
    expect(graph.node('identite/compte').curriculumId).toBe('identite');
    // A prerequisite listed twice is one edge.
    expect(graph.prerequisites('identite/compte')).toEqual(['seniors/web', 'seniors/mail']);
    expect(graph.dependents('seniors/web')).toEqual(
      expect.arrayContaining(['seniors/mail', 'identite/compte']),
    );
    expect(graph.dependents('seniors/web')).toHaveLength(2);
    expect(graph.ancestors('identite/mot-de-passe')).toEqual([
      'seniors/web',
      'seniors/mail',
      'identite/compte',
    ]);
    expect(graph.descendants('seniors/web')).toEqual([
      'seniors/mail',
      'identite/compte',
      'identite/mot-de-passe',
    ]);
    expect(graph.ancestors('seniors/web')).toEqual([]);
  });

  it('breaks ties by curriculum, module order, order, then id', () => {
    const nodes = [
      buildSkill('b/x'),
      buildSkill('a/z', [], { moduleOrder: 2, order: 1 }),
      buildSkill('a/y', [], { moduleOrder: 1, order: 2 }),
      buildSkill('a/w', [], { moduleOrder: 1, order: 1 }),
      buildSkill('a/v', [], { moduleOrder: 1, order: 1 }),
    ];
    expect(requireSkillGraph(nodes).topologicalOrder()).toEqual([
      'a/v',
      'a/w',
      'a/y',
      'a/z',
      'b/x',
    ]);
  });

  it('lets a prerequisite from a later curriculum come first only when needed', () => {
    const nodes = [
      buildSkill('a/w', ['b/x'], { order: 1 }),
      buildSkill('a/y', [], { order: 2 }),
      buildSkill('a/z', [], { order: 3 }),
      buildSkill('b/x'),
    ];
    // a/w waits for b/x, so the other a/ skills go first, then b/x unlocks a/w.
    expect(requireSkillGraph(nodes).topologicalOrder()).toEqual(['a/y', 'a/z', 'b/x', 'a/w']);
  });

  it('throws UnknownSkill with a stable code for ids it does not know', () => {
    const graph = buildGraph({ 'c/a': [] });
    expect(() => graph.node('c/nope')).toThrow(UnknownSkill);
    expect(() => graph.ancestors('c/nope')).toThrow(
      expect.objectContaining({ code: 'unknown-skill' }),
    );
  });

  it('reports every problem at once', () => {
    const nodes = [
      buildSkill('c/a', ['c/b']),
      buildSkill('c/b', ['c/c']),
      buildSkill('c/c', ['c/a']),
      buildSkill('c/d', ['c/missing', 'c/d']),
      buildSkill('c/a'),
      buildSkill('c/e', ['c/f']),
      buildSkill('c/f', ['c/e']),
    ];
    const result = buildSkillGraph(nodes);
    if (result.ok) throw new Error('expected problems');
    const kinds = result.problems.map((problem) => problem.kind);
    expect(kinds.filter((kind) => kind === 'cycle')).toHaveLength(2);
    expect(result.problems).toContainEqual({ kind: 'duplicate-skill', skillId: 'c/a', index: 4 });
    expect(result.problems).toContainEqual({
      kind: 'unknown-prerequisite',
      skillId: 'c/d',
      prerequisite: 'c/missing',
      prerequisiteIndex: 0,
    });
    expect(result.problems).toContainEqual({
      kind: 'self-prerequisite',
      skillId: 'c/d',
      prerequisiteIndex: 1,
    });
    for (const problem of result.problems) {
      if (problem.kind === 'cycle') expect(isClosedWalk(problem.cycle, nodes)).toBe(true);
    }
  });

  it('uses the first of two duplicates, so a duplicate cannot hide or invent a cycle', () => {
    const result = buildSkillGraph([
      buildSkill('c/a'),
      buildSkill('c/b', ['c/a']),
      buildSkill('c/a', ['c/b']),
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toEqual([{ kind: 'duplicate-skill', skillId: 'c/a', index: 2 }]);
  });

  it('handles a 20,000-skill chain without recursion (deeper than the call stack)', () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) =>
      buildSkill(`c/s${i}`, i === 0 ? [] : [`c/s${i - 1}`], { order: 20_000 - i }),
    );
    const graph = requireSkillGraph(nodes);
    expect(graph.topologicalOrder()[0]).toBe('c/s0');
    expect(graph.topologicalOrder()[19_999]).toBe('c/s19999');
    expect(graph.ancestors('c/s19999')).toHaveLength(19_999);
    expect(graph.descendants('c/s0')[0]).toBe('c/s1');
  });

  it('requireSkillGraph throws CycleInSkillGraph with the loop in its message', () => {
    const nodes = [buildSkill('c/a', ['c/b']), buildSkill('c/b', ['c/a'])];
    expect(() => requireSkillGraph(nodes)).toThrow(CycleInSkillGraph);
    expect(() => requireSkillGraph(nodes)).toThrow(/c\/a → c\/b → c\/a|c\/b → c\/a → c\/b/);
  });
});

describe('findCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(
      findCycles([
        { id: 'a', prerequisites: [] },
        { id: 'b', prerequisites: ['a', 'x'] },
      ]),
    ).toEqual([]);
  });

  it('reports each loop and each self-loop as a closed walk', () => {
    const nodes = [
      { id: 'a', prerequisites: ['b'] },
      { id: 'b', prerequisites: ['c'] },
      { id: 'c', prerequisites: ['a'] },
      { id: 'd', prerequisites: ['d'] },
      { id: 'e', prerequisites: ['a'] },
    ];
    const cycles = findCycles(nodes);
    expect(cycles).toContainEqual(['d', 'd']);
    expect(cycles).toContainEqual(['a', 'b', 'c', 'a']);
    expect(cycles).toHaveLength(2);
  });

  it('finds a loop closing at the end of a 30,000-node chain', () => {
    const n = 30_000;
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      prerequisites: [`s${(i + 1) % n}`],
    }));
    const [cycle] = findCycles(nodes);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle?.[0]).toBe(cycle?.[n]);
  });
});
