import { describe, expect, it } from "vitest";
import { courseScale, headOfSplit } from "../lib/data/scale";

describe("courseScale", () => {
  it("defaults to the full dataset and the lesson's epochs", () => {
    const scale = courseScale(undefined);
    expect(scale.name).toBe("full");
    expect(scale.trainSize).toBeUndefined();
    expect(scale.epochs(5)).toBe(5);
  });

  it("smoke keeps 500 reviews per split and one epoch", () => {
    const scale = courseScale("smoke");
    expect([scale.trainSize, scale.testSize, scale.epochs(5)]).toEqual([500, 500, 1]);
  });

  it("rejects an unknown scale, naming the allowed ones", () => {
    expect(() => courseScale("tiny")).toThrow(/COURSE_SCALE="tiny".*"full".*"smoke"/);
  });
});

describe("headOfSplit", () => {
  it("keeps x and y aligned", () => {
    expect(headOfSplit({ x: ["a", "b", "c"], y: [1, 0, 1] }, 2)).toEqual({ x: ["a", "b"], y: [1, 0] });
    const all = { x: [1], y: [0] };
    expect(headOfSplit(all, undefined)).toBe(all);
  });
});
