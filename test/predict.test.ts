import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend/init-backend";
import { loadData } from "../lib/data/imdb/load-data";
import { loadReviews } from "../lib/data/imdb/reviews";
import type { LoadedNetworkModel } from "../lib/models/loaded-network-model";
import { predictSentiment } from "../lib/models/predict-sentiment";
import { explainPrediction } from "../lib/analysis/explain";
import { kerasTokenize } from "../lib/data/imdb/keras-tokenize";
import type { NetworkModelSettings } from "../lib/models/sentiment-model";
import { listSentimentModels, loadSentimentModel, saveSentimentModel } from "../lib/models/storage/model-folder";
import { predictNgramSentiment, trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { multiHot, padSequences } from "../lib/encoding/sequences";
import { makeMirror, fixtureEntries, setImdbEnv, tempDir, type FixtureReview } from "./fixtures/imdb-archive";

// Lets one test make a write fail half-way, as a full disk would. Files are
// written by writeFileAtomic, to `<file>.<pid>.<random>.tmp` through a descriptor.
const writeFailure = vi.hoisted(() => ({ file: undefined as string | undefined, openFiles: new Map<number, string>() }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const openSync = ((...args: Parameters<typeof actual.openSync>) => {
    const fd = actual.openSync(...args);
    writeFailure.openFiles.set(fd, String(args[0]).split(/[\\/]/).pop()!);
    return fd;
  }) as typeof actual.openSync;
  const writeSync = ((...args: Parameters<typeof actual.writeSync>) => {
    const name = writeFailure.openFiles.get(args[0]);
    if (writeFailure.file !== undefined && name?.startsWith(`${writeFailure.file}.`)) throw new Error(`ENOSPC: no space left on device, write '${name}'`);
    return actual.writeSync(...args);
  }) as typeof actual.writeSync;
  return { ...actual, openSync, writeSync, default: { ...actual, openSync, writeSync } };
});

/** A toy dataset that a model learns in a few epochs. */
const POSITIVE = "The film is good and great.";
const NEGATIVE = "The film is bad and awful.";
const toyReviews: FixtureReview[] = [
  ...Array.from({ length: 10 }, (_, id): FixtureReview => ({ split: "train", folder: "neg", id, rating: 2, text: NEGATIVE })),
  { split: "train", folder: "neg", id: 10, rating: 1, text: "A dull plot." },
  ...Array.from({ length: 10 }, (_, id): FixtureReview => ({ split: "train", folder: "pos", id, rating: 9, text: POSITIVE })),
  { split: "train", folder: "pos", id: 10, rating: 7, text: "A fine story." },
  // The archive check wants as many reviews in each of the four folders.
  ...Array.from({ length: 11 }, (_, id): FixtureReview => ({ split: "test", folder: "neg", id, rating: 3, text: "Bad film." })),
  ...Array.from({ length: 11 }, (_, id): FixtureReview => ({ split: "test", folder: "pos", id, rating: 8, text: "Great film." })),
];
// Ranks by count over the training reviews, ties alphabetical: and, film, is,
// the (20 each); awful, bad, good, great (10 each); a (2); dull, fine, plot,
// story (1 each). Indices are rank + 3, so numWords 12 keeps "and" (4) to
// "great" (11).
const TOY_OPTIONS = { numWords: 12 };

/** loadSentimentModel, for a model the test knows to be a tfjs network. */
async function loadNetwork(name: string, options: { dir?: string } = { dir }): Promise<LoadedNetworkModel> {
  const loaded = await loadSentimentModel(name, options);
  if (loaded.kind === "ngrams") throw new Error(`${name} is not a network`);
  return loaded;
}

let dir: string;
let restoreEnv: () => void;

beforeAll(async () => {
  await initBackend();
  restoreEnv = setImdbEnv(await makeMirror(fixtureEntries(toyReviews)), tempDir("predict-cache-"));
}, 60_000);

afterAll(() => restoreEnv());

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "predict-test-"));
  writeFailure.file = undefined;
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function sequenceModel(seed: number, maxlen = 6): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 12, outputDim: 4, inputLength: maxlen, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

