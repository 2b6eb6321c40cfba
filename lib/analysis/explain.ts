/**
 * Why a model gave a review its score, token by token (lesson 9, "Inside the
 * models").
 *
 * Everything is measured on the logit, the number a model turns into its
 * probability with the sigmoid: P = 1 / (1 + e^−logit), so 0 means 0.5 and
 * each +1 multiplies the odds of "positive" by e. Logits add up where
 * probabilities do not, and they do not flatten out near 0 and 1.
 *
 * - The bag of n-grams (lesson 7) is linear, so its explanation is exact: the
 *   logit is the bias plus, for each vocabulary n-gram in the text, its weight
 *   times its naive-Bayes ratio (times its feature value: 1 for binary
 *   features). Each n-gram's share is split evenly over its occurrences and
 *   their tokens, so the token contributions plus the bias are the logit.
 * - A network (lessons 2-5) is explained by occlusion: a token's contribution
 *   is the logit of the whole text minus the logit of the text without that
 *   one token. All the shortened texts go through the network as one batch.
 *   Contributions of a network need not add up to anything: words interact.
 */
import { integerOption, requiredStringOption } from "../util/options";
import { networkLogits, sigmoid } from "./batch-predictions";
import { encodeText } from "../data/imdb/text";
import { ngramModelFeatures, tokenizeForModel } from "../models/ngrams/model";
import type { LoadedNetworkModel } from "../models/loaded-network-model";
import type { LoadedNgramModel } from "../models/loaded-ngram-model";
import type { LoadedSentimentModel } from "../models/storage/model-folder";

/** One token of the text and how far it moved the model's logit. */
export interface TokenContribution {
  token: string;
  /** > 0: towards positive; < 0: towards negative (logit units). */
  contribution: number;
  /** Why the model may not see the token: "unknown to the model" or "cut by maxlen". */
  note?: string;
}

/** One n-gram of the text and its whole effect on the bag-of-n-grams model's logit. */
export interface NgramContribution {
  ngram: string;
  /** Weight × naive-Bayes ratio × feature value. */
  contribution: number;
  /** How many times it occurs in the text (binary features count it once). */
  occurrences: number;
}

export interface Explanation {
  /** The saved model's name. */
  model: string;
  text: string;
  /** "exact" for the bag of n-grams, "occlusion" for the networks. */
  method: "exact" | "occlusion";
  /** The model's probability that the text is positive, as predictSentiment gives it. */
  probability: number;
  /** The model's logit for the whole text. */
  logit: number;
  /** The logit of an empty text: where the model starts before reading any word (the bag of n-grams: its bias). */
  emptyLogit: number;
  /** The text's tokens as the model's tokenizer gives them, in order. */
  tokens: TokenContribution[];
  /** The bag of n-grams only: its n-grams in the vocabulary, largest |contribution| first. */
  ngrams?: NgramContribution[];
}

export interface ExplainOptions {
  /** Shortened texts per forward pass of a network (default 256). */
  batchSize?: number;
}

/**
 * Per-token contributions to a saved model's score for `text` (lesson 9):
 * exact for the bag of n-grams, occlusion (leave one token out) for the
 * networks. See the module comment for both definitions.
 */
export async function explainPrediction(loaded: LoadedSentimentModel, text: string, options: ExplainOptions = {}): Promise<Explanation> {
  requiredStringOption("explainPrediction", "text", text);
  const batchSize = integerOption("explainPrediction", "batchSize", options.batchSize, 1, Infinity, 256);
  // The two methods need what is inside the model: the n-gram weights, the network's encoding.
  return loaded.kind === "ngrams" ? explainNgrams(loaded, text) : explainNetwork(loaded, text, batchSize);
}

function explainNgrams(loaded: LoadedNgramModel, text: string): Explanation {
  const { model } = loaded;
  const tokens = tokenizeForModel(model, [text])[0];
  const row = ngramModelFeatures(model, [tokens]);
  // Feature values already include the NB ratio: contribution = weight × value.
  const contributionOf = new Map<number, number>();
  for (let k = row.indptr[0]; k < row.indptr[1]; k++) contributionOf.set(row.indices[k], model.classifier.weights[row.indices[k]] * row.values[k]);

  const maxN = model.vocabulary.maxN;
  const columns = model.vocabulary.lookup.columns(tokens, maxN);
  const occurrences = new Map<number, number>();
  for (const j of columns) if (j >= 0) occurrences.set(j, (occurrences.get(j) ?? 0) + 1);

  // `columns` lists the unigrams, then the bigrams, … each order in text order.
  const perToken = new Float64Array(tokens.length);
  let offset = 0;
  for (let n = 1; n <= Math.min(maxN, tokens.length); n++) {
    const count = tokens.length - n + 1;
    for (let start = 0; start < count; start++) {
      const j = columns[offset + start];
      if (j < 0) continue;
      const share = (contributionOf.get(j) ?? 0) / (occurrences.get(j)! * n);
      for (let t = start; t < start + n; t++) perToken[t] += share;
    }
    offset += count;
  }

  let logit = model.classifier.bias;
  for (const c of contributionOf.values()) logit += c;
  const ngrams = [...contributionOf].map(([j, contribution]) => ({ ngram: model.vocabulary.ngrams[j], contribution, occurrences: occurrences.get(j)! }));
  ngrams.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.ngram < b.ngram ? -1 : 1));
  return {
    model: loaded.info.name,
    text,
    method: "exact",
    probability: sigmoid(logit),
    logit,
    emptyLogit: model.classifier.bias,
    tokens: tokens.map((token, t) => ({ token, contribution: perToken[t], ...(columns[t] < 0 ? { note: "unknown to the model" } : {}) })),
    ngrams,
  };
}

