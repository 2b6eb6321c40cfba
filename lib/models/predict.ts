/**
 * Saving trained models to disk, loading them back in a fresh kernel, and
 * predicting the sentiment of a learner's own review with any of them
 * (lesson 6, "Your own review"; lesson 7 adds the bag of n-grams).
 *
 * A saved network is a folder `<models dir>/<name>/` holding tfjs' own
 * `model.json` + `weights.bin`, the course's `course.json` (how the reviews
 * were encoded for it: vocabulary, numWords, skipTop, indexFrom, maxlen…; its
 * metrics; when and on which backend it was trained) and `vocabulary.json`
 * (the words it knows, by rank). Those settings make prediction on new text
 * take the same path as training did, and the saved words let prediction
 * detect a vocabulary that changed since (another tokenizer, other data).
 * A bag-of-n-grams model keeps its tokenizer settings and vocabulary in its
 * own file (`ngram-model.json`, lib/models/ngrams) next to `course.json`.
 *
 * The default models dir is `<project>/data/models/<scale>/` (scale from
 * COURSE_SCALE: `full` or `smoke`), so a quick smoke run never overwrites the
 * models trained at full scale, and lesson 6 finds the models of the scale it
 * runs at.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { encodeText, getWordIndex, tokenize, type LoadDataOptions } from "../data/imdb";
import { cut, readIndexRules, type IndexRules } from "../data/imdb/indices";
import { projectRoot } from "../util/project-root";
import { loadNgramModel, ngramModelFeatures, predictProbabilities, saveNgramModel, tokenizeForModel, type NgramSentimentModel } from "./ngrams";
import { courseScale } from "../data/scale";
import { networkProbabilities } from "./network-probabilities";

/**
 * How a model reads a review: a padded sequence of word indices, one
 * multi-hot vector of numWords, or the bag of n-grams of lesson 7.
 */
export type SentimentModelKind = "sequence" | "multi-hot" | "ngrams";

/**
 * The loadData options a model was trained with (progress callback aside).
 * The ones that shape word indices (vocabulary, numWords, skipTop, startChar,
 * oovChar, indexFrom) are applied to new text; maxlen and seed are kept as a
 * record of the training data.
 */
export type SentimentDataOptions = Omit<LoadDataOptions, "onProgress">;

export interface SentimentModelMetrics {
  testAccuracy?: number;
  epochs?: number;
  secondsPerEpoch?: number;
  /** Whole training time; when left out, comparisons use epochs × secondsPerEpoch. */
  trainingSeconds?: number;
  /** Numbers the model learned; filled in from the model when left out. */
  parameters?: number;
}

/** What every lesson says about a model it saves, for the comparison table. */
interface CommonSettings {
  metrics?: SentimentModelMetrics;
  /** The lesson that trained it. */
  lesson?: number;
  /** A few words on what it is. */
  description?: string;
}

/** The settings of a tfjs network (lessons 2-5): how reviews were encoded for it. */
export interface NetworkModelSettings extends CommonSettings {
  kind: "sequence" | "multi-hot";
  dataOptions: SentimentDataOptions;
  /** Length the sequences were padded or truncated to (sequence models). */
  maxlen?: number;
  /** padSequences' padding and truncating sides used in training (default "pre", as Keras). */
  padding?: "pre" | "post";
  truncating?: "pre" | "post";
}

/** The settings of a bag-of-n-grams model (lesson 7); its tokenizer and vocabulary are inside the model. */
export interface NgramModelSettings extends CommonSettings {
  kind: "ngrams";
}

export type SentimentModelSettings = NetworkModelSettings | NgramModelSettings;

/** The content of `course.json`: the settings plus where and when the model was made. */
export interface SavedSentimentModelInfo {
  format: typeof COURSE_MODEL_FORMAT;
  formatVersion: number;
  name: string;
  kind: SentimentModelKind;
  /** Networks only (see NetworkModelSettings). */
  dataOptions?: SentimentDataOptions;
  maxlen?: number;
  padding?: "pre" | "post";
  truncating?: "pre" | "post";
  metrics: SentimentModelMetrics;
  lesson?: number;
  description?: string;
  createdAt: string;
  /** The tfjs backend it was trained on. */
  backend: string;
  tfjsVersion: string;
  /** COURSE_SCALE it was trained at. */
  scale: string;
}

