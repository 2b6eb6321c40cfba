/**
 * `course.json`, the file every saved model's folder has (lesson 6, "Saving
 * and loading a model"): the settings its lesson saved it with (how reviews
 * were encoded for it), its metrics, and when, where and at which scale it
 * was trained. Reading it checks every field, so a file edited by hand or
 * written by another version of the course gives an error that says which
 * field is wrong and what to do.
 */
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { readIndexRules } from "../../data/imdb/indices";
import { courseScale } from "../../data/scale";
import { VOCABULARIES } from "../../data/imdb/vocabulary";
import { errorMessage } from "../../util/errors";
import { writeFileAtomic } from "../../util/files";
import { readJsonFile } from "../../util/json-file";
import { FINITE_NUMBER, JSON_OBJECT, JsonFields, STRING, integerFrom, oneOf, orNull } from "../../util/json-fields";
import { saveAgainAdvice } from "../registry";
import { SENTIMENT_MODEL_KINDS, type SavedSentimentModelInfo, type SentimentModelSettings } from "../sentiment-model";

export const COURSE_JSON = "course.json";

const COURSE_MODEL_FORMAT: SavedSentimentModelInfo["format"] = "imdb-course-model";
/** Bumped whenever course.json's layout changes. */
const COURSE_MODEL_FORMAT_VERSION = 1;

const INDEX = integerFrom(0);
const SIDE = oneOf(["pre", "post"] as const);

/** What saveSentimentModel writes to course.json for a model of `parameters` numbers. */
export function courseJsonContent(name: string, settings: SentimentModelSettings, parameters: number): SavedSentimentModelInfo {
  return {
    // First, so that settings copied from another model's info cannot override what follows.
    ...settings,
    format: COURSE_MODEL_FORMAT,
    formatVersion: COURSE_MODEL_FORMAT_VERSION,
    name,
    metrics: { ...settings.metrics, parameters: settings.metrics?.parameters ?? parameters },
    createdAt: new Date().toISOString(),
    backend: tf.getBackend(),
    tfjsVersion: tf.version_core,
    scale: courseScale().name,
  };
}

export function writeCourseJson(folder: string, info: SavedSentimentModelInfo): void {
  writeFileAtomic(path.join(folder, COURSE_JSON), [Buffer.from(JSON.stringify(info, null, 2) + "\n")]);
}

/** The course.json of the model saved in `folder`, every field checked. */
export function readCourseJson(folder: string): SavedSentimentModelInfo {
  const file = path.join(folder, COURSE_JSON);
  const remedy = saveAgainAdvice(path.basename(folder));
  const fields = new JsonFields(file, remedy);
  const info = fields.root(readJsonFile(file, remedy));
  if (info.format !== COURSE_MODEL_FORMAT) {
    throw fields.problem("format", `"${COURSE_MODEL_FORMAT}" (it is not the course.json of a model saved by saveSentimentModel otherwise)`, info.format);
  }
  const version = fields.required(info, "formatVersion", integerFrom(1));
  if (version !== COURSE_MODEL_FORMAT_VERSION) {
    throw fields.error(`"formatVersion" is ${version}, but this version of the course reads version ${COURSE_MODEL_FORMAT_VERSION} only.`);
  }
  fields.required(info, "name", STRING);
  for (const field of ["createdAt", "backend", "tfjsVersion", "scale"]) fields.required(info, field, STRING);
  fields.optional(info, "lesson", integerFrom(0));
  fields.optional(info, "description", STRING);
  checkMetrics(fields, info);
  const kind = fields.required(info, "kind", oneOf(SENTIMENT_MODEL_KINDS));
  if (kind !== "ngrams") checkNetworkSettings(fields, info, kind);
  return info as unknown as SavedSentimentModelInfo;
}

function checkMetrics(fields: JsonFields, info: Record<string, unknown>): void {
  const metrics = fields.required(info, "metrics", JSON_OBJECT);
  const within = fields.within("metrics");
  for (const field of ["testAccuracy", "secondsPerEpoch", "trainingSeconds"]) within.optional(metrics, field, FINITE_NUMBER);
  for (const field of ["epochs", "parameters"]) within.optional(metrics, field, integerFrom(0));
}

/** How reviews are encoded for a network: the index rules of its dataOptions, and maxlen and padding for a sequence model. */
function checkNetworkSettings(fields: JsonFields, info: Record<string, unknown>, kind: "sequence" | "multi-hot"): void {
  const options = fields.required(info, "dataOptions", JSON_OBJECT);
  const within = fields.within("dataOptions");
  within.optional(options, "vocabulary", oneOf(VOCABULARIES));
  within.required(options, "numWords", integerFrom(1));
  within.optional(options, "skipTop", INDEX);
  within.optional(options, "startChar", orNull(INDEX));
  within.optional(options, "oovChar", orNull(INDEX));
  within.optional(options, "indexFrom", INDEX);
  within.optional(options, "maxlen", orNull(integerFrom(1)));
  within.optional(options, "seed", integerFrom(0));
  try {
    // The rules that tie fields together (skipTop below numWords) and their upper bounds.
    readIndexRules(`${fields.source}: "dataOptions"`, options);
  } catch (error) {
    throw new Error(`${errorMessage(error)} ${fields.remedy}`);
  }
  if (kind === "sequence") fields.required(info, "maxlen", integerFrom(1));
  else fields.optional(info, "maxlen", integerFrom(1));
  fields.optional(info, "padding", SIDE);
  fields.optional(info, "truncating", SIDE);
}
