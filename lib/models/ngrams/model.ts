/**
 * The whole bag-of-n-grams sentiment model: tokenizer settings, vocabulary,
 * feature weighting, naive-Bayes ratios and the logistic regression on top
 * (lesson 7, "Bag of n-grams").
 */
import { tokenize } from "../../data/imdb/tokenize";
import { type CsrMatrix, scaleColumns } from "./csr";
import { type FeatureWeighting, ngramFeatures } from "./features";
import { type EpochResult, type LogisticRegression, type LogisticRegressionOptions, evaluateClassifier, predictProbabilities, trainLogisticRegression } from "./logistic-regression";
import { nbLogCountRatio } from "./naive-bayes";
import { type NgramVocabulary, type VocabularyOptions, buildNgramVocabulary } from "./vocabulary";

export interface NgramSentimentModel {
  /** How reviews were split into tokens: `{ punctuation: true }` keeps "!" and "?" as tokens. */
  tokenizer: { punctuation: boolean };
  vocabulary: NgramVocabulary;
  weighting: FeatureWeighting;
  /** Column scales from `nbLogCountRatio`, or null for plain logistic regression. */
  nbRatio: Float32Array | null;
  classifier: LogisticRegression;
}

/**
 * A review's tokens as the classifier sees them (lesson 7): n-gram features
 * weighted as in training, scaled by the NB ratios when the model has them.
 */
export function ngramModelFeatures(model: Omit<NgramSentimentModel, "classifier">, documents: readonly (readonly string[])[]): CsrMatrix {
  const features = ngramFeatures(documents, model.vocabulary, model.weighting);
  return model.nbRatio === null ? features : scaleColumns(features, model.nbRatio);
}

/** The model's tokens for each text, by the tokenizer settings it was trained with (lesson 7). */
export function tokenizeForModel(model: Pick<NgramSentimentModel, "tokenizer">, texts: readonly string[]): string[][] {
  return texts.map((text) => tokenize(text, model.tokenizer));
}

export interface NgramSentimentPrediction {
  /** P(positive). */
  probability: number;
  /** 1 = positive (probability > 0.5), 0 = negative. */
  label: 0 | 1;
  /** How many of the text's n-grams the vocabulary knows; 0 means the prediction is only the bias. */
  knownNgrams: number;
}

/** The sentiment of a learner's own review (lessons 6 and 7). */
export function predictNgramSentiment(model: NgramSentimentModel, text: string): NgramSentimentPrediction {
  const features = ngramModelFeatures(model, tokenizeForModel(model, [text]));
  const probability = predictProbabilities(model.classifier, features)[0];
  return { probability, label: probability > 0.5 ? 1 : 0, knownNgrams: features.indptr[1] };
}

/** Accuracy and mean cross-entropy on labelled texts, e.g. the 25,000 test reviews (lesson 7). */
export function evaluateNgramModel(model: NgramSentimentModel, texts: readonly string[], labels: ArrayLike<number>): { accuracy: number; loss: number } {
  return evaluateClassifier(model.classifier, ngramModelFeatures(model, tokenizeForModel(model, texts)), labels);
}

export interface WeightedNgram {
  ngram: string;
  /** What its presence adds to the logit: w_j × r_j (w_j without NB ratios). */
  weight: number;
  /** Training reviews containing it. */
  documents: number;
}

/**
 * The n-grams that push hardest towards positive and towards negative
 * (lesson 7): with binary features, a review's logit is the bias plus the
 * `weight` of each n-gram it contains.
 */
export function topNgrams(model: NgramSentimentModel, count = 20): { positive: WeightedNgram[]; negative: WeightedNgram[] } {
  const { ngrams, documentCounts } = model.vocabulary;
  const weighted = ngrams.map((ngram, j) => ({
    ngram,
    weight: model.classifier.weights[j] * (model.nbRatio === null ? 1 : model.nbRatio[j]),
    documents: documentCounts[j],
  }));
  weighted.sort((a, b) => b.weight - a.weight);
  return {
    positive: weighted.slice(0, count).filter((entry) => entry.weight > 0),
    negative: weighted.slice(-count).reverse().filter((entry) => entry.weight < 0),
  };
}

