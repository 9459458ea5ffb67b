/**
 * The optimisation behind "the smallest set of skills that reaches a goal", on plain sets of
 * small integers so it knows nothing about skills or badges.
 *
 * A goal is a tree: a leaf needs a set of items (a skill plus its unmet prerequisites), "all"
 * needs every child, "at least n" needs n children. Its cost is the size of the union of the
 * sets it uses, so children that share prerequisites are cheaper together: that interaction is
 * what makes the problem hard (it contains set cover), hence exhaustive search when the
 * number of choices is small and a greedy answer otherwise.
 */

export type NeedTree =
  | { kind: 'need'; items: readonly number[] }
  | { kind: 'impossible' }
  | { kind: 'all'; children: readonly NeedTree[] }
  | { kind: 'atLeast'; n: number; children: readonly NeedTree[] };

/** Beyond this many combinations, exhaustive search gives way to the greedy answer. */
export const EXACT_COMBINATION_LIMIT = 20_000;

const DONE: NeedTree = { kind: 'need', items: [] };

/**
 * Finds a smallest union of item sets that satisfies the tree.
 *
 * @param tree the goal.
 * @param universe items are 0..universe-1.
 * @returns the chosen items (ascending) and whether the answer is proven minimal, or
 *   undefined when the goal cannot be met at all.
 */
export function smallestCover(
  tree: NeedTree,
  universe: number,
): { items: number[]; exact: boolean } | undefined {
  const simple = simplify(tree);
  if (simple.kind === 'impossible') return undefined;
  const words = Math.max(1, Math.ceil(universe / 32));
  if (combinations(simple) <= EXACT_COMBINATION_LIMIT) {
    let best: Uint32Array | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const candidate of alternatives(simple, words)) {
      const size = popcount(candidate);
      if (size < bestSize) {
        best = candidate;
        bestSize = size;
      }
    }
    return { items: best === undefined ? [] : members(best), exact: true };
  }
  return { items: members(greedy(simple, new Uint32Array(words))), exact: false };
}

/**
 * Removes what is already met or can never be met. Choosing a met child of "at least n" is
 * never worse than choosing an unmet one, so met children are taken first and only the
 * remaining count is searched: this keeps the search small without losing minimality.
 */
function simplify(tree: NeedTree): NeedTree {
  switch (tree.kind) {
    case 'need':
    case 'impossible':
      return tree;
    case 'all': {
      const children: NeedTree[] = [];
      for (const child of tree.children.map(simplify)) {
        if (child.kind === 'impossible') return child;
        if (!isDone(child)) children.push(child);
      }
      if (children.length === 0) return DONE;
      return children.length === 1 ? (children[0] as NeedTree) : { kind: 'all', children };
    }
    case 'atLeast': {
      const simplified = tree.children.map(simplify);
      const n = tree.n - simplified.filter(isDone).length;
      if (n <= 0) return DONE;
      const open = simplified.filter((child) => child.kind !== 'impossible' && !isDone(child));
      if (open.length < n) return { kind: 'impossible' };
      if (open.length === n)
        return open.length === 1 ? (open[0] as NeedTree) : { kind: 'all', children: open };
      return { kind: 'atLeast', n, children: open };
    }
  }
}

function isDone(tree: NeedTree): boolean {
  return tree.kind === 'need' && tree.items.length === 0;
}

/** How many ways the tree can be met, counted up to just past the limit. */
function combinations(tree: NeedTree): number {
  const cap = EXACT_COMBINATION_LIMIT + 1;
  switch (tree.kind) {
    case 'need':
    case 'impossible':
      return 1;
    case 'all':
      return tree.children.reduce(
        (product, child) => Math.min(cap, product * combinations(child)),
        1,
      );
    case 'atLeast': {
      // Elementary symmetric polynomial e_n of the children's counts, by dynamic programming.
      const ways = new Array<number>(tree.n + 1).fill(0);
      ways[0] = 1;
      tree.children.forEach((child, i) => {
        const count = combinations(child);
        for (let j = Math.min(i + 1, tree.n); j >= 1; j -= 1) {
          ways[j] = Math.min(cap, (ways[j] as number) + (ways[j - 1] as number) * count);
        }
      });
      return ways[tree.n] as number;
    }
  }
}

/** Every way to meet the tree, as item sets; only called within the combination limit. */
function alternatives(tree: NeedTree, words: number): Uint32Array[] {
  switch (tree.kind) {
    case 'impossible':
      return [];
    case 'need': {
      const set = new Uint32Array(words);
      for (const item of tree.items)
        set[item >>> 5] = (set[item >>> 5] as number) | (1 << (item & 31));
      return [set];
    }
    case 'all':
      return product(
        tree.children.map((child) => alternatives(child, words)),
        words,
      );
    case 'atLeast': {
      const options = tree.children.map((child) => alternatives(child, words));
      const result: Uint32Array[] = [];
      for (const chosen of chooseIndexes(options.length, tree.n)) {
        result.push(
          ...product(
            chosen.map((i) => options[i] as Uint32Array[]),
            words,
          ),
        );
      }
      return result;
    }
  }
}

/** Unions of one alternative from each list, for every pick. */
function product(lists: readonly (readonly Uint32Array[])[], words: number): Uint32Array[] {
  let partial: Uint32Array[] = [new Uint32Array(words)];
  for (const list of lists) {
    const next: Uint32Array[] = [];
    for (const left of partial) for (const right of list) next.push(union(left, right));
    partial = next;
  }
  return partial;
}

/** Every k-subset of 0..n-1, in lexicographic order. */
function* chooseIndexes(n: number, k: number): Generator<number[]> {
  const picked = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield [...picked];
    let i = k - 1;
    while (i >= 0 && picked[i] === n - k + i) i -= 1;
    if (i < 0) return;
    picked[i] = (picked[i] as number) + 1;
    for (let j = i + 1; j < k; j += 1) picked[j] = (picked[j - 1] as number) + 1;
  }
}

/**
 * Greedy: meet "all" children in turn; for "at least n", repeatedly take the child that adds
 * the fewest new items to what is already chosen.
 */
function greedy(tree: NeedTree, chosen: Uint32Array): Uint32Array {
  switch (tree.kind) {
    case 'impossible':
      return chosen;
    case 'need':
      return union(chosen, alternatives(tree, chosen.length)[0] as Uint32Array);
    case 'all':
      return tree.children.reduce((sofar, child) => greedy(child, sofar), chosen);
    case 'atLeast': {
      const open = [...tree.children];
      let sofar = chosen;
      for (let picked = 0; picked < tree.n && open.length > 0; picked += 1) {
        let bestIndex = 0;
        let best = sofar;
        let bestSize = Number.POSITIVE_INFINITY;
        for (let i = 0; i < open.length; i += 1) {
          const candidate = greedy(open[i] as NeedTree, sofar);
          const size = popcount(candidate);
          if (size < bestSize) {
            best = candidate;
            bestSize = size;
            bestIndex = i;
          }
        }
        sofar = best;
        open.splice(bestIndex, 1);
      }
      return sofar;
    }
  }
}

function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const result = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i += 1) result[i] = (a[i] as number) | (b[i] as number);
  return result;
}

function popcount(set: Uint32Array): number {
  let count = 0;
  for (const word of set) {
    let w = word - ((word >>> 1) & 0x55555555);
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    count += Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}

function members(set: Uint32Array): number[] {
  const items: number[] = [];
  set.forEach((word, i) => {
    for (let bit = 0; bit < 32; bit += 1) if ((word >>> bit) & 1) items.push(i * 32 + bit);
  });
  return items;
}
