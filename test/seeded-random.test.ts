import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { mulberry32, withSeededRandom } from "../lib/util/random";
import { shuffled, shuffledIndices } from "../lib/util/shuffle";

beforeAll(async () => {
  await initBackend();
});

const draws = (n: number) => async () => Array.from({ length: n }, () => Math.random());

describe("withSeededRandom", () => {
  it("gives the same stream for the same seed and another for another seed", async () => {
    const a = await withSeededRandom(7, draws(1000));
    const b = await withSeededRandom(7, draws(1000));
    const c = await withSeededRandom(8, draws(1000));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    // Uniform on [0, 1): mean 1/2, standard error of 1000 draws about 0.009.
    expect(Math.abs(a.reduce((s, v) => s + v, 0) / a.length - 0.5)).toBeLessThan(0.05);
  });

  it("puts Math.random back afterwards, also when the task fails", async () => {
    const original = Math.random;
    await expect(withSeededRandom(1, async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(Math.random).toBe(original);
  });

  it("rejects a seed outside 0 … 2^32 - 1", async () => {
    await expect(withSeededRandom(-1, draws(1))).rejects.toThrow(/seed must be an integer from 0 to 4294967295, got -1/);
    await expect(withSeededRandom(1.5, draws(1))).rejects.toThrow(/got 1.5/);
  });

  it("makes model.fit with shuffling and dropout repeat its losses exactly", async () => {
    const x = tf.randomUniform([64, 8], 0, 1, "float32", 3);
    const y = tf.randomUniform([64, 1], 0, 1, "float32", 4).round();
    const losses = async (seed: number) => {
      const init = tf.initializers.glorotUniform({ seed: 5 });
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ units: 16, inputShape: [8], activation: "relu", kernelInitializer: init }),
          tf.layers.dropout({ rate: 0.5 }),
          tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: init }),
        ],
      });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: "binaryCrossentropy" });
      const history = await withSeededRandom(seed, () => model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: true, verbose: 0 }));
      model.dispose();
      return history.history.loss.map(Number);
    };
    const first = await losses(11);
    expect(await losses(11)).toEqual(first);
    expect(await losses(12)).not.toEqual(first);
  });
});

describe("mulberry32", () => {
  it("gives the reference generator's first outputs for seed 1", () => {
    // From the C reference (uint32 t = a += 0x6D2B79F5; ...; return t ^ t >> 14), over 2^32.
    const random = mulberry32(1);
    expect([random(), random(), random()]).toEqual([2693262067, 11749833, 2265367787].map((u) => u / 4294967296));
  });
});

describe("shuffledIndices and shuffled", () => {
  it("swaps position i with floor(random() × (i + 1)), from the last position down", () => {
    // i = 2: floor(0.9 × 3) = 2, no swap; i = 1: floor(0.1 × 2) = 0, swap 1 and 0.
    const draws = [0.9, 0.1];
    expect(Array.from(shuffledIndices(3, () => draws.shift()!))).toEqual([1, 0, 2]);
    expect(shuffled(["a", "b", "c"], () => 0)).toEqual(["b", "c", "a"]);
  });

  it("draws every order of three about equally often, and the same orders from the same seed", () => {
    const random = mulberry32(5);
    const counts = new Map<string, number>();
    for (let run = 0; run < 6000; run++) {
      const order = shuffledIndices(3, random).join("");
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    // 1000 expected each; the standard deviation of a count is about 29.
    expect([...counts.keys()].sort()).toEqual(["012", "021", "102", "120", "201", "210"]);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
    expect(shuffled([..."abcdefgh"], mulberry32(9))).toEqual(shuffled([..."abcdefgh"], mulberry32(9)));
  });
});
