import { describe, expect, it } from "vitest";
import { convOutputLength, poolOutputLength } from "../lib/analysis/output-length";

describe("convOutputLength", () => {
  it("keeps the length with same padding and loses k - 1 positions with valid padding", () => {
    expect(convOutputLength(500, 3, "same")).toBe(500);
    expect(convOutputLength(500, 3, "valid")).toBe(498);
    expect(convOutputLength(5, 5, "valid")).toBe(1);
    expect(convOutputLength(10, 3, "causal")).toBe(10);
  });

  it("keeps every stride-th window and widens a dilated window", () => {
    // valid, kernel 3, stride 2 over 7 positions: windows start at 0, 2, 4.
    expect(convOutputLength(7, 3, "valid", 2)).toBe(3);
    // same, stride 2 over 7 positions: starts 0, 2, 4, 6.
    expect(convOutputLength(7, 3, "same", 2)).toBe(4);
    // kernel 3 with dilation 2 spans 5 positions: 9 - 5 + 1.
    expect(convOutputLength(9, 3, "valid", 1, 2)).toBe(5);
  });

  it("explains a window that does not fit and bad arguments", () => {
    expect(() => convOutputLength(2, 3, "valid")).toThrow(/window of 3 positions does not fit in 2/);
    expect(() => convOutputLength(10, 0)).toThrow("convOutputLength: kernelSize must be an integer ≥ 1, got 0.");
    expect(() => convOutputLength(10, 3, "full" as "valid")).toThrow('convOutputLength: padding must be one of "valid", "same", "causal", got "full".');
  });
});

describe("poolOutputLength", () => {
  it("halves with pool size 2, dropping an odd last position", () => {
    expect(poolOutputLength(500, 2)).toBe(250);
    expect(poolOutputLength(501, 2)).toBe(250);
    expect(poolOutputLength(501, 2, 2, "same")).toBe(251);
    expect(poolOutputLength(10, 3, 1)).toBe(8);
  });
});
