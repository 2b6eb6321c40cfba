import { describe, expect, it } from "vitest";
import { parseChartHtml } from "../lib/display/charts";
import { modelComparisonChartHtml, modelComparisonTable, trainingSecondsOf } from "../lib/analysis/model-comparison";
import type { SavedSentimentModelInfo } from "../lib/models/sentiment-model";

function info(name: string, lesson: number, metrics: SavedSentimentModelInfo["metrics"]): SavedSentimentModelInfo {
  return {
    format: "imdb-course-model", formatVersion: 1, name, kind: "sequence", lesson, metrics,
    createdAt: "2025-01-01T00:00:00.000Z", backend: "wasm", tfjsVersion: "4.22.0", scale: "full",
  };
}

const mlp = info("embedding-mlp", 3, { testAccuracy: 0.875, epochs: 2, secondsPerEpoch: 40.5, parameters: 4_160_501 });
const ngrams = info("nb-logistic-regression", 7, { testAccuracy: 0.912, trainingSeconds: 30, parameters: 1_500_001 });
const unmeasured = info("my-model", 6, {});

describe("trainingSecondsOf", () => {
  it("takes the whole training time when saved, else epochs × seconds per epoch, else nothing", () => {
    expect(trainingSecondsOf(ngrams)).toBe(30);
    expect(trainingSecondsOf(mlp)).toBe(81);
    expect(trainingSecondsOf(unmeasured)).toBeUndefined();
  });
});

describe("modelComparisonTable", () => {
  it("gives one row per model with accuracy in percent and empty cells for unknown figures", () => {
    const table = modelComparisonTable([mlp, ngrams, unmeasured]);
    expect(table.columns).toEqual(["lesson", "model", "parameters", "epochs", "s / epoch", "training s", "test accuracy %", "backend", "scale"]);
    expect(table.rows).toEqual([
      [3, "embedding-mlp", 4_160_501, 2, 40.5, 81, 87.5, "wasm", "full"],
      [7, "nb-logistic-regression", 1_500_001, undefined, undefined, 30, 91.2, "wasm", "full"],
      [6, "my-model", undefined, undefined, undefined, undefined, undefined, "wasm", "full"],
    ]);
  });
});

describe("modelComparisonChartHtml", () => {
  it("draws accuracy (dots from 50%), training time and parameters (bars from zero, labelled) for the same models", () => {
    const { spec } = parseChartHtml(modelComparisonChartHtml([mlp, ngrams, unmeasured]))!;
    const data = spec.data as unknown as { type: string; x: string[]; y: (number | null)[]; text: string[]; yaxis: string }[];
    const layout = spec.layout as unknown as Record<string, { type?: string; range?: number[] }>;
    expect(data.map((t) => t.yaxis)).toEqual(["y", "y2", "y3"]);
    expect(data[0].x).toEqual(["embedding-mlp", "nb-logistic-regression", "my-model"]);
    expect(data[0].y).toEqual([87.5, 91.2, null]);
    expect(data[1].y).toEqual([81, 30, null]);
    expect(data[2].y).toEqual([4_160_501, 1_500_001, null]);
    expect(data.map((t) => t.type)).toEqual(["scatter", "bar", "bar"]);
    expect(data[2].text).toEqual(["4.16M", "1.5M", ""]);
    expect(layout.yaxis.range).toEqual([50, 100]);
    // Bars start at zero on linear axes, with room for the tallest bar's label.
    expect(layout.yaxis2.type).toBeUndefined();
    expect(layout.yaxis2.range).toEqual([0, 1.2 * 81]);
    expect(layout.yaxis3.type).toBeUndefined();
    expect(layout.yaxis3.range).toEqual([0, 1.2 * 4_160_501]);
  });
});
