/**
 * Lesson 3's exercise checks (test/grading/03-embeddings-mlp.ts) catch the
 * plausible mistakes, with a message that says what to fix, and accept other
 * correct answers than the solution's.
 */
import { describe, expect, it } from "vitest";
import { exerciseReport, gradeWithAnswers } from "./grading/fixtures/lesson-variants";

const SLUG = "03-embeddings-mlp";
const COUNT_SIGNATURE = "function embeddingMlpParameters(vocabSize: number, embeddingDim: number, maxlen: number, hidden: number): number {";
const EMBEDDING = "tf.layers.embedding({ inputDim: vocabSize, outputDim: 32, inputLength: maxlen })";
const DENSE_250 = 'tf.layers.dense({ units: 250, activation: "relu" })';
const DENSE_1 = 'tf.layers.dense({ units: 1, activation: "sigmoid" })';

/** A buildEmbeddingMlp answer with these layers, compiled with `optimizer` (not compiled when null). */
function mlpAnswer(layers: string[], optimizer: string | null = '"adam"'): string {
  return [
    "function buildEmbeddingMlp(vocabSize: number, maxlen: number): tf.Sequential {",
    `  const model = tf.sequential({ layers: [${layers.join(", ")}] });`,
    optimizer === null ? "" : `  model.compile({ optimizer: ${optimizer}, loss: "binaryCrossentropy", metrics: ["accuracy"] });`,
    "  return model;",
    "}",
  ].join("\n");
}

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
    // inputShape instead of inputLength, the layers given at once, an Adam object.
    const model = mlpAnswer(['tf.layers.embedding({ inputDim: vocabSize, outputDim: 32, inputShape: [maxlen] })', "tf.layers.flatten()", DENSE_250, DENSE_1], "tf.train.adam()");
    const count = `${COUNT_SIGNATURE}\n  return embeddingDim * (vocabSize + maxlen * hidden) + 2 * hidden + 1;\n}`;
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": loop, "l3-embedding-mlp": model, "l3-embedding-mlp-parameters": count });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l3-pad-sequence", "passed", undefined],
      ["l3-embedding-mlp", "passed", undefined],
      ["l3-embedding-mlp-parameters", "passed", undefined],
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

  it("fail truncating at the wrong end, a Flatten in the wrong place, and a count that forgets the Flatten", async () => {
    const wrongEnd = `${PAD_SIGNATURE}\n  const kept = truncating === "pre" ? sequence.slice(0, maxlen) : sequence.slice(-maxlen);\n  const zeros = new Array(Math.max(0, maxlen - kept.length)).fill(0);\n  return padding === "pre" ? [...zeros, ...kept] : [...kept, ...zeros];\n}`;
    const flattenLate = mlpAnswer([EMBEDDING, DENSE_250, "tf.layers.flatten()", DENSE_1]);
    const noFlatten = `${COUNT_SIGNATURE}\n  return vocabSize * embeddingDim + (embeddingDim * hidden + hidden) + (hidden + 1);\n}`;
    const report = await gradeWithAnswers(SLUG, { "l3-pad-sequence": wrongEnd, "l3-embedding-mlp": flattenLate, "l3-embedding-mlp-parameters": noFlatten });
    expect(exerciseReport(report, "l3-pad-sequence")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^padSequence\(\[1, 2, 3, 4, 5\], 3\) should be \[3, 4, 5\], got \[1, 2, 3\]/),
    });
    expect(exerciseReport(report, "l3-embedding-mlp")).toMatchObject({ status: "failed", message: "the second layer should be Flatten, got Dense" });
    expect(exerciseReport(report, "l3-embedding-mlp-parameters")).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/^embeddingMlpParameters\(7, 2, 5, 3\) should be 51 \(embedding \+ dense \+ output: 14 \+ \(30 \+ 3\) \+ 4\), got 27/),
    });
    expect(report.points).toBe(0);
  }, 120_000);

  it("fail a hidden layer of the wrong size, a missing activation, another optimizer and an uncompiled model", async () => {
    const grade = async (layers: string[], optimizer?: string | null) =>
      exerciseReport(await gradeWithAnswers(SLUG, { "l3-embedding-mlp": mlpAnswer(layers, optimizer) }), "l3-embedding-mlp").message;
    expect(await grade([EMBEDDING, "tf.layers.flatten()", 'tf.layers.dense({ units: 128, activation: "relu" })', DENSE_1])).toBe("Dense layer 3 should have 250 units, got 128");
    expect(await grade([EMBEDDING, "tf.layers.flatten()", DENSE_250, "tf.layers.dense({ units: 1 })"])).toBe('Dense layer 4 should have activation "sigmoid", got "linear"');
    expect(await grade([EMBEDDING, "tf.layers.flatten()", DENSE_250, DENSE_1], '"sgd"')).toBe("the model from buildEmbeddingMlp(300, 20) should be compiled with the Adam optimizer, got \"SGD\"");
    expect(await grade([EMBEDDING, "tf.layers.flatten()", DENSE_250, DENSE_1], null)).toMatch(/^the model from buildEmbeddingMlp\(300, 20\) should be compiled \(model\.compile/);
  }, 240_000);

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
