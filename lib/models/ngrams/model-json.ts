/**
 * A bag-of-n-grams model as JSON and back (lessons 6 and 7): vocabulary, NB
 * ratios, weights and the settings that turn a new text into the same
 * features as in training. No file access here, so the exported demo page
 * (scripts/export/demo) reads a model with this very code in the browser;
 * model-file.ts reads and writes the files.
 */
import { base64FromBytes, bytesFromBase64 } from "../../util/base64";
import { TOKENIZER_VERSION } from "../../data/imdb/tokenize";
import { FEATURE_WEIGHTINGS, type FeatureWeighting } from "./features";
import type { NgramSentimentModel } from "./model";
import { NgramLookup } from "./vocabulary";

/**
 * The `format` and `formatVersion` written into every n-gram model, so a load
 * can tell a model from any other JSON and reject one from an incompatible
 * version (lesson 7, "Saving the model").
 */
const NGRAM_MODEL_FORMAT = "imdb-course-ngram-model";
/** Bumped whenever the layout changes; see `NGRAM_MODEL_FORMAT` (lesson 7). */
const NGRAM_MODEL_FORMAT_VERSION = 1;

/** The JSON's content. Float arrays are float32, little-endian, base64-encoded: a quarter of the size of decimal text, and exact. */
interface NgramModelContent {
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

/** The model as JSON text (what saveNgramModel writes). */
export function ngramModelJson(model: NgramSentimentModel): string {
  const { vocabulary } = model;
  const content: NgramModelContent = {
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
  return JSON.stringify(content);
}

/**
 * The model from parsed JSON (`JSON.parse` of what ngramModelJson wrote);
 * `source` names where it came from in the errors, which say what is wrong
 * and what to do.
 */
export function ngramModelFromContent(value: unknown, source: string): NgramSentimentModel {
  const content = value as NgramModelContent;
  const problem = (what: string): Error => new Error(`${source} is not a usable n-gram model: ${what}`);
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
  return base64FromBytes(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

function fromBase64(text: unknown): Float32Array {
  return typeof text === "string" ? new Float32Array(bytesFromBase64(text).buffer) : new Float32Array(0);
}
