/**
 * The project's one shuffle (mini-batches in lesson 7, splits and folds in
 * lesson 8, the sample CSV): Fisher–Yates over a generator, which is
 * `mulberry32` from ./random everywhere. The only other shuffle,
 * ./numpy-random, exists to reproduce numpy's permutations exactly.
 */

/** A Fisher–Yates permutation of 0..n-1 drawn from `random`. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A new array of `items` in the order `shuffledIndices(items.length, random)` gives. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  return Array.from(shuffledIndices(items.length, random), (k) => items[k]);
}