const sequenceSettings: NetworkModelSettings = {
  kind: "sequence",
  dataOptions: TOY_OPTIONS,
  maxlen: 6,
  lesson: 3,
  metrics: { testAccuracy: 0.5, epochs: 2, secondsPerEpoch: 1.5 },
};

const someReviews = () => tf.tensor2d([[0, 0, 1, 5, 7, 11], [1, 4, 4, 4, 2, 3], [0, 0, 0, 0, 1, 10]], [3, 6], "int32");

describe("saveSentimentModel and loadSentimentModel", () => {
  it("give back a model that predicts exactly what the saved one did, with its settings", async () => {
    const model = sequenceModel(7);
    const saved = await saveSentimentModel(model, "embedding-mlp", sequenceSettings, { dir });

    expect(fs.readdirSync(path.join(dir, "embedding-mlp")).sort()).toEqual(["course.json", "model.json", "vocabulary.json", "weights.bin"]);
    // 12 × 4 embedding + (24 weights + 1 bias) of the dense layer.
    expect(saved.metrics.parameters).toBe(12 * 4 + 24 + 1);
    // Ranks 1 to 8 have indices 4 to 11, below numWords 12.
    expect(JSON.parse(fs.readFileSync(path.join(dir, "embedding-mlp", "vocabulary.json"), "utf8"))).toEqual({
      vocabulary: "project", words: ["and", "film", "is", "the", "awful", "bad", "good", "great"],
    });

    const loaded = await loadNetwork("embedding-mlp");
    const before = (model.predict(someReviews()) as tf.Tensor).dataSync();
    const after = (loaded.model.predict(someReviews()) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(loaded.info).toEqual(saved);
    expect(loaded.info).toMatchObject({ name: "embedding-mlp", kind: "sequence", maxlen: 6, dataOptions: { numWords: 12 }, metrics: { testAccuracy: 0.5, epochs: 2 } });
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
    const loaded = await loadNetwork("embedding-mlp");
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
    const loaded = await loadNetwork("embedding-mlp");
    expect(Array.from((loaded.model.predict(someReviews()) as tf.Tensor).dataSync())).toEqual(Array.from((first.predict(someReviews()) as tf.Tensor).dataSync()));
  });

  it("refuses settings that do not match the model, saying what to pass", async () => {
    await expect(saveSentimentModel(sequenceModel(1), "m", { ...sequenceSettings, maxlen: 100 }, { dir })).rejects.toThrow(/sequences of 6 word indices but maxlen is 100/);
    await expect(saveSentimentModel(sequenceModel(1), "m", { kind: "sequence", dataOptions: TOY_OPTIONS }, { dir })).rejects.toThrow(/needs maxlen/);
    await expect(saveSentimentModel(sequenceModel(1), "m", { ...sequenceSettings, dataOptions: {} }, { dir })).rejects.toThrow(/dataOptions.numWords is needed/);
    await expect(saveSentimentModel(sequenceModel(1), "m", { ...sequenceSettings, dataOptions: { numWords: 13 } }, { dir })).rejects.toThrow(/Embedding has only 12 rows/);
    const multiHot = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [10] })] });
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
    expect(infos.map((i) => [i.name, i.lesson, i.metrics.parameters])).toEqual([["multi-hot-mlp", 2, 11], ["embedding-mlp", 3, 73]]);
  });

  it("is empty when nothing was saved yet", () => {
    expect(listSentimentModels({ dir: path.join(dir, "none") })).toEqual([]);
  });
});

