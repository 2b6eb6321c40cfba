/**
 * The networks lessons 2 and 3 write in their `// @save` cells (generated into
 * lib/models/lessons/): the layers, shapes and parameter counts the lessons describe,
 * worked out by hand, and that each one learns a small task it can learn.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { mulberry32, setRandomSeed } from "../lib/util/random";
import { buildMultiHotModel, buildMyMultiHotModel } from "../lib/models/lessons/02-multi-hot";
import { buildEmbeddingMlp, embeddingMlpParameters } from "../lib/models/lessons/03-embeddings-mlp";

beforeAll(async () => {
  await initBackend();
});

interface LayerSpec {
  kind: string;
  outputShape: (number | null)[];
  params: number;
}

function layersOf(model: tf.LayersModel): LayerSpec[] {
  return model.layers.map((layer) => ({ kind: layer.getClassName(), outputShape: layer.outputShape as (number | null)[], params: layer.countParams() }));
}

/** Multi-hot rows of `width` words, each present with probability 0.1; positive when word 7 is present. */
function multiHotTask(samples: number, width: number, seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const random = mulberry32(seed);
  const x = Float32Array.from({ length: samples * width }, () => (random() < 0.1 ? 1 : 0));
  const y = Float32Array.from({ length: samples }, (_, s) => x[s * width + 7]);
  return { x: tf.tensor2d(x, [samples, width]), y: tf.tensor2d(y, [samples, 1]) };
}

/** Reviews of `length` indices from 3 to vocab - 1; positive when index 7 occurs (then once, at a random position). */
function tokenTask(samples: number, length: number, vocab: number, seed: number): { x: tf.Tensor; y: tf.Tensor } {
  const random = mulberry32(seed);
  const x = new Int32Array(samples * length);
  const y = new Float32Array(samples);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < length; i++) {
      let index = 3 + Math.floor(random() * (vocab - 3));
      if (index === 7) index = 8;
      x[s * length + i] = index;
    }
    if (random() < 0.5) {
      x[s * length + Math.floor(random() * length)] = 7;
      y[s] = 1;
    }
  }
  return { x: tf.tensor2d(x, [samples, length], "int32"), y: tf.tensor2d(y, [samples, 1]) };
}

/** Builds after setRandomSeed(seed), trains, and returns the loss of every epoch and the final training accuracy. */
async function train(build: () => tf.LayersModel, task: { x: tf.Tensor; y: tf.Tensor }, epochs: number, seed: number): Promise<{ losses: number[]; accuracy: number }> {
  setRandomSeed(seed);
  const model = build();
  const history = await model.fit(task.x, task.y, { epochs, batchSize: 32, shuffle: true, verbose: 0 });
  const accuracy = (model.evaluate(task.x, task.y) as tf.Scalar[])[1].dataSync()[0];
  model.dispose();
  return { losses: history.history.loss.map(Number), accuracy };
}

describe("lesson 2: buildMultiHotModel", () => {
  it("is Dense(512, relu) → Dropout(0.5) → Dense(1, sigmoid) on numWords inputs, compiled with RMSprop at 0.0001", () => {
    const model = buildMultiHotModel(10000);
    expect(layersOf(model)).toEqual([
      { kind: "Dense", outputShape: [null, 512], params: 10000 * 512 + 512 },
      { kind: "Dropout", outputShape: [null, 512], params: 0 },
      { kind: "Dense", outputShape: [null, 1], params: 512 + 1 },
    ]);
    expect(model.countParams()).toBe(5_121_025);
    expect(model.inputs[0].shape).toEqual([null, 10000]);
    expect(model.layers.map((l) => (l.getConfig() as { activation?: string; rate?: number }))).toMatchObject([{ activation: "relu" }, { rate: 0.5 }, { activation: "sigmoid" }]);
    expect(model.optimizer.getClassName()).toBe("RMSProp");
    expect((model.optimizer.getConfig() as { learningRate: number }).learningRate).toBe(0.0001);
    expect(model.loss).toBe("binaryCrossentropy");
    model.dispose();
  });

  it("learns whether word 7 is in the review, and repeats its losses after the same setRandomSeed", async () => {
    const task = multiHotTask(1024, 100, 1);
    const run = await train(() => buildMultiHotModel(100), task, 10, 42);
    const again = await train(() => buildMultiHotModel(100), task, 2, 42);
    const other = await train(() => buildMultiHotModel(100), task, 2, 43);
    tf.dispose([task.x, task.y]);
    expect(run.losses[9]).toBeLessThan(run.losses[0] / 2);
    expect(run.accuracy).toBeGreaterThan(0.9);
    expect(again.losses).toEqual(run.losses.slice(0, 2));
    expect(other.losses).not.toEqual(again.losses);
  }, 120_000);
});

