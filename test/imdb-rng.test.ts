/**
 * The shuffle must be numpy's legacy RandomState shuffle. Expected values were
 * printed by numpy (1.24 and 2.4 agree), e.g.
 * `rng = np.random.RandomState(113); a = np.arange(10); rng.shuffle(a)`.
 */
import { describe, expect, it } from "vitest";
import { MersenneTwister, shuffleLikeNumpy } from "../lib/util/numpy-random";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("numpy-compatible shuffle", () => {
  it("produces the reference MT19937 output for seed 5489", () => {
    // First output of the reference mt19937ar.c after init_genrand(5489).
    expect(new MersenneTwister(5489).nextUint32()).toBe(3499211612);
  });

  it("matches np.random.RandomState(113).shuffle, two shuffles from one generator", () => {
    const rng = new MersenneTwister(113);
    const first = range(10);
    shuffleLikeNumpy(first, rng);
    const second = range(7);
    shuffleLikeNumpy(second, rng);
    expect(first).toEqual([9, 3, 6, 1, 0, 7, 4, 8, 2, 5]);
    expect(second).toEqual([5, 1, 0, 3, 6, 4, 2]);
  });

  it("matches numpy for the largest seed, 2^32 - 1", () => {
    const items = range(10);
    shuffleLikeNumpy(items, new MersenneTwister(4294967295));
    expect(items).toEqual([6, 9, 5, 1, 8, 0, 7, 4, 2, 3]);
  });

  it("matches numpy on the dataset's size (25,000): first and last positions", () => {
    const items = range(25000);
    shuffleLikeNumpy(items, new MersenneTwister(113));
    expect(items.slice(0, 5)).toEqual([7798, 13226, 18078, 793, 17499]);
    expect(items.slice(-3)).toEqual([22690, 4828, 14501]);
  });
});
