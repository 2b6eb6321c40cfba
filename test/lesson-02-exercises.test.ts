/**
 * Lesson 2's exercise checks (test/grading/02-multi-hot.ts) accept other
 * correct answers than the solution's and catch the plausible mistakes, with a
 * message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "02-multi-hot";
const CUT_SIGNATURE = "function cutToVocabulary(sequence: number[], numWords: number, skipTop = 0, oovChar = 2): number[] {";

describe("lesson 2 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  const out: number[] = [];\n  for (const w of sequence) out.push(w < skipTop || w >= numWords ? oovChar : w);\n  return out;\n}`,
      "l2-multi-hot-by-hand": "function multiHotByHand(sequence: number[], numWords: number): number[] {\n  return Array.from({ length: numWords }, (_, i) => (sequence.includes(i) ? 1 : 0));\n}",
      "l2-dense-bytes": "function bytesOfDenseMatrix(rows: number, columns: number, bytesPerValue = 4): number {\n  return bytesPerValue * columns * rows;\n}",
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l2-cut-to-vocabulary", "passed", undefined],
      ["l2-multi-hot-by-hand", "passed", undefined],
      ["l2-dense-bytes", "passed", undefined],
    ]);
  }, 120_000);

  it("fail keeping the index numWords, counting occurrences instead of marking them, and a fixed 4 bytes", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  return sequence.map((w) => (skipTop <= w && w <= numWords ? w : oovChar));\n}`,
      "l2-multi-hot-by-hand": "function multiHotByHand(sequence: number[], numWords: number): number[] {\n  const v: number[] = new Array(numWords).fill(0);\n  for (const i of sequence) v[i] += 1;\n  return v;\n}",
      "l2-dense-bytes": "function bytesOfDenseMatrix(rows: number, columns: number, bytesPerValue = 4): number {\n  return rows * columns * 4;\n}",
    });
    expect(exerciseReport(report, "l2-cut-to-vocabulary").message).toMatch(/^cutToVocabulary\(\[5, 9, 10\], 10, 5\) should be \[5, 9, 2\], got \[5, 9, 10\]/);
    expect(exerciseReport(report, "l2-multi-hot-by-hand").message).toMatch(/^multiHotByHand\(\[3, 3, 3\], 4\) should be \[0, 0, 0, 1\], got \[0,0,0,3\]/);
    expect(exerciseReport(report, "l2-dense-bytes").message).toMatch(/^bytesOfDenseMatrix\(2, 5, 8\) should be 80, got 40/);
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail an out-of-vocabulary index that ignores oovChar", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  return sequence.map((w) => (skipTop <= w && w < numWords ? w : 2));\n}`,
    });
    expect(exerciseReport(report, "l2-cut-to-vocabulary").message).toMatch(/^cutToVocabulary\(\[1, 50\], 20, 0, 99\) should be \[1, 99\], got \[1, 2\]/);
  }, 120_000);
});
