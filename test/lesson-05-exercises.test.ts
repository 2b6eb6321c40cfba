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

const TYPES = [
  "interface Gate { input: number; recurrent: number; bias: number }",
  "interface LstmUnit { i: Gate; f: Gate; g: Gate; o: Gate }",
].join("\n");

/** An lstmStep answer: the gates as given, then `memory` and `output` (TypeScript expressions over i, f, g, o, c). */
function stepAnswer(gates: string, memory: string, output: string): string {
  return [
    TYPES,
    "function lstmStep(x: number, h: number, c: number, unit: LstmUnit): { h: number; c: number } {",
    "  const s = (v: number) => 1 / (1 + Math.exp(-v));",
    "  const z = ({ input, recurrent, bias }: Gate) => input * x + recurrent * h + bias;",
    `  ${gates}`,
    `  const memory = ${memory};`,
    `  return { c: memory, h: ${output} };`,
    "}",
  ].join("\n");
}
const SIGMOID_GATES = "const [i, f, g, o] = [s(z(unit.i)), s(z(unit.f)), Math.tanh(z(unit.g)), s(z(unit.o))];";

/** A buildLstmModel answer with this LSTM layer, compiled with Adam. */
function lstmAnswer(lstm: string): string {
  return [
    "function buildLstmModel(vocabSize: number, maxlen: number): tf.Sequential {",
    "  const model = tf.sequential();",
    "  model.add(tf.layers.embedding({ inputDim: vocabSize, outputDim: 128, inputLength: maxlen }));",
    `  model.add(${lstm});`,
    '  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));',
    '  model.compile({ optimizer: tf.train.adam(), loss: "binaryCrossentropy", metrics: ["accuracy"] });',
    "  return model;",
    "}",
  ].join("\n");
}

const RATE_SIGNATURE = "function compileWithLearningRate(model: tf.LayersModel, learningRate: number): tf.LayersModel {";
const CURVES_SIGNATURE = "function readTheCurves(): { tooSlow: number; fastestToMemorise: number; bestOnValidation: number } {";

describe("lesson 5 exercises", () => {
  it("accept other correct answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l5-lstm-step": stepAnswer(SIGMOID_GATES, "f * c + i * g", "o * Math.tanh(memory)").replace("1 / (1 + Math.exp(-v))", "0.5 * (1 + Math.tanh(v / 2))"),
      "l5-lstm-network": lstmAnswer('tf.layers.lstm({ units: 60, activation: "tanh", recurrentActivation: "sigmoid", unitForgetBias: true, returnSequences: false })'),
      "l5-early-stopping": stoppingAnswer("loss < best"),
      "l5-learning-rate": `${RATE_SIGNATURE}\n  const optimizer = tf.train.adam(learningRate);\n  model.compile({ optimizer, loss: "binaryCrossentropy", metrics: ["acc"] });\n  return model;\n}`,
      "l5-read-curves": `${CURVES_SIGNATURE}\n  const [fast, medium, slow] = [0.01, 0.001, 0.0001];\n  return { bestOnValidation: medium, tooSlow: slow, fastestToMemorise: fast };\n}`,
    });
    expect(report.exercises.map((e) => [e.id, e.status, e.message])).toEqual([
      ["l5-lstm-step", "passed", undefined],
      ["l5-lstm-network", "passed", undefined],
      ["l5-early-stopping", "passed", undefined],
      ["l5-learning-rate", "passed", undefined],
      ["l5-read-curves", "passed", undefined],
    ]);
  }, 180_000);

  it("fail the old memory in the output, Keras-less LSTM defaults, an equal loss counted as an improvement, the default learning rate and swapped answers", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l5-lstm-step": stepAnswer(SIGMOID_GATES, "f * c + i * g", "o * Math.tanh(c)"),
      "l5-lstm-network": lstmAnswer("tf.layers.lstm({ units: 60 })"),
      "l5-early-stopping": stoppingAnswer("loss <= best"),
      "l5-learning-rate": `${RATE_SIGNATURE}\n  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });\n  return model;\n}`,
      "l5-read-curves": `${CURVES_SIGNATURE}\n  return { tooSlow: 0.0001, fastestToMemorise: 0.01, bestOnValidation: 0.01 };\n}`,
    });
    expect(exerciseReport(report, "l5-lstm-step").message).toMatch(/^lstmStep\(2, 0, 0, .*\) \(the candidate reads x\): h should be 0\.\d{6} \(o · tanh of the new memory\), got \{c: 0\.48\d*, h: 0\}/);
    expect(exerciseReport(report, "l5-lstm-network").message).toBe('LSTM layer 2 should have recurrentActivation "sigmoid", got "hardSigmoid"');
    expect(exerciseReport(report, "l5-early-stopping").message).toMatch(
      /^stoppingEpochs\(\[0\.5, 0\.5, 0\.5\], 2\) should be \{"bestEpoch":1,"stoppedEpoch":3\}, got \{"bestEpoch":3,"stoppedEpoch":3\}/,
    );
    expect(exerciseReport(report, "l5-learning-rate").message).toBe("the model from compileWithLearningRate(a model, 0.01) should have the learning rate 0.01, got 0.001");
    expect(exerciseReport(report, "l5-read-curves").message).toMatch(/^readTheCurves\(\)\.bestOnValidation should be 0\.001: it reaches the lowest validation loss \(got 0\.01\)/);
    expect(report.points).toBe(0);
  }, 180_000);

  it("fail the input and forget gates swapped, a forget bias left at 0, and another optimizer", async () => {
    const report = await gradeWithAnswers(SLUG, {
      "l5-lstm-step": stepAnswer(SIGMOID_GATES, "i * c + f * g", "o * Math.tanh(memory)"),
      "l5-lstm-network": lstmAnswer('tf.layers.lstm({ units: 60, recurrentActivation: "sigmoid" })'),
      "l5-learning-rate": `${RATE_SIGNATURE}\n  model.compile({ optimizer: tf.train.rmsprop(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"] });\n  return model;\n}`,
    });
    expect(exerciseReport(report, "l5-lstm-step").message).toMatch(/\(the memory is kept\): c should be -0\.700000/);
    expect(exerciseReport(report, "l5-lstm-network").message).toBe("LSTM layer 2 should have unitForgetBias true, got null");
    expect(exerciseReport(report, "l5-learning-rate").message).toBe('the model from compileWithLearningRate(a model, 0.01) should be compiled with the Adam optimizer, got "RMSProp"');
  }, 180_000);
});
