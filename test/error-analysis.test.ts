import { describe, expect, it } from "vitest";
import { accuracyByLength, binaryAccuracy, agreementMatrix, averageProbabilities, binaryConfusion, wrongForEveryModel } from "../lib/analysis/error-analysis";
import { bucketLabel } from "../lib/analysis/model-charts";

// Five reviews, labels by hand; model A is wrong on reviews 1 and 4, model B on 1 and 2.
const labels = [1, 0, 1, 0, 1];
const modelA = [0.9, 0.8, 0.6, 0.1, 0.5];
const modelB = [0.7, 0.9, 0.2, 0.3, 0.95];

describe("binaryConfusion and binaryAccuracy", () => {
  it("count right and wrong answers by true label, a probability equal to the threshold saying negative", () => {
    expect(binaryConfusion(labels, modelA)).toEqual({ truePositives: 2, falsePositives: 1, trueNegatives: 1, falseNegatives: 1 });
    expect(binaryAccuracy(labels, modelA)).toBeCloseTo(3 / 5, 12);
    // At 0.85 only review 0 is called positive by A.
    expect(binaryConfusion(labels, modelA, 0.85)).toEqual({ truePositives: 1, falsePositives: 0, trueNegatives: 2, falseNegatives: 2 });
  });

  it("reject labels other than 0 and 1, and lists of different lengths", () => {
    expect(() => binaryConfusion([1, 2], [0.5, 0.5])).toThrow(/label 1 is 2/);
    expect(() => binaryConfusion([1], [0.5, 0.5])).toThrow(/1 labels for 2 probabilities/);
  });
});

describe("accuracyByLength", () => {
  it("splits reviews at the boundaries, empty buckets having no accuracy", () => {
    const buckets = accuracyByLength([10, 150, 99, 500, 100], labels, modelA, [100, 200, 300]);
    // [0, 100): reviews 0 and 2, both right; [100, 200): 1 (wrong) and 4 (wrong); [200, 300): none; [300, ∞): 3 (right).
    expect(buckets.map((b) => [b.from, b.to, b.reviews])).toEqual([[0, 100, 2], [100, 200, 2], [200, 300, 0], [300, Infinity, 1]]);
    expect(buckets.map((b) => b.accuracy)).toEqual([1, 0, NaN, 1]);
    expect(buckets.map(bucketLabel)).toEqual(["0-99", "100-199", "200-299", "300+"]);
  });

  it("rejects boundaries that do not increase", () => {
    expect(() => accuracyByLength([1], [1], [0.9], [200, 100])).toThrow(/positive and increasing/);
  });
});

describe("agreement, common mistakes and the ensemble", () => {
  it("agreementMatrix: the share of reviews with the same label, 1 on the diagonal", () => {
    // Labels A: 1 1 1 0 0; B: 1 1 0 0 1 → same on reviews 0, 1, 3.
    expect(agreementMatrix([modelA, modelB])).toEqual([[1, 3 / 5], [3 / 5, 1]]);
  });

  it("wrongForEveryModel: only the reviews both models get wrong", () => {
    expect(wrongForEveryModel(labels, [modelA, modelB])).toEqual([1]);
    expect(wrongForEveryModel(labels, [modelA])).toEqual([1, 4]);
  });

  it("averageProbabilities: the mean per review", () => {
    const mean = averageProbabilities([modelA, modelB]);
    [0.8, 0.85, 0.4, 0.2, 0.725].forEach((m, i) => expect(mean[i]).toBeCloseTo(m, 12));
    // Right on reviews 0, 3 and 4; wrong on 1 (0.85) and 2 (0.4).
    expect(binaryAccuracy(labels, mean)).toBeCloseTo(3 / 5, 12);
    expect(() => averageProbabilities([[0.1], [0.2, 0.3]])).toThrow(/model 1 has 2 probabilities, model 0 has 1/);
  });
});
