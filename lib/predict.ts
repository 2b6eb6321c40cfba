/**
 * Saving trained models to disk, loading them back in a fresh kernel, and
 * predicting the sentiment of a learner's own review with any of them
 * (lesson 6, "Your own review").
 *
 * A saved model is a folder `<models dir>/<name>/` holding tfjs' own
 * `model.json` + `weights.bin` and the course's `course.json`: how the
 * reviews were encoded for it (vocabulary, numWords, skipTop, indexFrom,
 * maxlen…), its metrics, when and on which backend it was trained. Those
 * settings are what make prediction on new text use the same path as
 * training did.
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
import { projectRoot } from "./imdb/paths";
import { courseScale } from "./scale";

/** How a model reads a review: a padded sequence of word indices, or one multi-hot vector of numWords. */
export type SentimentModelKind = "sequence" | "multi-hot";

/** The loadData options a model was trained with; the ones that shape word indices are reused on new text. */
export interface SentimentDataOptions {
  vocabulary?: "project" | "keras";
  numWords?: number | null;
  skipTop?: number;
  startChar?: number | null;
  oovChar?: number | null;
  indexFrom?: number;
  /** loadData's length filter and shuffle seed: recorded for the record, not used on new text. */
  maxlen?: number | null;
  seed?: number;
}

export interface SentimentModelMetrics {
  testAccuracy?: number;
  epochs?: number;
  secondsPerEpoch?: number;
  /** Trainable and non-trainable weights; filled in from the model when left out. */
  parameters?: number;
}

/** What the lesson that trained a model says about it when saving it. */
export interface SentimentModelSettings {
  kind: SentimentModelKind;
  dataOptions: SentimentDataOptions;
  /** Length the sequences were padded or truncated to (sequence models). */
  maxlen?: number;
  /** padSequences' padding and truncating sides used in training (default "pre", as Keras). */
  padding?: "pre" | "post";
  truncating?: "pre" | "post";
  metrics?: SentimentModelMetrics;
  /** The lesson that trained it, and a few words on what it is, for the comparison table. */
  lesson?: number;
  description?: string;
}

/** The content of `course.json`: the settings plus where and when the model was made. */
export interface SavedSentimentModelInfo extends SentimentModelSettings {
  format: typeof COURSE_MODEL_FORMAT;
  formatVersion: number;
  name: string;
  metrics: SentimentModelMetrics;
  createdAt: string;
  backend: string;
  tfjsVersion: string;
  /** COURSE_SCALE the model was trained at. */
  scale: string;
}

export interface LoadedSentimentModel {
  model: tf.LayersModel;
  info: SavedSentimentModelInfo;
  /** The folder it was loaded from. */
  path: string;
}

export interface ModelsDirOptions {
  /** Where the model folders are; default `<project>/data/models/<COURSE_SCALE>`. */
  dir?: string;
}

/** The models the lessons save, by name, so a missing one can be traced to the lesson that makes it. */
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
const INFO_FILE = "course.json";
const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** `<project>/data/models/<scale>`: one folder per COURSE_SCALE (lesson 6). */
export function defaultModelsDir(): string {
  return path.join(projectRoot(), "data", "models", courseScale().name);
}

/**
 * Saves a trained model with the settings needed to use it on new text
 * (lesson 6, "Saving and loading a model"; lessons 2-5 call it after training).
 *
 * Writes `<dir>/<name>/{model.json, weights.bin, course.json}` into a
 * temporary folder first and renames it into place, so a failure leaves the
 * previous model (or nothing), never half a model. Saving under an existing
 * name replaces that model. Returns what was written to course.json.
 */
export async function saveSentimentModel(
  model: tf.LayersModel,
  name: string,
  settings: SentimentModelSettings,
  options: ModelsDirOptions = {},
): Promise<SavedSentimentModelInfo> {
  checkName(name);
  checkSettings(model, name, settings);
  const dir = options.dir ?? defaultModelsDir();
  const info: SavedSentimentModelInfo = {
    format: COURSE_MODEL_FORMAT,
    formatVersion: FORMAT_VERSION,
    name,
    ...settings,
    metrics: { ...settings.metrics, parameters: settings.metrics?.parameters ?? model.countParams() },
    createdAt: new Date().toISOString(),
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    scale: courseScale().name,
  };

  fs.mkdirSync(dir, { recursive: true });
  const staging = path.join(dir, `.${name}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`);
  fs.mkdirSync(staging);
  try {
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      writeModelFiles(staging, artifacts);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
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
  return { model, info, path: folder };
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

function checkSettings(model: tf.LayersModel, name: string, settings: SentimentModelSettings): void {
  const where = `saveSentimentModel("${name}")`;
  const inputShape = model.inputs[0]?.shape;
  const width = inputShape?.[1];
  if (settings.kind === "multi-hot") {
    const numWords = settings.dataOptions?.numWords;
    if (typeof numWords !== "number") {
      throw new Error(`${where}: a multi-hot model needs dataOptions.numWords (the length of its input vectors); pass the numWords given to loadData.`);
    }
    if (width !== undefined && width !== null && width !== numWords) {
      throw new Error(`${where}: the model reads vectors of ${width} values but dataOptions.numWords is ${numWords}; pass the numWords the model was trained with.`);
    }
  } else if (settings.kind === "sequence") {
    if (settings.maxlen === undefined || !Number.isInteger(settings.maxlen) || settings.maxlen < 1) {
      throw new Error(`${where}: a sequence model needs maxlen, the length its reviews were padded to (a positive integer), got ${String(settings.maxlen)}.`);
    }
    if (width !== undefined && width !== null && width !== settings.maxlen) {
      throw new Error(`${where}: the model reads sequences of ${width} word indices but maxlen is ${settings.maxlen}; pass the maxlen given to padSequences.`);
    }
  } else {
    throw new Error(`${where}: kind must be "sequence" (padded word indices) or "multi-hot" (vectors of numWords), got ${JSON.stringify((settings as { kind?: unknown }).kind)}.`);
  }
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
