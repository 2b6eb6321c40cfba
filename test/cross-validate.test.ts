/**
 * kFolds and crossValidate: fold sizes, disjointness, stratification and the
 * mean and spread, on small cases checked by hand.
 */
import { describe, expect, it } from "vitest";
import { crossValidate, kFolds } from "../lib/index";

describe("kFolds", () => {
  it("puts every example in exactly one validation fold, sizes differing by at most one", () => {
    const folds = kFolds(10, { k: 3, seed: 5 });
    expect(folds.map((f) => f.validation.length)).toEqual([4, 3, 3]);
    expect(folds.flatMap((f) => f.validation).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const fold of folds) {
      expect([...fold.train, ...fold.validation].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(fold.train.filter((i) => fold.validation.includes(i))).toEqual([]);
    }
  });

  it("is reproducible from its seed and changes with it", () => {
    expect(kFolds(12, { k: 4, seed: 1 })).toEqual(kFolds(12, { k: 4, seed: 1 }));
    expect(kFolds(12, { k: 4, seed: 1 })).not.toEqual(kFolds(12, { k: 4, seed: 2 }));
  });

  it("stratified: each fold gets its share of each class", () => {
    const classes = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
    for (const fold of kFolds(12, { k: 3, stratify: classes })) {
      expect(fold.validation.map((i) => classes[i]).sort()).toEqual([0, 0, 1, 2]);
    }
  });

  it("rejects fewer than 2 examples, k outside 2..n, a seed outside 0..2^32 − 1 and a stratify of the wrong length", () => {
    expect(() => kFolds(1)).toThrow("kFolds: n must be an integer ≥ 2 (the number of examples), got 1.");
    expect(() => kFolds(5, { k: 1 })).toThrow("kFolds: k must be an integer from 2 to 5 (the number of folds, at most the number of examples), got 1.");
    expect(() => kFolds(5, { k: 6 })).toThrow("got 6");
    expect(() => kFolds(3)).toThrow("from 2 to 3 (the number of folds, at most the number of examples), got 5.");
    expect(() => kFolds(5, { seed: 0.5 })).toThrow("kFolds: seed must be an integer from 0 to 4294967295, got 0.5.");
    expect(() => kFolds(5, { stratify: [0, 1] })).toThrow("stratify has 2 classes for 5 examples");
  });
});

describe("crossValidate", () => {
  it("runs once per fold and reports each score's mean and sample standard deviation", async () => {
    const seen: number[] = [];
    // Score = the fold's number: 1, 2, 3, 4 → mean 2.5, sample std √(5/3).
    const result = await crossValidate(8, (fold) => {
      seen.push(fold.validation.length);
      return { accuracy: fold.fold, error: 1 };
    }, { k: 4 });
    expect(seen).toEqual([2, 2, 2, 2]);
    expect(result.folds.map((f) => f.accuracy)).toEqual([1, 2, 3, 4]);
    expect(result.mean.accuracy).toBe(2.5);
    expect(result.std.accuracy).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(result.mean.error).toBe(1);
    expect(result.std.error).toBe(0);
    expect(result.folds.every((f) => f.seconds >= 0)).toBe(true);
  });

  it("refuses a score that is not a finite number", async () => {
    await expect(crossValidate(4, () => ({ accuracy: Number.NaN }), { k: 2 })).rejects.toThrow("fold 1 returned accuracy = NaN; scores must be finite numbers");
  });
});
