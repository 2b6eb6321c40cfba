/**
 * From token streams to Keras-style sequences: the maxlen filter, Keras'
 * default numWords and the cut, shared by `loadData` (the IMDB reviews) and
 * `loadTextDataset` (a learner's own texts), so both follow the same rules.
 */
import { DROPPED, indexTable, startIndex, type IndexRules } from "./indices";
import type { ImdbSplit } from "./load-data";

/** The tokens of every review or text, as word numbers, and each word number's rank. */
export interface TokenStream {
  /** Review r's word numbers are tokens[offsets[r]] … tokens[offsets[r + 1] − 1]. */
  offsets: Int32Array;
  tokens: Int32Array;
  /** Word number → rank in the vocabulary in use (0: not in it). */
  ranks: Int32Array;
}

/**
 * The sequences of the examples `train` and `test` (positions in `stream`,
 * in the order wanted), with Keras' steps 3-5 of `loadData`: the maxlen
 * filter, numWords defaulting to the largest index kept (returned), and the cut.
 */
export function sequencesOfSplits(
  stream: TokenStream, labels: ArrayLike<number>, train: number[], test: number[], rules: IndexRules, maxlen: number | null,
): { train: ImdbSplit; test: ImdbSplit; numWords: number } {
  const lead = rules.startChar === null ? 0 : 1;
  const { offsets, tokens, ranks } = stream;
  const shortEnough = (r: number) => offsets[r + 1] - offsets[r] + lead < maxlen!;
  const keptTrain = maxlen === null ? train : train.filter(shortEnough);
  const keptTest = maxlen === null ? test : test.filter(shortEnough);
  if (maxlen !== null && (keptTrain.length === 0 || keptTest.length === 0)) {
    throw new Error(`After filtering for sequences shorter than maxlen=${maxlen}, no sequence was kept. Increase maxlen.`);
  }
  const numWords = rules.numWords ?? largestIndex(maxlen === null ? undefined : [keptTrain, keptTest], offsets, tokens, ranks, rules);
  const table = indexTable(ranks, rules, numWords);
  const start = startIndex(rules, numWords);
  const encode = (order: number[]) => encodeSplit(order, offsets, tokens, labels, table, start, lead);
  return { train: encode(keptTrain), test: encode(keptTest), numWords };
}

/**
 * Keras' default numWords: the largest index in the kept sequences, start
 * index included. Without a maxlen filter every review is kept, and every
 * word of the cache occurs in some review, so the largest rank is enough.
 */
function largestIndex(
  kept: number[][] | undefined, offsets: Int32Array, tokens: Int32Array, ranks: Int32Array, rules: IndexRules,
): number {
  let maxRank = 0;
  if (kept === undefined) {
    for (let n = 0; n < ranks.length; n++) if (ranks[n] > maxRank) maxRank = ranks[n];
  } else {
    for (const order of kept) {
      for (const r of order) {
        for (let t = offsets[r]; t < offsets[r + 1]; t++) if (ranks[tokens[t]] > maxRank) maxRank = ranks[tokens[t]];
      }
    }
  }
  const largestWord = maxRank > 0 ? maxRank + rules.indexFrom : 0;
  return Math.max(largestWord, rules.startChar ?? 0);
}

function encodeSplit(
  order: number[], offsets: Int32Array, tokens: Int32Array, labels: ArrayLike<number>, table: Int32Array, start: number, lead: number,
): ImdbSplit {
  let capacity = 0;
  for (let i = 0; i < order.length; i++) capacity += offsets[order[i] + 1] - offsets[order[i]] + lead;
  const buffer = new Int32Array(capacity);
  const writeStart = lead === 1 && start !== DROPPED;
  const x: Int32Array[] = new Array(order.length);
  const y: number[] = new Array(order.length);
  let at = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i];
    const begin = at;
    if (writeStart) buffer[at++] = start;
    const end = offsets[r + 1];
    for (let t = offsets[r]; t < end; t++) {
      const index = table[tokens[t]];
      buffer[at] = index;
      if (index !== DROPPED) at++;
    }
    x[i] = buffer.subarray(begin, at);
    y[i] = labels[r];
  }
  return { x, y, reviewIndex: order };
}
