/**
 * Lesson 7's exercise checks (test/grading/07-bag-of-ngrams.ts) accept other
 * correct answers than the solution's and catch the plausible mistakes, with a
 * message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "07-bag-of-ngrams";
const RATIOS_SIGNATURE = "function logCountRatios(rows: number[][], labels: number[], alpha = 1): number[] {";

/** A log-count-ratio answer whose logarithm is `log` (a function name over one number). */
function ratiosAnswer(log: string): string {
  return [
    RATIOS_SIGNATURE,
    "  const sum = (label: number) => rows.filter((_, i) => labels[i] === label).reduce((acc, row) => acc.map((v, j) => v + row[j]), rows[0].map(() => alpha));",
    "  const p = sum(1), q = sum(0);",
    "  const total = (v: number[]) => v.reduce((a, b) => a + b, 0);",
    `  return p.map((pj, j) => ${log}(pj / total(p)) - ${log}(q[j] / total(q)));`,
    "}",
  ].join("\n");
}

describe("lesson 7 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l7-bigrams": "function bigrams(tokens: string[]): string[] {\n  return tokens.slice(1).map((token, i) => tokens[i] + \" \" + token);\n}",
      "l7-binary-row": "function binaryRow(ngrams: string[], columns: Map<string, number>): number[] {\n  return [...new Set(ngrams.filter((g) => columns.has(g)).map((g) => columns.get(g)!))].sort((a, b) => a - b);\n}",
      "l7-log-count-ratios": ratiosAnswer("Math.log"),
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l7-bigrams", "passed", undefined],
      ["l7-binary-row", "passed", undefined],
      ["l7-log-count-ratios", "passed", undefined],
    ]);
  }, 120_000);

  it("fail a last token paired with nothing, a sort by text, and a base-10 logarithm", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l7-bigrams": "function bigrams(tokens: string[]): string[] {\n  return tokens.map((token, i) => `${token} ${tokens[i + 1] ?? \"\"}`.trim());\n}",
      "l7-binary-row": "function binaryRow(ngrams: string[], columns: Map<string, number>): number[] {\n  return [...new Set(ngrams.filter((g) => columns.has(g)).map((g) => columns.get(g)!))].sort();\n}",
      "l7-log-count-ratios": ratiosAnswer("Math.log10"),
    });
    expect(exerciseReport(report, "l7-bigrams").message).toMatch(/^bigrams\(\["a","b","c"\]\) should be \["a b","b c"\], got \["a b","b c","c"\]/);
    expect(exerciseReport(report, "l7-binary-row").message).toMatch(/^binaryRow\(\["very","fun","very fun"\], .*\) should be \[5, 12\], got \[12,5\]/);
    expect(exerciseReport(report, "l7-log-count-ratios").message).toMatch(/^logCountRatios\(.*\) should be \[-0\.336472, 0\.762140, -0\.336472\] \(natural log\), got \[-0\.146128/);
    expect(report.points).toBe(0);
  }, 120_000);
});
