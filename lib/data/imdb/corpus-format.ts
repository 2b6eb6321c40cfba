/** Names shared by the cache's writer (build.ts) and reader (corpus.ts). */
import { KERAS_TOKENIZER_VERSION } from "./keras-tokenize";
import { TOKENIZER_VERSION } from "./tokenize";

export const CORPUS_FILE = "imdb-corpus.bin";
export const CORPUS_MAGIC = "IMDBCRPS";
const LAYOUT_VERSION = 2;
/**
 * Layout version × 1,000,000 + Keras tokenizer version × 1000 + course
 * tokenizer version: a change in any of them invalidates old caches.
 */
export const CORPUS_VERSION = LAYOUT_VERSION * 1_000_000 + KERAS_TOKENIZER_VERSION * 1000 + TOKENIZER_VERSION;

export interface CorpusMeta {
  reviews: number;
  trainReviews: number;
  /** Words seen in the training reviews: word numbers 1..projectWords are project ranks. */
  projectWords: number;
  tokens: number;
}
