/**
 * A layered drawing of a skill graph, computed without any DOM (pure, unit-tested): each skill
 * sits one row below its deepest prerequisite, so the graph reads from the top ("start here")
 * down. The steps are the classic ones of a Sugiyama drawing, small enough for a curriculum:
 *
 * 1. Layers by longest path from the skills without prerequisites (Kahn's order, stable).
 * 2. An edge that skips rows gets a waypoint in each row it crosses, so it can bend around the
 *    skills in between instead of running through them.
 * 3. Order within rows by the barycentre heuristic, sweeping down and up, keeping the order
 *    with the fewest crossings (ties keep the authoring order: the same input always gives the
 *    same drawing).
 * 4. Coordinates: rows centred on the widest one.
 */

export interface LayoutSkill {
  id: string;
  /** Ids of skills to validate first; ids that are not in the list are ignored. */
  prerequisiteIds: readonly string[];
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal space between two boxes of a row. */
  gapX: number;
  /** Vertical space between rows (where the arrows run). */
  gapY: number;
  /** Width a waypoint takes in its row. */
  waypointWidth: number;
  padding: number;
  /** Down-and-up sweeps of the ordering step. */
  sweeps: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  nodeWidth: 184,
  nodeHeight: 76,
  gapX: 24,
  gapY: 56,
  waypointWidth: 16,
  padding: 16,
  sweeps: 8,
};

