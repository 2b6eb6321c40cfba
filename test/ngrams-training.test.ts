import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/index";
import { type CsrMatrix, csrMatVec, csrTransposeMatVec, scaleColumns, selectRows } from "../lib/models/ngrams/csr";
import { buildNgramVocabulary } from "../lib/models/ngrams/vocabulary";
import { evaluateClassifier, predictProbabilities, trainLogisticRegression } from "../lib/models/ngrams/logistic-regression";
import { nbLogCountRatio } from "../lib/models/ngrams/naive-bayes";
import { ngramFeatures } from "../lib/models/ngrams/features";
import { sparseMatVec } from "../lib/models/ngrams/sparse-matvec";
import { mulberry32 } from "../lib/util/random";

beforeAll(async () => {
  await initBackend();
});

/** A reproducible random sparse matrix, about a third of its entries non-zero, and its dense copy. */
function randomSparse(rows: number, cols: number, seed: number): { sparse: CsrMatrix; dense: number[][] } {
  const random = mulberry32(seed);
  const dense = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random() < 0.35 ? Math.round((random() * 4 - 2) * 100) / 100 : 0)));
  const indptr = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of dense) {
    row.forEach((value, j) => {
      if (value !== 0) {
        indices.push(j);
        values.push(value);
      }
    });
    indptr.push(indices.length);
  }
  return { sparse: { rows, cols, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: Float32Array.from(values) }, dense };
}

describe("nbLogCountRatio", () => {
  it("matches the ratios worked out by hand on four reviews", () => {
    // Columns good, movie, "good movie", not, bad; labels 1, 0, 0, 1.
    // Positive rows sum to [1, 1, 1, 1, 1] → p = [2, 2, 2, 2, 2], ‖p‖₁ = 10;
    // negative rows sum to [1, 2, 1, 1, 1] → q = [2, 3, 2, 2, 2], ‖q‖₁ = 11.
    const reviews = [["good", "movie"], ["not", "good", "movie"], ["bad", "movie", "bad", "movie"], ["not", "bad"]];
    const vocabulary = buildNgramVocabulary(reviews, { maxN: 2, minDocumentCount: 2 });
    expect(vocabulary.ngrams).toEqual(["good", "movie", "good movie", "not", "bad"]);
    const ratio = nbLogCountRatio(ngramFeatures(reviews, vocabulary, "binary"), [1, 0, 0, 1], { alpha: 1 });
    const even = Math.log((2 / 10) / (2 / 11)); // log 1.1
    const movie = Math.log((2 / 10) / (3 / 11)); // log(22/30)
    const expected = [even, movie, even, even, even];
    Array.from(ratio).forEach((r, j) => expect(r).toBeCloseTo(expected[j], 6));
  });

  it("says what is wrong with its input", () => {
    const { sparse } = randomSparse(3, 4, 1);
    expect(() => nbLogCountRatio(sparse, [1, 0])).toThrow(/2 labels for 3 reviews/);
    expect(() => nbLogCountRatio(sparse, [1, 1, 1])).toThrow(/only one class/);
    expect(() => nbLogCountRatio(sparse, [1, 0, 2])).toThrow(/label 2 is 2/);
    expect(() => nbLogCountRatio(sparse, [1, 0, 1], { alpha: 0 })).toThrow(/alpha/);
  });
});

describe("sparse products", () => {
  const { sparse, dense } = randomSparse(6, 9, 3);
  const w = Array.from({ length: 9 }, (_, j) => Math.sin(j + 1));

  it("X·w and Xᵀ·v equal the dense products", () => {
    const product = dense.map((row) => row.reduce((sum, x, j) => sum + x * w[j], 0));
    const v = [0.5, -1, 2, 0, 1.5, -0.25];
    const transposed = w.map((_, j) => dense.reduce((sum, row, i) => sum + row[j] * v[i], 0));
    Array.from(csrMatVec(sparse, w)).forEach((x, i) => expect(x).toBeCloseTo(product[i], 5));
    Array.from(csrTransposeMatVec(sparse, v)).forEach((x, j) => expect(x).toBeCloseTo(transposed[j], 5));
  });

  it("sparseMatVec and its gradient equal tfjs' dense matMul and its gradient", () => {
    const labels = tf.tensor1d([1, 0, 0, 1, 1, 0]);
    const loss = (logits: tf.Tensor1D) => tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar;
    const weights = tf.tensor1d(w);
    const denseX = tf.tensor2d(dense);
    const denseLogits = (v: tf.Tensor1D) => tf.matMul(denseX, v.reshape([9, 1])).reshape([6]) as tf.Tensor1D;

    const expectedLogits = denseLogits(weights).dataSync();
    Array.from(sparseMatVec(sparse, weights).dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expectedLogits[i], 5));
    const sparseGradient = tf.grad((v: tf.Tensor) => loss(sparseMatVec(sparse, v as tf.Tensor1D)))(weights).dataSync();
    const denseGradient = tf.grad((v: tf.Tensor) => loss(denseLogits(v as tf.Tensor1D)))(weights).dataSync();
    expect(Math.max(...denseGradient.map(Math.abs))).toBeGreaterThan(0.01);
    Array.from(sparseGradient).forEach((g, j) => expect(g).toBeCloseTo(denseGradient[j], 5));
  });

  it("selectRows and scaleColumns match row picking and column scaling of the dense matrix", () => {
    const picked = selectRows(sparse, [4, 0, 4]);
    const scale = Array.from({ length: 9 }, (_, j) => j - 3);
    const expected = [dense[4], dense[0], dense[4]].map((row) => row.reduce((sum, x, j) => sum + x * scale[j] * w[j], 0));
    Array.from(csrMatVec(scaleColumns(picked, scale), w)).forEach((x, i) => expect(x).toBeCloseTo(expected[i], 4));
    expect(() => selectRows(sparse, [6])).toThrow(/row 6 does not exist/);
    expect(() => scaleColumns(sparse, [1, 2])).toThrow(/2 scales for a matrix with 9 columns/);
    expect(() => sparseMatVec(sparse, tf.zeros([8]) as tf.Tensor1D)).toThrow(/length 9/);
  });
});

