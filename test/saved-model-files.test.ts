/**
 * A saved model whose files were broken after saving (edited by hand, cut
 * short by a full disk, written by another version): loading it gives an
 * error that names the file and the field, says what was expected and what
 * to do, never a TypeError.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeEach, describe, expect, it } from "vitest";
import { trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { listSentimentModels, loadSentimentModel, saveSentimentModel } from "../lib/models/storage/model-folder";
import { useToySentimentData } from "./fixtures/toy-sentiment-reviews";

const { modelsDir } = useToySentimentData("broken-files");

// Each test breaks models of its own.
beforeEach(() => {
  for (const entry of fs.readdirSync(modelsDir())) fs.rmSync(path.join(modelsDir(), entry), { recursive: true });
});

/** Lesson 3's name, so the remedy names lesson 3. */
const NETWORK = "embedding-mlp";
const RERUN_LESSON_3 = `Run lesson 3 to the end again: it saves "${NETWORK}" anew.`;
const NGRAMS = "nb-logistic-regression";
const RERUN_LESSON_7 = `Run lesson 7 to the end again: it saves "${NGRAMS}" anew.`;

async function saveNetwork(name = NETWORK): Promise<string> {
  const model = tf.sequential({
    layers: [tf.layers.embedding({ inputDim: 12, outputDim: 2, inputLength: 4 }), tf.layers.flatten(), tf.layers.dense({ units: 1, activation: "sigmoid" })],
  });
  await saveSentimentModel(model, name, { kind: "sequence", dataOptions: { numWords: 12 }, maxlen: 4, lesson: 3 }, { dir: modelsDir() });
  model.dispose();
  return path.join(modelsDir(), name);
}

async function saveNgrams(): Promise<string> {
  const texts = ["good film", "bad film", "great", "awful"];
  const { model } = await trainNgramSentimentModel(texts, [1, 0, 1, 0], { minDocumentCount: 1, epochs: 1 });
  await saveSentimentModel(model, NGRAMS, { kind: "ngrams", lesson: 7 }, { dir: modelsDir() });
  return path.join(modelsDir(), NGRAMS);
}

/** Rewrites a JSON file with `edit` applied to its content. */
function editJson(file: string, edit: (content: Record<string, any>) => unknown): void {
  fs.writeFileSync(file, JSON.stringify(edit(JSON.parse(fs.readFileSync(file, "utf8")))));
}

