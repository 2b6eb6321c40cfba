/**
 * Lesson 9's exercise checks (test/grading/09-inside-the-models.ts) accept
 * other correct answers than the solution's and catch the plausible mistakes,
 * with a message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "09-inside-the-models";
const CONTRIBUTIONS_SIGNATURE = "function tokenContributions(tokens: string[], effects: Map<string, number>): number[] {";
const OCCLUSION_SIGNATURE = "function occlusion(tokens: string[], scores: Map<string, number>): number[] {";
const COUNTS_SIGNATURE =
  "function confusionCounts(labels: number[], probabilities: number[], threshold = 0.5): { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number } {";

/** A tokenContributions answer; `share` is what an n-gram of `length` tokens occurring `times` times adds to each of its tokens. */
function contributionsAnswer(share: string): string {
  return [
    CONTRIBUTIONS_SIGNATURE,
    "  const grams: [string, number, number][] = [];",
    "  tokens.forEach((t, i) => { grams.push([t, i, 1]); if (i + 1 < tokens.length) grams.push([t + \" \" + tokens[i + 1], i, 2]); });",
    "  const out = tokens.map(() => 0);",
    "  for (const [gram, start, length] of grams) {",
    "    const effect = effects.get(gram) ?? 0;",
    "    const times = grams.filter(([g]) => g === gram).length;",
    `    for (let t = start; t < start + length; t++) out[t] += ${share};`,
    "  }",
    "  return out;",
    "}",
  ].join("\n");
}

describe("lesson 9 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l9-token-contributions": contributionsAnswer("effect / times / length"),
      "l9-occlusion": `${OCCLUSION_SIGNATURE}\n  const whole = scores.get(tokens.join(" "))!;\n  const out: number[] = [];\n  for (let i = 0; i < tokens.length; i++) out.push(whole - scores.get([...tokens.slice(0, i), ...tokens.slice(i + 1)].join(" "))!);\n  return out;\n}`,
      "l9-confusion-counts": [
        COUNTS_SIGNATURE,
        "  const said = probabilities.map((p) => (p > threshold ? 1 : 0));",
        "  const count = (label: number, saidPositive: number) => labels.filter((l, i) => l === label && said[i] === saidPositive).length;",
        "  return { truePositives: count(1, 1), falsePositives: count(0, 1), trueNegatives: count(0, 0), falseNegatives: count(1, 0) };",
        "}",
      ].join("\n"),
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l9-token-contributions", "passed", undefined],
      ["l9-occlusion", "passed", undefined],
      ["l9-confusion-counts", "passed", undefined],
    ]);
  }, 120_000);

  it("fail an n-gram counted at every occurrence, every occurrence of a token removed, and a probability equal to the threshold called positive", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l9-token-contributions": contributionsAnswer("effect / length"),
      "l9-occlusion": `${OCCLUSION_SIGNATURE}\n  const whole = scores.get(tokens.join(" "))!;\n  return tokens.map((token) => whole - scores.get(tokens.filter((t) => t !== token).join(" "))!);\n}`,
      "l9-confusion-counts": [
        COUNTS_SIGNATURE,
        "  const counts = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };",
        "  labels.forEach((label, i) => {",
        "    const positive = probabilities[i] >= threshold;",
        "    if (label === 1) positive ? counts.truePositives++ : counts.falseNegatives++;",
        "    else positive ? counts.falsePositives++ : counts.trueNegatives++;",
        "  });",
        "  return counts;",
        "}",
      ].join("\n"),
    });
    expect(exerciseReport(report, "l9-token-contributions").message).toMatch(/^tokenContributions\(\["so","bad","bad"\], .*\) should be \[0\.25, -0\.75, -1\], got \[0\.25, -2\.25, -2\.5\]: position 1 differs/);
    expect(exerciseReport(report, "l9-occlusion").message).toMatch(/^occlusion\(\["not","good","not"\], .*\) should be \[-2, 3, 0\.5\], got \[-9, 3, -9\]: position 0 differs/);
    expect(exerciseReport(report, "l9-confusion-counts").message).toMatch(
      /^confusionCounts\(\[0,1,1,0,0,1,1\], \[0\.2,0\.7,0\.5,0\.8,0\.5,0\.99,0\.1\]\) should be \{"truePositives":2,"falsePositives":1,"trueNegatives":2,"falseNegatives":2\}, got \{truePositives: 3, falsePositives: 2, trueNegatives: 1, falseNegatives: 1\}/,
    );
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail an occlusion that changes its tokens", async () => {
    const sorted = await gradeWithAnswers(SLUG, {
      "l9-occlusion": `${OCCLUSION_SIGNATURE}\n  const whole = scores.get(tokens.join(" "))!;\n  const drops = tokens.map((_, i) => whole - scores.get(tokens.filter((_, j) => j !== i).join(" "))!);\n  tokens.sort();\n  return drops;\n}`,
    });
    expect(exerciseReport(sorted, "l9-occlusion").message).toMatch(/^occlusion\(\["not","good","not"\], .*\) must leave its tokens as they were, got \["good", "not", "not"\] afterwards/);
  }, 120_000);
});
