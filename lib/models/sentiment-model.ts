/**
 * What every saved sentiment model of the course is, whatever reads the
 * reviews inside it (lessons 6, 7 and 9): the settings a lesson saves with
 * it, its course.json, and the `SentimentModel` interface through which
 * predictSentiment and predictReviews use a tfjs network and the bag of
 * n-grams alike.
 */
import type { LoadDataOptions } from "../data/imdb/load-data";

/**
 * How a model reads a review: a padded sequence of word indices, one
 * multi-hot vector of numWords, or the bag of n-grams of lesson 7.
 */
export type SentimentModelKind = "sequence" | "multi-hot" | "ngrams";

export const SENTIMENT_MODEL_KINDS: readonly SentimentModelKind[] = ["sequence", "multi-hot", "ngrams"];

/**
 * The loadData options a model was trained with (progress callback aside).
 * The ones that shape word indices (vocabulary, numWords, skipTop, startChar,
 * oovChar, indexFrom) are applied to new text; maxlen and seed are kept as a
 * record of the training data.
 */
export type SentimentDataOptions = Omit<LoadDataOptions, "onProgress">;

export interface SentimentModelMetrics {
  testAccuracy?: number;
  epochs?: number;
  secondsPerEpoch?: number;
  /** Whole training time; when left out, comparisons use epochs × secondsPerEpoch. */
  trainingSeconds?: number;
  /** Numbers the model learned; filled in from the model when left out. */
  parameters?: number;
}

/** What every lesson says about a model it saves, for the comparison table. */
interface CommonSettings {
  metrics?: SentimentModelMetrics;
  /** The lesson that trained it. */
  lesson?: number;
  /** A few words on what it is. */
  description?: string;
}

/** The settings of a tfjs network (lessons 2-5): how reviews were encoded for it. */
export interface NetworkModelSettings extends CommonSettings {
  kind: "sequence" | "multi-hot";
  dataOptions: SentimentDataOptions;
  /** Length the sequences were padded or truncated to (sequence models). */
  maxlen?: number;
  /** padSequences' padding and truncating sides used in training (default "pre", as Keras). */
  padding?: "pre" | "post";
  truncating?: "pre" | "post";
}

/** The settings of a bag-of-n-grams model (lesson 7); its tokenizer and vocabulary are inside the model. */
export interface NgramModelSettings extends CommonSettings {
  kind: "ngrams";
}

export type SentimentModelSettings = NetworkModelSettings | NgramModelSettings;

/** The content of `course.json`: the settings plus where and when the model was made. */
export interface SavedSentimentModelInfo {
  format: "imdb-course-model";
  formatVersion: number;
  name: string;
  kind: SentimentModelKind;
  /** Networks only (see NetworkModelSettings). */
  dataOptions?: SentimentDataOptions;
  maxlen?: number;
  padding?: "pre" | "post";
  truncating?: "pre" | "post";
  metrics: SentimentModelMetrics;
  lesson?: number;
  description?: string;
  createdAt: string;
  /** The tfjs backend it was trained on. */
  backend: string;
  tfjsVersion: string;
  /** COURSE_SCALE it was trained at. */
  scale: string;
}

/** One text and what a model makes of it. */
export interface SentimentPrediction {
  text: string;
  /** The model's probability that the review is positive. */
  probability: number;
  /** "positive" when probability > 0.5, as Keras' accuracy counts it. */
  label: "positive" | "negative";
  /** The text as the model's tokenizer splits it (before any word is cut). */
  tokens: string[];
  /**
   * Words the model cannot see, once each in order of appearance. A network:
   * not in the vocabulary, or outside its numWords / skipTop cut, so encoded
   * as oovChar (or dropped when oovChar is null). The bag of n-grams: tokens
   * that are not one of its unigrams.
   */
  unknownWords: string[];
}

export function sentimentPrediction(text: string, probability: number, tokens: string[], unknownWords: string[]): SentimentPrediction {
  return { text, probability, label: probability > 0.5 ? "positive" : "negative", tokens, unknownWords };
}

/** P(positive) of the prepared dataset reviews from `from` to `to` (exclusive). */
export type ReviewScorer = (from: number, to: number) => ArrayLike<number>;

/** A saved model loaded back (loadSentimentModel), whichever way it reads a review. */
export interface SentimentModel {
  /** How it reads a review. */
  readonly kind: SentimentModelKind;
  /** Its course.json. */
  readonly info: SavedSentimentModelInfo;
  /** The name it was saved under (info.name). */
  readonly name: string;
  /** The folder it was loaded from. */
  readonly path: string;
  /** Each text's probability of being positive, its tokens and the words the model cannot see (predictSentiment). */
  predict(texts: readonly string[]): Promise<SentimentPrediction[]>;
  /**
   * Prepares the dataset reviews at `reviewIndices` (positions in
   * loadReviews()) the fast way this model allows, for predictReviews.
   */
  reviewScorer(reviewIndices: readonly number[]): Promise<ReviewScorer>;
  /** Frees the memory of its weights; it cannot predict afterwards. */
  dispose(): void;
}

/** predictReviews' error for a position that is no review. */
export function noSuchReview(reviewIndex: number, reviewCount: number): RangeError {
  return new RangeError(`predictReviews: there is no review ${reviewIndex}; give positions in loadReviews() (loadData's reviewIndex), 0 to ${reviewCount - 1}.`);
}
