/**
 * A binary min-heap of small integers ordered by a comparator: Kahn's algorithm needs "the
 * smallest ready skill" at every step, and a sorted array would make that quadratic.
 */
export class MinHeap {
  readonly #items: number[] = [];
  readonly #before: (a: number, b: number) => number;

  /** @param before negative when `a` must come out before `b`. */
  constructor(before: (a: number, b: number) => number) {
    this.#before = before;
  }

  /** @returns how many items are waiting. */
  get size(): number {
    return this.#items.length;
  }

  /** @param item the item to add. */
  push(item: number): void {
    const items = this.#items;
    items.push(item);
    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      const up = items[parent] as number;
      if (this.#before(item, up) >= 0) break;
      items[child] = up;
      child = parent;
    }
    items[child] = item;
  }

  /** @returns the smallest item, removed; undefined when empty. */
  pop(): number | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= items.length) break;
      const right = left + 1;
      let child = left;
      if (right < items.length && this.#before(items[right] as number, items[left] as number) < 0)
        child = right;
      const down = items[child] as number;
      if (this.#before(down, last) >= 0) break;
      items[parent] = down;
      parent = child;
    }
    items[parent] = last;
    return top;
  }
}
