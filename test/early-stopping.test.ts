import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { earlyStopping, earlyStoppingOutcome } from "../lib/training/early-stopping";

beforeAll(async () => {
  await initBackend();
});

describe("earlyStoppingOutcome", () => {
  it("stops after `patience` epochs without improvement and names the best epoch", () => {
    expect(earlyStoppingOutcome([0.4, 0.35, 0.37, 0.36, 0.39], { patience: 2 })).toEqual({ bestEpoch: 2, stoppedEpoch: 4, stopped: true });
    expect(earlyStoppingOutcome([0.4, 0.35, 0.37, 0.36, 0.39], { patience: 0 })).toEqual({ bestEpoch: 2, stoppedEpoch: 3, stopped: true });
    // A worse epoch between two improvements resets nothing but the count.
    expect(earlyStoppingOutcome([0.5, 0.6, 0.4, 0.45], { patience: 2 })).toEqual({ bestEpoch: 3, stoppedEpoch: 4, stopped: false });
  });

  it("counts an epoch as better only when it beats the best by more than minDelta", () => {
    expect(earlyStoppingOutcome([0.5, 0.495, 0.49], { patience: 1, minDelta: 0.01 })).toEqual({ bestEpoch: 1, stoppedEpoch: 2, stopped: true });
    expect(earlyStoppingOutcome([0.5, 0.48, 0.49], { patience: 2, minDelta: 0.01 })).toEqual({ bestEpoch: 2, stoppedEpoch: 3, stopped: false });
  });

  it("rejects an empty history and bad settings", () => {
    expect(() => earlyStoppingOutcome([])).toThrow(/history is empty/);
    expect(() => earlyStoppingOutcome([1], { patience: -1 })).toThrow("earlyStoppingOutcome: patience must be an integer ≥ 0 (epochs without improvement to wait), got -1.");
    expect(() => earlyStoppingOutcome([1], { minDelta: -0.1 })).toThrow("earlyStoppingOutcome: minDelta must be a number ≥ 0, got -0.1.");
  });
});

describe("earlyStopping callbacks", () => {
  function tinyModel(): tf.Sequential {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], activation: "sigmoid", kernelInitializer: "zeros" })] });
    model.compile({ optimizer: tf.train.sgd(1), loss: "binaryCrossentropy" });
    return model;
  }

  /** Trains, recording the weights after every epoch, so the restored ones can be compared with them. */
  async function fitRecording(model: tf.Sequential, yTrain: number[], yVal: number[], epochs: number, patience: number) {
    const x = tf.tensor2d([[1], [1]]);
    const weightsAfter: number[][] = [];
    const valLosses: number[] = [];
    const stopper = earlyStopping(model, { patience });
    const record: tf.CustomCallbackArgs = {
      onEpochEnd: async (_epoch, logs) => {
        weightsAfter.push(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
        valLosses.push(Number(logs?.val_loss));
      },
    };
    await model.fit(x, tf.tensor2d(yTrain, [2, 1]), {
      epochs, batchSize: 2, shuffle: false, validationData: [x, tf.tensor2d(yVal, [2, 1])], callbacks: [record, stopper.callbacks],
    });
    const final = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    return { weightsAfter, valLosses, final, outcome: stopper.outcome() };
  }

  it("stops when validation loss rises and restores the best epoch's weights", async () => {
    // Validation labels contradict the training labels: every step makes validation loss worse.
    const run = await fitRecording(tinyModel(), [1, 1], [0, 0], 10, 2);
    expect(run.valLosses).toHaveLength(3);
    expect(run.outcome).toEqual({ bestEpoch: 1, stoppedEpoch: 3, stopped: true });
    expect(run.outcome).toEqual(earlyStoppingOutcome(run.valLosses, { patience: 2 }));
    expect(run.final).toEqual(run.weightsAfter[0]);
    expect(run.final).not.toEqual(run.weightsAfter[2]);
  });

  it("keeps training and the last weights while validation loss improves", async () => {
    const run = await fitRecording(tinyModel(), [1, 1], [1, 1], 4, 1);
    expect(run.outcome).toEqual({ bestEpoch: 4, stoppedEpoch: 4, stopped: false });
    expect(run.final).toEqual(run.weightsAfter[3]);
  });

  it("says what is missing when fit has no validation data", async () => {
    const model = tinyModel();
    const stopper = earlyStopping(model);
    await expect(model.fit(tf.tensor2d([[1]]), tf.tensor2d([[1]]), { epochs: 1, callbacks: stopper.callbacks })).rejects.toThrow(/no val_loss; give model.fit\(\) validationData/);
  });
});