export interface PositionedSkill {
  id: string;
  /** Row, from 0 (no prerequisite in the graph). */
  layer: number;
  /** Top-left corner of the box. */
  x: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutEdge {
  /** The prerequisite. */
  from: string;
  /** The skill that needs it. */
  to: string;
  /** From the bottom of `from` to the top of `to`, through one waypoint per row crossed. */
  points: Point[];
}

export interface GraphLayout {
  nodes: PositionedSkill[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}

/** A box of a row: a skill, or the waypoint of an edge crossing the row. */
interface Slot {
  key: string;
  skill: boolean;
}

/**
 * @param skills the skills, in authoring order.
 * @param options sizes and the number of sweeps.
 * @returns where to draw each skill and each prerequisite arrow.
 */
export function layoutSkillGraph(
  skills: readonly LayoutSkill[],
  options: LayoutOptions = DEFAULT_LAYOUT,
): GraphLayout {
  const ids = new Set(skills.map((s) => s.id));
  const prerequisites = new Map(
    skills.map((s) => [
      s.id,
      [...new Set(s.prerequisiteIds)].filter((p) => ids.has(p) && p !== s.id),
    ]),
  );
  const layerOf = assignLayers(skills, prerequisites);

  // Rows of slots, with waypoints for edges that skip rows.
  const rowCount = Math.max(0, ...layerOf.values()) + 1;
  const rows: Slot[][] = Array.from({ length: skills.length === 0 ? 0 : rowCount }, () => []);
  for (const skill of skills)
    rows[layerOf.get(skill.id) ?? 0]?.push({ key: skill.id, skill: true });
  /** Adjacent-row links between slot keys, and each edge's chain of slot keys. */
  const links: Array<[string, string]> = [];
  const chains: Array<{ from: string; to: string; keys: string[] }> = [];
  for (const skill of skills) {
    for (const prerequisite of prerequisites.get(skill.id) ?? []) {
      const top = layerOf.get(prerequisite) ?? 0;
      const bottom = layerOf.get(skill.id) ?? 0;
      const keys = [prerequisite];
      for (let row = top + 1; row < bottom; row += 1) {
        const key = `${prerequisite}→${skill.id}@${row}`;
        rows[row]?.push({ key, skill: false });
        keys.push(key);
      }
      keys.push(skill.id);
      for (let i = 1; i < keys.length; i += 1)
        links.push([keys[i - 1] as string, keys[i] as string]);
      chains.push({ from: prerequisite, to: skill.id, keys });
    }
  }

  const ordered = orderRows(rows, links, options.sweeps);
  const positions = placeSlots(ordered, options);
  const nodes: PositionedSkill[] = skills.map((skill) => {
    const at = positions.get(skill.id) ?? { x: 0, y: 0 };
    return { id: skill.id, layer: layerOf.get(skill.id) ?? 0, x: at.x, y: at.y };
  });
  const half = options.nodeWidth / 2;
  const edges: LayoutEdge[] = chains.map(({ from, to, keys }) => ({
    from,
    to,
    points: keys.map((key, i) => {
      const at = positions.get(key) ?? { x: 0, y: 0 };
      if (i === 0) return { x: at.x + half, y: at.y + options.nodeHeight };
      if (i === keys.length - 1) return { x: at.x + half, y: at.y };
      return { x: at.x + options.waypointWidth / 2, y: at.y + options.nodeHeight / 2 };
    }),
  }));
  const widest = Math.max(0, ...ordered.map((row) => rowWidth(row, options)));
  return {
    nodes,
    edges,
    width: widest + 2 * options.padding,
    height:
      ordered.length === 0
        ? 2 * options.padding
        : ordered.length * options.nodeHeight +
          (ordered.length - 1) * options.gapY +
          2 * options.padding,
  };
}

/**
 * Longest path from the sources. Skills caught in a cycle (the curricula checker refuses them,
 * but this module must not loop) go to one row below everything else.
 */
function assignLayers(
  skills: readonly LayoutSkill[],
  prerequisites: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const dependents = new Map<string, string[]>(skills.map((s) => [s.id, []]));
  const waiting = new Map<string, number>();
  for (const skill of skills) {
    const own = prerequisites.get(skill.id) ?? [];
    waiting.set(skill.id, own.length);
    for (const p of own) dependents.get(p)?.push(skill.id);
  }
  const layer = new Map<string, number>();
  const queue = skills.filter((s) => waiting.get(s.id) === 0).map((s) => s.id);
  for (let head = 0; head < queue.length; head += 1) {
    const id = queue[head] as string;
    const own = prerequisites.get(id) ?? [];
    layer.set(id, own.length === 0 ? 0 : 1 + Math.max(...own.map((p) => layer.get(p) ?? 0)));
    for (const next of dependents.get(id) ?? []) {
      const left = (waiting.get(next) ?? 0) - 1;
      waiting.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const below = Math.max(-1, ...layer.values()) + 1;
  for (const skill of skills) if (!layer.has(skill.id)) layer.set(skill.id, below);
  return layer;
}

/** Barycentre sweeps; @returns the rows in the order with the fewest crossings found. */
function orderRows(
  rows: Slot[][],
  links: ReadonlyArray<readonly [string, string]>,
  sweeps: number,
): Slot[][] {
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const [a, b] of links) {
    down.set(a, [...(down.get(a) ?? []), b]);
    up.set(b, [...(up.get(b) ?? []), a]);
  }
  let current = rows.map((row) => [...row]);
  let best = current;
  let fewest = countCrossings(current, links);
  for (let sweep = 0; sweep < sweeps && fewest > 0; sweep += 1) {
    const downward = sweep % 2 === 0;
    const next = current.map((row) => [...row]);
    const order = downward
      ? next.map((_, i) => i).slice(1)
      : next
          .map((_, i) => i)
          .slice(0, -1)
          .reverse();
    for (const r of order) {
      const fixed = next[downward ? r - 1 : r + 1] ?? [];
      const index = new Map(fixed.map((slot, i) => [slot.key, i]));
      const neighbours = downward ? up : down;
      const row = next[r] ?? [];
      const keyed = row.map((slot, i) => {
        const positions = (neighbours.get(slot.key) ?? [])
          .map((k) => index.get(k))
          .filter((p): p is number => p !== undefined);
        const centre =
          positions.length === 0 ? i : positions.reduce((a, b) => a + b, 0) / positions.length;
        return { slot, centre, i };
      });
      keyed.sort((a, b) => a.centre - b.centre || a.i - b.i);
      next[r] = keyed.map((k) => k.slot);
    }
    current = next;
    const crossings = countCrossings(current, links);
    if (crossings < fewest) {
      fewest = crossings;
      best = current;
    }
  }
  return best;
}

/**
 * @param rows slot keys (or slots) per row, in drawing order.
 * @param links links between slots of adjacent rows.
 * @returns how many pairs of links cross.
 */
export function countCrossings(
  rows: ReadonlyArray<ReadonlyArray<{ key: string } | string>>,
  links: ReadonlyArray<readonly [string, string]>,
): number {
  const position = new Map<string, number>();
  rows.forEach((row) => {
    row.forEach((slot, i) => {
      position.set(typeof slot === 'string' ? slot : slot.key, i);
    });
  });
  let crossings = 0;
  for (let i = 0; i < links.length; i += 1) {
    for (let j = i + 1; j < links.length; j += 1) {
      const [a1, b1] = links[i] as readonly [string, string];
      const [a2, b2] = links[j] as readonly [string, string];
      const da = (position.get(a1) ?? 0) - (position.get(a2) ?? 0);
      const db = (position.get(b1) ?? 0) - (position.get(b2) ?? 0);
      if (da * db < 0) crossings += 1;
    }
  }
  return crossings;
}

function slotWidth(slot: Slot, options: LayoutOptions): number {
  return slot.skill ? options.nodeWidth : options.waypointWidth;
}

function rowWidth(row: readonly Slot[], options: LayoutOptions): number {
  if (row.length === 0) return 0;
  return (
    row.reduce((sum, slot) => sum + slotWidth(slot, options), 0) + (row.length - 1) * options.gapX
  );
}

/** @returns the top-left corner of every slot, rows centred on the widest. */
function placeSlots(rows: readonly Slot[][], options: LayoutOptions): Map<string, Point> {
  const widest = Math.max(0, ...rows.map((row) => rowWidth(row, options)));
  const positions = new Map<string, Point>();
  rows.forEach((row, r) => {
    let x = options.padding + (widest - rowWidth(row, options)) / 2;
    const y = options.padding + r * (options.nodeHeight + options.gapY);
    for (const slot of row) {
      positions.set(slot.key, { x, y });
      x += slotWidth(slot, options) + options.gapX;
    }
  });
  return positions;
}
