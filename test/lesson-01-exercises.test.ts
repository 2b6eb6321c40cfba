/**
 * Lesson 1's exercise checks (test/grading/01-exploring-reviews.ts) accept
 * other correct answers than the solution's and catch the plausible mistakes,
 * with a message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "01-exploring-reviews";

describe("lesson 1 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l1-decode-by-hand": [
        "function decodeByHand(sequence: number[], wordIndex: Map<string, number>, indexFrom = 3): string {",
        "  const words: string[] = [];",
        "  for (const [word, rank] of wordIndex) words[rank + indexFrom] = word;",
        '  return sequence.map((i) => (i === 0 ? "<pad>" : i === 1 ? "<start>" : i === 2 ? "<oov>" : words[i] ?? "?")).join(" ");',
        "}",
      ].join("\n"),
      "l1-percentile": [
        "function percentile(sorted: number[], p: number): number {",
        "  const position = (sorted.length - 1) * (p / 100);",
        "  const i = Math.floor(position);",
        "  return i + 1 < sorted.length ? sorted[i] * (1 - (position - i)) + sorted[i + 1] * (position - i) : sorted[i];",
        "}",
      ].join("\n"),
      "l1-share-kept-whole": "function shareKeptWhole(lengths: number[], maxlen: number): number {\n  return lengths.reduce((n, l) => n + (l <= maxlen ? 1 : 0), 0) / lengths.length;\n}",
      "l1-top-k": "function topK(counts: Map<string, number>, k: number): string[] {\n  return Array.from(counts.keys()).sort((a, b) => counts.get(b)! - counts.get(a)! || a.localeCompare(b)).slice(0, k);\n}",
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l1-decode-by-hand", "passed", undefined],
      ["l1-percentile", "passed", undefined],
      ["l1-share-kept-whole", "passed", undefined],
      ["l1-top-k", "passed", undefined],
    ]);
  }, 120_000);

  it("fail an ignored indexFrom, the nearest rank instead of interpolation, < for ≤ and unbroken ties", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l1-decode-by-hand": [
        "function decodeByHand(sequence: number[], wordIndex: Map<string, number>, indexFrom = 3): string {",
        "  const byRank = new Map([...wordIndex].map(([w, r]) => [r, w] as [number, string]));",
        '  return sequence.map((i) => ["<pad>", "<start>", "<oov>"][i] ?? byRank.get(i - 3) ?? "?").join(" ");',
        "}",
      ].join("\n"),
      "l1-percentile": "function percentile(sorted: number[], p: number): number {\n  return sorted[Math.round((sorted.length - 1) * p / 100)];\n}",
      "l1-share-kept-whole": "function shareKeptWhole(lengths: number[], maxlen: number): number {\n  return lengths.filter((l) => l < maxlen).length / lengths.length;\n}",
      "l1-top-k": "function topK(counts: Map<string, number>, k: number): string[] {\n  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, k).map(([w]) => w);\n}",
    });
    expect(exerciseReport(report, "l1-decode-by-hand").message).toMatch(/^decodeByHand\(\[1, 5, 6, 2\], \{a: 1, good: 2, bad: 3, plot: 4\}, 4\) should be "<start> a good <oov>", got "<start> good bad <oov>"/);
    expect(exerciseReport(report, "l1-percentile").message).toMatch(/^percentile\(\[10, 20\], 50\) should be 15, got 20/);
    expect(exerciseReport(report, "l1-share-kept-whole").message).toMatch(/^shareKeptWhole\(\[1, 2, 3, 4, 5\], 3\) should be 0.6, got 0.4/);
    expect(exerciseReport(report, "l1-top-k").message).toMatch(/^topK\(\{zebra: 2, mango: 5, kiwi: 1, apple: 2, fig: 2\}, 2\) should be \[mango, apple\], got \["mango","zebra"\]/);
    expect(report.exercises.map((e) => e.status)).toEqual(["failed", "failed", "failed", "failed"]);
  }, 120_000);
});
