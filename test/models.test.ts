import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConv1dModel, buildEmbeddingMlp, buildLstmModel, buildMultiHotMlp } from "../lib/models";
import { setNativeBlasEnabled } from "../lib/wasm-kernels/native-blas";
import { KERNEL_PATHS, loadWasmWithKernels, randomValues } from "./wasm-kernels.helpers";

beforeAll(loadWasmWithKernels);
afterAll(() => setNativeBlasEnabled(true));

describe("the course models at their lesson sizes", () => {
  // Parameter counts worked out by hand from the layer shapes.
  it.each([
    { name: "Embedding MLP", build: () => buildEmbeddingMlp(), params: 5000 * 32 + (16000 * 250 + 250) + (250 + 1), input: [null, 500] },
    { name: "Conv1D", build: () => buildConv1dModel(), params: 5000 * 32 + (3 * 32 * 32 + 32) + (250 * 32 * 250 + 250) + 251, input: [null, 500] },
    { name: "LSTM", build: () => buildLstmModel(), params: 20000 * 128 + 4 * 60 * (128 + 60 + 1) + 61, input: [null, 100] },
    { name: "multi-hot MLP", build: () => buildMultiHotMlp(), params: (10000 * 512 + 512) + 513, input: [null, 10000] },
  ])("$name has the layer sizes of the lesson and is compiled with Adam and binary cross-entropy", ({ build, params, input }) => {
    const model = build();
    expect(model.countParams()).toBe(params);
    expect(model.inputs[0].shape).toEqual(input);
    expect(model.outputs[0].shape).toEqual([null, 1]);
    expect(model.optimizer.getClassName()).toBe("Adam");
    expect(model.loss).toBe("binaryCrossentropy");
    model.dispose();
  });
});

/** Reviews of `length` random tokens below `vocab`; positive when token 7 appears. */
function tokenTask(samples: number, length: number, vocab: number, seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const ids = randomValues(samples * length, seed).map((v) => Math.floor(((v + 1) / 2) * (vocab - 1)) + 1);
  const flags = randomValues(samples, seed + 1);
  const labels = new Float32Array(samples);
  for (let s = 0; s < samples; s++) {
    const row = ids.subarray(s * length, (s + 1) * length);
    for (let i = 0; i < length; i++) if (row[i] === 7) row[i] = 8;
    if (flags[s] > 0) {
      row[Math.floor(((flags[s] + 1) / 2) * 1e6) % length] = 7;
      labels[s] = 1;
    }
  }
  return { x: tf.tensor2d(ids, [samples, length]), y: tf.tensor2d(labels, [samples, 1]) };
}

/** Multi-hot rows of `width` words at about 5% density; positive when word 7 is present. */
function multiHotTask(samples: number, width: number, seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = randomValues(samples * width, seed).map((v) => (v > 0.9 ? 1 : 0));
  const y = new Float32Array(samples).map((_, s) => x[s * width + 7]);
  return { x: tf.tensor2d(x, [samples, width]), y: tf.tensor2d(y, [samples, 1]) };
}

const TASKS = [
  { name: "Embedding MLP", build: (seed: number) => buildEmbeddingMlp({ vocabSize: 40, embeddingDim: 8, maxlen: 20, hidden: 16, seed, learningRate: 0.01 }), data: () => tokenTask(512, 20, 40, 1), epochs: 12 },
  { name: "Conv1D", build: (seed: number) => buildConv1dModel({ vocabSize: 40, embeddingDim: 8, maxlen: 20, filters: 8, hidden: 16, seed, learningRate: 0.01 }), data: () => tokenTask(512, 20, 40, 2), epochs: 12 },
  { name: "LSTM", build: (seed: number) => buildLstmModel({ vocabSize: 40, embeddingDim: 8, maxlen: 12, units: 8, seed, learningRate: 0.02 }), data: () => tokenTask(512, 12, 40, 3), epochs: 15 },
  { name: "multi-hot MLP", build: (seed: number) => buildMultiHotMlp({ numWords: 200, hidden: 16, dropout: 0.5, seed, learningRate: 0.01 }), data: () => multiHotTask(512, 200, 4), epochs: 12 },
];

async function fit(build: (seed: number) => tf.LayersModel, data: () => { x: tf.Tensor; y: tf.Tensor }, epochs: number, seed: number): Promise<number[]> {
  const model = build(seed);
  const { x, y } = data();
  const history = await model.fit(x, y, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
  const accuracy = (await model.evaluate(x, y) as tf.Scalar[])[1].dataSync()[0];
  tf.dispose([x, y]);
  model.dispose();
  return [...(history.history.loss as number[]), accuracy];
}

describe.each(TASKS)("$name on wasm", ({ build, data, epochs }) => {
  it.each(KERNEL_PATHS)("learns whether word 7 is in the review ($name)", async ({ native }) => {
    setNativeBlasEnabled(native);
    const run = await fit(build, data, epochs, 42);
    setNativeBlasEnabled(true);
    expect(run.at(-1)).toBeGreaterThan(0.9);
    expect(run[epochs - 1]).toBeLessThan(run[0] / 2);
  });

  it("gives identical losses for the same seed, and different ones for another seed", async () => {
    const first = await fit(build, data, 2, 5);
    const again = await fit(build, data, 2, 5);
    const other = await fit(build, data, 2, 6);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });
});