/** A tfjs network loaded from disk. */
export interface LoadedNetworkModel {
  kind: "sequence" | "multi-hot";
  model: tf.LayersModel;
  info: SavedSentimentModelInfo & { kind: "sequence" | "multi-hot"; dataOptions: SentimentDataOptions };
  /** The folder it was loaded from. */
  path: string;
}

/** A bag-of-n-grams model loaded from disk. */
export interface LoadedNgramModel {
  kind: "ngrams";
  model: NgramSentimentModel;
  info: SavedSentimentModelInfo;
  path: string;
}

/** What loadSentimentModel gives: `kind` tells which of the two. */
export type LoadedSentimentModel = LoadedNetworkModel | LoadedNgramModel;

export interface ModelsDirOptions {
  /** Where the model folders are; default `<project>/data/models/<COURSE_SCALE>`. */
  dir?: string;
}

/** The models the lessons save, by name, so a missing one can be traced to the lesson that makes it (lesson 6). */
export const COURSE_MODELS: readonly { name: string; lesson: number; title: string }[] = [
  { name: "multi-hot-mlp", lesson: 2, title: "multi-hot vectors → Dense network" },
  { name: "embedding-mlp", lesson: 3, title: "Embedding → Flatten → Dense" },
  { name: "conv1d", lesson: 4, title: "Embedding → Conv1D → MaxPooling1D → Dense" },
  { name: "lstm", lesson: 5, title: "Embedding → LSTM" },
  { name: "nb-logistic-regression", lesson: 7, title: "bag of n-grams, NB weights + logistic regression" },
];

const COURSE_MODEL_FORMAT = "imdb-course-model";
const FORMAT_VERSION = 1;
const MODEL_FILE = "model.json";
const WEIGHTS_FILE = "weights.bin";
const NGRAM_FILE = "ngram-model.json";
const INFO_FILE = "course.json";
const VOCABULARY_FILE = "vocabulary.json";
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** `<project>/data/models/<scale>`: one folder per COURSE_SCALE (lesson 6). */
export function defaultModelsDir(): string {
  return path.join(projectRoot(), "data", "models", courseScale().name);
}

/**
 * Saves a trained model with the settings needed to use it on new text
 * (lesson 6, "Saving and loading a model"; lessons 2-5 and 7 call it after
 * training).
 *
 * A network goes to `<dir>/<name>/` as `model.json` + `weights.bin` (tfjs'
 * format), `vocabulary.json` and `course.json`; a bag-of-n-grams model as
 * `ngram-model.json` (saveNgramModel's file) and `course.json`. Everything
 * is written into a temporary folder first, then renamed into place, so a
 * failure leaves the previous model (or nothing), never half a model. Saving
 * under an existing name replaces that model. Returns what was written to
 * course.json.
 */
