/**
 * A bag-of-n-grams model's file in its saved-model folder (lesson 7):
 * `ngram-model.json` (saveNgramModel's file, with its tokenizer settings,
 * vocabulary and weights); `course.json` is written beside it.
 */
import * as path from "node:path";
import type * as tf from "@tensorflow/tfjs";
import { loadNgramModel, saveNgramModel } from "../ngrams/model-file";
import { type NgramSentimentModel } from "../ngrams/model";
import { LoadedNgramModel } from "../loaded-ngram-model";
import { saveAgainAdvice } from "../registry";
import type { SavedSentimentModelInfo } from "../sentiment-model";
import type { ModelToSave } from "./model-folder";

const NGRAM_MODEL_JSON = "ngram-model.json";

/** An n-gram model checked to be one, ready to be written into a folder. */
export function ngramModelToSave(model: tf.LayersModel | NgramSentimentModel, name: string): ModelToSave {
  if (!("classifier" in model) || !("vocabulary" in model)) {
    throw new Error(`saveSentimentModel("${name}"): kind "ngrams" is for the bag-of-n-grams model of lesson 7 (trainNgramSentimentModel(...).model); for a tfjs network use kind "sequence" or "multi-hot".`);
  }
  return {
    parameters: model.classifier.weights.length + 1,
    write: async (folder) => saveNgramModel(model, path.join(folder, NGRAM_MODEL_JSON)),
  };
}

/** The n-gram model saved in `folder`, whose course.json is `info`. */
export function loadNgramFolder(folder: string, info: SavedSentimentModelInfo): LoadedNgramModel {
  return new LoadedNgramModel(loadNgramModel(path.join(folder, NGRAM_MODEL_JSON), saveAgainAdvice(info.name)), info, folder);
}
