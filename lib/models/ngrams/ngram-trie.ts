/**
 * Numbering n-grams without building their strings (lesson 7, "Bag of n-grams").
 *
 * Joining tokens into "not bad" strings and hashing them for every bigram
 * took 17 s for the vocabulary of the 25,000 training reviews; numbered this
 * way it takes about 3 s (both at load ~1). Here every n-gram is a node: a
 * unigram's node comes from a map of token strings, and an n-gram's node is
 * the child of its first n-1 tokens' node along its last token, found in a
 * hash table of integer pairs (a Map keyed by numbers was 3x slower).
 */
import { NGRAM_SEPARATOR, checkMaxN } from "./extract";
import { PairTable } from "./pair-table";

const NODE_LIMIT = 2 ** 31 - 1;

export class NgramTrie {
  private readonly unigrams = new Map<string, number>();
  private readonly unigramText = new Map<number, string>();
  private readonly children: PairTable;
  /** Node i's parent (-1 for a unigram) and last token are parent[i] and lastToken[i], for i < size. */
  private parent: Int32Array;
  private lastToken: Int32Array;
  private nodes = 0;

  /** `expectedSize`: about how many n-grams it will hold, so that its arrays are made big enough once instead of grown. */
  constructor(expectedSize = 0) {
    this.children = new PairTable(2 * expectedSize);
    this.parent = new Int32Array(Math.max(expectedSize, 1024));
    this.lastToken = new Int32Array(this.parent.length);
  }

  /** How many distinct n-grams (of any order) the trie holds. */
  get size(): number {
    return this.nodes;
  }

  /**
   * The node of every n-gram of `tokens`, in `extractNgrams` order: all
   * unigrams, then all bigrams, and so on. With `grow`, unseen n-grams get new
   * nodes; without, they are -1.
   */
  ngramNodes(tokens: readonly string[], maxN: number, grow: boolean): Int32Array {
    checkMaxN("NgramTrie.ngramNodes", maxN);
    const length = tokens.length;
    const orders = Math.min(maxN, length);
    // Orders 1..orders hold length, length-1, ... n-grams.
    const out = new Int32Array(orders * length - (orders * (orders - 1)) / 2);
    for (let i = 0; i < length; i++) out[i] = this.tokenNode(tokens[i], grow);
    let previousStart = 0;
    let start = length;
    for (let n = 2; n <= orders; n++) {
      const count = length - n + 1;
      for (let i = 0; i < count; i++) {
        const prefix = out[previousStart + i];
        const last = out[i + n - 1];
        out[start + i] = prefix < 0 || last < 0 ? -1 : this.childNode(prefix, last, grow);
      }
      previousStart = start;
      start += count;
    }
    return out;
  }

  /** The node of one n-gram given as its text ("not bad"), added if `grow`; -1 if absent. */
  node(ngram: string, grow: boolean): number {
    // Walks the tokens with indexOf: split() and its arrays made loading a 451,000-n-gram model half again slower.
    let end = ngram.indexOf(NGRAM_SEPARATOR);
    if (end < 0) return this.tokenNode(ngram, grow);
    let node = this.tokenNode(ngram.slice(0, end), grow);
    while (end >= 0) {
      const start = end + NGRAM_SEPARATOR.length;
      end = ngram.indexOf(NGRAM_SEPARATOR, start);
      const last = this.tokenNode(end < 0 ? ngram.slice(start) : ngram.slice(start, end), grow);
      if (node < 0 || last < 0) return -1;
      node = this.childNode(node, last, grow);
    }
    return node;
  }

  /** The text of a node's n-gram, e.g. "not bad". */
  text(node: number): string {
    const tokens: string[] = [];
    for (let current = node; current >= 0; current = this.parent[current]) {
      tokens.push(this.unigramText.get(this.lastToken[current])!);
    }
    return tokens.reverse().join(NGRAM_SEPARATOR);
  }

  /** The node of the unigram `token`, added if `grow`; -1 if absent. */
  tokenNode(token: string, grow: boolean): number {
    let node = this.unigrams.get(token);
    if (node === undefined) {
      if (!grow) return -1;
      node = this.newNode(-1, this.size);
      this.unigrams.set(token, node);
      this.unigramText.set(node, token);
    }
    return node;
  }

  /** The node of the n-gram `prefix` followed by the unigram `last` (both nodes), added if `grow`; -1 if absent. */
  childNode(prefix: number, last: number, grow: boolean): number {
    let node = this.children.get(prefix, last);
    if (node < 0 && grow) {
      node = this.newNode(prefix, last);
      this.children.set(prefix, last, node);
    }
    return node;
  }

  private newNode(parent: number, lastToken: number): number {
    const node = this.nodes;
    if (node >= NODE_LIMIT) throw new RangeError(`More than ${NODE_LIMIT} distinct n-grams; use a smaller maxN or fewer reviews.`);
    if (node === this.parent.length) {
      const capacity = Math.min(2 * node, NODE_LIMIT);
      this.parent = grown(this.parent, capacity);
      this.lastToken = grown(this.lastToken, capacity);
    }
    this.parent[node] = parent;
    this.lastToken[node] = lastToken;
    this.nodes++;
    return node;
  }
}

function grown(values: Int32Array, capacity: number): Int32Array {
  const copy = new Int32Array(capacity);
  copy.set(values);
  return copy;
}
