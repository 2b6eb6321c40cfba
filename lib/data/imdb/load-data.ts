/** `loadData`: the reviews as Keras-style sequences of word indices. */
import type { ContainerReader } from "./container";
import { readCorpus } from "./corpus";
import { INT32_MAX } from "../../util/int32";
import { INDEX_RULE_KEYS, readIndexRules } from "./indices";
import { kerasWordIndex } from "./keras-index";
import { MAX_SEED, checkKnownKeys, choiceOption, functionOption, integerOption, nullableIntegerOption } from "../../util/options";
import { throttledPrinter, type ProgressListener } from "./progress";
import { MersenneTwister, shuffleLikeNumpy } from "../../util/numpy-random";
import { sequencesOfSplits, type TokenStream } from "./token-sequences";
import { DEFAULT_VOCABULARY, VOCABULARIES, corpusWordsOf, kerasWordsOf, ranksOfCorpusWords, ranksOfKerasWords, type VocabularyName } from "./vocabulary";

/** How word ranks become indices (Keras' `imdb.load_data` arguments, in camelCase). */
export interface IndexOptions {
  /** Keep indices below this (null/undefined: the largest index present, Keras' default). */
  numWords?: number | null;
  /** Indices below this become oovChar. Default 0. */
  skipTop?: number;
  /** Index put first in every sequence; null for none. Default 1. */
  startChar?: number | null;
  /** Index that cut-off words become; null drops them. Default 2. */
  oovChar?: number | null;
  /** Added to every rank. Default 3 (0 = padding, 1 = start, 2 = OOV, 3 = unused). */
  indexFrom?: number;
  /** "project" (default): the course's tokenizer and ranks over the training reviews; "keras": Keras' tokenizer rules and word index. */
  vocabulary?: VocabularyName;
}

export interface LoadDataOptions extends IndexOptions {
  /** Keep only sequences strictly shorter than this, start index included. */
  maxlen?: number | null;
  /** Seed of the shuffle, an integer from 0 to 2^32 − 1. Default 113. */
  seed?: number;
  /** Receives download and cache-build progress; default: lines printed every few seconds. */
  onProgress?: ProgressListener;
}

export interface ImdbSplit {
  /** One sequence of word indices per review (views into one shared buffer). */
  x: Int32Array[];
  /** Labels: 0 = negative, 1 = positive. */
  y: number[];
  /** For each sequence, the position of its review in `loadReviews()`, to read its text. */
  reviewIndex: number[];
}

export interface ImdbData {
  train: ImdbSplit;
  test: ImdbSplit;
}

const LOAD_DATA_KEYS = [...INDEX_RULE_KEYS, "vocabulary", "maxlen", "seed", "onProgress"];

/**
 * The 25,000 training and 25,000 test reviews as sequences of word indices,
 * with the semantics of Keras' `imdb.load_data` (lesson 1, "Exploring the
 * reviews"; used by every model lesson).
 *
 * Steps, exactly as Keras takes them:
 * 1. Shuffle: one generator seeded with `seed` (numpy's `RandomState`,
 *    reproduced exactly) shuffles the training reviews, then the test reviews.
 * 2. Each word becomes `rank + indexFrom` (rank 1 = most frequent word), and
 *    `startChar` is put first (unless null).
 * 3. `maxlen`: only sequences with length < maxlen (strictly; the start index
 *    counts) are kept; if the training or the test split is left empty, this
 *    throws "After filtering for sequences shorter than maxlen=…, no sequence
 *    was kept. Increase maxlen."
 * 4. `numWords` unset: it becomes the largest index present in the kept
 *    sequences, so (as in Keras) that one largest index is itself cut below.
 * 5. The cut: every index w, the start index included, with NOT
 *    (skipTop <= w < numWords) becomes `oovChar`, or is dropped when oovChar is
 *    null. So with skipTop > startChar the start index turns into oovChar too,
 *    as in Keras.
 *
 * The tokens: with `vocabulary: "keras"` the reviews are split by Keras'
 * own rules (`kerasTokenize`: "br" from `<br />` kept, "don't" whole, only
 * A-Z lowercased) and words missing from its index are left out, as in
 * Keras' data; the sequences are then Keras' own (checked on a sample of
 * `imdb.load_data(num_words=500)`: 150 of 150 training and 50 of 50 test
 * sequences identical). With "project" (the default) they are split by the
 * course's `tokenize` and ranked over the training reviews, so they differ
 * from Keras' `imdb.npz`.
 *
 * Where it still differs from Keras, and why:
 * - The order before shuffling is this library's (see `loadReviews`), not the
 *   order inside `imdb.npz`; the permutation itself is numpy's, so the same
 *   seed gives the same permutation of positions, not the same reviews.
 * - With "project", words seen only in test reviews become `oovChar` whatever
 *   numWords and skipTop are (dropped when oovChar is null); they count in the
 *   length that `maxlen` tests.
 * - Invalid options are errors (Keras accepts e.g. `numWords: 0` as "unset").
 * - Ties in the project vocabulary's frequency ranking are broken
 *   alphabetically (UTF-16 code unit order); words seen only in the test
 *   reviews are not in it.
 *
 * Memory: the sequences of a split share one Int32Array buffer (about 47 MB
 * for all 50,000 reviews). The first call builds the cache (a few seconds,
 * once); later calls read it in well under a second.
 */
