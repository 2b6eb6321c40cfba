import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { conv1dParameters, denseParameters, embeddingParameters, layerParameters, lstmParameters, parameterTableMarkdown } from "../lib/analysis/parameters";

beforeAll(async () => {
  await initBackend();
});

describe("parameter formulas", () => {
  it("give the counts of the lessons' layers, worked out by hand", () => {
    expect(embeddingParameters(5000, 32)).toBe(160_000);
    expect(denseParameters(500 * 32, 250)).toBe(4_000_250);
    expect(denseParameters(250, 1)).toBe(251);
    expect(conv1dParameters(3, 32, 32)).toBe(3_104);
    expect(lstmParameters(128, 60)).toBe(45_360);
    expect(embeddingParameters(20_000, 128)).toBe(2_560_000);
  });

  it("leave the bias out when asked", () => {
    expect(denseParameters(3, 2, false)).toBe(6);
    expect(conv1dParameters(2, 3, 4, false)).toBe(24);
    expect(lstmParameters(2, 3, false)).toBe(4 * (5 * 3));
  });

  it("reject sizes that are not positive integers, naming the argument", () => {
    expect(() => denseParameters(0, 3)).toThrow("denseParameters: inputs must be an integer ≥ 1, got 0.");
    expect(() => embeddingParameters(10, 2.5)).toThrow(/outputDim/);
  });
});

describe("layerParameters", () => {
  it("derives every layer of the lesson-3 and lesson-4 models as tfjs counts them", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 5000, outputDim: 32, inputLength: 500 }),
        tf.layers.conv1d({ filters: 32, kernelSize: 3, padding: "same", activation: "relu" }),
        tf.layers.maxPooling1d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 250, activation: "relu" }),
        tf.layers.dropout({ rate: 0.2 }),
        tf.layers.dense({ units: 1, activation: "sigmoid" }),
      ],
    });
    const rows = layerParameters(model);
    expect(rows.map((r) => [r.type, r.derived])).toEqual([
      ["Embedding", 160_000], ["Conv1D", 3_104], ["MaxPooling1D", 0], ["Flatten", 0],
      ["Dense", 250 * 32 * 250 + 250], ["Dropout", 0], ["Dense", 251],
    ]);
    for (const r of rows) expect(r.derived, r.layer).toBe(r.counted);
    expect(rows[0].formula).toBe("5,000 × 32");
    expect(rows[1].formula).toBe("3 × 32 × 32 + 32");
    expect(rows[4].formula).toBe("8,000 × 250 + 250");
    expect(rows[1].outputShape).toBe("[null, 500, 32]");
    model.dispose();
  });

  it("derives the lesson-5 LSTM and layers without bias", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 20_000, outputDim: 128, inputLength: 100 }),
        tf.layers.lstm({ units: 60 }),
        tf.layers.dense({ units: 7, useBias: false }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    const rows = layerParameters(model);
    expect(rows.map((r) => r.derived)).toEqual([2_560_000, 45_360, 420, 8]);
    for (const r of rows) expect(r.derived, r.layer).toBe(r.counted);
    expect(rows[1].formula).toBe("4 × ((128 + 60) × 60 + 60)");
    expect(rows[2].formula).toBe("60 × 7");
    model.dispose();
  });

  it("refuses a layer type it has no formula for instead of guessing", () => {
    const model = tf.sequential({ layers: [tf.layers.gru({ units: 2, inputShape: [4, 3] })] });
    expect(() => layerParameters(model)).toThrow(/no formula for layer "gru.*" of type GRU/);
    model.dispose();
  });
});

describe("parameterTableMarkdown", () => {
  it("lists every layer and totals both columns", () => {
    const table = parameterTableMarkdown([
      { layer: "e", type: "Embedding", outputShape: "[null, 2, 3]", formula: "10 × 3", derived: 30, counted: 30 },
      { layer: "d", type: "Dense", outputShape: "[null, 1]", formula: "6 × 1 + 1", derived: 7, counted: 7 },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe("| e | Embedding | [null, 2, 3] | 10 × 3 | 30 | 30 |");
    expect(lines[4]).toBe("| **total** | | | | **37** | **37** |");
  });
});
