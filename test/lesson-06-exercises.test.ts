/**
 * Lesson 6's exercise checks (test/grading/06-your-own-review.ts) accept other
 * correct answers than the solution's and catch the plausible mistakes, with a
 * message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "06-your-own-review";
const COUNT_SIGNATURE = "function countUnknownWords(tokens: string[], wordIndex: Map<string, number>, numWords: number, indexFrom = 3): number {";
const RANK_SIGNATURE = "function mostPositive(predictions: { text: string; probability: number }[], k: number): string[] {";

describe("lesson 6 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l6-count-unknown-words": `${COUNT_SIGNATURE}\n  let lost = 0;\n  for (const t of tokens) if (!((wordIndex.get(t) ?? Infinity) + indexFrom < numWords)) lost++;\n  return lost;\n}`,
      "l6-label-with-threshold": 'function labelWithThreshold(probability: number, threshold = 0.5): "positive" | "negative" {\n  return probability <= threshold ? "negative" : "positive";\n}',
      "l6-most-positive": `${RANK_SIGNATURE}\n  return predictions.slice().sort((a, b) => b.probability - a.probability).slice(0, k).map((p) => p.text);\n}`,
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l6-count-unknown-words", "passed", undefined],
      ["l6-label-with-threshold", "passed", undefined],
      ["l6-most-positive", "passed", undefined],
    ]);
  }, 120_000);

  it("fail an index equal to numWords kept, a probability equal to the threshold called positive, and sorting the caller's array", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l6-count-unknown-words": `${COUNT_SIGNATURE}\n  return tokens.filter((t) => !wordIndex.has(t) || wordIndex.get(t)! + indexFrom > numWords).length;\n}`,
      "l6-label-with-threshold": 'function labelWithThreshold(probability: number, threshold = 0.5): "positive" | "negative" {\n  return probability >= threshold ? "positive" : "negative";\n}',
      "l6-most-positive": `${RANK_SIGNATURE}\n  return predictions.sort((a, b) => b.probability - a.probability).slice(0, k).map((p) => p.text);\n}`,
    });
    expect(exerciseReport(report, "l6-count-unknown-words").message).toMatch(
      /^countUnknownWords\(\["a", "story", "zzz", "boring", "a", "cast", "zzz"\], \{a: 1, story: 2, boring: 6, cast: 10\}, 9, 3\) should be 4, got 3/,
    );
    expect(exerciseReport(report, "l6-label-with-threshold").message).toMatch(/^labelWithThreshold\(0\.5\) should be "negative", got "positive"/);
    expect(exerciseReport(report, "l6-most-positive").message).toMatch(/^mostPositive\(\[a 0\.2, b 0\.9, c 0\.2, d 0\.5, e 0\.9\], 2\) changed the predictions it was given/);
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail counting distinct unknown words instead of every occurrence", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l6-count-unknown-words": `${COUNT_SIGNATURE}\n  return new Set(tokens.filter((t) => (wordIndex.get(t) ?? Infinity) + indexFrom >= numWords)).size;\n}`,
    });
    expect(exerciseReport(report, "l6-count-unknown-words").message).toMatch(/, 10, 3\) should be 3, got 2/);
  }, 120_000);
});