export async function loadData(options: LoadDataOptions = {}): Promise<ImdbData> {
  const where = "loadData";
  const given = checkKnownKeys(where, options, LOAD_DATA_KEYS);
  const rules = readIndexRules(where, given);
  const maxlen = nullableIntegerOption(where, "maxlen", given.maxlen, 1, INT32_MAX, null);
  const seed = integerOption(where, "seed", given.seed, 0, MAX_SEED, 113);
  const vocabularyName = choiceOption(where, "vocabulary", given.vocabulary, VOCABULARIES, DEFAULT_VOCABULARY);
  const onProgress = functionOption<ProgressListener>(where, "onProgress", given.onProgress) ?? throttledPrinter();

  const kerasIndex = vocabularyName === "keras" ? await kerasWordIndex(onProgress) : undefined;
  const corpus = await readCorpus(onProgress, (reader) => ({
    split: reader.uint8("split"),
    label: reader.uint8("label"),
    ...(kerasIndex === undefined ? projectTokens(reader) : kerasTokens(reader, kerasIndex)),
  }));

  const train: number[] = [];
  const test: number[] = [];
  corpus.split.forEach((split, position) => (split === 0 ? train : test).push(position));
  const rng = new MersenneTwister(seed);
  shuffleLikeNumpy(train, rng);
  shuffleLikeNumpy(test, rng);

  const sequences = sequencesOfSplits(corpus, corpus.label, train, test, rules, maxlen);
  return { train: sequences.train, test: sequences.test };
}

/** The reviews split by `tokenize`, ranked by the project vocabulary. */
function projectTokens(reader: ContainerReader): TokenStream {
  return { offsets: reader.int32("tokenOffsets"), tokens: reader.int32("tokens"), ranks: ranksOfCorpusWords(corpusWordsOf(reader)) };
}

/**
 * The reviews split by Keras' rules, ranked by its index. Words missing from
 * the index are removed here, before maxlen counts lengths: Keras' data has
 * no trace of them (every training word is in the index; words seen only in
 * test reviews are simply absent from its test sequences).
 */
function kerasTokens(reader: ContainerReader, kerasIndex: Map<string, number>): TokenStream {
  const ranks = ranksOfKerasWords(kerasWordsOf(reader), kerasIndex);
  const offsets = reader.int32("kerasTokenOffsets");
  const all = reader.int32("kerasTokens");
  const tokens = new Int32Array(all.length);
  const keptOffsets = new Int32Array(offsets.length);
  let kept = 0;
  for (let r = 0; r + 1 < offsets.length; r++) {
    keptOffsets[r] = kept;
    for (let t = offsets[r]; t < offsets[r + 1]; t++) if (ranks[all[t]] > 0) tokens[kept++] = all[t];
  }
  keptOffsets[offsets.length - 1] = kept;
  return { offsets: keptOffsets, tokens: tokens.subarray(0, kept), ranks };
}
