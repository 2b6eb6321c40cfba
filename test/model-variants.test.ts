import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend";
import { fitWithProgress } from "../lib/experiment";
import { buildConv1dDropoutModel, buildGlobalMaxPoolModel, buildLstmDropoutModel } from "../lib/model-variants";

beforeAll(async () => {
  await initBackend();
});

const types = (model: tf.LayersModel) => model.layers.map((l) => l.getClassName());

/** A task a model must learn: positive when word 7 occurs anywhere in the review. */
function wordSevenTask(count: number, maxlen: number, vocab: number, seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = new Int32Array(count * maxlen);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < maxlen; j++) {
      let w = 3 + Math.floor(next() * (vocab - 3));
      if (w === 7) w = 8;
      x[i * maxlen + j] = w;
    }
    if (i % 2 === 0) {
      x[i * maxlen + Math.floor(next() * maxlen)] = 7;
      y[i] = 1;
    }
  }
  return { x: tf.tensor2d(x, [count, maxlen], "int32"), y: tf.tensor2d(y, [count, 1]) };
}

async function accuracyAfterTraining(model: tf.LayersModel, maxlen: number, vocab: number, epochs: number): Promise<number> {
  const train = wordSevenTask(512, maxlen, vocab, 1);
  const test = wordSevenTask(256, maxlen, vocab, 2);
  await fitWithProgress(model, train.x, train.y, { epochs, batchSize: 32, write: () => undefined });
  const p = (model.predict(test.x) as tf.Tensor).greater(0.5).cast("float32");
  return p.equal(test.y).mean().dataSync()[0];
}

describe("buildConv1dDropoutModel", () => {
  it("adds dropout around lesson 4's network without adding weights", () => {
    const model = buildConv1dDropoutModel();
    expect(types(model)).toEqual(["Embedding", "Dropout", "Conv1D", "MaxPooling1D", "Flatten", "Dense", "Dropout", "Dense"]);
    // 5000 × 32 + (3 × 32 × 32 + 32) + (250 × 32 × 250 + 250) + (250 + 1)
    expect(model.countParams()).toBe(160_000 + 3_104 + 2_000_250 + 251);
  });

  it("is deterministic when predicting (dropout only acts in training) and learns a word-presence task", async () => {
    const model = buildConv1dDropoutModel({ vocabSize: 20, maxlen: 12, embeddingDim: 8, filters: 8, hidden: 16, learningRate: 0.01 });
    const x = wordSevenTask(4, 12, 20, 3).x;
    expect((model.predict(x) as tf.Tensor).arraySync()).toEqual((model.predict(x) as tf.Tensor).arraySync());
    expect(await accuracyAfterTraining(model, 12, 20, 8)).toBeGreaterThan(0.9);
  });

  it("rejects a dropout rate outside [0, 1)", () => {
    expect(() => buildConv1dDropoutModel({ hiddenDropout: 1 })).toThrow(/hiddenDropout must be a share from 0/);
  });
});

describe("buildGlobalMaxPoolModel", () => {
  it("feeds the Dense layer one number per filter", () => {
    const model = buildGlobalMaxPoolModel();
    expect(types(model)).toEqual(["Embedding", "Conv1D", "GlobalMaxPooling1D", "Dense", "Dense"]);
    expect(model.layers[3].countParams()).toBe(32 * 250 + 250);
    expect(model.countParams()).toBe(160_000 + 3_104 + 8_250 + 251);
  });

  it("gives the same initial weights for the same seed and learns a word-presence task", async () => {
    const weights = (seed: number) => buildGlobalMaxPoolModel({ vocabSize: 20, maxlen: 12, seed }).getWeights().map((w) => Array.from(w.dataSync()));
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
    const model = buildGlobalMaxPoolModel({ vocabSize: 20, maxlen: 12, embeddingDim: 8, filters: 8, hidden: 16, learningRate: 0.01 });
    expect(await accuracyAfterTraining(model, 12, 20, 8)).toBeGreaterThan(0.9);
  });
});

describe("buildLstmDropoutModel", () => {
  it("wraps lesson 5's LSTM in dropout without adding weights", () => {
    const model = buildLstmDropoutModel();
    expect(types(model)).toEqual(["Embedding", "SpatialDropout1D", "LSTM", "Dropout", "Dense"]);
    // 20,000 × 128 + 4 × ((128 + 60) × 60 + 60) + (60 + 1)
    expect(model.countParams()).toBe(2_560_000 + 45_360 + 61);
  });

  it("learns a word-presence task", async () => {
    const model = buildLstmDropoutModel({ vocabSize: 20, maxlen: 10, embeddingDim: 8, units: 8, learningRate: 0.02 });
    expect(await accuracyAfterTraining(model, 10, 20, 10)).toBeGreaterThan(0.9);
  });
});
