/**
 * Saving trained models to disk and loading them back in a fresh kernel
 * (lesson 6, "Saving and loading a model"; lessons 2-5 and 7 save theirs).
 *
 * A saved model is a folder `<models dir>/<name>/` holding `course.json`
 * (course-json.ts) and the files of its kind: a tfjs network's model.json,
 * weights.bin and vocabulary.json (network-folder.ts), or a bag of n-grams'
 * ngram-model.json (ngram-folder.ts). The models dir is registry.ts'.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as tf from "@tensorflow/tfjs";
import { writeFolderAtomic } from "../../util/files";
import type { LoadedNetworkModel, NetworkModelInfo } from "../loaded-network-model";
import type { LoadedNgramModel } from "../loaded-ngram-model";
import type { NgramSentimentModel } from "../ngrams/model";
import { defaultModelsDir, missingModelMessage } from "../registry";
import { SENTIMENT_MODEL_KINDS, type NetworkModelSettings, type NgramModelSettings, type SavedSentimentModelInfo, type SentimentModelSettings } from "../sentiment-model";
import { COURSE_JSON, courseJsonContent, readCourseJson, writeCourseJson } from "./course-json";
import { loadNetworkFolder, networkToSave } from "./network-folder";
import { loadNgramFolder, ngramModelToSave } from "./ngram-folder";

/** What loadSentimentModel gives: `kind` tells which of the two. */
export type LoadedSentimentModel = LoadedNetworkModel | LoadedNgramModel;

/** A model checked against its settings: its size, and how to write its files (course.json aside) into a folder. */
export interface ModelToSave {
  parameters: number;
  write(folder: string): Promise<void>;
}

export interface ModelsDirOptions {
  /** Where the model folders are; default `<project>/data/models/<COURSE_SCALE>`. */
  dir?: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

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
  if (!SENTIMENT_MODEL_KINDS.includes(settings.kind)) {
    throw new Error(`saveSentimentModel("${name}"): kind must be "sequence" (padded word indices), "multi-hot" (vectors of numWords) or "ngrams" (lesson 7), got ${JSON.stringify((settings as { kind?: unknown }).kind)}.`);
  }
  const toSave: ModelToSave = settings.kind === "ngrams" ? ngramModelToSave(model, name) : await networkToSave(model, name, settings);
  const info = courseJsonContent(name, settings, toSave.parameters);
  await writeFolderAtomic(path.join(options.dir ?? defaultModelsDir(), name), async (folder) => {
    await toSave.write(folder);
    writeCourseJson(folder, info);
  });
  return info;
}

/**
 * Loads a model saved by saveSentimentModel, by name (from the models dir) or
 * by folder path (lesson 6: run this alone after restarting the kernel).
 * Every file is checked as it is read: a broken one gives an error naming
 * the file and the field, and what to do.
 */
export async function loadSentimentModel(nameOrPath: string, options: ModelsDirOptions = {}): Promise<LoadedSentimentModel> {
  const folder = modelFolder(nameOrPath, options);
  const info = readCourseJson(folder);
  return info.kind === "ngrams" ? loadNgramFolder(folder, info) : loadNetworkFolder(folder, info as NetworkModelInfo);
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
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && holdsModel(path.join(dir, entry.name)))
    .map((entry) => readCourseJson(path.join(dir, entry.name)))
    .sort((a, b) => (a.lesson ?? Infinity) - (b.lesson ?? Infinity) || a.name.localeCompare(b.name));
}

function holdsModel(folder: string): boolean {
  return fs.existsSync(path.join(folder, COURSE_JSON));
}

function checkName(name: string): void {
  if (typeof name !== "string" || !NAME_PATTERN.test(name)) {
    throw new Error(
      `saveSentimentModel: the model name must be 1-64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (it becomes a folder name), got ${JSON.stringify(name)}.`,
    );
  }
}

/** The folder of a model given by name (in the models dir) or by path. */
function modelFolder(nameOrPath: string, options: ModelsDirOptions): string {
  const isPath = nameOrPath.includes("/") || nameOrPath.includes("\\") || nameOrPath.startsWith(".");
  if (isPath) {
    const folder = path.resolve(nameOrPath);
    if (!holdsModel(folder)) {
      throw new Error(`loadSentimentModel: ${folder} holds no saved model (no ${COURSE_JSON}); give the folder that saveSentimentModel wrote, or a model name.`);
    }
    return folder;
  }
  const dir = options.dir ?? defaultModelsDir();
  const folder = path.join(dir, nameOrPath);
  if (!holdsModel(folder)) throw new Error(missingModelMessage(nameOrPath, dir, options.dir === undefined, holdsModel));
  return folder;
}
