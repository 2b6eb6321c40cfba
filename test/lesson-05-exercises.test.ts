/**
 * Lesson 5's exercise checks (test/grading/05-lstm.ts) accept other correct
 * answers than the solution's and catch the plausible mistakes, with a message
 * that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "05-lstm";
const SIGNATURE = "function stoppingEpochs(validationLosses: number[], patience: number): { bestEpoch: number; stoppedEpoch: number } {";

/** An early-stopping answer whose improvement test is `improves` (a TypeScript expression over `loss` and `best`). */
function stoppingAnswer(improves: string): string {
  return [
    SIGNATURE,
    "  let best = Infinity, bestEpoch = 0, waited = 0;",
    "  for (let epoch = 1; epoch <= validationLosses.length; epoch++) {",
    "    const loss = validationLosses[epoch - 1];",
    `    if (${improves}) { best = loss; bestEpoch = epoch; waited = 0; continue; }`,
    "    waited += 1;",
    "    if (waited === patience) return { bestEpoch, stoppedEpoch: epoch };",
    "  }",
    "  return { bestEpoch, stoppedEpoch: validationLosses.length };",
    "}",
  ].join("\n");
}

describe("lesson 5 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l5-lstm-parameters": "function lstmParams(inputDim: number, units: number): number {\n  return 4 * units * (inputDim + units + 1);\n}",
      "l5-early-stopping": stoppingAnswer("loss < best"),
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l5-lstm-parameters", "passed", undefined],
      ["l5-early-stopping", "passed", undefined],
    ]);
  }, 120_000);

  it("fail an LSTM count without the recurrent weights, and an equal loss counted as an improvement", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l5-lstm-parameters": "function lstmParams(inputDim: number, units: number): number {\n  return 4 * (inputDim * units + units);\n}",
      "l5-early-stopping": stoppingAnswer("loss <= best"),
    });
    expect(exerciseReport(report, "l5-lstm-parameters").message).toMatch(/^lstmParams\(32, 32\) should be 8320 \(4 gates × \(\(32 \+ 32\) × 32 weights \+ 32 biases\)\), got 4224/);
    expect(exerciseReport(report, "l5-early-stopping").message).toMatch(
      /^stoppingEpochs\(\[0\.5, 0\.5, 0\.5\], 2\) should be \{"bestEpoch":1,"stoppedEpoch":3\}, got \{"bestEpoch":3,"stoppedEpoch":3\}/,
    );
    expect(report.points).toBe(0);
  }, 120_000);
});
