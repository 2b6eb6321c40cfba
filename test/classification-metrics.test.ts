import { describe, expect, it } from "vitest";
import { accuracyOf, confusionMatrix, expectedValues, meanAbsoluteError } from "../lib/index";

describe("classification metrics", () => {
  const actual = [0, 1, 2, 2, 1];
  const predicted = [0, 2, 2, 1, 1];

  it("accuracy and mean absolute error", () => {
    expect(accuracyOf(actual, predicted)).toBe(3 / 5);
    // |0| + |−1| + |0| + |1| + |0| = 2 over 5.
    expect(meanAbsoluteError(actual, predicted)).toBe(0.4);
  });

  it("confusion matrix: rows actual, columns predicted", () => {
    expect(confusionMatrix(actual, predicted, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 1, 1],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow("actual[1] is 3; classes are whole numbers from 0 to 2");
  });

  it("expected values of probability rows", () => {
    expect(expectedValues([[0.5, 0.5], [0.25, 0.75]], [1, 10])).toEqual([5.5, 7.75]);
  });

  it("rejects lengths that differ", () => {
    expect(() => accuracyOf([1], [1, 2])).toThrow("got 1 actual and 2 predicted values");
  });
});
