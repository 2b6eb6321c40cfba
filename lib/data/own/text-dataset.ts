/**
 * `loadTextDataset`: a learner's own labelled texts as Keras-style sequences,
 * in the shape `loadData` gives the IMDB reviews (lesson 8, "Your own data").
 */
import * as fs from "node:fs";
import { DROPPED, INDEX_RULE_KEYS, encodeWords, readIndexRules } from "../imdb/indices";
import { INT32_MAX } from "../../util/int32";
import type { IndexOptions } from "../imdb/load-data";
import { MAX_SEED, checkKnownKeys, describeValue, integerOption, nullableIntegerOption, numberOption } from "../../util/options";
import { sequencesOfSplits } from "../imdb/token-sequences";
import { forEachToken, tokenize } from "../imdb/tokenize";
import { ranksOfCorpusWords } from "../imdb/vocabulary";
import { NumberedTokens } from "../imdb/word-table";
import { mulberry32 } from "../../util/random";
import { shuffled, shuffledIndices } from "../../util/shuffle";
import { type CsvColumns, type LabeledText, readCsvTexts, readFolderTexts } from "./labeled-texts";

export interface TextDatasetOptions extends Omit<IndexOptions, "vocabulary">, CsvColumns {
  /**
   * The classes, in the order that numbers them (label 0 = the first). Default:
   * every class found, sorted (numerically when all are numbers). Given, a
   * label outside it is an error, and in a folder only these subfolders are read.
   */
  classNames?: string[];
  /** Share of each class held out for testing when the source has no split; default 0.2. */
  testFraction?: number;
  /** Seeds the train/test split and the shuffle of each part; default 113, as loadData. */
  seed?: number;
  /** Keep only sequences strictly shorter than this, start index included (as loadData). */
  maxlen?: number | null;
}

export interface TextSplit {
  /** One sequence of word indices per text. */
  x: Int32Array[];
  /** Class numbers: `classNames[y[i]]` is the class of text i. */
  y: number[];
  /** The texts, as read. */
  texts: string[];
  /** Where each text came from: "reviews.csv line 12" or a file path. */
  origins: string[];
}

export interface TextDataset {
  train: TextSplit;
  test: TextSplit;
  classNames: string[];
  /** word → rank over the training texts (1 = most frequent; ties alphabetical); index = rank + indexFrom. */
  wordIndex: Map<string, number>;
  /** The numWords in effect (given, or the largest index present, as loadData). */
  numWords: number;
  /** Encodes a new text exactly as the dataset's texts were encoded. */
  encode(text: string): Int32Array;
}

const CSV_KEYS = ["textColumn", "labelColumn", "splitColumn", "delimiter", "header"];
const KEYS = [...INDEX_RULE_KEYS, ...CSV_KEYS, "classNames", "testFraction", "seed", "maxlen"];

/**
 * Reads labelled texts from `source` (lesson 8, "Your own data"):
 * - a CSV file: one example per row, the text in `textColumn` ("text"), the
 *   class in `labelColumn` ("label"), optionally "train"/"test" in
 *   `splitColumn` ("split" when present); `delimiter` (","), `header` (true).
 *   Quoted fields with delimiters and line breaks, a UTF-8 byte order mark and
 *   CRLF line ends are read as spreadsheets write them.
 * - a folder with one subfolder of .txt files per class (the subfolder names
 *   are the class names), or with `train/` and `test/` folders laid out so.
 *
 * Without a split in the source, `testFraction` of each class is held out for
 * testing, chosen with `seed`. Both parts are shuffled with `seed`. The texts
 * are split by the course's `tokenize`, ranked by count over the training part
 * only, and encoded with loadData's rules: index = rank + indexFrom, startChar
 * first, `numWords`/`skipTop` cut to oovChar, words seen only in the test
 * part become oovChar, `maxlen` keeps sequences strictly shorter.
 *
 * Bad input is an error that names the file (and line) and what to do: a
 * missing column, an empty text, a missing label or one outside `classNames`,
 * a class without training examples, a file that is not UTF-8, an empty file,
 * a folder without class subfolders.
 */
