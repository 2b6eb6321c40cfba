import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { formatEpoch, learningCurvesHtml, trainingProgress } from "../lib/training/progress";

beforeAll(async () => {
  await initBackend();
});

describe("trainingProgress", () => {
  it("records one entry per epoch with model.fit's losses and shows finished epochs", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor1d([0, 1, 1, 1]);
    const lines: string[] = [];
    const progress = trainingProgress({ epochs: 3, batchesPerEpoch: 2, intervalMs: 0, write: (t) => lines.push(t) });
    const fit = await model.fit(x, y, { epochs: 3, batchSize: 2, validationData: [x, y], callbacks: progress.callbacks });

    expect(progress.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(progress.history.map((r) => r.loss)).toEqual(fit.history.loss.map(Number));
    expect(progress.history.map((r) => r.valAccuracy)).toEqual(fit.history.val_acc.map(Number));
    expect(progress.history.every((r) => r.seconds >= 0)).toBe(true);
    expect(lines.some((l) => l.includes("batch 2/2"))).toBe(true);
    expect(lines.at(-1)?.split("\n").filter((l) => l.startsWith("epoch"))).toHaveLength(3);
  });
});

describe("formatEpoch", () => {
  it("shows validation figures only when there are some", () => {
    expect(formatEpoch({ epoch: 2, loss: 0.25, accuracy: 0.9, seconds: 41.25 }, 5)).toBe("epoch 2/5 · 41.3 s · loss 0.2500 · accuracy 0.9000");
    expect(formatEpoch({ epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, seconds: 1 }, 1)).toContain("val_loss 0.4000 · val_accuracy 0.8500");
  });
});

describe("learningCurvesHtml", () => {
  it("plots training and validation loss and accuracy per epoch", () => {
    const html = learningCurvesHtml([
      { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85, seconds: 1 },
      { epoch: 2, loss: 0.3, accuracy: 0.9, valLoss: 0.45, valAccuracy: 0.86, seconds: 1 },
    ]);
    const spec = JSON.parse(/var spec = (\{.*?\});/.exec(html)![1]);
    const byName = Object.fromEntries(spec.data.map((t: { name: string; y: number[] }) => [t.name, t.y]));
    expect(byName["validation loss"]).toEqual([0.4, 0.45]);
    expect(byName["training accuracy"]).toEqual([0.8, 0.9]);
  });
});
