/**
 * Reproducible shuffling for mini-batches (lesson 7).
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