export async function loadTextDataset(source: string, options: TextDatasetOptions = {}): Promise<TextDataset> {
  const where = "loadTextDataset";
  const given = checkKnownKeys(where, options, KEYS);
  const rules = readIndexRules(where, given);
  const maxlen = nullableIntegerOption(where, "maxlen", given.maxlen, 1, INT32_MAX, null);
  const seed = integerOption(where, "seed", given.seed, 0, MAX_SEED, 113);
  const testFraction = numberOption(where, "testFraction", given.testFraction, { min: 0, max: 1, exclusive: true }, 0.2, "the share of each class held out for testing, such as 0.2");
  const classNamesOption = readClassNamesOption(where, given.classNames);
  if (typeof source !== "string") throw new TypeError(`${where}: source must be the path of a CSV file or of a folder, got ${describeValue(source)}.`);
  if (!fs.existsSync(source)) throw new Error(`${where}: ${source} does not exist. Give the path of a CSV file or of a folder with one subfolder per class.`);

  const examples = fs.statSync(source).isDirectory()
    ? readFolderTexts(source, classNamesOption)
    : readCsvTexts(source, options);
  const classNames = classNamesOption ?? sortClassNames([...new Set(examples.map((e) => e.label))]);
  const labels = labelNumbers(source, examples, classNames);

  const random = mulberry32(seed);
  const { train, test } = splitExamples(source, examples, labels, classNames, testFraction, random);
  const { stream, wordIndex } = tokenStream(examples, train);
  const sequences = sequencesOfSplits(stream, labels, shuffled(train, random), shuffled(test, random), rules, maxlen);
  const part = (split: { x: Int32Array[]; y: number[]; reviewIndex: number[] }): TextSplit => ({
    x: split.x, y: split.y,
    texts: split.reviewIndex.map((i) => examples[i].text),
    origins: split.reviewIndex.map((i) => examples[i].origin),
  });
  const { numWords } = sequences;
  const missing = rules.oovChar ?? DROPPED;
  return {
    train: part(sequences.train),
    test: part(sequences.test),
    classNames,
    wordIndex,
    numWords,
    encode: (text: string) => encodeWords(tokenize(text), wordIndex, rules, numWords, missing),
  };
}

function readClassNamesOption(where: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value as unknown[];
  if (!Array.isArray(value) || names.length < 2 || names.some((name) => typeof name !== "string" || name.trim() === "") || new Set(names).size !== names.length) {
    throw new RangeError(`${where}: classNames must list at least two different, non-empty class names, such as ["negative", "positive"], got ${JSON.stringify(value)}.`);
  }
  return names as string[];
}

/** Alphanumeric order, as Keras sorts class folders; numerically when every name is a number ("2" before "10"). */
export function sortClassNames(names: string[]): string[] {
  const numeric = names.every((name) => name.trim() !== "" && Number.isFinite(Number(name)));
  return [...names].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function labelNumbers(source: string, examples: LabeledText[], classNames: string[]): number[] {
  const numberOf = new Map(classNames.map((name, i) => [name, i]));
  const labels = examples.map((example) => {
    const label = numberOf.get(example.label);
    if (label === undefined) {
      throw new Error(`${example.origin}: unknown label ${JSON.stringify(example.label)}; the classes are ${classNames.join(", ")} (option classNames). Correct the label, or add it to classNames.`);
    }
    return label;
  });
  if (classNames.length < 2) {
    throw new Error(`${source} has only one class (${JSON.stringify(classNames[0])}); a classifier needs examples of at least two classes.`);
  }
  return labels;
}

/** The source's own split when it has one, else a stratified split: `testFraction` of each class, at least one example of it left for training. */
function splitExamples(
  source: string, examples: LabeledText[], labels: number[], classNames: string[], testFraction: number, random: () => number,
): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  if (examples.some((example) => example.split !== undefined)) {
    examples.forEach((example, i) => (example.split === "test" ? test : train).push(i));
  } else {
    classNames.forEach((_, label) => {
      const members = examples.map((_, i) => i).filter((i) => labels[i] === label);
      const order = shuffledIndices(members.length, random);
      const testCount = Math.min(Math.round(members.length * testFraction), members.length - 1);
      order.forEach((k, position) => (position < testCount ? test : train).push(members[k]));
    });
    train.sort((a, b) => a - b);
    test.sort((a, b) => a - b);
  }
  const trainCounts = new Array<number>(classNames.length).fill(0);
  for (const i of train) trainCounts[labels[i]]++;
  const empty = classNames.filter((_, label) => trainCounts[label] === 0);
  if (empty.length > 0) {
    throw new Error(`${source}: the class${empty.length > 1 ? "es" : ""} ${empty.map((name) => JSON.stringify(name)).join(", ")} ha${empty.length > 1 ? "ve" : "s"} no training examples. Add examples of ${empty.length > 1 ? "them" : "it"}, or remove ${empty.length > 1 ? "them" : "it"} from classNames.`);
  }
  if (test.length === 0) throw new Error(`${source}: no example is left for testing. Add examples, raise testFraction, or mark some as "test".`);
  return { train, test };
}

/** Every text's tokens as word numbers, ranked by count over the training texts (ties alphabetical). */
function tokenStream(examples: LabeledText[], train: number[]) {
  const isTrain = new Uint8Array(examples.length);
  for (const i of train) isTrain[i] = 1;
  const numbered = new NumberedTokens();
  const { tokens } = numbered;
  const offsets = new Int32Array(examples.length + 1);
  examples.forEach((example, i) => {
    numbered.counting = isTrain[i] === 1;
    offsets[i] = tokens.length;
    forEachToken(example.text, {}, numbered.onToken);
  });
  offsets[examples.length] = tokens.length;
  const { words, renumber, projectWords } = numbered.ranked();
  const renumbered = new Int32Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) renumbered[t] = renumber[tokens.data[t]];
  const ranks = ranksOfCorpusWords({ words, projectWords });
  const wordIndex = new Map<string, number>();
  for (let rank = 1; rank <= projectWords; rank++) wordIndex.set(words[rank - 1], rank);
  return { stream: { offsets, tokens: renumbered, ranks }, wordIndex };
}
