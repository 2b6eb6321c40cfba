import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { withSeededRandom } from "../lib/util/random";

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
