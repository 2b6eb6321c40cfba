/**
 * A bag-of-n-grams model as JSON and back (lessons 6 and 7): vocabulary, NB
 * ratios, weights and the settings that turn a new text into the same
 * features as in training. No file access here, so the exported demo page
 * (scripts/export/demo) reads a model with this very code in the browser;
 * model-file.ts reads and writes the files.
 */
import { base64FromArray, bytesFromBase64 } from "../../util/base64";
import { TOKENIZER_VERSION } from "../../data/imdb/tokenize";
import { FEATURE_WEIGHTINGS, type FeatureWeighting } from "./features";
import type { NgramSentimentModel } from "./model";
import { NgramLookup } from "./vocabulary";
import { BOOLEAN, FINITE_NUMBER, JSON_OBJECT, JsonFields, STRING, integerFrom, oneOf, orNull } from "../../util/json-fields";

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
    nbRatio: model.nbRatio === null ? null : base64FromArray(model.nbRatio),
    weights: base64FromArray(model.classifier.weights),
    bias: model.classifier.bias,
  };
  return JSON.stringify(content);
}

/** What to do about a broken or outdated n-gram model file, unless the caller knows better. */
export const RETRAIN_NGRAM_MODEL = "Train the model and save it again (lesson 7 does both).";

/**
 * The model from parsed JSON (`JSON.parse` of what ngramModelJson wrote),
 * every field checked; `source` names where it came from in the errors,
 * which say which field is wrong and end with `remedy`.
 */
export function ngramModelFromContent(value: unknown, source: string, remedy = RETRAIN_NGRAM_MODEL): NgramSentimentModel {
  const fields = new JsonFields(source, remedy);
  const content = fields.root(value);
  if (content.format !== NGRAM_MODEL_FORMAT) {
    throw fields.problem("format", `"${NGRAM_MODEL_FORMAT}" (it is not a file written by saveNgramModel otherwise)`, content.format);
  }
  const version = fields.required(content, "formatVersion", integerFrom(1));
  if (version !== NGRAM_MODEL_FORMAT_VERSION) {
    throw fields.error(`"formatVersion" is ${version}, but this library reads n-gram models of version ${NGRAM_MODEL_FORMAT_VERSION} only.`);
  }
  const tokenizerVersion = fields.required(content, "tokenizerVersion", integerFrom(0));
  if (tokenizerVersion !== TOKENIZER_VERSION) {
    throw fields.error(`the model was trained with tokenizer version ${tokenizerVersion}, but the course's tokenizer is now version ${TOKENIZER_VERSION}, so new texts would not match its vocabulary.`);
  }
  const punctuation = fields.within("tokenizer").required(fields.required(content, "tokenizer", JSON_OBJECT), "punctuation", BOOLEAN);
  const ngrams = fields.array(content, "ngrams", STRING);
  const documentCounts = fields.array(content, "documentCounts", integerFrom(0));
  const nbRatio = fields.required(content, "nbRatio", orNull(STRING));
  const perNgram = (field: string, length: number): void => {
    if (length !== ngrams.length) throw fields.error(`"${field}" should have one entry per n-gram (${ngrams.length}), but it has ${length}.`);
  };
  perNgram("documentCounts", documentCounts.length);
  const weights = floats(fields, content, "weights");
  perNgram("weights", weights.length);
  const ratios = nbRatio === null ? null : floats(fields, content, "nbRatio");
  if (ratios !== null) perNgram("nbRatio", ratios.length);
  return {
    tokenizer: { punctuation },
    vocabulary: {
      maxN: fields.required(content, "maxN", integerFrom(1)),
      ngrams,
      documentCounts: Int32Array.from(documentCounts),
      documents: fields.required(content, "trainingDocuments", integerFrom(0)),
      lookup: new NgramLookup(ngrams),
    },
    weighting: fields.required(content, "weighting", oneOf(FEATURE_WEIGHTINGS)),
    nbRatio: ratios,
    classifier: { weights, bias: fields.required(content, "bias", FINITE_NUMBER) },
  };
}

/** A float32 array written by base64FromArray: base64 of a whole number of 4-byte floats. */
function floats(fields: JsonFields, content: Record<string, unknown>, field: string): Float32Array {
  const bytes = bytesFromBase64(fields.required(content, field, STRING));
  if (bytes.length % Float32Array.BYTES_PER_ELEMENT !== 0) throw fields.error(`"${field}" should be the base64 of float32 values (4 bytes each), but it holds ${bytes.length} bytes.`);
  return new Float32Array(bytes.buffer, 0, bytes.length / Float32Array.BYTES_PER_ELEMENT);
}