/** Keeps the first half of a file, as a write stopped by a full disk would. */
function cutShort(file: string): void {
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/** Loading `name` fails with an Error (not a TypeError) whose message holds every part. */
async function expectLoadError(name: string, ...parts: string[]): Promise<void> {
  const error = await loadSentimentModel(name, { dir: modelsDir() }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(TypeError);
  for (const part of parts) expect((error as Error).message).toContain(part);
}

describe("a broken course.json", () => {
  const courseJson = (folder: string) => path.join(folder, "course.json");

  it("missing field: names it and what it should be", async () => {
    const file = courseJson(await saveNetwork());
    editJson(file, ({ kind, ...rest }) => rest);
    await expectLoadError(NETWORK, `${file}: "kind" should be one of "sequence", "multi-hot", "ngrams", but it is missing. ${RERUN_LESSON_3}`);
  });

  it("wrong type, in a nested object: names the field by its path", async () => {
    const file = courseJson(await saveNetwork());
    editJson(file, (info) => ({ ...info, dataOptions: { ...info.dataOptions, numWords: "12" } }));
    await expectLoadError(NETWORK, `${file}: "dataOptions.numWords" should be an integer from 1 up, but it is "12". ${RERUN_LESSON_3}`);
    editJson(file, (info) => ({ ...info, dataOptions: { numWords: 12 }, metrics: { ...info.metrics, testAccuracy: "high" } }));
    await expectLoadError(NETWORK, `${file}: "metrics.testAccuracy" should be a number, but it is "high".`);
  });

  it("truncated JSON: says the file was cut short or edited", async () => {
    const file = courseJson(await saveNetwork());
    cutShort(file);
    await expectLoadError(NETWORK, `${file} is not valid JSON (`, `): it was cut short or edited by hand. ${RERUN_LESSON_3}`);
  });

  it("unknown format version, or no course.json at all: says which version this course reads", async () => {
    const file = courseJson(await saveNetwork());
    editJson(file, (info) => ({ ...info, formatVersion: 2 }));
    await expectLoadError(NETWORK, `${file}: "formatVersion" is 2, but this version of the course reads version 1 only. ${RERUN_LESSON_3}`);
    editJson(file, (info) => ({ ...info, format: "keras-model" }));
    await expectLoadError(NETWORK, `${file}: "format" should be "imdb-course-model" (it is not the course.json of a model saved by saveSentimentModel otherwise), but it is "keras-model".`);
    fs.writeFileSync(file, "[]");
    await expectLoadError(NETWORK, `${file} should hold a JSON object ({ … }), but it holds an array. ${RERUN_LESSON_3}`);
  });

  it("settings a network cannot be used with: maxlen missing, index rules that keep no word", async () => {
    const file = courseJson(await saveNetwork());
    editJson(file, ({ maxlen, ...rest }) => rest);
    await expectLoadError(NETWORK, `${file}: "maxlen" should be an integer from 1 up, but it is missing.`);
    editJson(file, (info) => ({ ...info, maxlen: 4, dataOptions: { numWords: 12, skipTop: 12 } }));
    await expectLoadError(NETWORK, `${file}: "dataOptions": skipTop must be less than numWords, got skipTop=12 and numWords=12`, RERUN_LESSON_3);
  });

  it("a model the lessons do not save: the remedy is to save it again; listSentimentModels says the same", async () => {
    const file = courseJson(await saveNetwork("my-model"));
    editJson(file, (info) => ({ ...info, createdAt: 20240101 }));
    await expectLoadError("my-model", `${file}: "createdAt" should be a string, but it is 20240101. Save the model "my-model" again with saveSentimentModel.`);
    expect(() => listSentimentModels({ dir: modelsDir() })).toThrow(`${file}: "createdAt" should be a string`);
  });
});

describe("a broken vocabulary.json", () => {
  const vocabularyJson = (folder: string) => path.join(folder, "vocabulary.json");

  it("a word of the wrong type: names its position", async () => {
    const file = vocabularyJson(await saveNetwork());
    editJson(file, (content) => ({ ...content, words: content.words.map((word: string, i: number) => (i === 3 ? 7 : word)) }));
    await expectLoadError(NETWORK, `${file}: "words[3]" should be a string or null, but it is 7. ${RERUN_LESSON_3}`);
    editJson(file, ({ words, ...rest }) => rest);
    await expectLoadError(NETWORK, `${file}: "words" should be an array of a string or null, but it is missing.`);
  });

  it("another vocabulary than course.json names", async () => {
    const file = vocabularyJson(await saveNetwork());
    editJson(file, (content) => ({ ...content, vocabulary: "keras" }));
    await expectLoadError(NETWORK, `${file}: "vocabulary" should be "project", the vocabulary course.json's dataOptions name, but it is "keras".`);
  });

  it("truncated or missing", async () => {
    const file = vocabularyJson(await saveNetwork());
    cutShort(file);
    await expectLoadError(NETWORK, `${file} is not valid JSON (`, RERUN_LESSON_3);
    fs.rmSync(file);
    await expectLoadError(NETWORK, `${file} cannot be read: it does not exist. ${RERUN_LESSON_3}`);
  });
});

describe("a broken model.json or weights.bin", () => {
  it("gives tfjs' reason with the folder and the remedy", async () => {
    const folder = await saveNetwork();
    cutShort(path.join(folder, "model.json"));
    await expectLoadError(NETWORK, `${path.join(folder, "model.json")} is not valid JSON (`, RERUN_LESSON_3);
    await saveNetwork();
    fs.rmSync(path.join(folder, "weights.bin"));
    await expectLoadError(NETWORK, `The network saved in ${folder} cannot be loaded from its model.json and weights.bin: `, `. ${RERUN_LESSON_3}`);
  });
});

describe("a broken ngram-model.json", () => {
  const ngramJson = (folder: string) => path.join(folder, "ngram-model.json");

  it("missing field, or wrong type", async () => {
    const file = ngramJson(await saveNgrams());
    editJson(file, ({ weights, ...rest }) => rest);
    await expectLoadError(NGRAMS, `${file}: "weights" should be a string, but it is missing. ${RERUN_LESSON_7}`);
    await saveNgrams();
    editJson(file, (content) => ({ ...content, maxN: "2" }));
    await expectLoadError(NGRAMS, `${file}: "maxN" should be an integer from 1 up, but it is "2".`);
    editJson(file, (content) => ({ ...content, maxN: 2, tokenizer: { punctuation: "yes" } }));
    await expectLoadError(NGRAMS, `${file}: "tokenizer.punctuation" should be true or false, but it is "yes".`);
    editJson(file, ({ tokenizer, ...rest }) => rest);
    await expectLoadError(NGRAMS, `${file}: "tokenizer" should be an object ({ … }), but it is missing.`);
  });

  it("weights that are not whole float32 values, or an n-gram that is not a string", async () => {
    const file = ngramJson(await saveNgrams());
    editJson(file, (content) => ({ ...content, weights: Buffer.from([1, 2, 3, 4, 5, 6]).toString("base64") }));
    await expectLoadError(NGRAMS, `${file}: "weights" should be the base64 of float32 values (4 bytes each), but it holds 6 bytes. ${RERUN_LESSON_7}`);
    await saveNgrams();
    editJson(file, (content) => ({ ...content, ngrams: [null, ...content.ngrams.slice(1)] }));
    await expectLoadError(NGRAMS, `${file}: "ngrams[0]" should be a string, but it is null.`);
  });

  it("truncated JSON, or an unknown format version", async () => {
    const file = ngramJson(await saveNgrams());
    cutShort(file);
    await expectLoadError(NGRAMS, `${file} is not valid JSON (`, `it was cut short or edited by hand. ${RERUN_LESSON_7}`);
    await saveNgrams();
    editJson(file, (content) => ({ ...content, formatVersion: 3 }));
    await expectLoadError(NGRAMS, `${file}: "formatVersion" is 3, but this library reads n-gram models of version 1 only. ${RERUN_LESSON_7}`);
  });
});