export async function saveSentimentModel(model: tf.LayersModel, name: string, settings: NetworkModelSettings, options?: ModelsDirOptions): Promise<SavedSentimentModelInfo>;
export async function saveSentimentModel(model: NgramSentimentModel, name: string, settings: NgramModelSettings, options?: ModelsDirOptions): Promise<SavedSentimentModelInfo>;
export async function saveSentimentModel(
  model: tf.LayersModel | NgramSentimentModel,
  name: string,
  settings: SentimentModelSettings,
  options: ModelsDirOptions = {},
): Promise<SavedSentimentModelInfo> {
  checkName(name);
  let write: (folder: string) => Promise<void>;
  let parameters: number;
  if (settings.kind === "ngrams") {
    const ngramModel = checkNgramModel(model, name);
    parameters = ngramModel.classifier.weights.length + 1;
    write = async (folder) => saveNgramModel(ngramModel, path.join(folder, NGRAM_FILE));
  } else {
    const network = checkNetworkSettings(model, name, settings);
    const vocabulary = await knownWords(settings.dataOptions);
    parameters = network.countParams();
    write = async (folder) => {
      await network.save(tf.io.withSaveHandler(async (artifacts) => {
        writeModelFiles(folder, artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }));
      fs.writeFileSync(path.join(folder, VOCABULARY_FILE), JSON.stringify(vocabulary));
    };
  }
  const info: SavedSentimentModelInfo = {
    // First, so that settings copied from another model's info cannot override what follows.
    ...settings,
    format: COURSE_MODEL_FORMAT,
    formatVersion: FORMAT_VERSION,
    name,
    metrics: { ...settings.metrics, parameters: settings.metrics?.parameters ?? parameters },
    createdAt: new Date().toISOString(),
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    scale: courseScale().name,
  };

  const dir = options.dir ?? defaultModelsDir();
  fs.mkdirSync(dir, { recursive: true });
  const staging = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  fs.mkdirSync(staging);
  try {
    await write(staging);
    fs.writeFileSync(path.join(staging, INFO_FILE), JSON.stringify(info, null, 2) + "\n");
    replaceFolder(staging, path.join(dir, name));
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return info;
}

/**
 * Loads a model saved by saveSentimentModel, by name (from the models dir) or
 * by folder path (lesson 6: run this alone after restarting the kernel).
 */
export async function loadSentimentModel(nameOrPath: string, options: ModelsDirOptions = {}): Promise<LoadedSentimentModel> {
  const folder = resolveModelFolder(nameOrPath, options);
  const info = readInfo(folder);
  if (info.kind === "ngrams") return { kind: "ngrams", model: loadNgramModel(path.join(folder, NGRAM_FILE)), info, path: folder };
  const modelJson = JSON.parse(fs.readFileSync(path.join(folder, MODEL_FILE), "utf8")) as tf.io.ModelJSON;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs = tf.io.getWeightSpecs(manifest);
    const paths = manifest.flatMap((group) => group.paths);
    const buffers = paths.map((file) => {
      const bytes = fs.readFileSync(path.join(folder, file));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    });
    return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
  });
  const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  return { kind: info.kind, model, info: info as LoadedNetworkModel["info"], path: folder };
}

/**
 * The course.json of every saved model in the models dir, by lesson then name:
 * the rows of the comparison table (lessons 6 and 7).
 */
export function listSentimentModels(options: ModelsDirOptions = {}): SavedSentimentModelInfo[] {
  const dir = options.dir ?? defaultModelsDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && fs.existsSync(path.join(dir, entry.name, INFO_FILE)))
    .map((entry) => readInfo(path.join(dir, entry.name)))
    .sort((a, b) => (a.lesson ?? Infinity) - (b.lesson ?? Infinity) || a.name.localeCompare(b.name));
}

function writeModelFiles(folder: string, artifacts: tf.io.ModelArtifacts): void {
  if (artifacts.modelTopology === undefined || artifacts.weightSpecs === undefined || artifacts.weightData === undefined) {
    throw new Error("saveSentimentModel: tfjs gave no topology or weights for this model; only tf.LayersModel models (tf.sequential, tf.model) can be saved.");
  }
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  };
  if (artifacts.trainingConfig !== undefined) modelJson.trainingConfig = artifacts.trainingConfig;
  fs.writeFileSync(path.join(folder, WEIGHTS_FILE), new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)));
  fs.writeFileSync(path.join(folder, MODEL_FILE), JSON.stringify(modelJson));
}

/** Puts `staging` at `target`, replacing a previous model there only once the new one is complete. */
function replaceFolder(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const previous = `${staging}.previous`;
  fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(previous, target);
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

function checkName(name: string): void {
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new Error(
      `saveSentimentModel: the model name must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (it becomes a folder name), got ${JSON.stringify(name)}.`,
    );
  }
}

