/**
 * Lesson 8's exercise checks (test/grading/08-your-own-data.ts) accept other
 * correct answers than the solution's and catch the plausible mistakes, with a
 * message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "08-your-own-data";

describe("lesson 8 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l8-confusion-matrix": "function confusionMatrixByHand(actual: number[], predicted: number[], classCount: number): number[][] {\n  return [...Array(classCount).keys()].map((a) => [...Array(classCount).keys()].map((p) => actual.filter((x, i) => x === a && predicted[i] === p).length));\n}",
      "l8-fold-ranges": "function foldRanges(n: number, k: number): [number, number][] {\n  return [...Array(k).keys()].map((f) => [f * Math.floor(n / k) + Math.min(f, n % k), (f + 1) * Math.floor(n / k) + Math.min(f + 1, n % k)] as [number, number]);\n}",
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l8-confusion-matrix", "passed", undefined],
      ["l8-fold-ranges", "passed", undefined],
    ]);
  }, 120_000);

  it("fail a transposed matrix, one shared row, and the larger blocks last", async () => {
    const transposed = await gradeWithAnswers(SLUG, {
      "l8-confusion-matrix": "function confusionMatrixByHand(actual: number[], predicted: number[], classCount: number): number[][] {\n  const m = Array.from({ length: classCount }, () => new Array(classCount).fill(0));\n  actual.forEach((a, i) => m[predicted[i]][a]++);\n  return m;\n}",
      "l8-fold-ranges": "function foldRanges(n: number, k: number): [number, number][] {\n  const r: [number, number][] = [];\n  let start = 0;\n  for (let f = 0; f < k; f++) { const size = Math.floor(n / k) + (f >= k - (n % k) ? 1 : 0); r.push([start, start + size]); start += size; }\n  return r;\n}",
    });
    expect(exerciseReport(transposed, "l8-confusion-matrix").message).toMatch(/^confusionMatrixByHand\(\[1,0\], \[0,0\], 2\) should be \[\[1,0\],\[1,0\]\] \(rows actual, columns predicted\), got \[\[1,1\],\[0,0\]\]/);
    expect(exerciseReport(transposed, "l8-fold-ranges").message).toMatch(/^foldRanges\(5, 2\) should be \[\[0,3\],\[3,5\]\] \(the larger blocks first\), got \[\[0,2\],\[2,5\]\]/);
    expect(transposed.points).toBe(0);
    const sharedRow = await gradeWithAnswers(SLUG, {
      "l8-confusion-matrix": "function confusionMatrixByHand(actual: number[], predicted: number[], classCount: number): number[][] {\n  const m = new Array(classCount).fill(new Array(classCount).fill(0));\n  actual.forEach((a, i) => m[a][predicted[i]]++);\n  return m;\n}",
    });
    expect(exerciseReport(sharedRow, "l8-confusion-matrix").status).toBe("failed");
  }, 240_000);
});
