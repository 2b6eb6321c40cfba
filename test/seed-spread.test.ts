import { describe, expect, it } from "vitest";
import { accuracyStandardError, seedSpread } from "../lib/index";

describe("seedSpread", () => {
  it("gives mean, range and sample standard deviation worked out by hand", () => {
    // 0.86, 0.87, 0.88: mean 0.87, squared deviations 1e-4 + 0 + 1e-4, / (3 - 1) → sd 0.01.
    const spread = seedSpread([0.86, 0.88, 0.87], 100);
    expect(spread.runs).toBe(3);
    expect(spread.mean).toBeCloseTo(0.87, 12);
    expect(spread.min).toBe(0.86);
    expect(spread.max).toBe(0.88);
    expect(spread.standardDeviation).toBeCloseTo(0.01, 12);
  });

  it("measures the test set's own error as sqrt(p(1 - p)/n)", () => {
    // p = 0.5 on 25 examples: sqrt(0.25 / 25) = 0.1; p = 0.9 on 10,000: sqrt(0.09 / 10000) = 0.003.
    expect(seedSpread([0.4, 0.6], 25).testSetError).toBeCloseTo(0.1, 12);
    expect(seedSpread([0.9], 10000).testSetError).toBeCloseTo(0.003, 12);
  });

  it("gives the same standard error on its own, for one accuracy", () => {
    // sqrt(0.92 × 0.08 / 5000) = sqrt(1.472e-5) ≈ 0.0038367.
    expect(accuracyStandardError(0.92, 5000)).toBeCloseTo(0.0038367, 6);
    expect(accuracyStandardError(0.5, 25)).toBeCloseTo(0.1, 12);
  });

  it("has no spread across seeds for a single run", () => {
    expect(seedSpread([0.87], 25000).standardDeviation).toBe(0);
  });

  it("rejects input that cannot be accuracies, saying what was wrong", () => {
    expect(() => seedSpread([], 10)).toThrow(/at least one accuracy/);
    expect(() => seedSpread([87.2], 10)).toThrow(/fractions between 0 and 1, got 87.2/);
    expect(() => seedSpread([0.8], 0)).toThrow("seedSpread: testCount must be an integer ≥ 1, got 0.");
  });
});
