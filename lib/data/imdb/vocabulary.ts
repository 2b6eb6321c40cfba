/**
 * The two vocabularies: "project" (this project's tokenizer, ranked by
 * frequency over the 25,000 training reviews) and "keras" (the Keras word index).
 */
import type { ContainerReader } from "./container";
import { readCorpus, readMeta } from "./corpus";
import { kerasWordIndex } from "./keras-index";
import type { ProgressListener } from "./progress";

export type VocabularyName = "project" | "keras";
export const VOCABULARIES: readonly VocabularyName[] = ["project", "keras"];
/** The vocabulary of loadData, textIndices and a saved network that names none. */
export const DEFAULT_VOCABULARY: VocabularyName = "project";

/** Every word of the cache by word number − 1; numbers 1..projectWords are the project ranks. */
export interface CorpusWords {
  words: string[];
  projectWords: number;
}

export interface Vocabulary {
  /** word → rank (1 = most frequent). */
  wordIndex: Map<string, number>;
  /** rank → word; index 0 and ranks without a word are undefined. */
  wordOfRank: (string | undefined)[];
}

const corpusWordsMemo = new Map<string, CorpusWords>();
const kerasWordsMemo = new Map<string, string[]>();
const projectMemo = new WeakMap<CorpusWords, Vocabulary>();
const kerasMemo = new WeakMap<Map<string, number>, Vocabulary>();

/** The word list of the open cache file, memoized per cache content. */
export function corpusWordsOf(reader: ContainerReader): CorpusWords {
  const known = corpusWordsMemo.get(reader.contentId);
  if (known !== undefined) return known;
  const loaded = { words: reader.text("words").split("\n"), projectWords: readMeta(reader).projectWords };
  corpusWordsMemo.set(reader.contentId, loaded);
  return loaded;
}

/** The vocabulary `name`, memoized. */
export async function vocabulary(name: VocabularyName, onProgress: ProgressListener): Promise<Vocabulary> {
  if (name === "keras") {
    const index = await kerasWordIndex(onProgress);
    let known = kerasMemo.get(index);
    if (known === undefined) {
      const wordOfRank: (string | undefined)[] = [];
      for (const [word, rank] of index) wordOfRank[rank] = word;
      known = { wordIndex: index, wordOfRank };
      kerasMemo.set(index, known);
    }
    return known;
  }
  const corpus = await readCorpus(onProgress, corpusWordsOf);
  let known = projectMemo.get(corpus);
  if (known === undefined) {
    const wordOfRank: (string | undefined)[] = [undefined, ...corpus.words.slice(0, corpus.projectWords)];
    const wordIndex = new Map<string, number>();
    for (let rank = 1; rank <= corpus.projectWords; rank++) wordIndex.set(corpus.words[rank - 1], rank);
    known = { wordIndex, wordOfRank };
    projectMemo.set(corpus, known);
  }
  return known;
}

/** For each word number of the cache (index 0 unused), its project rank; 0 for words seen only in test reviews. */
export function ranksOfCorpusWords(corpus: CorpusWords): Int32Array {
  const ranks = new Int32Array(corpus.words.length + 1);
  for (let n = 1; n <= corpus.projectWords; n++) ranks[n] = n;
  return ranks;
}

/** The words of the cache's Keras-rule tokens, by word number − 1, memoized per cache content. */
export function kerasWordsOf(reader: ContainerReader): string[] {
  const known = kerasWordsMemo.get(reader.contentId);
  if (known !== undefined) return known;
  const words = reader.text("kerasWords").split("\n");
  kerasWordsMemo.set(reader.contentId, words);
  return words;
}

/** For each Keras-rule word number (index 0 unused), its rank in the Keras word index; 0 when absent. */
export function ranksOfKerasWords(words: readonly string[], kerasIndex: Map<string, number>): Int32Array {
  const ranks = new Int32Array(words.length + 1);
  for (let n = 1; n <= words.length; n++) ranks[n] = kerasIndex.get(words[n - 1]) ?? 0;
  return ranks;
}
