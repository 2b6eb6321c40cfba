/**
 * The course library's public API: what the notebooks import, as
 *
 *     import { initBackend, loadData } from "imdb-course";
 *
 * Only what a lesson uses, or what a learner needs to use it on their own
 * data, is exported here; everything else stays internal to its layer (see
 * lib/README.md). Each export's doc comment names the lesson that explains it.
 */
import "./display/kernel-errors"; // inside the kernel: errors without tslab's frames

// Backend (lesson 0)
export { initBackend } from "./backend/init-backend";
export type { BackendInfo, BackendName } from "./backend/init-backend";

// Data: the IMDB reviews (lessons 0-1) and a learner's own texts (lesson 8)
export { courseScale, headOfSplit } from "./data/scale";
export type { CourseScale, CourseScaleName } from "./data/scale";
export { loadData } from "./data/imdb/load-data";
export type { ImdbData, ImdbSplit, IndexOptions, LoadDataOptions } from "./data/imdb/load-data";
export { decode, encodeText, getWordIndex } from "./data/imdb/text";
export type { DecodeOptions, EncodeTextOptions, WordIndexOptions } from "./data/imdb/text";
export { loadReviews, reviewsFrame } from "./data/imdb/reviews";
export type { LoadReviewsOptions, Review } from "./data/imdb/reviews";
export { tokenize } from "./data/imdb/tokenize";
export type { TokenizeOptions } from "./data/imdb/tokenize";
export { KERAS_FILTERS, kerasTokenize } from "./data/imdb/keras-tokenize";
export type { ImdbProgress, ProgressListener } from "./data/imdb/progress";
export type { VocabularyName } from "./data/imdb/vocabulary";
export { cacheDir as imdbCacheDir, mirror as imdbMirror } from "./data/imdb/paths";
export type { Mirror } from "./data/imdb/paths";
export { loadTextDataset, sortClassNames } from "./data/own/text-dataset";
export type { TextDataset, TextDatasetOptions, TextSplit } from "./data/own/text-dataset";

// Encoding: sequences, multi-hot vectors and their tensors (lessons 2-3)
export { multiHot, multiHotBatches, padSequences } from "./encoding/sequences";
export type { MultiHotBatch, PadSequencesOptions, PaddedSequences } from "./encoding/sequences";
export { multiHotDataset } from "./encoding/multi-hot-dataset";
export type { MultiHotDatasetOptions, MultiHotExample } from "./encoding/multi-hot-dataset";
export { sequenceTensors } from "./encoding/sequence-tensors";
export type { SequenceTensors } from "./encoding/sequence-tensors";
export { denseMatrixBytes, formatByteSize } from "./encoding/memory";

// Models: the networks the lessons write (generated from their `// @save`
// cells), saving and predicting (lesson 6), the bag of n-grams (lesson 7)
export * as lesson2 from "./models/lessons/02-multi-hot";
export * as lesson3 from "./models/lessons/03-embeddings-mlp";
export * as lesson4 from "./models/lessons/04-conv1d";
export * as lesson5 from "./models/lessons/05-lstm";
export { COURSE_MODELS, defaultModelsDir } from "./models/registry";
export { listSentimentModels, loadSentimentModel, saveSentimentModel } from "./models/storage/model-folder";
export type { LoadedSentimentModel } from "./models/storage/model-folder";
export { predictSentiment } from "./models/predict-sentiment";
export type { LoadedNetworkModel } from "./models/loaded-network-model";
export type { LoadedNgramModel } from "./models/loaded-ngram-model";
export type { SavedSentimentModelInfo, SentimentModelMetrics, SentimentPrediction } from "./models/sentiment-model";
export { extractNgrams } from "./models/ngrams/extract";
export { buildNgramVocabulary } from "./models/ngrams/vocabulary";
export type { NgramVocabulary, VocabularyOptions } from "./models/ngrams/vocabulary";
export { ngramFeatures } from "./models/ngrams/features";
export type { FeatureWeighting } from "./models/ngrams/features";
export { describeSparsity, scaleColumns } from "./models/ngrams/csr";
export type { CsrMatrix, Sparsity } from "./models/ngrams/csr";
export { nbLogCountRatio } from "./models/ngrams/naive-bayes";
export { evaluateClassifier, predictProbabilities, trainLogisticRegression } from "./models/ngrams/logistic-regression";
export type { LogisticRegressionOptions, TrainedLogisticRegression } from "./models/ngrams/logistic-regression";
export {
  evaluateNgramModel,
  ngramModelFeatures,
  ngramTrainingInputs,
  predictNgramSentiment,
  tokenizeForModel,
  topNgrams,
  trainNgramSentimentModel,
} from "./models/ngrams/model";
export type { NgramModelOptions, NgramSentimentModel, NgramSentimentPrediction, TrainedNgramModel, WeightedNgram } from "./models/ngrams/model";

