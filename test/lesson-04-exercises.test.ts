/**
 * Lesson 4's exercise checks (test/grading/04-conv1d.ts) accept other correct
 * answers than the solution's and catch the plausible mistakes, with a message
 * that says what to fix.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "04-conv1d";
const CONVOLVE_SIGNATURE = 'function convolve(words: number[][], filter: number[][], bias: number, padding: "valid" | "same"): number[] {';
const EMBEDDING = "tf.layers.embedding({ inputDim: vocabSize, outputDim: 32, inputLength: maxlen })";
const CONV = 'tf.layers.conv1d({ filters: 32, kernelSize: 3, padding: "same", activation: "relu" })';
const POOL = "tf.layers.maxPooling1d({ poolSize: 2 })";
const DENSE_250 = 'tf.layers.dense({ units: 250, activation: "relu" })';
const DENSE_1 = 'tf.layers.dense({ units: 1, activation: "sigmoid" })';

/** A buildConv1dModel answer with these layers, added one by one, compiled with `optimizer`. */
function networkAnswer(layers: string[], optimizer = '"adam"'): string {
  return [
    "function buildConv1dModel(vocabSize: number, maxlen: number): tf.Sequential {",
    "  const model = tf.sequential();",
    ...layers.map((layer) => `  model.add(${layer});`),
    `  model.compile({ optimizer: ${optimizer}, loss: "binaryCrossentropy", metrics: ["accuracy"] });`,
    "  return model;",
    "}",
  ].join("\n");
}

/** A convolve answer whose window at `start` reads filter row k against word `wordAt` (a TypeScript expression over start, k, rows). */
function convolveAnswer(wordAt: string, pad = "(filter.length - 1) / 2"): string {
  return [
    CONVOLVE_SIGNATURE,
    "  const rows = filter.length;",
    `  const half = padding === "same" ? ${pad} : 0;`,
    "  const out: number[] = [];",
    "  for (let start = -half; start + rows <= words.length + half; start++) {",
    "    let sum = bias;",
    "    for (let k = 0; k < rows; k++) {",
    `      const word = words[${wordAt}];`,
    "      if (word) for (let c = 0; c < word.length; c++) sum += filter[k][c] * word[c];",
    "    }",
    "    out.push(sum);",
    "  }",
    "  return out;",
    "}",
  ].join("\n");
}

describe("lesson 4 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      // Windows over the unpadded words, positions outside them read as zeros.
      "l4-convolve": convolveAnswer("start + k"),
      // kernelSize as an array, an Adam object at its default rate.
      "l4-conv1d-network": networkAnswer([EMBEDDING, CONV.replace("kernelSize: 3", "kernelSize: [3]"), POOL, "tf.layers.flatten()", DENSE_250, DENSE_1], "tf.train.adam(0.001)"),
      "l4-global-max-pool": [
        "function globalMaxPool(features: number[][]): number[] {",
        "  const best = [...features[0]];",
        "  for (const row of features) row.forEach((v, c) => { if (v > best[c]) best[c] = v; });",
        "  return best;",
        "}",
      ].join("\n"),
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l4-convolve", "passed", undefined],
      ["l4-conv1d-network", "passed", undefined],
      ["l4-global-max-pool", "passed", undefined],
    ]);
  }, 180_000);

  it("fail a flipped filter, a missing pooling layer, and a maximum that starts at 0", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l4-convolve": convolveAnswer("start + rows - 1 - k"),
      "l4-conv1d-network": networkAnswer([EMBEDDING, CONV, "tf.layers.flatten()", DENSE_250, DENSE_1, "tf.layers.dropout({ rate: 0 })"]),
      "l4-global-max-pool": "function globalMaxPool(features: number[][]): number[] {\n  return features[0].map((_, c) => Math.max(0, ...features.map((row) => row[c])));\n}",
    });
    expect(exerciseReport(report, "l4-convolve").message).toMatch(/^convolve\(\[\[1\],\[2\],\[3\]\], \[\[1\],\[2\],\[3\]\], 0, "valid"\) should be \[14\], got \[10\]/);
    expect(exerciseReport(report, "l4-conv1d-network").message).toBe("the third layer should be MaxPooling1D, got Flatten");
    expect(exerciseReport(report, "l4-global-max-pool").message).toMatch(/^globalMaxPool\(\[\[1,-2,3\],\[4,-5,0\]\]\) should be \[4, -2, 3\], got \[4,0,3\]/);
    expect(report.points).toBe(0);
  }, 180_000);

  it('fail padding on one side only, "valid" padding in the network, and another learning rate', async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l4-convolve": convolveAnswer("start + k", "filter.length - 1").replace("start + rows <= words.length + half", "start + rows <= words.length"),
      "l4-conv1d-network": networkAnswer([EMBEDDING, CONV.replace('"same"', '"valid"'), POOL, "tf.layers.flatten()", DENSE_250, DENSE_1]),
    });
    expect(exerciseReport(report, "l4-convolve").message).toMatch(/^convolve\(\[\[1\],\[2\],\[3\]\], \[\[1\],\[2\],\[3\]\], 0, "same"\) should be \[8, 14, 8\], got \[3, 8, 14\]/);
    expect(exerciseReport(report, "l4-conv1d-network").message).toBe('Conv1D layer 2 should have padding "same", got "valid"');
    const slow = await gradeWithAnswers(SLUG, { "l4-conv1d-network": networkAnswer([EMBEDDING, CONV, POOL, "tf.layers.flatten()", DENSE_250, DENSE_1], "tf.train.adam(0.01)") });
    expect(exerciseReport(slow, "l4-conv1d-network").message).toBe("the model from buildConv1dModel(200, 12) should have the learning rate 0.001, got 0.01");
  }, 180_000);
});
