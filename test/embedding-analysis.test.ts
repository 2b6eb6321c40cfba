import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { cosineSimilarity, embeddingVectors, nearestNeighbours, positiveNegativeRatios, principalComponents, writeProjectorFiles, type WordVectors } from "../lib/analysis/embedding-analysis";
import type { LoadedNetworkModel } from "../lib/models/loaded-network-model";
import { loadSentimentModel, saveSentimentModel } from "../lib/models/storage/model-folder";
import { useToySentimentData } from "./fixtures/toy-sentiment-reviews";

const words: WordVectors = {
  words: ["good", "great", "bad", "film"],
  indices: [10, 11, 9, 5],
  vectors: [[1, 0], [2, 0.2], [-1, 0.1], [0, 1]].map((v) => Float32Array.from(v)),
};

describe("cosineSimilarity and nearestNeighbours", () => {
  it("cosine: 1 for the same direction, 0 for orthogonal, −1 for opposite, 0 with a zero vector", () => {
    expect(cosineSimilarity([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 3])).toBe(0);
    expect(cosineSimilarity([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    // (3·1 + 4·0) / (5 · 1) = 0.6.
    expect(cosineSimilarity([3, 4], [1, 0])).toBeCloseTo(0.6, 12);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(/1 and 2 values/);
  });

  it("neighbours: most similar first, the word itself left out", () => {
    const near = nearestNeighbours(words, "good", 2);
    // great: 2 / √4.04 = 0.995; film: 0; bad: −1 / √1.01 = −0.995.
    expect(near.map((n) => n.word)).toEqual(["great", "film"]);
    expect(near[0].similarity).toBeCloseTo(2 / Math.sqrt(4.04), 6);
    expect(nearestNeighbours(words, "good", 10).map((n) => n.word)).toEqual(["great", "film", "bad"]);
    expect(() => nearestNeighbours(words, "zorblax")).toThrow(/"zorblax" has no vector here/);
  });
});

describe("principalComponents", () => {
  it("finds the axes of a spread along x (variance 4) and y (variance 1)", () => {
    // Centred points (±2, 0) and (0, ±1): covariance diag(2, 0.5), shares 0.8 and 0.2.
    const rows = [[2, 0], [-2, 0], [0, 1], [0, -1]].map(([x, y]) => [x + 10, y - 3]);
    const { directions, varianceShare, coordinates } = principalComponents(rows, 2);
    expect(Math.abs(directions[0][0])).toBeCloseTo(1, 9);
    expect(directions[0][0]).toBeGreaterThan(0);
    expect(Math.abs(directions[1][1])).toBeCloseTo(1, 9);
    expect(varianceShare[0]).toBeCloseTo(0.8, 9);
    expect(varianceShare[1]).toBeCloseTo(0.2, 9);
    Array.from(coordinates[0]).forEach((c, i) => expect(c).toBeCloseTo([2, -2, 0, 0][i], 9));
  });

  it("puts points on a line y = 2x on one component holding all the variance", () => {
    const rows = [0, 1, 2, 3].map((x) => [x, 2 * x]);
    const { directions, varianceShare, coordinates } = principalComponents(rows, 2);
    expect(directions[0][0]).toBeCloseTo(1 / Math.sqrt(5), 9);
    expect(directions[0][1]).toBeCloseTo(2 / Math.sqrt(5), 9);
    expect(varianceShare[0]).toBeCloseTo(1, 9);
    expect(varianceShare[1]).toBeCloseTo(0, 9);
    // The second direction is a unit vector orthogonal to the first.
    expect(directions[1][0] * directions[0][0] + directions[1][1] * directions[0][1]).toBeCloseTo(0, 9);
    expect(Math.hypot(directions[1][0], directions[1][1])).toBeCloseTo(1, 9);
    // Distances from the mean (1.5, 3) along the line: (x − 1.5) · √5.
    Array.from(coordinates[0]).forEach((c, x) => expect(c).toBeCloseTo((x - 1.5) * Math.sqrt(5), 9));
  });

  it("rejects too few rows and too many components", () => {
    expect(() => principalComponents([[1, 2]])).toThrow(/at least 2 rows/);
    expect(() => principalComponents([[1, 2], [3, 4]], 3)).toThrow("principalComponents: components must be an integer from 1 to 2 (at most the number of values per row), got 3.");
  });
});

describe("positiveNegativeRatios", () => {
  it("compares the shares of positive and negative reviews containing each word, each review counted once", () => {
    // 3 positive reviews, 1 negative; word 7 is in 2 positive reviews (once twice), word 8 in the negative one.
    const sequences = [[7, 7, 5], [7], [5], [8, 5]];
    const ratios = positiveNegativeRatios(sequences, [1, 1, 1, 0], [7, 8, 9]);
    expect(ratios[0]).toBeCloseTo(Math.log(3 / 4) - Math.log(1 / 2), 12);
    expect(ratios[1]).toBeCloseTo(Math.log(1 / 4) - Math.log(2 / 2), 12);
    expect(ratios[2]).toBeCloseTo(Math.log(1 / 4) - Math.log(1 / 2), 12);
  });
});

describe("writeProjectorFiles", () => {
  it("writes vectors.tsv and metadata.tsv line for line, a header naming the columns, no temporary file left", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "projector-"));
    try {
      const files = writeProjectorFiles(path.join(folder, "model"), words, { "ln(pos/neg)": [1.5, 2, -1, 0] });
      const vectorLines = fs.readFileSync(files.vectors, "utf8").trimEnd().split("\n");
      expect(vectorLines).toHaveLength(4);
      expect(vectorLines[2].split("\t").map(Number)).toEqual([-1, Math.fround(0.1)]);
      expect(fs.readFileSync(files.metadata, "utf8")).toBe("word\tln(pos/neg)\ngood\t1.5\ngreat\t2\nbad\t-1\nfilm\t0\n");
      expect(fs.readdirSync(path.join(folder, "model")).sort()).toEqual(["metadata.tsv", "vectors.tsv"]);
      expect(() => writeProjectorFiles(folder, words, { short: [1] })).toThrow(/column "short" has 1 values for 4 words/);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("embeddingVectors", () => {
  const { modelsDir } = useToySentimentData("embedding");

  it("gives row i of the Embedding to the word of rank i − 3, most frequent first, without padding, start and OOV rows", async () => {
    const model = tf.sequential({ layers: [tf.layers.embedding({ inputDim: 12, outputDim: 2, inputLength: 3 }), tf.layers.flatten(), tf.layers.dense({ units: 1, activation: "sigmoid" })] });
    model.layers[0].setWeights([tf.tensor2d(Array.from({ length: 24 }, (_, k) => k), [12, 2])]);
    await saveSentimentModel(model, "toy", { kind: "sequence", dataOptions: { numWords: 12 }, maxlen: 3 }, { dir: modelsDir() });
    const loaded = (await loadSentimentModel("toy", { dir: modelsDir() })) as LoadedNetworkModel;
    const vectors = await embeddingVectors(loaded);
    expect(vectors.words).toEqual(["and", "film", "is", "the", "awful", "bad", "good", "great"]);
    expect(vectors.indices).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    // Row 10 holds 20 and 21.
    expect(Array.from(vectors.vectors[6])).toEqual([20, 21]);
    expect((await embeddingVectors(loaded, 3)).words).toEqual(["and", "film", "is"]);
  });

  it("says which models have no Embedding layer", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: "sigmoid", inputShape: [12] })] });
    await saveSentimentModel(model, "flat", { kind: "multi-hot", dataOptions: { numWords: 12 } }, { dir: modelsDir() });
    const loaded = (await loadSentimentModel("flat", { dir: modelsDir() })) as LoadedNetworkModel;
    await expect(embeddingVectors(loaded)).rejects.toThrow(/model "flat" has no Embedding layer/);
  });
});
