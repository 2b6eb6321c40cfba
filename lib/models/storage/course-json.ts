/**
 * `course.json`, the file every saved model's folder has (lesson 6, "Saving
 * and loading a model"): the settings its lesson saved it with (how reviews
 * were encoded for it), its metrics, and when, where and at which scale it
 * was trained.
 */
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { courseScale } from "../../data/scale";
import { writeFileAtomic } from "../../util/files";
import { readJsonFile } from "../../util/json-file";
import { saveAgainAdvice } from "../registry";
import type { SavedSentimentModelInfo, SentimentModelSettings } from "../sentiment-model";

export const COURSE_JSON = "course.json";

const COURSE_MODEL_FORMAT: SavedSentimentModelInfo["format"] = "imdb-course-model";
/** Bumped whenever course.json's layout changes. */
const COURSE_MODEL_FORMAT_VERSION = 1;

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

/** The course.json of the model saved in `folder`. */
export function readCourseJson(folder: string): SavedSentimentModelInfo {
  const file = path.join(folder, COURSE_JSON);
  const remedy = saveAgainAdvice(path.basename(folder));
  const info = readJsonFile(file, remedy) as SavedSentimentModelInfo;
  if (info.format !== COURSE_MODEL_FORMAT || info.formatVersion !== COURSE_MODEL_FORMAT_VERSION) {
    throw new Error(`${file} is not a course model of format version ${COURSE_MODEL_FORMAT_VERSION}. ${remedy}`);
  }
  return info;
}
