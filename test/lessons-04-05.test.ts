/**
 * The networks lessons 4 and 5 write (generated into lib/models/lessons/ from their
 * `// @save` cells): layer kinds, output shapes and parameter counts worked
 * out by hand, the compile settings, and that each one learns a small task.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import * as lesson4 from "../lib/models/lessons/04-conv1d";
import * as lesson5 from "../lib/models/lessons/05-lstm";
import { initBackend } from "../lib/backend/init-backend";
import { setRandomSeed } from "../lib/util/random";

// The notebooks' backend: wasm with the course's kernels and the fused LSTM (tfjs-node where it loads).
beforeAll(async () => {
  await initBackend();
});

type LayerRow = [kind: string, outputShape: (number | null)[], parameters: number];

function layerRows(model: tf.LayersModel): LayerRow[] {
  return model.layers.map((layer) => [layer.getClassName(), layer.outputShape as (number | null)[], layer.countParams()]);
}

function expectCompiledForSentiment(model: tf.LayersModel): void {
  expect(model.optimizer.getClassName()).toBe("Adam");
  expect(model.loss).toBe("binaryCrossentropy");
  expect(model.metricsNames).toEqual(["loss", "acc"]);
}

describe("lesson 4's networks at the lesson's sizes (5,000 words, 500 positions)", () => {
  it("buildConv1dModel: Conv1D(32, 3, same) halves nothing, MaxPooling1D(2) halves the positions", () => {
    const model = lesson4.buildConv1dModel(5000, 500);
    expect(layerRows(model)).toEqual([
      ["Embedding", [null, 500, 32], 5000 * 32],
      ["Conv1D", [null, 500, 32], 3 * 32 * 32 + 32],
      ["MaxPooling1D", [null, 250, 32], 0],
      ["Flatten", [null, 8000], 0],
      ["Dense", [null, 250], 8000 * 250 + 250],
      ["Dense", [null, 1], 251],
    ]);
    expect(model.countParams()).toBe(2_163_605);
    expect(model.layers.map((l) => l.getConfig().activation)).toEqual([undefined, "relu", undefined, undefined, "relu", "sigmoid"]);
    expectCompiledForSentiment(model);
    model.dispose();
  });

  it("buildConv1dDropoutModel: the same weights, with Dropout(0.2) after the embedding and Dropout(0.5) after Dense(250)", () => {
    const model = lesson4.buildConv1dDropoutModel(5000, 500);
    expect(layerRows(model).map(([kind]) => kind)).toEqual(["Embedding", "Dropout", "Conv1D", "MaxPooling1D", "Flatten", "Dense", "Dropout", "Dense"]);
    expect([model.layers[1], model.layers[6]].map((l) => l.getConfig().rate)).toEqual([0.2, 0.5]);
    expect(model.countParams()).toBe(2_163_605);
    expectCompiledForSentiment(model);
    model.dispose();
  });

  it("buildGlobalMaxPoolModel: one number per filter reaches Dense(250)", () => {
    const model = lesson4.buildGlobalMaxPoolModel(5000, 500);
    expect(layerRows(model)).toEqual([
      ["Embedding", [null, 500, 32], 5000 * 32],
      ["Conv1D", [null, 500, 32], 3 * 32 * 32 + 32],
      ["GlobalMaxPooling1D", [null, 32], 0],
      ["Dense", [null, 250], 32 * 250 + 250],
      ["Dense", [null, 1], 251],
    ]);
    expect(model.countParams()).toBe(171_605);
    expectCompiledForSentiment(model);
    model.dispose();
  });
});

describe("lesson 5's networks at the lesson's sizes (20,000 words, 100 positions)", () => {
  it("buildLstmModel: LSTM(60) with Keras' sigmoid gates and forget bias", () => {
    const model = lesson5.buildLstmModel(20000, 100);
    expect(layerRows(model)).toEqual([
      ["Embedding", [null, 100, 128], 20000 * 128],
      ["LSTM", [null, 60], 4 * ((128 + 60) * 60 + 60)],
      ["Dense", [null, 1], 61],
    ]);
    expect(model.countParams()).toBe(2_605_421);
    const lstm = model.layers[1].getConfig();
    expect([lstm.recurrentActivation, lstm.activation, lstm.unitForgetBias]).toEqual(["sigmoid", "tanh", true]);
    expectCompiledForSentiment(model);
    model.dispose();
  });

  it("buildLstmModel starts every forget-gate bias at 1 and the other biases at 0", () => {
    const model = lesson5.buildLstmModel(50, 5);
    const bias = Array.from(model.layers[1].getWeights()[2].dataSync());
    // tfjs keeps the gates side by side in the order input, forget, candidate, output.
    expect(bias).toEqual([...Array(60).fill(0), ...Array(60).fill(1), ...Array(120).fill(0)]);
    model.dispose();
  });

  it("buildLstmDropoutModel: SpatialDropout1D(0.2) before the LSTM, Dropout(0.5) after it, no extra weights", () => {
    const model = lesson5.buildLstmDropoutModel(20000, 100);
    expect(layerRows(model)).toEqual([
      ["Embedding", [null, 100, 128], 20000 * 128],
      ["SpatialDropout1D", [null, 100, 128], 0],
      ["LSTM", [null, 60], 4 * ((128 + 60) * 60 + 60)],
      ["Dropout", [null, 60], 0],
      ["Dense", [null, 1], 61],
    ]);
    expect([model.layers[1], model.layers[3]].map((l) => l.getConfig().rate)).toEqual([0.2, 0.5]);
    expectCompiledForSentiment(model);
    model.dispose();
  });

  it("compileWithLearningRate gives the same model Adam at that learning rate", () => {
    const model = lesson5.buildLstmModel(50, 5);
    expect(lesson5.compileWithLearningRate(model, 0.01)).toBe(model);
    expect(model.optimizer.getConfig().learningRate).toBe(0.01);
    expectCompiledForSentiment(model);
    model.dispose();
  });
});

const VOCAB = 20;
const LENGTH = 10;
const GOOD = 1;
const BAD = 2;

/**
 * Reviews of LENGTH filler words (3 to VOCAB - 1) with one GOOD word (label 1)
 * or one BAD word (label 0) at a random position: a network learns it only by
 * finding which word is there, wherever it is.
 */