// Training: seeds, progress, early stopping, runs side by side, cross-validation (lessons 2-5, 8)
export { setRandomSeed, withSeededRandom } from "./util/random";
export { learningCurvesHtml, trainingProgress } from "./training/progress";
export type { EpochRecord, ProgressOptions, TrainingProgress } from "./training/progress";
export { earlyStopping, earlyStoppingOutcome } from "./training/early-stopping";
export type { EarlyStopping, EarlyStoppingOutcome, EarlyStoppingRule } from "./training/early-stopping";
export { meanSecondsPerEpoch, runsTableMarkdown } from "./training/experiment";
export type { RunSummary } from "./training/experiment";
export { crossValidate, kFolds } from "./training/cross-validate";
export type { CrossValidation, CrossValidationOptions, Fold, FoldOptions, FoldScores, Scores } from "./training/cross-validate";

// Analysis: the data (lesson 1), the models' sizes and spread (lessons 3-5),
// their scores (lesson 8) and what is inside them (lesson 9)
export {
  boxPlotTrace,
  boxSummary,
  countWords,
  distinctiveWords,
  histogram,
  histogramBarTrace,
  logLogSlope,
  maxlenCoverage,
  mergeCounts,
  percentileOfSorted,
  rankFrequency,
  shareAtMost,
  summarizeLengths,
  tokenShareOfTopWords,
  topWords,
} from "./analysis/exploration";
export type { BoxSummary, DistinctiveWord, Histogram, LengthSummary, MaxlenCoverage, RankFrequency, WordCount } from "./analysis/exploration";
export { layerParameters, parameterTableMarkdown } from "./analysis/parameters";
export type { LayerParameters } from "./analysis/parameters";
export { convOutputLength, poolOutputLength } from "./analysis/output-length";
export type { ConvPadding } from "./analysis/output-length";
export { accuracyStandardError, seedSpread } from "./analysis/seed-spread";
export type { SeedSpread } from "./analysis/seed-spread";
export { modelComparisonChartHtml, modelComparisonTable } from "./analysis/model-comparison";
export { accuracyOf, confusionMatrix, expectedValues, meanAbsoluteError } from "./analysis/classification-metrics";
export { explainPrediction } from "./analysis/explain";
export type { ExplainOptions, Explanation, NgramContribution, TokenContribution } from "./analysis/explain";
export { defaultProjectorDir, embeddingVectors, nearestNeighbours, positiveNegativeRatios, principalComponents, writeProjectorFiles } from "./analysis/embedding-analysis";
export type { Neighbour, Projection, WordVectors } from "./analysis/embedding-analysis";
export {
  accuracyByLength,
  agreementMatrix,
  averageProbabilities,
  binaryAccuracy,
  binaryConfusion,
  wrongForEveryModel,
} from "./analysis/error-analysis";
export type { BinaryConfusion, LengthBucket } from "./analysis/error-analysis";
export { predictReviews, sigmoid } from "./analysis/batch-predictions";
export type { BatchPredictionOptions } from "./analysis/batch-predictions";
export { accuracyByLengthChartHtml, bucketLabel, embeddingMapChartHtml } from "./analysis/model-charts";
export { explanationHtml } from "./analysis/highlight";
export type { HighlightOptions } from "./analysis/highlight";

// Display: charts, tables, exercise checks (every lesson)
export { chartHtml, loadPlotly, showChart } from "./display/charts";
export type { ChartOptions } from "./display/charts";
export { showTable } from "./display/tables";
export type { TableOptions } from "./display/tables";
export { check, answerOrReference } from "./display/exercises";
