/**
 * Keras' rules from word rank to index: index = rank + indexFrom, an optional
 * start index, and the cut that turns every index outside
 * [skipTop, numWords) into oovChar (or drops it). Shared by loadData and
 * encodeText so that data and new text are encoded alike.
 */
import { INT32_MAX } from "../../util/int32";
import { integerOption, nullableIntegerOption } from "../../util/options";

/** Keeps rank + indexFrom inside int32 for any vocabulary of up to 2^30 words. */
const INDEX_FROM_MAX = 1_073_741_824;

export interface IndexRules {
  /** null: no upper cut chosen (loadData then uses the largest index present, as Keras does). */
  numWords: number | null;
  skipTop: number;
  startChar: number | null;
  oovChar: number | null;
  indexFrom: number;
}

export const INDEX_RULE_KEYS = ["numWords", "skipTop", "startChar", "oovChar", "indexFrom"] as const;

/** Marks a word that is dropped (oovChar null) in index tables. */
export const DROPPED = -1;

export function readIndexRules(where: string, options: Record<string, unknown>): IndexRules {
  const numWords = nullableIntegerOption(where, "numWords", options.numWords, 1, INT32_MAX, null);
  const skipTop = integerOption(where, "skipTop", options.skipTop, 0, INT32_MAX, 0);
  if (numWords !== null && skipTop >= numWords) {
    throw new RangeError(
      `${where}: skipTop must be less than numWords, got skipTop=${skipTop} and numWords=${numWords}, which would keep no word. ` +
        `Use a skipTop from 0 to ${numWords - 1}, or a larger numWords.`,
    );
  }
  return {
    numWords,
    skipTop,
    startChar: nullableIntegerOption(where, "startChar", options.startChar, 0, INT32_MAX, 1),
    oovChar: nullableIntegerOption(where, "oovChar", options.oovChar, 0, INT32_MAX, 2),
    indexFrom: integerOption(where, "indexFrom", options.indexFrom, 0, INDEX_FROM_MAX, 3),
  };
}

/** Keras' cut: `index` if skipTop <= index < numWords, else oovChar, or DROPPED when oovChar is null. */
export function cut(index: number, rules: IndexRules, numWords: number): number {
  return rules.skipTop <= index && index < numWords ? index : (rules.oovChar ?? DROPPED);
}

/** The start index after the cut (Keras cuts it like any word), or DROPPED when there is none. */
export function startIndex(rules: IndexRules, numWords: number): number {
  return rules.startChar === null ? DROPPED : cut(rules.startChar, rules, numWords);
}

/**
 * For each word number, its final index: `ranks[n]` is the word's rank in the
 * vocabulary in use (0: not in it, so oovChar or DROPPED without any cut).
 */
export function indexTable(ranks: Int32Array, rules: IndexRules, numWords: number): Int32Array {
  const table = new Int32Array(ranks.length);
  const missing = rules.oovChar ?? DROPPED;
  for (let n = 0; n < ranks.length; n++) {
    table[n] = ranks[n] === 0 ? missing : cut(ranks[n] + rules.indexFrom, rules, numWords);
  }
  return table;
}

/**
 * A text's words as indices: the start index, then each word's
 * `rank + indexFrom` after the cut; a word without a rank becomes `missing`
 * (an index, or DROPPED). Shared by `encodeText` and `loadTextDataset`.
 */
export function encodeWords(words: readonly string[], wordIndex: ReadonlyMap<string, number>, rules: IndexRules, numWords: number, missing: number): Int32Array {
  const indices: number[] = [];
  const start = startIndex(rules, numWords);
  if (start !== DROPPED) indices.push(start);
  for (const word of words) {
    const rank = wordIndex.get(word);
    const index = rank === undefined ? missing : cut(rank + rules.indexFrom, rules, numWords);
    if (index !== DROPPED) indices.push(index);
  }
  return Int32Array.from(indices);
}
