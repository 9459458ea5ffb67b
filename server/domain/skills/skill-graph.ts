/**
 * The skill graph: every skill of every curriculum, linked by prerequisites (which may cross
 * curricula). Built once from parsed curricula, then queried many times, so every index
 * (ids → positions, dependents, topological order) is computed up front and transitive
 * queries are memoised.
 *
 * Edges point from a skill to its prerequisites: a cycle `['a', 'b', 'a']` reads
 * "a requires b, b requires a".
 */
import { CycleInSkillGraph, InvalidSkillGraph, UnknownSkill } from '../errors.ts';
import { MinHeap } from './min-heap.ts';
import {
  type Adjacency,
  cycleThrough,
  stronglyConnectedComponents,
} from './strongly-connected-components.ts';

export interface SkillNodeInput {
  /** Global id, `<curriculum>/<skill>`. */
  id: string;
  /** Global ids of the skills to validate first. */
  prerequisites: readonly string[];
  /** How many proficiency levels the skill has; 0 when it has none. */
  levelCount: number;
  curriculumId: string;
  module: string;
  /** Position inside the module, from 1. */
  order: number;
  /** Position of the module inside its curriculum. */
  moduleOrder: number;
}

export type GraphProblem =
  | { kind: 'duplicate-skill'; skillId: string; index: number }
  | {
      kind: 'unknown-prerequisite';
      skillId: string;
      prerequisite: string;
      prerequisiteIndex: number;
    }
  | { kind: 'self-prerequisite'; skillId: string; prerequisiteIndex: number }
  | { kind: 'cycle'; cycle: string[] };

export interface SkillGraph {
  readonly size: number;
  has(id: string): boolean;
  /** @throws UnknownSkill */
  node(id: string): SkillNodeInput;
  /** Direct prerequisites, in authoring order, without repeats. @throws UnknownSkill */
  prerequisites(id: string): readonly string[];
  /** Direct dependents, in topological order. @throws UnknownSkill */
  dependents(id: string): readonly string[];
  /** Every transitive prerequisite, in topological order, excluding `id`. @throws UnknownSkill */
  ancestors(id: string): readonly string[];
  /** Every transitive dependent, in topological order, excluding `id`. @throws UnknownSkill */
  descendants(id: string): readonly string[];
  /** Kahn's order, ties broken by (curriculumId, moduleOrder, order, id). */
  topologicalOrder(): readonly string[];
}

/** The least a cycle search needs: ids and the ids each one points to. */
export interface DirectedNodeInput {
  readonly id: string;
  readonly prerequisites: readonly string[];
}

/**
 * Checks skills and builds the graph, reporting every problem at once so an author fixes a
 * curriculum in one pass rather than one error per run.
 *
 * Self-prerequisites are reported as `self-prerequisite` only (not also as a one-node
 * cycle), and cycles are searched on the skills that remain after dropping duplicates and
 * unknown prerequisites, so each mistake is reported once.
 *
 * @param nodes every skill of every curriculum; the first of two skills with the same id wins.
 * @returns the graph, or every duplicate, unknown prerequisite, self-prerequisite and cycle.
 */
export function buildSkillGraph(
  nodes: readonly SkillNodeInput[],
): { ok: true; graph: SkillGraph } | { ok: false; problems: GraphProblem[] } {
  const problems: GraphProblem[] = [];
  const { kept, indexOf } = dropDuplicates(nodes, (skillId, index) =>
    problems.push({ kind: 'duplicate-skill', skillId, index }),
  );

  const prerequisites = toAdjacency(
    kept,
    indexOf,
    (node, self, prerequisite, prerequisiteIndex) => {
      const target = indexOf.get(prerequisite);
      if (target === undefined) {
        problems.push({
          kind: 'unknown-prerequisite',
          skillId: node.id,
          prerequisite,
          prerequisiteIndex,
        });
        return false;
      }
      if (target !== self) return true;
      problems.push({ kind: 'self-prerequisite', skillId: node.id, prerequisiteIndex });
      return false;
    },
  );

  for (const cycle of cyclesOf(prerequisites, false)) {
    problems.push({ kind: 'cycle', cycle: cycle.map((i) => (kept[i] as SkillNodeInput).id) });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, graph: new IndexedSkillGraph(kept, indexOf, prerequisites) };
}