describe("lesson 2: the reference answer of buildMyMultiHotModel", () => {
  it("is Dense(16, relu) → Dense(16, relu) → Dense(1, sigmoid) on numWords inputs", () => {
    const model = buildMyMultiHotModel(10000);
    expect(layersOf(model)).toEqual([
      { kind: "Dense", outputShape: [null, 16], params: 10000 * 16 + 16 },
      { kind: "Dense", outputShape: [null, 16], params: 16 * 16 + 16 },
      { kind: "Dense", outputShape: [null, 1], params: 16 + 1 },
    ]);
    expect(model.metricsNames).toEqual(["loss", "acc"]);
    model.dispose();
  });

  it("learns whether word 7 is in the review", async () => {
    const task = multiHotTask(512, 100, 2);
    const run = await train(() => buildMyMultiHotModel(100), task, 10, 42);
    tf.dispose([task.x, task.y]);
    expect(run.losses[9]).toBeLessThan(run.losses[0] / 2);
    expect(run.accuracy).toBeGreaterThan(0.9);
  }, 60_000);
});

describe("lesson 3: buildEmbeddingMlp", () => {
  it("is Embedding(vocabSize, 32) → Flatten → Dense(250, relu) → Dense(1, sigmoid), compiled with Adam", () => {
    const model = buildEmbeddingMlp(5000, 500);
    expect(layersOf(model)).toEqual([
      { kind: "Embedding", outputShape: [null, 500, 32], params: 5000 * 32 },
      { kind: "Flatten", outputShape: [null, 16000], params: 0 },
      { kind: "Dense", outputShape: [null, 250], params: 16000 * 250 + 250 },
      { kind: "Dense", outputShape: [null, 1], params: 250 + 1 },
    ]);
    expect(model.countParams()).toBe(4_160_501);
    expect(model.inputs[0].shape).toEqual([null, 500]);
    expect(model.optimizer.getClassName()).toBe("Adam");
    expect(model.loss).toBe("binaryCrossentropy");
    model.dispose();
  });

  it("learns whether index 7 is in the review", async () => {
    const task = tokenTask(512, 20, 40, 3);
    const run = await train(() => buildEmbeddingMlp(40, 20), task, 10, 42);
    tf.dispose([task.x, task.y]);
    expect(run.losses[9]).toBeLessThan(run.losses[0] / 2);
    expect(run.accuracy).toBeGreaterThan(0.9);
  }, 60_000);
});

describe("lesson 3: embeddingMlpParameters", () => {
  it.each([
    // [vocabSize, embeddingDim, maxlen, hidden, total worked out by hand]
    [5000, 32, 500, 250, 160_000 + 4_000_250 + 251],
    [10, 3, 4, 2, 30 + (12 * 2 + 2) + 3],
    [20000, 32, 100, 250, 640_000 + (3200 * 250 + 250) + 251],
  ])("(%i, %i, %i, %i) is %i", (vocabSize, embeddingDim, maxlen, hidden, total) => {
    expect(embeddingMlpParameters(vocabSize, embeddingDim, maxlen, hidden)).toBe(total);
  });

  it("agrees with what TensorFlow.js counts for the lesson's network at other sizes", () => {
    for (const [vocabSize, maxlen] of [[100, 10], [3000, 50]]) {
      const model = buildEmbeddingMlp(vocabSize, maxlen);
      expect(embeddingMlpParameters(vocabSize, 32, maxlen, 250)).toBe(model.countParams());
      model.dispose();
    }
  });
});