/** A model of `kind` trained on the toy reviews, saved and loaded back. */
async function trainedToyModel(kind: "sequence" | "multi-hot", name: string, dataOptions: NetworkModelSettings["dataOptions"] = TOY_OPTIONS) {
  const { train } = await loadData({ ...dataOptions, onProgress: () => {} });
  const y = tf.tensor2d(train.y, [train.y.length, 1]);
  let model: tf.LayersModel;
  let x: tf.Tensor2D;
  if (kind === "sequence") {
    // Averaging over positions lets it learn words, not where they stand.
    model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 12, outputDim: 4, inputLength: 8, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }) }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.05), loss: "binaryCrossentropy" });
    const padded = padSequences(train.x, { maxlen: 8 });
    x = tf.tensor2d(padded.values, padded.shape, "int32");
  } else {
    model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [12], activation: "sigmoid", kernelInitializer: tf.initializers.zeros() })] });
    model.compile({ optimizer: tf.train.adam(0.1), loss: "binaryCrossentropy" });
    x = tf.tensor2d(train.x.flatMap((s) => Array.from(multiHot(s, 12))), [train.x.length, 12]);
  }
  await model.fit(x, y, { epochs: 40, batchSize: 8, shuffle: false });
  const settings: NetworkModelSettings = kind === "sequence" ? { kind, dataOptions, maxlen: 8 } : { kind, dataOptions };
  await saveSentimentModel(model, name, settings, { dir });
  return { trained: { model, x, train }, loaded: await loadSentimentModel(name, { dir }) };
}

describe("predictSentiment", () => {
  it.each(["sequence", "multi-hot"] as const)("gives a %s model the inputs it was trained on and finds what it learned", async (kind) => {
    const { trained, loaded } = await trainedToyModel(kind, `toy-${kind}`);
    const reviews = await loadReviews({ onProgress: () => {} });
    const texts = trained.train.reviewIndex.map((i) => reviews[i].text);
    const predicted = await predictSentiment(loaded, texts);
    const expected = (trained.model.predict(trained.x) as tf.Tensor).dataSync();
    predicted.forEach((p, i) => expect(p.probability).toBeCloseTo(expected[i], 5));

    const [good, bad] = await predictSentiment(loaded, ["Good, great film!", "An awful, bad film."]);
    expect(good).toMatchObject({ label: "positive", tokens: ["good", "great", "film"] });
    expect(good.probability).toBeGreaterThan(0.9);
    expect(bad).toMatchObject({ label: "negative", tokens: ["an", "awful", "bad", "film"], unknownWords: ["an"] });
    expect(bad.probability).toBeLessThan(0.1);
  }, 60_000);

  it("reports each word the model cannot see once: out of the vocabulary, past numWords or under skipTop", async () => {
    // skipTop 6 cuts indices 4 and 5 ("and", "film"); numWords 12 cuts "a" (12) and "dull" (13).
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [12], activation: "sigmoid" })] });
    await saveSentimentModel(model, "cut", { kind: "multi-hot", dataOptions: { numWords: 12, skipTop: 6 } }, { dir });
    const prediction = await predictSentiment(await loadSentimentModel("cut", { dir }), "A dull film and a zebra: the film is good");
    expect(prediction.tokens).toEqual(["a", "dull", "film", "and", "a", "zebra", "the", "film", "is", "good"]);
    expect(prediction.unknownWords).toEqual(["a", "dull", "film", "and", "zebra"]);
  });

  it("splits a text as its vocabulary's tokenizer does: Keras' for a model trained on the Keras vocabulary", async () => {
    // The fixture's Keras index: a 1, movie 2, good 3, ... br 6; "don't" is not in it.
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [11], activation: "sigmoid" })] });
    await saveSentimentModel(model, "keras-words", { kind: "multi-hot", dataOptions: { vocabulary: "keras", numWords: 11 } }, { dir });
    const loaded = await loadSentimentModel("keras-words", { dir });
    const text = "A good movie!<br />Don't";
    const prediction = await predictSentiment(loaded, text);
    expect(prediction.tokens).toEqual(kerasTokenize(text));
    expect(prediction.tokens).toEqual(["a", "good", "movie", "br", "don't"]);
    expect(prediction.unknownWords).toEqual(["don't"]);
    // Occlusion takes those tokens too, so it agrees with the prediction it explains.
    const explanation = await explainPrediction(loaded, text);
    expect(explanation.tokens.map((t) => t.token)).toEqual(prediction.tokens);
    expect(explanation.probability).toBeCloseTo(prediction.probability, 6);
  });

  it("refuses to predict when the vocabulary changed since the model was saved", async () => {
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    const file = path.join(dir, "embedding-mlp", "vocabulary.json");
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { words: string[] };
    [saved.words[4], saved.words[5]] = [saved.words[5], saved.words[4]];
    fs.writeFileSync(file, JSON.stringify(saved));
    const loaded = await loadSentimentModel("embedding-mlp", { dir });
    await expect(predictSentiment(loaded, "bad")).rejects.toThrow(/was trained when "bad" was word 5 of the project vocabulary, but it is word 6 now.*\(lesson 3\)/);
  });

  it("says what to pass when given something other than text", async () => {
    await saveSentimentModel(sequenceModel(1), "embedding-mlp", sequenceSettings, { dir });
    const loaded = await loadSentimentModel("embedding-mlp", { dir });
    await expect(predictSentiment(loaded, [42] as unknown as string[])).rejects.toThrow(/give a review as a string, or an array of strings/);
  });
});