function checkNetworkSettings(model: tf.LayersModel | NgramSentimentModel, name: string, settings: NetworkModelSettings): tf.LayersModel {
  const where = `saveSentimentModel("${name}")`;
  if (settings.kind !== "sequence" && settings.kind !== "multi-hot") {
    throw new Error(`${where}: kind must be "sequence" (padded word indices), "multi-hot" (vectors of numWords) or "ngrams" (lesson 7), got ${JSON.stringify((settings as { kind?: unknown }).kind)}.`);
  }
  if (!(model instanceof tf.LayersModel)) {
    throw new Error(`${where}: a "${settings.kind}" model must be a tfjs network (tf.sequential or tf.model); for a bag-of-n-grams model use kind "ngrams".`);
  }
  const numWords = settings.dataOptions?.numWords;
  if (typeof numWords !== "number") {
    throw new Error(`${where}: dataOptions.numWords is needed (the word indices the model can read are those below it); pass the options given to loadData, numWords included.`);
  }
  readIndexRules(where, settings.dataOptions);
  const width = model.inputs[0]?.shape[1];
  if (settings.kind === "multi-hot") {
    if (width !== undefined && width !== null && width !== numWords) {
      throw new Error(`${where}: the model reads vectors of ${width} values but dataOptions.numWords is ${numWords}; pass the numWords the model was trained with.`);
    }
    return model;
  }
  if (settings.maxlen === undefined || !Number.isInteger(settings.maxlen) || settings.maxlen < 1) {
    throw new Error(`${where}: a sequence model needs maxlen, the length its reviews were padded to (a positive integer), got ${String(settings.maxlen)}.`);
  }
  if (width !== undefined && width !== null && width !== settings.maxlen) {
    throw new Error(`${where}: the model reads sequences of ${width} word indices but maxlen is ${settings.maxlen}; pass the maxlen given to padSequences.`);
  }
  const inputDim = model.layers.map((layer) => layer.getConfig().inputDim).find((dim) => typeof dim === "number");
  if (typeof inputDim === "number" && numWords > inputDim) {
    throw new Error(`${where}: dataOptions.numWords is ${numWords} but the model's Embedding has only ${inputDim} rows, so indices from ${inputDim} up would fall outside it; pass the numWords the data was loaded with.`);
  }
  return model;
}

function checkNgramModel(model: tf.LayersModel | NgramSentimentModel, name: string): NgramSentimentModel {
  if (model instanceof tf.LayersModel || !("classifier" in model) || !("vocabulary" in model)) {
    throw new Error(`saveSentimentModel("${name}"): kind "ngrams" is for the bag-of-n-grams model of lesson 7 (trainNgramSentimentModel(...).model); for a tfjs network use kind "sequence" or "multi-hot".`);
  }
  return model;
}

function resolveModelFolder(nameOrPath: string, options: ModelsDirOptions): string {
  const isPath = nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.startsWith(".");
  if (isPath) {
    const folder = path.resolve(nameOrPath);
    if (!fs.existsSync(path.join(folder, INFO_FILE))) {
      throw new Error(`loadSentimentModel: ${folder} holds no saved model (no ${INFO_FILE}); give the folder that saveSentimentModel wrote, or a model name.`);
    }
    return folder;
  }
  const dir = options.dir ?? defaultModelsDir();
  const folder = path.join(dir, nameOrPath);
  if (!fs.existsSync(path.join(folder, INFO_FILE))) throw new Error(missingModelMessage(nameOrPath, dir, options.dir === undefined));
  return folder;
}