async function explainNetwork(loaded: LoadedNetworkModel, text: string, batchSize: number): Promise<Explanation> {
  // predict checks the saved vocabulary and gives the tokens and the reference probability.
  const [prediction] = await loaded.predict([text]);
  const { tokens } = prediction;
  const { encodeOptions } = loaded;
  // encodeText's own rules, one token at a time: a token is one index, or none when dropped (oovChar null).
  const start = Array.from(await encodeText("", encodeOptions));
  const indexOfToken = new Map<string, number[]>();
  for (const token of new Set(tokens)) indexOfToken.set(token, Array.from(await encodeText(token, { ...encodeOptions, startChar: null })));
  const encoded = tokens.map((token) => indexOfToken.get(token)!);

  const input = { tokens, start, encoded };
  const logits = networkLogits(loaded, occlusionSequences(input), batchSize);
  const expected = prediction.probability;
  if (Math.abs(sigmoid(logits[0]) - expected) > 1e-4) {
    throw new Error(`explainPrediction: the occlusion batch gives P = ${sigmoid(logits[0])} for the whole text of model "${loaded.info.name}", predictSentiment ${expected}; the two encodings differ (a bug in the course library).`);
  }
  return occlusionExplanation(loaded, text, input, logits, expected, prediction.unknownWords);
}

/**
 * A text as a network's occlusion takes it: its tokens, the indices every
 * text starts with, and each token's own indices (none when dropped). Built
 * by explainPrediction from the vocabulary files, and by the exported demo
 * page from the vocabulary it holds in memory.
 */
export interface OcclusionInput {
  tokens: readonly string[];
  start: readonly number[];
  encoded: readonly (readonly number[])[];
}

/** The texts occlusion runs through the network, in this order: the whole text, the text without token t for each t, the empty text. */
export function occlusionSequences({ tokens, start, encoded }: OcclusionInput): Int32Array[] {
  return [encoded, ...tokens.map((_, left) => encoded.filter((_, t) => t !== left)), []].map((parts) => Int32Array.from([...start, ...parts.flat()]));
}

/** The occlusion explanation of `text`, from the network's logits of occlusionSequences(input), in order. */
export function occlusionExplanation(
  loaded: LoadedNetworkModel,
  text: string,
  input: OcclusionInput,
  logits: ArrayLike<number>,
  probability: number,
  unknownWords: Iterable<string>,
): Explanation {
  const logit = logits[0];
  const unknown = new Set(unknownWords);
  const cut = cutByMaxlen(loaded, input.start.length, input.encoded);
  return {
    model: loaded.info.name,
    text,
    method: "occlusion",
    probability,
    logit,
    emptyLogit: logits[logits.length - 1],
    tokens: input.tokens.map((token, t) => {
      const note = unknown.has(token) ? "unknown to the model" : cut[t] ? "cut by maxlen" : undefined;
      return { token, contribution: logit - logits[t + 1], ...(note === undefined ? {} : { note }) };
    }),
  };
}

/** Which tokens padSequences cuts off the whole text (sequence models longer than maxlen). */
function cutByMaxlen({ info }: LoadedNetworkModel, startLength: number, encoded: readonly (readonly number[])[]): boolean[] {
  if (info.kind !== "sequence" || info.maxlen === undefined) return encoded.map(() => false);
  const length = startLength + encoded.reduce((sum, parts) => sum + parts.length, 0);
  const keepFrom = (info.truncating ?? "pre") === "pre" ? Math.max(0, length - info.maxlen) : 0;
  const keepTo = (info.truncating ?? "pre") === "pre" ? length : info.maxlen;
  let position = startLength;
  return encoded.map((parts) => {
    const at = position;
    position += parts.length;
    return parts.length > 0 && (at < keepFrom || at >= keepTo);
  });
}
