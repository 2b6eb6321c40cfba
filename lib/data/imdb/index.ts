/** The IMDB dataset: download, cache, Keras-compatible sequences, raw reviews. */
export { loadData } from "./load-data";
export type { ImdbData, ImdbSplit, IndexOptions, LoadDataOptions } from "./load-data";
export { decode, encodeText, getWordIndex } from "./text";
export type { DecodeOptions, EncodeTextOptions, WordIndexOptions } from "./text";
export { loadReviews, reviewsFrame } from "./reviews";
export type { LoadReviewsOptions, Review } from "./reviews";
export { tokenize } from "./tokenize";
export type { TokenizeOptions } from "./tokenize";
export { KERAS_FILTERS, kerasTokenize } from "./keras-tokenize";
export type { ImdbProgress, ProgressListener } from "./progress";
export type { VocabularyName } from "./vocabulary";
/** Where the dataset cache lives and where the data comes from (lesson 0, "Setup"). */
export { cacheDir as imdbCacheDir, mirror as imdbMirror } from "./paths";
export type { Mirror } from "./paths";
