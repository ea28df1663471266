/** A seeded random source so every run's inputs differ, yet `--seed` reproduces one exactly. */

export interface Random {
  readonly seed: number;
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  word(length?: number): string;
}

export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** mulberry32: tiny, fast and good enough for test inputs (not for secrets). */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return {
    seed,
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    word: (length = 8) => Array.from({ length }, () => letters[int(0, 25)]).join(''),
  };
}
