/**
 * Saving a bag-of-n-grams model to one JSON file and loading it back
 * (lessons 6 and 7); the JSON itself is model-json.ts's.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "../../util/files";
import { errorMessage } from "../../util/errors";
import type { NgramSentimentModel } from "./model";
import { ngramModelFromContent, ngramModelJson } from "./model-json";

/** Writes the model to `filePath` (a .json file) atomically: readers never see half a file (lesson 6). */
export function saveNgramModel(model: NgramSentimentModel, filePath: string): void {
  writeFileAtomic(filePath, [Buffer.from(ngramModelJson(model))]);
}

/** Reads a model written by `saveNgramModel` (lesson 6). */
export function loadNgramModel(filePath: string): NgramSentimentModel {
  let content: unknown;
  try {
    content = JSON.parse(fs.readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new Error(`Could not read an n-gram model from ${filePath}: ${errorMessage(error)}. Save one with saveNgramModel first.`);
  }
  return ngramModelFromContent(content, filePath);
}
