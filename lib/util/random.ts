/**
 * Reproducible training runs (lesson 3, "The network, built and counted").
 *
 * tfjs 4.22 takes the randomness of model.fit from Math.random: the order of
 * the batches in each epoch (its `shuffle`) and, through seeds drawn from
 * Math.random, every dropout mask. Math.random cannot be seeded, so two runs
 * of the same notebook would train differently. `withSeededRandom` swaps in a
 * seeded generator for the duration of one task and puts the original back.
 */
import { MAX_SEED, requiredIntegerOption } from "./options";

/**
 * Runs `task` with Math.random replaced by a generator seeded with `seed`
 * (an integer from 0 to 2^32 - 1), then restores Math.random, also when the
 * task fails. Anything else calling Math.random meanwhile draws from the same
 * seeded stream.
 */
export async function withSeededRandom<T>(seed: number, task: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = mulberry32(requiredIntegerOption("withSeededRandom", "seed", seed, 0, MAX_SEED));
  try {
    return await task();
  } finally {
    Math.random = original;
  }
}

/**
 * Keras' `set_random_seed` for TensorFlow.js: from now on Math.random, and so
 * every unseeded initial weight, dropout mask and batch order of model.fit,
 * is drawn from a generator seeded with `seed` (an integer from 0 to 2^32 - 1).
 * Run the same cells in the same order after it and the same network comes
 * out (lessons 2-5 call it before building each model).
 */
export function setRandomSeed(seed: number): void {
  Math.random = mulberry32(requiredIntegerOption("setRandomSeed", "seed", seed, 0, MAX_SEED));
}

/**
 * mulberry32: a small, fast 32-bit generator of uniform numbers in [0, 1);
 * statistically fine for shuffles and masks. The same seed gives the same stream
 * (lesson 3, behind `withSeededRandom`; lesson 7 shuffles its epochs with it).
 * It is the project's one seeded generator, tests and scripts included; only
 * ./numpy-random differs, to reproduce numpy's permutations.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
