/**
 * Lesson 2's exercise checks (test/grading/02-multi-hot.ts) accept other
 * correct answers than the solution's and catch the plausible mistakes, with a
 * message that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "02-multi-hot";
const MODEL_SIGNATURE = "function buildMyMultiHotModel(numWords: number): tf.Sequential {";
const CUT_SIGNATURE = "function cutToVocabulary(sequence: number[], numWords: number, skipTop = 0, oovChar = 2): number[] {";

describe("lesson 2 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  const out: number[] = [];\n  for (const w of sequence) out.push(w < skipTop || w >= numWords ? oovChar : w);\n  return out;\n}`,
      "l2-multi-hot-by-hand": "function multiHotByHand(sequence: number[], numWords: number): number[] {\n  return Array.from({ length: numWords }, (_, i) => (sequence.includes(i) ? 1 : 0));\n}",
      "l2-sparse-bytes": "function sparseBytes(sequences: ArrayLike<number>[], bytesPerIndex = 4): number {\n  let total = 0;\n  for (const s of sequences) total += [...new Set(Array.from(s))].length;\n  return total * bytesPerIndex;\n}",
      // Another design than the solution's: logistic regression with Adam.
      "l2-my-multi-hot-model": MODEL_SIGNATURE + '\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [numWords], units: 1, activation: "sigmoid" })] });\n  model.compile({ optimizer: tf.train.adam(0.001), loss: "binaryCrossentropy", metrics: ["acc"] });\n  return model;\n}',
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l2-cut-to-vocabulary", "passed", undefined],
      ["l2-multi-hot-by-hand", "passed", undefined],
      ["l2-sparse-bytes", "passed", undefined],
      ["l2-my-multi-hot-model", "passed", undefined],
    ]);
  }, 300_000);

  it("fail keeping the index numWords, counting occurrences instead of marking them, every index counted, and a model that learns too slowly", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  return sequence.map((w) => (skipTop <= w && w <= numWords ? w : oovChar));\n}`,
      "l2-multi-hot-by-hand": "function multiHotByHand(sequence: number[], numWords: number): number[] {\n  const v: number[] = new Array(numWords).fill(0);\n  for (const i of sequence) v[i] += 1;\n  return v;\n}",
      "l2-sparse-bytes": "function sparseBytes(sequences: ArrayLike<number>[], bytesPerIndex = 4): number {\n  return sequences.reduce((sum: number, s) => sum + s.length * bytesPerIndex, 0);\n}",
      "l2-my-multi-hot-model": MODEL_SIGNATURE + '\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [numWords], units: 16, activation: "relu" }), tf.layers.dense({ units: 1, activation: "sigmoid" })] });\n  model.compile({ optimizer: tf.train.adam(0.00001), loss: "binaryCrossentropy", metrics: ["accuracy"] });\n  return model;\n}',
    });
    expect(exerciseReport(report, "l2-cut-to-vocabulary").message).toMatch(/^cutToVocabulary\(\[5, 9, 10\], 10, 5\) should be \[5, 9, 2\], got \[5, 9, 10\]/);
    expect(exerciseReport(report, "l2-multi-hot-by-hand").message).toMatch(/^multiHotByHand\(\[3, 3, 3\], 4\) should be \[0, 0, 0, 1\], got \[0,0,0,3\]/);
    expect(exerciseReport(report, "l2-sparse-bytes").message).toMatch(/^sparseBytes\(\[\[4,2,4,4\]\]\) should be 8 \(distinct indices × bytes per index\), got 16/);
    expect(exerciseReport(report, "l2-my-multi-hot-model").message).toMatch(
      /^the model from buildMyMultiHotModel\(10000\), trained as you compiled it for 3 epochs on 5000 reviews, reached [\d.]+ % accuracy on 5000 others; it should reach 82 %/,
    );
    expect(report.points).toBe(0);
  }, 300_000);

  it("fail a model compiled without the accuracy metric, or not compiled", async () => {
    const layers = 'const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [numWords], units: 1, activation: "sigmoid" })] });';
    const report = await gradeWithAnswers(SLUG, { "l2-my-multi-hot-model": `${MODEL_SIGNATURE}\n  ${layers}\n  model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });\n  return model;\n}` });
    expect(exerciseReport(report, "l2-my-multi-hot-model").message).toBe('the model from buildMyMultiHotModel(10000) should be compiled with metrics: ["accuracy"], got []');
    const uncompiled = await gradeWithAnswers(SLUG, { "l2-my-multi-hot-model": `${MODEL_SIGNATURE}\n  ${layers}\n  return model;\n}` });
    expect(exerciseReport(uncompiled, "l2-my-multi-hot-model").message).toMatch(/^the model from buildMyMultiHotModel\(10000\) should be compiled \(model\.compile/);
  }, 120_000);

  it("fail an out-of-vocabulary index that ignores oovChar", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l2-cut-to-vocabulary": `${CUT_SIGNATURE}\n  return sequence.map((w) => (skipTop <= w && w < numWords ? w : 2));\n}`,
    });
    expect(exerciseReport(report, "l2-cut-to-vocabulary").message).toMatch(/^cutToVocabulary\(\[1, 50\], 20, 0, 99\) should be \[1, 99\], got \[1, 2\]/);
  }, 120_000);
});
