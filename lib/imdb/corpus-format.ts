/** Names shared by the cache's writer (build.ts) and reader (corpus.ts). */
import { TOKENIZER_VERSION } from "./tokenize";

export const CORPUS_FILE = "imdb-corpus.bin";
export const CORPUS_MAGIC = "IMDBCRPS";
/** Layout version × 1000 + tokenizer version: a change in either invalidates old caches. */
export const CORPUS_VERSION = 1 * 1000 + TOKENIZER_VERSION;

export interface CorpusMeta {
  reviews: number;
  trainReviews: number;
  /** Words seen in the training reviews: word numbers 1..projectWords are project ranks. */
  projectWords: number;
  tokens: number;
}
