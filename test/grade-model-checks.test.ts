/**
 * Model exercises (scripts/grading/model-checks.ts) on the toy lesson's
 * "tiny-model": the sandbox returns the model as data, the grader rebuilds it
 * in its own worker and says what differs from the expected layers, whether it
 * is compiled as asked, and whether it learns.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "../scripts/grading/catalog";
import { gradeNotebook } from "../scripts/grading/grade-notebook";
import { TOY_CHECKS_DIR, temporaryFolder, toySolution, withExerciseSource, writeNotebook } from "./grading/fixtures/toy-notebooks";

const FOLDER = temporaryFolder("grade-model-checks-");
let catalog: Catalog;
let written = 0;

beforeAll(() => {
  const solutions = temporaryFolder("grade-model-checks-solutions-");
  writeNotebook(solutions, "90-toy.ipynb", toySolution());
  catalog = loadCatalog({ solutions, checks: TOY_CHECKS_DIR });
});

/** The tiny-model exercise's report for a buildClassifier whose body is `body`. */
async function gradeModel(body: string): Promise<{ status: string; message?: string }> {
  const source = `function buildClassifier(inputSize: number): any {\n${body}\n}`;
  const file = writeNotebook(FOLDER, `model-${written++}.ipynb`, withExerciseSource(toySolution(), "tiny-model", source));
  const report = await gradeNotebook(file, catalog, { jobs: 2 });
  const found = report.exercises.find((e) => e.id === "tiny-model");
  if (!found) throw new Error(`no tiny-model in ${JSON.stringify(report)}`);
  return { status: found.status, message: found.message };
}

const layers = (...lines: string[]): string =>
  ["  const model = tf.sequential();", ...lines.map((line) => `  model.add(${line});`), '  model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });', "  return model;"].join("\n");

describe("model exercises", () => {
  it("name the first layer that differs: its class, then an option, with the expected value", async () => {
    const wrongUnits = await gradeModel(layers('tf.layers.dense({ inputShape: [inputSize], units: 16, activation: "relu" })', 'tf.layers.dense({ units: 1, activation: "sigmoid" })'));
    expect(wrongUnits).toEqual({ status: "failed", message: "Dense layer 1 should have 8 units, got 16" });
    const wrongClass = await gradeModel(layers('tf.layers.dense({ inputShape: [inputSize], units: 8, activation: "relu" })', "tf.layers.dropout({ rate: 0.5 })"));
    expect(wrongClass).toEqual({ status: "failed", message: "the second layer should be Dense, got Dropout" });
    const wrongActivation = await gradeModel(layers('tf.layers.dense({ inputShape: [inputSize], units: 8, activation: "relu" })', "tf.layers.dense({ units: 1 })"));
    expect(wrongActivation).toEqual({ status: "failed", message: 'Dense layer 2 should have activation "sigmoid", got "linear"' });
  }, 300_000);

  it("require the model compiled with the expected loss, a model at all, and one that learns", async () => {
    const uncompiled = await gradeModel(layers('tf.layers.dense({ inputShape: [inputSize], units: 8, activation: "relu" })', 'tf.layers.dense({ units: 1, activation: "sigmoid" })').replace(/\n.*model\.compile.*$/m, ""));
    expect(uncompiled.message).toMatch(/^the model from buildClassifier\(6\) should be compiled \(model\.compile/);
    const notAModel = await gradeModel("  return 42;");
    expect(notAModel).toEqual({ status: "failed", message: "buildClassifier(6) should return a model (tf.sequential(…) or tf.model(…)), got 42" });
    const frozen = await gradeModel(layers('tf.layers.dense({ inputShape: [inputSize], units: 8, activation: "relu", trainable: false })', 'tf.layers.dense({ units: 1, activation: "sigmoid", trainable: false })'));
    expect(frozen.message).toMatch(/^the model from buildClassifier\(6\) could not be trained on a small task: .*trainable/);
  }, 300_000);
});