/** Says which lesson makes the missing model, and whether it exists at the other scale. */
function missingModelMessage(name: string, dir: string, isDefaultDir: boolean): string {
  const known = COURSE_MODELS.find((m) => m.name === name);
  const lines = [`No saved model "${name}" in ${dir}.`];
  if (known !== undefined) {
    lines.push(`Lesson ${known.lesson} trains and saves it (${known.title}): run that lesson's notebook to the end, at the same COURSE_SCALE (now "${courseScale().name}").`);
  } else {
    const saved = fs.existsSync(dir) ? fs.readdirSync(dir).filter((entry) => !entry.startsWith(".")) : [];
    lines.push(`Models saved there: ${saved.length > 0 ? saved.join(", ") : "none"}. The lessons save ${COURSE_MODELS.map((m) => `"${m.name}" (lesson ${m.lesson})`).join(", ")}.`);
  }
  if (isDefaultDir) {
    const others = ["full", "smoke"].filter((scale) => scale !== courseScale().name && fs.existsSync(path.join(path.dirname(dir), scale, name, INFO_FILE)));
    for (const scale of others) lines.push(`A "${name}" trained at COURSE_SCALE=${scale} exists in ${path.join(path.dirname(dir), scale)}.`);
  }
  return lines.join(" ");
}

function readInfo(folder: string): SavedSentimentModelInfo {
  const file = path.join(folder, INFO_FILE);
  let info: SavedSentimentModelInfo;
  try {
    info = JSON.parse(fs.readFileSync(file, "utf8")) as SavedSentimentModelInfo;
  } catch (error) {
    throw new Error(`${file} cannot be read (${error instanceof Error ? error.message : String(error)}); delete the folder ${folder} and save the model again.`);
  }
  if (info.format !== COURSE_MODEL_FORMAT || info.formatVersion !== FORMAT_VERSION) {
    throw new Error(`${file} is not a course model of format version ${FORMAT_VERSION}; save the model again with this version of the course.`);
  }
  return info;
}

/** What `vocabulary.json` holds: the words a model can see, `words[r - 1]` being the word of rank r. */
export interface KnownWords {
  vocabulary: string;
  words: (string | null)[];
}

/** The words whose index (rank + indexFrom) stays below numWords, in rank order. */
async function knownWords(dataOptions: SentimentDataOptions): Promise<KnownWords> {
  const vocabulary = dataOptions.vocabulary ?? "project";
  const wordIndex = await getWordIndex({ vocabulary });
  const lastRank = (dataOptions.numWords ?? 0) - (dataOptions.indexFrom ?? 3) - 1;
  const words: (string | null)[] = [];
  for (const [word, rank] of wordIndex) {
    if (rank <= lastRank) words[rank - 1] = word;
  }
  return { vocabulary, words: Array.from(words, (word) => word ?? null) };
}

/** One text and what a model makes of it. */
export interface SentimentPrediction {
  text: string;
  /** The model's probability that the review is positive. */
  probability: number;
  /** "positive" when probability > 0.5, as Keras' accuracy counts it. */
  label: "positive" | "negative";
  /** The text as the model's tokenizer splits it (before any word is cut). */
  tokens: string[];
  /**
   * Words the model cannot see, once each in order of appearance. A network:
   * not in the vocabulary, or outside its numWords / skipTop cut, so encoded
   * as oovChar (or dropped when oovChar is null). The bag of n-grams: tokens
   * that are not one of its unigrams.
   */
  unknownWords: string[];
}

/**
 * The sentiment of any text according to a loaded model (lesson 6, "Your own
 * review"; lesson 7 for the bag of n-grams). The text takes the path the
 * training reviews took: for a network, encodeText with the model's saved
 * dataOptions (same tokenizer, vocabulary and index rules), then padSequences
 * (sequence models) or multiHot (multi-hot models); for the bag of n-grams,
 * its own tokenizer settings and vocabulary (predictNgramSentiment). A
 * network refuses to predict when the vocabulary in use no longer matches the
 * one it was saved with. One text gives one prediction; an array, one per text.
 */
export async function predictSentiment(loaded: LoadedSentimentModel, text: string): Promise<SentimentPrediction>;
export async function predictSentiment(loaded: LoadedSentimentModel, texts: readonly string[]): Promise<SentimentPrediction[]>;
export async function predictSentiment(loaded: LoadedSentimentModel, input: string | readonly string[]): Promise<SentimentPrediction | SentimentPrediction[]> {
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
    throw new TypeError("predictSentiment: give a review as a string, or an array of strings.");
  }
  const predictions = loaded.kind === "ngrams" ? ngramPredictions(loaded, texts) : await networkPredictions(loaded, texts);
  return typeof input === "string" ? predictions[0] : predictions;
}

