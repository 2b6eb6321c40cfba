/**
 * Lesson 4's exercise checks (test/grading/04-conv1d.ts) accept other correct
 * answers than the solution's and catch the plausible mistakes, with a message
 * that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "04-conv1d";

describe("lesson 4 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l4-output-length": [
        'function convLength(length: number, kernelSize: number, padding: "valid" | "same"): number {',
        '  if (padding === "valid") return length - (kernelSize - 1);',
        "  return length;",
        "}",
        "function pooledLength(length: number, poolSize: number): number {",
        "  return (length - (length % poolSize)) / poolSize;",
        "}",
      ].join("\n"),
      "l4-conv1d-parameters": "function conv1dParams(kernelSize: number, inputChannels: number, filters: number): number {\n  return filters * (kernelSize * inputChannels + 1);\n}",
      "l4-global-max-pool": [
        "function globalMaxPool(features: number[][]): number[] {",
        "  const best = [...features[0]];",
        "  for (const row of features) row.forEach((v, c) => { if (v > best[c]) best[c] = v; });",
        "  return best;",
        "}",
      ].join("\n"),
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l4-output-length", "passed", undefined],
      ["l4-conv1d-parameters", "passed", undefined],
      ["l4-global-max-pool", "passed", undefined],
    ]);
  }, 120_000);

  it("fail an off-by-one valid length, a bias per channel, and a maximum that starts at 0", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l4-output-length": [
        'function convLength(length: number, kernelSize: number, padding: "valid" | "same"): number {',
        '  return padding === "same" ? length : length - kernelSize;',
        "}",
        "function pooledLength(length: number, poolSize: number): number {",
        "  return Math.floor(length / poolSize);",
        "}",
      ].join("\n"),
      "l4-conv1d-parameters": "function conv1dParams(kernelSize: number, inputChannels: number, filters: number): number {\n  return kernelSize * inputChannels * filters + inputChannels;\n}",
      "l4-global-max-pool": "function globalMaxPool(features: number[][]): number[] {\n  return features[0].map((_, c) => Math.max(0, ...features.map((row) => row[c])));\n}",
    });
    expect(exerciseReport(report, "l4-output-length").message).toMatch(/^convLength\(100, 5, "valid"\) should be 96, got 95/);
    expect(exerciseReport(report, "l4-conv1d-parameters").message).toMatch(/^conv1dParams\(5, 128, 250\) should be 160250 \(250 filters × \(5 × 128 weights \+ 1 bias\)\), got 160128/);
    expect(exerciseReport(report, "l4-global-max-pool").message).toMatch(/^globalMaxPool\(\[\[1,-2,3\],\[4,-5,0\]\]\) should be \[4, -2, 3\], got \[4,0,3\]/);
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail a pooled length that keeps the incomplete last window", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l4-output-length": [
        'function convLength(length: number, kernelSize: number, padding: "valid" | "same"): number {',
        '  return padding === "same" ? length : length - kernelSize + 1;',
        "}",
        "function pooledLength(length: number, poolSize: number): number {",
        "  return Math.ceil(length / poolSize);",
        "}",
      ].join("\n"),
    });
    expect(exerciseReport(report, "l4-output-length").message).toMatch(/^pooledLength\(5, 2\) should be 2, got 3/);
  }, 120_000);
});
