import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend";
import { listSentimentModels, loadSentimentModel, saveSentimentModel, type SentimentModelSettings } from "../lib/predict";

// Lets one test make a write fail half-way, as a full disk would.
const writeFailure = vi.hoisted(() => ({ file: undefined as string | undefined }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const writeFileSync: typeof actual.writeFileSync = (file, ...rest) => {
    if (writeFailure.file !== undefined && String(file).endsWith(writeFailure.file)) throw new Error(`ENOSPC: no space left on device, write '${String(file)}'`);
    return actual.writeFileSync(file, ...rest);
  };
  return { ...actual, writeFileSync, default: { ...actual, writeFileSync } };
});

let dir: string;

beforeAll(async () => {
  await initBackend();
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "predict-test-"));
  writeFailure.file = undefined;
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function sequenceModel(seed: number): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 6, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

const sequenceSettings: SentimentModelSettings = {
  kind: "sequence",
  dataOptions: { numWords: 20, skipTop: 0, indexFrom: 3 },
  maxlen: 6,
  lesson: 3,
  metrics: { testAccuracy: 0.5, epochs: 2, secondsPerEpoch: 1.5 },
};

const someReviews = () => tf.tensor2d([[0, 0, 1, 5, 7, 19], [1, 4, 4, 4, 2, 3], [0, 0, 0, 0, 1, 12]], [3, 6], "int32");

describe("saveSentimentModel and loadSentimentModel", () => {
  it("give back a model that predicts exactly what the saved one did, with its settings", async () => {
    const model = sequenceModel(7);
    const saved = await saveSentimentModel(model, "embedding-mlp", sequenceSettings, { dir });

    expect(fs.readdirSync(path.join(dir, "embedding-mlp")).sort()).toEqual(["course.json", "model.json", "weights.bin"]);
    // 20 × 4 embedding + (24 weights + 1 bias) of the dense layer.
    expect(saved.metrics.parameters).toBe(20 * 4 + 24 + 1);

    const loaded = await loadSentimentModel("embedding-mlp", { dir });
    const before = (model.predict(someReviews()) as tf.Tensor).dataSync();
    const after = (loaded.model.predict(someReviews()) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(loaded.info).toEqual(saved);
    expect(loaded.info).toMatchObject({ name: "embedding-mlp", kind: "sequence", maxlen: 6, dataOptions: { numWords: 20 }, metrics: { testAccuracy: 0.5, epochs: 2 } });
    expect(loaded.path).toBe(path.join(dir, "embedding-mlp"));
  });

  it("loads from a folder path as well as from a name", async () => {
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    const loaded = await loadSentimentModel(path.join(dir, "embedding-mlp"));
    expect(loaded.info.name).toBe("embedding-mlp");
  });

  it("replaces a model saved earlier under the same name", async () => {
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    const second = sequenceModel(2);
    await saveSentimentModel(second, "embedding-mlp", sequenceSettings, { dir });
    const loaded = await loadSentimentModel("embedding-mlp", { dir });
    expect(Array.from((loaded.model.predict(someReviews()) as tf.Tensor).dataSync())).toEqual(Array.from((second.predict(someReviews()) as tf.Tensor).dataSync()));
    expect(fs.readdirSync(dir)).toEqual(["embedding-mlp"]);
  });

  it("leaves no partial folder when a write fails, and keeps the previous model", async () => {
    writeFailure.file = "model.json";
    await expect(saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir })).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual([]);

    writeFailure.file = undefined;
    const first = sequenceModel(1);
    await saveSentimentModel(first, "embedding-mlp", sequenceSettings, { dir });
    writeFailure.file = "course.json";
    await expect(saveSentimentModel(sequenceModel(2), "embedding-mlp", sequenceSettings, { dir })).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(dir)).toEqual(["embedding-mlp"]);
    writeFailure.file = undefined;
    const loaded = await loadSentimentModel("embedding-mlp", { dir });
    expect(Array.from((loaded.model.predict(someReviews()) as tf.Tensor).dataSync())).toEqual(Array.from((first.predict(someReviews()) as tf.Tensor).dataSync()));
  });

  it("refuses settings that do not match the model, saying what to pass", async () => {
    await expect(saveSentimentModel(sequenceModel(1), "m", { ...sequenceSettings, maxlen: 100 }, { dir })).rejects.toThrow(/sequences of 6 word indices but maxlen is 100/);
    await expect(saveSentimentModel(sequenceModel(1), "m", { kind: "sequence", dataOptions: {} }, { dir })).rejects.toThrow(/needs maxlen/);
    const multiHot = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [10] })] });
    await expect(saveSentimentModel(multiHot, "m", { kind: "multi-hot", dataOptions: {} }, { dir })).rejects.toThrow(/needs dataOptions.numWords/);
    await expect(saveSentimentModel(multiHot, "m", { kind: "multi-hot", dataOptions: { numWords: 12 } }, { dir })).rejects.toThrow(/vectors of 10 values but dataOptions.numWords is 12/);
    await expect(saveSentimentModel(multiHot, "../escape", { kind: "multi-hot", dataOptions: { numWords: 10 } }, { dir })).rejects.toThrow(/model name must be/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("loadSentimentModel on a missing model", () => {
  it("names the lesson that creates a course model", async () => {
    await expect(loadSentimentModel("lstm", { dir })).rejects.toThrow(new RegExp(`No saved model "lstm" in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. Lesson 5 trains and saves it`));
  });

  it("lists what is saved, and the course's model names, for any other name", async () => {
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    await expect(loadSentimentModel("my-model", { dir })).rejects.toThrow(/Models saved there: embedding-mlp\. The lessons save "multi-hot-mlp" \(lesson 2\)/);
  });

  it("says when a folder path holds no model", async () => {
    await expect(loadSentimentModel(dir)).rejects.toThrow(/holds no saved model \(no course.json\)/);
  });
});

describe("listSentimentModels", () => {
  it("returns every saved model's info by lesson, skipping unfinished folders", async () => {
    const multiHot = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [10], activation: "sigmoid" })] });
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    await saveSentimentModel(multiHot, "multi-hot-mlp", { kind: "multi-hot", dataOptions: { numWords: 10 }, lesson: 2 }, { dir });
    fs.mkdirSync(path.join(dir, ".lstm.123.abcd.tmp"));
    const infos = listSentimentModels({ dir });
    expect(infos.map((i) => [i.name, i.lesson, i.metrics.parameters])).toEqual([["multi-hot-mlp", 2, 11], ["embedding-mlp", 3, 105]]);
  });

  it("is empty when nothing was saved yet", () => {
    expect(listSentimentModels({ dir: path.join(dir, "none") })).toEqual([]);
  });
});