function prediction(text: string, probability: number, tokens: string[], unknownWords: string[]): SentimentPrediction {
  return { text, probability, label: probability > 0.5 ? "positive" : "negative", tokens, unknownWords };
}

async function networkPredictions(loaded: LoadedNetworkModel, texts: readonly string[]): Promise<SentimentPrediction[]> {
  const { dataOptions } = loaded.info;
  const encodeOptions = {
    vocabulary: dataOptions.vocabulary, numWords: dataOptions.numWords, skipTop: dataOptions.skipTop,
    startChar: dataOptions.startChar, oovChar: dataOptions.oovChar, indexFrom: dataOptions.indexFrom,
  };
  const wordIndex = await getWordIndex({ vocabulary: encodeOptions.vocabulary });
  checkVocabularyUnchanged(loaded, wordIndex);
  const sequences = await Promise.all(texts.map((text) => encodeText(text, encodeOptions)));
  const probabilities = networkProbabilities(loaded.model, loaded.info, sequences);
  const rules = readIndexRules("predictSentiment", encodeOptions);
  return texts.map((text, i) => {
    const tokens = tokenize(text);
    return prediction(text, probabilities[i], tokens, unseenWords(tokens, wordIndex, rules));
  });
}

/** Unknown words of the bag of n-grams: tokens that are not a unigram of its vocabulary. */
function ngramPredictions({ model }: LoadedNgramModel, texts: readonly string[]): SentimentPrediction[] {
  const documents = tokenizeForModel(model, texts);
  const probabilities = predictProbabilities(model.classifier, ngramModelFeatures(model, documents));
  return texts.map((text, i) => {
    const unknown = new Set(documents[i].filter((token) => model.vocabulary.lookup.column(token) < 0));
    return prediction(text, probabilities[i], documents[i], [...unknown]);
  });
}

function unseenWords(tokens: readonly string[], wordIndex: ReadonlyMap<string, number>, rules: IndexRules): string[] {
  const numWords = rules.numWords ?? Number.POSITIVE_INFINITY;
  const unseen = new Set<string>();
  for (const token of tokens) {
    const rank = wordIndex.get(token);
    if (rank === undefined || cut(rank + rules.indexFrom, rules, numWords) !== rank + rules.indexFrom) unseen.add(token);
  }
  return [...unseen];
}

/** Throws when a word the model knows has another rank now than when it was trained. */
function checkVocabularyUnchanged(loaded: LoadedNetworkModel, wordIndex: ReadonlyMap<string, number>): void {
  const saved = savedWords(loaded, "predictSentiment");
  const changed = saved.words.findIndex((word, i) => word !== null && wordIndex.get(word) !== i + 1);
  if (changed >= 0) {
    const word = saved.words[changed];
    const lesson = COURSE_MODELS.find((m) => m.name === loaded.info.name)?.lesson;
    throw new Error(
      `predictSentiment: model "${loaded.info.name}" was trained when "${word}" was word ${changed + 1} of the ${saved.vocabulary} vocabulary, ` +
        `but it is word ${wordIndex.get(word as string) ?? "(none)"} now: the tokenizer or the data changed since, so its predictions would be wrong. ` +
        `Train and save it again${lesson === undefined ? "" : ` (lesson ${lesson})`}.`,
    );
  }
}

/**
 * The words a loaded network was saved with (its vocabulary.json): what its
 * word indices meant in training. The exported demo page encodes text with them.
 */
export function savedWords(loaded: LoadedNetworkModel, where = "savedWords"): KnownWords {
  const file = path.join(loaded.path, VOCABULARY_FILE);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as KnownWords;
  } catch (error) {
    throw new Error(`${where}: ${file} cannot be read (${error instanceof Error ? error.message : String(error)}); save the model "${loaded.info.name}" again.`);
  }
}
