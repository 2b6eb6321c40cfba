/** Between words and indices: the word index, decoding sequences, encoding new text. */
import { INDEX_RULE_KEYS, readIndexRules } from "./indices";
import { textIndices } from "./text-indices";
import { checkKnownKeys, choiceOption, describeValue, functionOption, requiredStringOption } from "../../util/options";
import type { IndexOptions } from "./load-data";
import { throttledPrinter, type ProgressListener } from "./progress";
import { DEFAULT_VOCABULARY, VOCABULARIES, vocabulary, type VocabularyName } from "./vocabulary";

export interface WordIndexOptions {
  /** "project" (default) or "keras". */
  vocabulary?: VocabularyName;
  onProgress?: ProgressListener;
}

export interface DecodeOptions extends WordIndexOptions {
  /** As given to loadData; defaults 3, 1, 2. */
  indexFrom?: number;
  startChar?: number | null;
  oovChar?: number | null;
}

export interface EncodeTextOptions extends IndexOptions {
  onProgress?: ProgressListener;
}

const WORD_INDEX_KEYS = ["vocabulary", "onProgress"];
const DECODE_KEYS = ["vocabulary", "indexFrom", "startChar", "oovChar", "onProgress"];
const ENCODE_KEYS = [...INDEX_RULE_KEYS, "vocabulary", "onProgress"];

function commonOptions(where: string, given: Record<string, unknown>) {
  return {
    name: choiceOption(where, "vocabulary", given.vocabulary, VOCABULARIES, DEFAULT_VOCABULARY),
    onProgress: functionOption<ProgressListener>(where, "onProgress", given.onProgress) ?? throttledPrinter(),
  };
}

/**
 * The word → rank map of a vocabulary, rank 1 being the most frequent word
 * (lesson 1, "Exploring the reviews"). Like Keras' `imdb.get_word_index()`, the
 * ranks do not include `indexFrom`: the index of a word in loadData's
 * sequences is `rank + indexFrom`. "project": the words of the 25,000 training
 * reviews ranked by count, ties alphabetical; "keras": the Keras word index.
 */
export async function getWordIndex(options: WordIndexOptions = {}): Promise<Map<string, number>> {
  const { name, onProgress } = commonOptions("getWordIndex", checkKnownKeys("getWordIndex", options, WORD_INDEX_KEYS));
  return new Map((await vocabulary(name, onProgress)).wordIndex);
}

/**
 * Turns a sequence of indices back into words, separated by spaces (lesson 1,
 * "Exploring the reviews"). Give the `indexFrom`, `startChar`, `oovChar` and
 * `vocabulary` used by loadData. Indices that are no word show as "<pad>" (0),
 * "<start>" (startChar), "<oov>" (oovChar), "<unused>" (other indices up to
 * indexFrom) or "<unknown>" (beyond the vocabulary); startChar and oovChar are
 * recognised first when they collide with a word's index.
 */
export async function decode(sequence: ArrayLike<number>, options: DecodeOptions = {}): Promise<string> {
  const where = "decode";
  const given = checkKnownKeys(where, options, DECODE_KEYS);
  const { name, onProgress } = commonOptions(where, given);
  const rules = readIndexRules(where, given);
  checkSequence(where, sequence);
  const { wordOfRank } = await vocabulary(name, onProgress);
  const words: string[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const index = sequence[i];
    const rank = index - rules.indexFrom;
    if (index === rules.startChar) words.push("<start>");
    else if (index === rules.oovChar) words.push("<oov>");
    else if (index === 0) words.push("<pad>");
    else if (rank < 1) words.push("<unused>");
    else words.push(wordOfRank[rank] ?? "<unknown>");
  }
  return words.join(" ");
}

/**
 * Encodes a new text (a learner's own review) exactly as loadData encodes the
 * dataset: same tokenizer, vocabulary and rules (lesson 6, "Your own review").
 * Pass the same `vocabulary`, `numWords`, `skipTop`, `startChar`, `oovChar`
 * and `indexFrom` as to the loadData call the model was trained on. With
 * "project", words not in the vocabulary become oovChar (dropped when it is
 * null); with "keras", the text is split by `kerasTokenize` and words missing
 * from the Keras index are left out, as loadData leaves them out. Unlike
 * loadData, an unset numWords keeps every word of the vocabulary: there is no
 * dataset to take a largest index from.
 */
export async function encodeText(text: string, options: EncodeTextOptions = {}): Promise<Int32Array> {
  const where = "encodeText";
  const given = checkKnownKeys(where, options, ENCODE_KEYS);
  const { name, onProgress } = commonOptions(where, given);
  const rules = readIndexRules(where, given);
  requiredStringOption(where, "text", text);
  const { wordIndex } = await vocabulary(name, onProgress);
  return textIndices(name, text, wordIndex, rules);
}

function checkSequence(where: string, sequence: ArrayLike<number>): void {
  if (sequence === null || typeof sequence !== "object" || typeof sequence.length !== "number") {
    throw new TypeError(`${where}: sequence must be an array or typed array of indices, got ${describeValue(sequence)}.`);
  }
  for (let i = 0; i < sequence.length; i++) {
    if (!Number.isInteger(sequence[i]) || sequence[i] < 0) {
      throw new RangeError(`${where}: sequence[${i}] is ${describeValue(sequence[i])}; indices are integers from 0 up.`);
    }
  }
}