/**
 * Finds cycles along prerequisite edges: at least one for every strongly connected component
 * of more than one node, and one for every self-loop. Unknown prerequisites are ignored, and
 * the first of two nodes with the same id wins.
 *
 * @param nodes ids and the ids each one requires.
 * @returns closed walks (first === last), empty when the graph is acyclic.
 */
export function findCycles(nodes: readonly DirectedNodeInput[]): string[][] {
  const { kept, indexOf } = dropDuplicates(nodes, () => {});
  const successors = toAdjacency(kept, indexOf, (_node, _self, prerequisite) =>
    indexOf.has(prerequisite),
  );
  return cyclesOf(successors, true).map((cycle) =>
    cycle.map((i) => (kept[i] as DirectedNodeInput).id),
  );
}

/**
 * Throws when the skills do not form a valid graph; for callers that already checked the
 * curricula and treat a problem here as a bug.
 *
 * @param nodes every skill of every curriculum.
 * @returns the graph.
 * @throws CycleInSkillGraph when there is a cycle, InvalidSkillGraph for other problems.
 */
export function requireSkillGraph(nodes: readonly SkillNodeInput[]): SkillGraph {
  const built = buildSkillGraph(nodes);
  if (built.ok) return built.graph;
  for (const problem of built.problems) {
    if (problem.kind === 'cycle') throw new CycleInSkillGraph(problem.cycle);
  }
  throw new InvalidSkillGraph(built.problems.length);
}

function dropDuplicates<T extends { readonly id: string }>(
  nodes: readonly T[],
  onDuplicate: (id: string, index: number) => void,
): { kept: T[]; indexOf: Map<string, number> } {
  const kept: T[] = [];
  const indexOf = new Map<string, number>();
  nodes.forEach((node, index) => {
    if (indexOf.has(node.id)) {
      onDuplicate(node.id, index);
      return;
    }
    indexOf.set(node.id, kept.length);
    kept.push(node);
  });
  return { kept, indexOf };
}

/**
 * Turns ids into an adjacency list of positions, keeping the edges `keep` accepts and
 * dropping repeated ones (a prerequisite listed twice is one edge).
 */
function toAdjacency<T extends DirectedNodeInput>(
  nodes: readonly T[],
  indexOf: ReadonlyMap<string, number>,
  keep: (node: T, self: number, prerequisite: string, prerequisiteIndex: number) => boolean,
): number[][] {
  const lastSeenFrom = new Int32Array(nodes.length).fill(-1);
  return nodes.map((node, self) => {
    const targets: number[] = [];
    node.prerequisites.forEach((prerequisite, prerequisiteIndex) => {
      if (!keep(node, self, prerequisite, prerequisiteIndex)) return;
      const target = indexOf.get(prerequisite) as number;
      if (lastSeenFrom[target] === self) return;
      lastSeenFrom[target] = self;
      targets.push(target);
    });
    return targets;
  });
}

/** Cycles as node indexes: one per non-trivial component (by its first node), then self-loops. */
function cyclesOf(successors: Adjacency, withSelfLoops: boolean): number[][] {
  const { components, componentOf } = stronglyConnectedComponents(successors);
  const starts = components
    .filter((component) => component.length > 1)
    .map((component) => component.reduce((a, b) => Math.min(a, b)))
    .sort((a, b) => a - b);
  const cycles = starts.map((start) => cycleThrough(start, successors, componentOf));
  if (withSelfLoops) {
    successors.forEach((targets, v) => {
      if (targets.includes(v)) cycles.push([v, v]);
    });
  }
  return cycles;
}