function goodOrBadTask(samples: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const ids = new Int32Array(samples * LENGTH);
  const labels = new Float32Array(samples);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < LENGTH; i++) ids[s * LENGTH + i] = 3 + Math.floor(Math.random() * (VOCAB - 3));
    labels[s] = s % 2;
    ids[s * LENGTH + Math.floor(Math.random() * LENGTH)] = labels[s] === 1 ? GOOD : BAD;
  }
  return { x: tf.tensor2d(ids, [samples, LENGTH], "int32"), y: tf.tensor2d(labels, [samples, 1]) };
}

describe.each([
  { name: "buildConv1dModel", build: () => lesson4.buildConv1dModel(VOCAB, LENGTH) },
  { name: "buildConv1dDropoutModel", build: () => lesson4.buildConv1dDropoutModel(VOCAB, LENGTH) },
  { name: "buildGlobalMaxPoolModel", build: () => lesson4.buildGlobalMaxPoolModel(VOCAB, LENGTH) },
  { name: "buildLstmModel", build: () => lesson5.compileWithLearningRate(lesson5.buildLstmModel(VOCAB, LENGTH), 0.01) },
  { name: "buildLstmDropoutModel", build: () => lesson5.compileWithLearningRate(lesson5.buildLstmDropoutModel(VOCAB, LENGTH), 0.01) },
])("$name on a small learnable task", ({ build }) => {
  it("learns whether the review holds the good word or the bad one", async () => {
    setRandomSeed(3);
    const { x, y } = goodOrBadTask(256);
    const model = build();
    const history = await model.fit(x, y, { epochs: 12, batchSize: 32, shuffle: true, verbose: 0 });
    const losses = history.history.loss as number[];
    const [, accuracy] = (model.evaluate(x, y) as tf.Scalar[]).map((s) => s.dataSync()[0]);
    tf.dispose([x, y]);
    model.dispose();
    expect(losses.at(-1)).toBeLessThan(losses[0] / 2);
    expect(accuracy).toBeGreaterThan(0.95);
  }, 60_000);
});
