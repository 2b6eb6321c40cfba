/**
 * Lesson 3's exercise checks (test/grading/03-embeddings-mlp.ts) catch the
 * plausible mistakes, with a message that says what to fix, and accept other
 * correct answers than the solution's.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "03-embeddings-mlp";
const PAD_SIGNATURE = 'function padSequence(sequence: number[], maxlen: number, padding: "pre" | "post" = "pre", truncating: "pre" | "post" = "pre"): number[] {';

describe("lesson 3 exercises", () => {
  it("accept another correct answer (a loop instead of slices)", async () => {
    const loop = [
      PAD_SIGNATURE,
      "  const out: number[] = [];",
      "  const start = truncating === \"pre\" ? Math.max(0, sequence.length - maxlen) : 0;",
      "  const kept = sequence.slice(start, start + maxlen);",
      "  for (let i = 0; i < maxlen - kept.length; i++) out.push(0);",
      "  return padding === \"pre\" ? [...out, ...kept] : [...kept, ...out];",
      "}",
    ].join("\n");
    const counts = "function embeddingParams(v: number, d: number) { return d * v; }\nfunction denseParams(inputs: number, units: number) { return units * (inputs + 1); }";
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": loop, "l3-parameter-counts": counts });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l3-pad-sequence", "passed", undefined],
      ["l3-parameter-counts", "passed", undefined],
    ]);
  }, 120_000);

  it("run an answer built on the lesson's imports (TensorFlow.js and the course library) in the exercise's process", async () => {
    const viaLibrary = [
      PAD_SIGNATURE,
      "  const padded = padSequences([sequence], { maxlen, padding, truncating });",
      "  return Array.from(tf.tensor1d(Array.from(padded.values)).arraySync());",
      "}",
    ].join("\n");
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": viaLibrary });
    expect(exerciseReport(report, "l3-pad-sequence")).toMatchObject({ status: "passed", message: undefined });
  }, 120_000);

  it("fail truncating at the wrong end, and a Dense count without biases", async () => {
    const wrongEnd = `${PAD_SIGNATURE}\n  const kept = truncating === "pre" ? sequence.slice(0, maxlen) : sequence.slice(-maxlen);\n  const zeros = new Array(Math.max(0, maxlen - kept.length)).fill(0);\n  return padding === "pre" ? [...zeros, ...kept] : [...kept, ...zeros];\n}`;
    const noBias = "function embeddingParams(v: number, d: number) { return v * d; }\nfunction denseParams(inputs: number, units: number) { return inputs * units; }";
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": wrongEnd, "l3-parameter-counts": noBias });
    expect(exerciseReport(report, "l3-pad-sequence")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^padSequence\(\[1, 2, 3, 4, 5\], 3\) should be \[3, 4, 5\], got \[1, 2, 3\]/),
    });
    expect(exerciseReport(report, "l3-parameter-counts")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^denseParams\(4, 3\) should be 15 \(4 × 3 weights \+ 3 biases\), got 12/),
    });
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail padding behind by default", async () => {
    const postDefault = [
      PAD_SIGNATURE.replace('padding: "pre" | "post" = "pre"', 'padding: "pre" | "post" = "post"'),
      '  const kept = truncating === "pre" ? sequence.slice(Math.max(0, sequence.length - maxlen)) : sequence.slice(0, maxlen);',
      "  const zeros: number[] = new Array(maxlen - kept.length).fill(0);",
      '  return padding === "pre" ? [...zeros, ...kept] : [...kept, ...zeros];',
      "}",
    ].join("\n");
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": postDefault });
    expect(exerciseReport(report, "l3-pad-sequence").message).toMatch(/^padSequence\(\[5, 6\], 4\) should be \[0, 0, 5, 6\], got \[5, 6, 0, 0\]/);
  }, 120_000);
});