class IndexedSkillGraph implements SkillGraph {
  readonly size: number;
  readonly #nodes: readonly SkillNodeInput[];
  readonly #indexOf: ReadonlyMap<string, number>;
  readonly #prerequisiteIds: readonly (readonly string[])[];
  readonly #dependentIds: readonly (readonly string[])[];
  readonly #order: readonly string[];
  /** Topological position of each node, and the node at each position. */
  readonly #position: Int32Array;
  readonly #atPosition: Int32Array;
  readonly #ancestors: (readonly string[] | undefined)[];
  readonly #descendants: (readonly string[] | undefined)[];
  /** The same edges packed into typed arrays, for the transitive walks. */
  readonly #compactPrerequisites: CompactAdjacency;
  readonly #compactDependents: CompactAdjacency;
  /** Visit marks for transitive walks: a fresh stamp per walk avoids clearing an array. */
  readonly #seen: Uint32Array;
  readonly #queue: Int32Array;
  #stamp = 0;

  constructor(
    nodes: readonly SkillNodeInput[],
    indexOf: ReadonlyMap<string, number>,
    prerequisites: readonly (readonly number[])[],
  ) {
    this.size = nodes.length;
    this.#nodes = nodes.map((node) =>
      Object.freeze({ ...node, prerequisites: Object.freeze([...node.prerequisites]) }),
    );
    this.#indexOf = indexOf;
    this.#position = topologicalPositions(this.#nodes, prerequisites);
    const order: string[] = new Array<string>(this.size);
    this.#atPosition = new Int32Array(this.size);
    this.#nodes.forEach((node, i) => {
      order[this.#position[i] as number] = node.id;
      this.#atPosition[this.#position[i] as number] = i;
    });
    this.#order = Object.freeze(order);

    const dependents: number[][] = this.#nodes.map(() => []);
    for (const id of this.#order) {
      const v = indexOf.get(id) as number;
      for (const p of prerequisites[v] as readonly number[]) (dependents[p] as number[]).push(v);
    }
    this.#prerequisiteIds = prerequisites.map((list) =>
      Object.freeze(list.map((i) => this.#id(i))),
    );
    this.#dependentIds = dependents.map((list) => Object.freeze(list.map((i) => this.#id(i))));
    this.#ancestors = new Array(this.size);
    this.#descendants = new Array(this.size);
    this.#compactPrerequisites = compact(prerequisites);
    this.#compactDependents = compact(dependents);
    this.#seen = new Uint32Array(this.size);
    this.#queue = new Int32Array(this.size);
  }

  has(id: string): boolean {
    return this.#indexOf.has(id);
  }

  node(id: string): SkillNodeInput {
    return this.#nodes[this.#index(id)] as SkillNodeInput;
  }

  prerequisites(id: string): readonly string[] {
    return this.#prerequisiteIds[this.#index(id)] as readonly string[];
  }

  dependents(id: string): readonly string[] {
    return this.#dependentIds[this.#index(id)] as readonly string[];
  }

  ancestors(id: string): readonly string[] {
    const v = this.#index(id);
    const cached = this.#ancestors[v];
    if (cached !== undefined) return cached;
    const result = this.#reach(v, this.#compactPrerequisites);
    this.#ancestors[v] = result;
    return result;
  }

  descendants(id: string): readonly string[] {
    const v = this.#index(id);
    const cached = this.#descendants[v];
    if (cached !== undefined) return cached;
    const result = this.#reach(v, this.#compactDependents);
    this.#descendants[v] = result;
    return result;
  }

  topologicalOrder(): readonly string[] {
    return this.#order;
  }

  #index(id: string): number {
    const v = this.#indexOf.get(id);
    if (v === undefined) throw new UnknownSkill(id);
    return v;
  }

  #id(v: number): string {
    return (this.#nodes[v] as SkillNodeInput).id;
  }

  /**
   * Everything reachable from `start` (excluded), in topological order. Breadth-first walk,
   * then either a sort of the positions found or, when they are many, one scan of the
   * topological order: whichever is cheaper keeps each query near-linear in its answer.
   */
  #reach(start: number, edges: CompactAdjacency): readonly string[] {
    this.#stamp += 1;
    const stamp = this.#stamp;
    const seen = this.#seen;
    const queue = this.#queue;
    const { offsets, targets } = edges;
    seen[start] = stamp;
    queue[0] = start;
    let tail = 1;
    for (let head = 0; head < tail; head += 1) {
      const v = queue[head] as number;
      const end = offsets[v + 1] as number;
      for (let e = offsets[v] as number; e < end; e += 1) {
        const w = targets[e] as number;
        if (seen[w] === stamp) continue;
        seen[w] = stamp;
        queue[tail] = w;
        tail += 1;
      }
    }
    const found = tail - 1;
    // Sized up front: growing arrays by push leaves garbage that dominates on large answers.
    const result = new Array<string>(found);
    if (found * Math.log2(found + 1) > this.size) {
      let next = 0;
      for (let position = 0; position < this.size; position += 1) {
        const v = this.#atPosition[position] as number;
        if (v === start || seen[v] !== stamp) continue;
        result[next] = this.#order[position] as string;
        next += 1;
      }
      return Object.freeze(result);
    }
    const positions = new Int32Array(found);
    for (let i = 0; i < found; i += 1) {
      positions[i] = this.#position[queue[i + 1] as number] as number;
    }
    positions.sort();
    for (let i = 0; i < found; i += 1) result[i] = this.#order[positions[i] as number] as string;
    return Object.freeze(result);
  }
}