describe("a bag-of-n-grams model through the same entry points", () => {
  const texts = [POSITIVE, NEGATIVE, "Good!", "Awful!", "Great film.", "Bad film."];
  const labels = [1, 0, 1, 0, 1, 0];

  it("saves, lists, loads and predicts exactly as the model in memory", async () => {
    const { model } = await trainNgramSentimentModel(texts, labels, { minDocumentCount: 1, epochs: 30, batchSize: 2, learningRate: 0.1 });
    const saved = await saveSentimentModel(model, "nb-logistic-regression", { kind: "ngrams", lesson: 7, metrics: { testAccuracy: 1, trainingSeconds: 0.5 } }, { dir });
    expect(fs.readdirSync(path.join(dir, "nb-logistic-regression")).sort()).toEqual(["course.json", "ngram-model.json"]);
    expect(saved.metrics.parameters).toBe(model.vocabulary.ngrams.length + 1);
    expect(listSentimentModels({ dir }).map((i) => [i.name, i.kind])).toEqual([["nb-logistic-regression", "ngrams"]]);

    const loaded = await loadSentimentModel("nb-logistic-regression", { dir });
    expect(loaded.kind).toBe("ngrams");
    const review = "A good, great film! Zebras?";
    const prediction = await predictSentiment(loaded, review);
    expect(prediction.probability).toBe(predictNgramSentiment(model, review).probability);
    expect(prediction.label).toBe("positive");
    // The model keeps punctuation marks as tokens; "a" and "zebras" never occurred in training.
    expect(prediction.tokens).toEqual(["a", "good", ",", "great", "film", "!", "zebras", "?"]);
    expect(prediction.unknownWords).toEqual(["a", ",", "zebras", "?"]);
    expect((await predictSentiment(loaded, ["Awful, bad film."]))[0].label).toBe("negative");
  });

  it("refuses a kind that does not match the model", async () => {
    const { model } = await trainNgramSentimentModel(texts, labels, { minDocumentCount: 1, epochs: 1 });
    await expect(saveSentimentModel(model as never, "m", sequenceSettings, { dir })).rejects.toThrow(/must be a tfjs network.*use kind "ngrams"/);
    await expect(saveSentimentModel(sequenceModel(1) as never, "m", { kind: "ngrams" }, { dir })).rejects.toThrow(/kind "ngrams" is for the bag-of-n-grams model/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
