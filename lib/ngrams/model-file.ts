/**
 * Saving a bag-of-n-grams model to one JSON file and loading it back
 * (lessons 6 and 7): vocabulary, NB ratios, weights and the settings that
 * turn a new text into the same features as in training.
 */
import * as fs from "node:fs";
import { writeFileAtomic } from "../imdb/files";
import { TOKENIZER_VERSION } from "../imdb/tokenize";
import { FEATURE_WEIGHTINGS, type FeatureWeighting } from "./features";
import type { NgramSentimentModel } from "./model";
import { NgramLookup } from "./vocabulary";

/**
 * The `format` and `formatVersion` written into every n-gram model file, so a
 * load can tell a model file from any other JSON and reject one from an
 * incompatible version (lesson 7, "Saving the model").
 */
const NGRAM_MODEL_FORMAT = "imdb-course-ngram-model";
/** Bumped whenever the file's layout changes; see `NGRAM_MODEL_FORMAT` (lesson 7). */
const NGRAM_MODEL_FORMAT_VERSION = 1;

/** The file's content. Float arrays are float32, little-endian, base64-encoded: a quarter of the size of decimal text, and exact. */
interface NgramModelFile {
  format: typeof NGRAM_MODEL_FORMAT;
  formatVersion: number;
  tokenizerVersion: number;
  tokenizer: { punctuation: boolean };
  weighting: FeatureWeighting;
  maxN: number;
  trainingDocuments: number;
  ngrams: string[];
  documentCounts: number[];
  nbRatio: string | null;
  weights: string;
  bias: number;
}

/** Writes the model to `filePath` (a .json file) atomically: readers never see half a file (lesson 6). */
export function saveNgramModel(model: NgramSentimentModel, filePath: string): void {
  const { vocabulary } = model;
  const content: NgramModelFile = {
    format: NGRAM_MODEL_FORMAT,
    formatVersion: NGRAM_MODEL_FORMAT_VERSION,
    tokenizerVersion: TOKENIZER_VERSION,
    tokenizer: { punctuation: model.tokenizer.punctuation },
    weighting: model.weighting,
    maxN: vocabulary.maxN,
    trainingDocuments: vocabulary.documents,
    ngrams: vocabulary.ngrams,
    documentCounts: Array.from(vocabulary.documentCounts),
    nbRatio: model.nbRatio === null ? null : toBase64(model.nbRatio),
    weights: toBase64(model.classifier.weights),
    bias: model.classifier.bias,
  };
  writeFileAtomic(filePath, [Buffer.from(JSON.stringify(content))]);
}

/** Reads a model written by `saveNgramModel` (lesson 6). */
export function loadNgramModel(filePath: string): NgramSentimentModel {
  let content: NgramModelFile;
  try {
    content = JSON.parse(fs.readFileSync(filePath, "utf8")) as NgramModelFile;
  } catch (error) {
    throw new Error(`Could not read an n-gram model from ${filePath}: ${(error as Error).message}. Save one with saveNgramModel first.`);
  }
  const problem = (what: string): Error => new Error(`${filePath} is not a usable n-gram model: ${what}`);
  if (content === null || typeof content !== "object" || content.format !== NGRAM_MODEL_FORMAT) {
    throw problem(`its "format" is not "${NGRAM_MODEL_FORMAT}". Was it written by saveNgramModel?`);
  }
  if (content.formatVersion !== NGRAM_MODEL_FORMAT_VERSION) {
    throw problem(`format version ${content.formatVersion}, but this library reads version ${NGRAM_MODEL_FORMAT_VERSION}. Retrain and save it again.`);
  }
  if (content.tokenizerVersion !== TOKENIZER_VERSION) {
    throw problem(`it was trained with tokenizer version ${content.tokenizerVersion}, but the course's tokenizer is now version ${TOKENIZER_VERSION}, so new texts would not match its vocabulary. Retrain it.`);
  }
  if (!FEATURE_WEIGHTINGS.includes(content.weighting)) throw problem(`unknown weighting "${content.weighting}".`);
  const columns = Array.isArray(content.ngrams) ? content.ngrams.length : -1;
  const weights = fromBase64(content.weights);
  const nbRatio = content.nbRatio === null ? null : fromBase64(content.nbRatio);
  if (columns < 0 || !Array.isArray(content.documentCounts) || content.documentCounts.length !== columns || weights.length !== columns || (nbRatio !== null && nbRatio.length !== columns)) {
    throw problem(`its n-grams, document counts, weights and NB ratios must all have one entry per n-gram (n-grams: ${columns}, weights: ${weights.length}).`);
  }
  return {
    tokenizer: { punctuation: content.tokenizer.punctuation === true },
    vocabulary: {
      maxN: content.maxN,
      ngrams: content.ngrams,
      documentCounts: Int32Array.from(content.documentCounts),
      documents: content.trainingDocuments,
      lookup: new NgramLookup(content.ngrams),
    },
    weighting: content.weighting,
    nbRatio,
    classifier: { weights, bias: content.bias },
  };
}

function toBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

function fromBase64(text: unknown): Float32Array {
  if (typeof text !== "string") return new Float32Array(0);
  const bytes = Buffer.from(text, "base64");
  // Copied into a fresh buffer: a Buffer's offset need not be a multiple of 4.
  return new Float32Array(new Uint8Array(bytes).buffer);
}
