/**
 * A small seeded pseudo-random generator (mulberry32), so the demo data comes out the same
 * on every empty database: same events, same order, same dates relative to the clock.
 */

/** Numbers in [0, 1) from a fixed seed. */
export interface SeededRandom {
  next(): number;
  /** @returns an integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** @returns true with probability `p`. */
  chance(p: number): boolean;
}

/**
 * @param seed any 32-bit integer.
 * @returns a generator that always yields the same sequence for the same seed.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
  };
}
