import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend";
import { evaluateModel, fitWithProgress, meanSecondsPerEpoch, runsTableMarkdown, trainAndTest } from "../lib/experiment";

beforeAll(async () => {
  await initBackend();
});

function logisticModel(weight: number, bias: number): tf.Sequential {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid", kernelInitializer: tf.initializers.constant({ value: weight }), biasInitializer: tf.initializers.constant({ value: bias }) })],
  });
  model.compile({ optimizer: tf.train.sgd(0.5), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

describe("evaluateModel", () => {
  it("matches binary cross-entropy and accuracy worked out by hand, whatever the batch size", async () => {
    // sigmoid(x) for x = 0, ln 3, -ln 3: probabilities 1/2, 3/4, 1/4.
    const x = tf.tensor2d([[0], [Math.log(3)], [-Math.log(3)]]);
    const y = tf.tensor2d([[1], [1], [1]]);
    const expectedLoss = -(Math.log(0.5) + Math.log(0.75) + Math.log(0.25)) / 3;
    for (const batchSize of [1, 2, 3]) {
      const result = await evaluateModel(logisticModel(1, 0), x, y, batchSize);
      expect(result.loss).toBeCloseTo(expectedLoss, 5);
      // Only 3/4 is above the 0.5 threshold (0.5 itself counts as negative in tfjs' binaryAccuracy).
      expect(result.accuracy).toBeCloseTo(1 / 3, 6);
    }
  });

  it("asks for the accuracy metric when the model has none", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid" })] });
    model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });
    await expect(evaluateModel(model, tf.tensor2d([[1]]), tf.tensor2d([[1]]))).rejects.toThrow(/metrics: \["accuracy"\]/);
  });
});

describe("fitWithProgress", () => {
  const quiet = () => undefined;
  const x = tf.tensor2d([[-2], [-1], [1], [2], [-3], [3], [-0.5], [0.5], [-1.5], [1.5]]);
  const y = tf.tensor2d([[0], [0], [1], [1], [0], [1], [0], [1], [0], [1]]);

  it("records one epoch per epoch, with validation figures when a split is held out", async () => {
    const history = await fitWithProgress(logisticModel(0, 0), x, y, { epochs: 3, batchSize: 4, validationSplit: 0.2, write: quiet });
    expect(history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(history.every((r) => r.valLoss !== undefined && r.valAccuracy !== undefined)).toBe(true);
    // A separable task: training loss goes down.
    expect(history[2].loss).toBeLessThan(history[0].loss);
  });

  it("repeats its losses for the same seed", async () => {
    const run = async (seed: number) => (await fitWithProgress(logisticModel(0, 0), x, y, { epochs: 2, batchSize: 3, seed, write: quiet })).map((r) => r.loss);
    expect(await run(4)).toEqual(await run(4));
    expect(await run(4)).not.toEqual(await run(5));
  });

  it("rejects settings that make no sense, naming them", async () => {
    await expect(fitWithProgress(logisticModel(0, 0), x, y, { epochs: 0, batchSize: 4 })).rejects.toThrow(/epochs must be a positive integer, got 0/);
    await expect(fitWithProgress(logisticModel(0, 0), x, y, { epochs: 1, batchSize: 4, validationSplit: 20 })).rejects.toThrow(/validationSplit must be between 0 and 1/);
  });
});

describe("meanSecondsPerEpoch and runsTableMarkdown", () => {
  it("average epoch times and lay runs out in a table", () => {
    expect(meanSecondsPerEpoch([{ epoch: 1, loss: 1, accuracy: 0, seconds: 10 }, { epoch: 2, loss: 1, accuracy: 0, seconds: 20 }])).toBe(15);
    expect(() => meanSecondsPerEpoch([])).toThrow(/history is empty/);
    const table = runsTableMarkdown([{ model: "MLP", parameters: 4_160_501, epochs: 2, secondsPerEpoch: 41.26, testAccuracy: 0.87512 }]);
    expect(table.split("\n")[2]).toBe("| MLP | 4,160,501 | 2 | 41.3 | 87.51% |");
  });
});

describe("trainAndTest", () => {
  const x = tf.tensor2d([[-2], [-1], [1], [2], [-3], [3], [-0.5], [0.5], [1], [1]]);
  const y = tf.tensor2d([[0], [0], [1], [1], [0], [1], [0], [1], [0], [0]]);
  const quiet = () => undefined;

  it("summarises a run with the test figures evaluateModel gives", async () => {
    const model = logisticModel(0, 0);
    const run = await trainAndTest("logistic", model, { x, y }, { x, y }, { epochs: 2, batchSize: 5, write: quiet });
    expect(run.history).toHaveLength(2);
    expect(run.test).toEqual(await evaluateModel(model, x, y));
    expect(run.summary).toMatchObject({ model: "logistic", parameters: 2, epochs: 2, testAccuracy: run.test.accuracy });
    expect(run.stopping).toBeUndefined();
  });

  it("with early stopping, reports the kept epoch and evaluates the restored weights", async () => {
    // The held-out last 20% ([1] labelled 0, twice) contradicts the rest: validation loss only rises.
    const model = logisticModel(0, 0);
    const run = await trainAndTest("stopped", model, { x, y }, { x, y }, { epochs: 10, batchSize: 8, validationSplit: 0.2, earlyStopping: { patience: 1 }, write: quiet });
    expect(run.stopping).toEqual({ bestEpoch: 1, stoppedEpoch: 2, stopped: true });
    expect(run.history).toHaveLength(2);
    expect(run.summary.epochs).toBe(1);
    expect(run.test).toEqual(await evaluateModel(model, x, y));
  });
});
