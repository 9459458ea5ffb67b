/**
 * Strongly connected components and cycle witnesses on an integer adjacency list.
 *
 * Iterative on purpose: curricula can chain hundreds of skills, and a recursive Tarjan would
 * overflow the call stack on long prerequisite chains.
 */

/** Nodes are 0..n-1; `successors[v]` lists the targets of v's edges. */
export type Adjacency = readonly (readonly number[])[];

export interface Components {
  /** Components in the order Tarjan closes them (reverse topological order of the condensation). */
  readonly components: readonly (readonly number[])[];
  /** Index into `components` for every node. */
  readonly componentOf: Int32Array;
}

/**
 * Tarjan's algorithm without recursion: an explicit call stack holds the node and how far
 * its edge list has been explored.
 *
 * @param successors the adjacency list.
 * @returns every strongly connected component and each node's component.
 */
export function stronglyConnectedComponents(successors: Adjacency): Components {
  const n = successors.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const nextEdge = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const calls: number[] = [];
  const components: number[][] = [];
  let counter = 0;

  const enter = (v: number): void => {
    order[v] = counter;
    low[v] = counter;
    counter += 1;
    stack.push(v);
    onStack[v] = 1;
    calls.push(v);
  };

  for (let root = 0; root < n; root += 1) {
    if (order[root] !== -1) continue;
    enter(root);
    while (calls.length > 0) {
      const v = calls[calls.length - 1] as number;
      const edges = successors[v] as readonly number[];
      const position = nextEdge[v] as number;
      if (position < edges.length) {
        nextEdge[v] = position + 1;
        const w = edges[position] as number;
        if (order[w] === -1) enter(w);
        else if (onStack[w] === 1) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      calls.pop();
      const caller = calls[calls.length - 1];
      if (caller !== undefined) low[caller] = Math.min(low[caller] as number, low[v] as number);
      if (low[v] !== order[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop() as number;
        onStack[w] = 0;
        componentOf[w] = components.length;
        component.push(w);
      } while (w !== v);
      components.push(component);
    }
  }
  return { components, componentOf };
}

/**
 * Finds a shortest closed walk through `start` that stays inside its component, by breadth-first
 * search: linear in the component's edges, and short cycles are the easiest for authors to read.
 *
 * @param start a node of a component with more than one node.
 * @param successors the adjacency list.
 * @param componentOf each node's component, from {@link stronglyConnectedComponents}.
 * @returns the nodes of the walk, first === last === start; [] when start lies on no cycle.
 */
export function cycleThrough(
  start: number,
  successors: Adjacency,
  componentOf: Int32Array,
): number[] {
  const component = componentOf[start];
  const parent = new Map<number, number>([[start, -1]]);
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const v = queue[head] as number;
    for (const w of successors[v] as readonly number[]) {
      if (componentOf[w] !== component) continue;
      if (w === start && v !== start) {
        const walk: number[] = [start];
        for (let u = v; u !== -1; u = parent.get(u) as number) walk.push(u);
        return walk.reverse();
      }
      if (parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [];
}