/** Adjacency in compressed sparse row form: node v's targets are targets[offsets[v]..offsets[v+1]). */
interface CompactAdjacency {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

function compact(lists: readonly (readonly number[])[]): CompactAdjacency {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((list, v) => {
    offsets[v + 1] = (offsets[v] as number) + list.length;
  });
  const targets = new Int32Array(offsets[lists.length] as number);
  lists.forEach((list, v) => {
    targets.set(list, offsets[v] as number);
  });
  return { offsets, targets };
}

/**
 * Kahn's algorithm with a heap, so that among the skills ready at each step the one earliest
 * in its curriculum comes first: the order then reads like the curricula themselves.
 */
function topologicalPositions(
  nodes: readonly SkillNodeInput[],
  prerequisites: readonly (readonly number[])[],
): Int32Array {
  const n = nodes.length;
  const waitingFor = new Int32Array(n);
  const dependents: number[][] = nodes.map(() => []);
  prerequisites.forEach((list, v) => {
    waitingFor[v] = list.length;
    for (const p of list) (dependents[p] as number[]).push(v);
  });
  const ready = new MinHeap((a, b) => compareCurriculumOrder(nodes[a], nodes[b]));
  for (let v = 0; v < n; v += 1) if (waitingFor[v] === 0) ready.push(v);
  const position = new Int32Array(n);
  let next = 0;
  for (let v = ready.pop(); v !== undefined; v = ready.pop()) {
    position[v] = next;
    next += 1;
    for (const d of dependents[v] as number[]) {
      waitingFor[d] = (waitingFor[d] as number) - 1;
      if (waitingFor[d] === 0) ready.push(d);
    }
  }
  return position;
}

/** Orders by (curriculumId, moduleOrder, order, id), comparing text by code units to stay locale-free. */
function compareCurriculumOrder(
  a: SkillNodeInput | undefined,
  b: SkillNodeInput | undefined,
): number {
  if (a === undefined || b === undefined) return 0;
  return (
    compareText(a.curriculumId, b.curriculumId) ||
    a.moduleOrder - b.moduleOrder ||
    a.order - b.order ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