describe("logistic regression", () => {
  // Row i holds the cue column (0 for positive, 1 for negative) and three of 20 noise columns.
  const rows = 200;
  const labels = Array.from({ length: rows }, (_, i) => (i * 37) % 3 === 0 ? 1 : 0);
  const indptr = [0];
  const indices: number[] = [];
  for (let i = 0; i < rows; i++) {
    indices.push(labels[i] === 1 ? 0 : 1, ...[2 + (i % 7), 9 + ((i * 5) % 6), 15 + ((i * 3) % 7)]);
    indptr.push(indices.length);
  }
  const features: CsrMatrix = { rows, cols: 22, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), values: new Float32Array(indices.length).fill(1) };

  it("learns a separable problem, the cue columns taking opposite signs", async () => {
    const { classifier, history } = await trainLogisticRegression(features, labels, { epochs: 30, batchSize: 32, learningRate: 0.05, seed: 3 });
    expect(evaluateClassifier(classifier, features, labels).accuracy).toBe(1);
    expect(classifier.weights[0]).toBeGreaterThan(0.5);
    expect(classifier.weights[1]).toBeLessThan(-0.5);
    expect(history).toHaveLength(30);
    expect(history[29].loss).toBeLessThan(history[0].loss / 2);
  });

  it("repeats exactly from a seed, and the seed changes the batch order", async () => {
    const options = { epochs: 2, batchSize: 16, learningRate: 0.05 };
    const a = await trainLogisticRegression(features, labels, { ...options, seed: 5 });
    const b = await trainLogisticRegression(features, labels, { ...options, seed: 5 });
    const c = await trainLogisticRegression(features, labels, { ...options, seed: 6 });
    expect(Array.from(b.classifier.weights)).toEqual(Array.from(a.classifier.weights));
    expect(Array.from(c.classifier.weights)).not.toEqual(Array.from(a.classifier.weights));
  });

  it("shrinks the weights with l2", async () => {
    const options = { epochs: 10, batchSize: 32, learningRate: 0.05, seed: 3 };
    const free = await trainLogisticRegression(features, labels, options);
    const shrunk = await trainLogisticRegression(features, labels, { ...options, l2: 0.05 });
    const norm = (w: Float32Array) => Math.hypot(...w);
    expect(norm(shrunk.classifier.weights)).toBeLessThan(0.8 * norm(free.classifier.weights));
  });

  it("reports validation scores each epoch", async () => {
    const seen: number[] = [];
    const { history } = await trainLogisticRegression(features, labels, { epochs: 2, validation: { features, labels }, onEpochEnd: (e) => seen.push(e.epoch) });
    expect(seen).toEqual([1, 2]);
    expect(history[1].validationAccuracy).toBeGreaterThan(0.5);
  });

  it("evaluates and predicts with sigmoid(w·x + b), worked out by hand", () => {
    // Rows: {0}, {1}, {0, 1}; w = [2, -1], b = 0.5 → logits 2.5, -0.5, 1.5.
    const small: CsrMatrix = { rows: 3, cols: 2, indptr: Int32Array.from([0, 1, 2, 4]), indices: Int32Array.from([0, 1, 0, 1]), values: new Float32Array(4).fill(1) };
    const classifier = { weights: Float32Array.from([2, -1]), bias: 0.5 };
    const p = [2.5, -0.5, 1.5].map((z) => 1 / (1 + Math.exp(-z)));
    Array.from(predictProbabilities(classifier, small)).forEach((x, i) => expect(x).toBeCloseTo(p[i], 6));
    const { accuracy, loss } = evaluateClassifier(classifier, small, [1, 0, 0]);
    expect(accuracy).toBeCloseTo(2 / 3, 10);
    expect(loss).toBeCloseTo(-(Math.log(p[0]) + Math.log(1 - p[1]) + Math.log(1 - p[2])) / 3, 6);
  });

  it("says what is wrong with its settings", async () => {
    await expect(trainLogisticRegression(features, labels.slice(1))).rejects.toThrow(/199 labels for 200 rows/);
    await expect(trainLogisticRegression(features, labels, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(trainLogisticRegression(features, labels, { learningRate: -1 })).rejects.toThrow(/learningRate/);
  });
});
