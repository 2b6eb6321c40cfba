/**
 * Lesson 7's n-gram model in a form that loads fast: every n-gram as numbers
 * into the list of its distinct tokens instead of as text, and every array
 * as base64. Read from ngram-model.json, the full-scale model (451,377
 * n-grams) spends most of its load hashing each n-gram's text into the
 * lookup; packed, each of its 47,688 distinct tokens is hashed once. The
 * exported demo page (scripts/export/demo) reads the model this way, with
 * the same lookup, features and classifier as Node. No lesson teaches it.
 */
import { base64FromArray, bytesFromBase64 } from "../../util/base64";
import { TOKENIZER_VERSION } from "../../data/imdb/tokenize";
import { NGRAM_SEPARATOR } from "./extract";
import type { FeatureWeighting } from "./features";
import type { NgramSentimentModel } from "./model";
import { NgramLookup } from "./vocabulary";

const PACKED_FORMAT = "imdb-course-ngram-model-packed";

export interface PackedNgramModel {
  format: typeof PACKED_FORMAT;
  tokenizerVersion: number;
  tokenizer: { punctuation: boolean };
  weighting: FeatureWeighting;
  maxN: number;
  trainingDocuments: number;
  /** The distinct tokens of all n-grams. */
  tokens: string[];
  /** Base64 of int32: each n-gram's tokens as indices into `tokens`, n-gram after n-gram. */
  tokenIds: string;
  /** Base64 of uint8: how many tokens each n-gram has. */
  ngramLengths: string;
  /** Base64 of int32, float32, float32 (or null): per n-gram, as in the model. */
  documentCounts: string;
  nbRatio: string | null;
  weights: string;
  bias: number;
}

export function packNgramModel(model: NgramSentimentModel): PackedNgramModel {
  const { vocabulary } = model;
  const tokenIndex = new Map<string, number>();
  const tokenIds: number[] = [];
  const ngramLengths = new Uint8Array(vocabulary.ngrams.length);
  vocabulary.ngrams.forEach((ngram, j) => {
    const tokens = ngram.split(NGRAM_SEPARATOR);
    ngramLengths[j] = tokens.length;
    for (const token of tokens) {
      let id = tokenIndex.get(token);
      if (id === undefined) tokenIndex.set(token, (id = tokenIndex.size));
      tokenIds.push(id);
    }
  });
  return {
    format: PACKED_FORMAT,
    tokenizerVersion: TOKENIZER_VERSION,
    tokenizer: { punctuation: model.tokenizer.punctuation },
    weighting: model.weighting,
    maxN: vocabulary.maxN,
    trainingDocuments: vocabulary.documents,
    tokens: [...tokenIndex.keys()],
    tokenIds: base64FromArray(Int32Array.from(tokenIds)),
    ngramLengths: base64FromArray(ngramLengths),
    documentCounts: base64FromArray(vocabulary.documentCounts),
    nbRatio: model.nbRatio === null ? null : base64FromArray(model.nbRatio),
    weights: base64FromArray(model.classifier.weights),
    bias: model.classifier.bias,
  };
}

/** The model packNgramModel packed; `where` names it in errors, which say to pack it again (what `remedy` says). */
export function unpackNgramModel(packed: PackedNgramModel, where: string, remedy: string): NgramSentimentModel {
  const problem = (what: string) => new Error(`${where}: ${what}. ${remedy}`);
  if (packed.format !== PACKED_FORMAT) throw problem(`it is not a packed n-gram model (format ${JSON.stringify(packed.format)})`);
  if (packed.tokenizerVersion !== TOKENIZER_VERSION) throw problem(`it was packed for tokenizer version ${packed.tokenizerVersion}, but the course's tokenizer is version ${TOKENIZER_VERSION}`);
  const lengths = bytesFromBase64(packed.ngramLengths);
  const count = lengths.length;
  const starts = new Int32Array(count + 1);
  for (let j = 0; j < count; j++) starts[j + 1] = starts[j] + lengths[j];
  const tokenIds = new Int32Array(bytesFromBase64(packed.tokenIds).buffer);
  if (tokenIds.length !== starts[count]) throw problem(`its n-grams have ${starts[count]} tokens, but it numbers ${tokenIds.length}`);
  const perNgram = <T extends { length: number }>(field: string, values: T): T => {
    if (values.length !== count) throw problem(`"${field}" has ${values.length} entries for ${count} n-grams`);
    return values;
  };
  const { tokens } = packed;
  const ngrams = new Array<string>(count);
  for (let j = 0; j < count; j++) {
    let text = tokens[tokenIds[starts[j]]];
    for (let k = starts[j] + 1; k < starts[j + 1]; k++) text += NGRAM_SEPARATOR + tokens[tokenIds[k]];
    ngrams[j] = text;
  }
  return {
    tokenizer: { punctuation: packed.tokenizer.punctuation },
    vocabulary: {
      maxN: packed.maxN,
      ngrams,
      documentCounts: perNgram("documentCounts", new Int32Array(bytesFromBase64(packed.documentCounts).buffer)),
      documents: packed.trainingDocuments,
      lookup: new NgramLookup({ tokens, tokenIds, starts }),
    },
    weighting: packed.weighting,
    nbRatio: packed.nbRatio === null ? null : perNgram("nbRatio", new Float32Array(bytesFromBase64(packed.nbRatio).buffer)),
    classifier: { weights: perNgram("weights", new Float32Array(bytesFromBase64(packed.weights).buffer)), bias: packed.bias },
  };
}
