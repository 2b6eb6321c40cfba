/**
 * Bag of n-grams with naive-Bayes weighting and logistic regression (lesson 7).
 */
export { NGRAM_SEPARATOR, extractNgrams } from "./extract";
export { buildNgramVocabulary, NgramLookup } from "./vocabulary";
export type { NgramVocabulary, VocabularyOptions } from "./vocabulary";
export { FEATURE_WEIGHTINGS, inverseDocumentFrequencies, ngramFeatures } from "./features";
export type { FeatureWeighting } from "./features";
export { csrMatVec, csrTransposeMatVec, describeSparsity, scaleColumns, selectRows } from "./csr";
export type { CsrMatrix, Sparsity } from "./csr";
export { nbLogCountRatio } from "./naive-bayes";
export { sparseMatVec } from "./sparse-matvec";
export { evaluateClassifier, predictProbabilities, trainLogisticRegression } from "./logistic-regression";
export type { EpochResult, LogisticRegression, LogisticRegressionOptions, TrainedLogisticRegression } from "./logistic-regression";
export { evaluateNgramModel, ngramModelFeatures, ngramTrainingInputs, predictNgramSentiment, tokenizeForModel, topNgrams, trainNgramSentimentModel } from "./model";
export type { NgramFeatureOptions, NgramModelOptions, NgramSentimentModel, NgramTrainingInputs, NgramSentimentPrediction, TrainedNgramModel, WeightedNgram } from "./model";
export { loadNgramModel, saveNgramModel } from "./model-file";
