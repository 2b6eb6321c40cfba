/**
 * Which n-grams become features (lesson 7, "Bag of n-grams").
 */
import { integerOption } from "../../util/options";
import { checkMaxN } from "./extract";
import { NgramTrie } from "./ngram-trie";

/** The n-grams kept as features, in column order, with what TF-IDF needs to know about the training reviews. */
export interface NgramVocabulary {
  /** N-grams of 1..maxN tokens. */
  maxN: number;
  /** Column j of the feature matrix is `ngrams[j]`. */
  ngrams: string[];
  /** How many training reviews contain `ngrams[j]`. */
  documentCounts: Int32Array;
  /** How many training reviews the vocabulary was built from. */
  documents: number;
  /** Finds the columns of a review's n-grams. */
  lookup: NgramLookup;
}

export interface VocabularyOptions {
  /** Longest n-gram; default 2 (unigrams and bigrams). */
  maxN?: number;
  /**
   * Keep only n-grams found in at least this many training reviews; default 2.
   * Most bigrams occur once: they cannot generalise and would double the memory.
   */
  minDocumentCount?: number;
  /** Then keep at most this many, the most frequent (ties: the earlier seen); default no limit. */
  maxFeatures?: number;
}

/**
 * N-grams as numbers into a list of their distinct tokens: n-gram j is the
 * tokens `tokens[tokenIds[k]]` for k from `starts[j]` up to `starts[j + 1]`
 * (so `starts` has one entry more than there are n-grams).
 */
export interface NumberedNgrams {
  tokens: readonly string[];
  tokenIds: Int32Array;
  starts: Int32Array;
}

/**
 * Maps n-grams (as token sequences or text) to vocabulary columns, through a
 * trie, so a review's features need no joined n-gram strings (lesson 7).
 * Built from NumberedNgrams, it hashes each distinct token once instead of
 * every n-gram's text: how the exported demo loads lesson 7's model fast.
 */
export class NgramLookup {
  private readonly trie: NgramTrie;
  private readonly columnOfNode: Int32Array;

  /** `ngrams[j]` (text such as "not bad", or numbered) is column j. */
  constructor(ngrams: readonly string[] | NumberedNgrams) {
    const numbered = "starts" in ngrams ? ngrams : undefined;
    const count = numbered ? numbered.starts.length - 1 : (ngrams as readonly string[]).length;
    this.trie = new NgramTrie(count);
    const nodes = new Int32Array(count);
    if (numbered === undefined) {
      const texts = ngrams as readonly string[];
      for (let column = 0; column < count; column++) nodes[column] = this.trie.node(texts[column], true);
    } else {
      const { tokens, tokenIds, starts } = numbered;
      const tokenNodes = Int32Array.from(tokens, (token) => this.trie.tokenNode(token, true));
      for (let column = 0; column < count; column++) {
        let node = tokenNodes[tokenIds[starts[column]]];
        for (let k = starts[column] + 1; k < starts[column + 1]; k++) node = this.trie.childNode(node, tokenNodes[tokenIds[k]], true);
        nodes[column] = node;
      }
    }
    // Every n-gram's prefixes are nodes too, so there may be more nodes than n-grams.
    this.columnOfNode = new Int32Array(this.trie.size).fill(-1);
    nodes.forEach((node, column) => {
      if (this.columnOfNode[node] >= 0) throw new Error(`The vocabulary lists "${this.trie.text(node)}" twice (columns ${this.columnOfNode[node]} and ${column}); each n-gram must appear once.`);
      this.columnOfNode[node] = column;
    });
  }

  /** The column of every n-gram of `tokens` (in `extractNgrams` order), -1 where not in the vocabulary. */
  columns(tokens: readonly string[], maxN: number): Int32Array {
    const nodes = this.trie.ngramNodes(tokens, maxN, false);
    return nodes.map((node) => (node < 0 || node >= this.columnOfNode.length ? -1 : this.columnOfNode[node]));
  }

  /** The column of one n-gram ("not bad"), or -1. */
  column(ngram: string): number {
    const node = this.trie.node(ngram, false);
    return node < 0 || node >= this.columnOfNode.length ? -1 : this.columnOfNode[node];
  }
}

/**
 * Counts in how many reviews each n-gram occurs and keeps the frequent ones
 * (lesson 7). Columns are ordered by first appearance in `documents` (each
 * review's unigrams, then its bigrams, ...), so the same reviews always give
 * the same vocabulary.
 */
export function buildNgramVocabulary(documents: readonly (readonly string[])[], options: VocabularyOptions = {}): NgramVocabulary {
  const where = "buildNgramVocabulary";
  const maxN = checkMaxN(where, options.maxN ?? 2);
  const minDocumentCount = integerOption(where, "minDocumentCount", options.minDocumentCount, 1, Infinity, 2);
  const maxFeatures = integerOption(where, "maxFeatures", options.maxFeatures, 1, Infinity, Infinity, "leave it out for no limit");

  // Document frequency without a Set per review: an n-gram counts once per
  // review because we remember the last review that counted it.
  const trie = new NgramTrie();
  const counts: number[] = [];
  const lastDocument: number[] = [];
  documents.forEach((tokens, d) => {
    for (const node of trie.ngramNodes(tokens, maxN, true)) {
      while (counts.length <= node) {
        counts.push(0);
        lastDocument.push(-1);
      }
      if (lastDocument[node] !== d) {
        lastDocument[node] = d;
        counts[node]++;
      }
    }
  });

  // Nodes are numbered in order of first appearance.
  let kept: number[] = [];
  for (let node = 0; node < counts.length; node++) if (counts[node] >= minDocumentCount) kept.push(node);
  if (kept.length > maxFeatures) {
    kept = kept.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, maxFeatures).sort((a, b) => a - b);
  }
  const ngrams = kept.map((node) => trie.text(node));
  return { maxN, ngrams, documentCounts: Int32Array.from(kept, (node) => counts[node]), documents: documents.length, lookup: new NgramLookup(ngrams) };
}
