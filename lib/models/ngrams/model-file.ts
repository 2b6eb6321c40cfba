/**
 * Saving a bag-of-n-grams model to one JSON file and loading it back
 * (lessons 6 and 7); the JSON itself is model-json.ts's.
 */
import { writeFileAtomic } from "../../util/files";
import { readJsonFile } from "../../util/json-file";
import type { NgramSentimentModel } from "./model";
import { RETRAIN_NGRAM_MODEL, ngramModelFromContent, ngramModelJson } from "./model-json";

/** Writes the model to `filePath` (a .json file) atomically: readers never see half a file (lesson 6). */
export function saveNgramModel(model: NgramSentimentModel, filePath: string): void {
  writeFileAtomic(filePath, [Buffer.from(ngramModelJson(model))]);
}

/**
 * Reads a model written by `saveNgramModel` (lesson 6), every field checked:
 * errors name the file and the field, and end with `remedy`.
 */
export function loadNgramModel(filePath: string, remedy = RETRAIN_NGRAM_MODEL): NgramSentimentModel {
  return ngramModelFromContent(readJsonFile(filePath, remedy), filePath, remedy);
}