/** How reviews become the classifier's rows: everything of the model but the classifier. */
export interface NgramFeatureOptions extends VocabularyOptions {
  /** Keep punctuation marks as tokens; default true ("!" and "?" carry sentiment). */
  punctuation?: boolean;
  /** Default "binary". */
  weighting?: FeatureWeighting;
  /** Scale features by naive-Bayes log-count ratios (NBSVM); default true. */
  naiveBayes?: boolean;
  /** NB smoothing count; default 1. */
  alpha?: number;
  /** Texts and labels to evaluate after each epoch. */
  validation?: { texts: readonly string[]; labels: ArrayLike<number> };
}

export type NgramModelOptions = NgramFeatureOptions & Omit<LogisticRegressionOptions, "validation">;

export interface NgramTrainingInputs {
  /** The model without its classifier: tokenizer, vocabulary, weighting, NB ratios. */
  settings: Omit<NgramSentimentModel, "classifier">;
  /** The training rows as the classifier sees them (weighted, scaled by the ratios). */
  features: CsrMatrix;
  /** The validation rows built with the training vocabulary and ratios, when `validation` was given. */
  validation?: { features: CsrMatrix; labels: ArrayLike<number> };
  /** Seconds per stage: tokenizing, vocabulary, features (incl. NB ratios). */
  seconds: { tokenize: number; vocabulary: number; features: number };
}

/**
 * Lesson 7's steps before training, in one call: tokenize, build the
 * vocabulary, weight the features, fit the NB ratios. Building them once lets
 * several classifiers train on the same rows (lesson 7 compares learning
 * rates this way).
 */
export function ngramTrainingInputs(texts: readonly string[], labels: ArrayLike<number>, options: NgramFeatureOptions = {}): NgramTrainingInputs {
  const { punctuation = true, weighting = "binary", naiveBayes = true, alpha, maxN, minDocumentCount, maxFeatures, validation } = options;
  let clock = Date.now();
  const lap = (): number => {
    const now = Date.now();
    const seconds = (now - clock) / 1000;
    clock = now;
    return seconds;
  };
  const tokenizer = { punctuation };
  const documents = tokenizeForModel({ tokenizer }, texts);
  const validationDocuments = validation === undefined ? undefined : tokenizeForModel({ tokenizer }, validation.texts);
  const tokenizeSeconds = lap();
  const vocabulary = buildNgramVocabulary(documents, { maxN, minDocumentCount, maxFeatures });
  const vocabularySeconds = lap();
  const features = ngramFeatures(documents, vocabulary, weighting);
  const nbRatio = naiveBayes ? nbLogCountRatio(features, labels, { alpha }) : null;
  const settings = { tokenizer, vocabulary, weighting, nbRatio };
  const inputs = nbRatio === null ? features : scaleColumns(features, nbRatio);
  const validationInputs = validationDocuments === undefined ? undefined : { features: ngramModelFeatures(settings, validationDocuments), labels: validation!.labels };
  return {
    settings,
    features: inputs,
    ...(validationInputs === undefined ? {} : { validation: validationInputs }),
    seconds: { tokenize: tokenizeSeconds, vocabulary: vocabularySeconds, features: lap() },
  };
}

export interface TrainedNgramModel {
  model: NgramSentimentModel;
  history: EpochResult[];
  /** Seconds per stage: tokenizing, vocabulary, features (incl. NB ratios), training. */
  seconds: { tokenize: number; vocabulary: number; features: number; training: number };
}

/**
 * All of lesson 7's steps in one call: `ngramTrainingInputs`, then the
 * logistic regression. Defaults are NBSVM's recipe with settings chosen on a
 * held-out part of the training reviews (not the test set): unigrams +
 * bigrams in ≥ 2 reviews, punctuation kept, binary features, 4 epochs of
 * Adam at 0.005, batch 256.
 */
export async function trainNgramSentimentModel(texts: readonly string[], labels: ArrayLike<number>, options: NgramModelOptions = {}): Promise<TrainedNgramModel> {
  const { punctuation, weighting, naiveBayes, alpha, maxN, minDocumentCount, maxFeatures, validation, ...training } = options;
  const inputs = ngramTrainingInputs(texts, labels, { punctuation, weighting, naiveBayes, alpha, maxN, minDocumentCount, maxFeatures, validation });
  const fit = await trainLogisticRegression(inputs.features, labels, { ...training, validation: inputs.validation });
  return {
    model: { ...inputs.settings, classifier: fit.classifier },
    history: fit.history,
    seconds: { ...inputs.seconds, training: fit.seconds },
  };
}
