/**
 * Numbers words read straight from a string's UTF-16 code units: the cache
 * build meets 11.5 million tokens, and slicing each into a string to look it
 * up in a Map took most of the build time.
 */

import { GrowableInt32 } from "../../util/growable-int32";

const EMPTY = 0;
const INITIAL_SLOTS = 1 << 16;

export class WordTable {
  /** Open-addressing slots holding word number + 1 (0 = empty). */
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes: Int32Array = new Int32Array(1024);
  private starts: Int32Array = new Int32Array(1024);
  private lengths: Int32Array = new Int32Array(1024);
  /** The code units of every word, one after another. */
  private pool = new Uint16Array(1 << 16);
  private poolLength = 0;
  size = 0;

  /** The number of `source.slice(start, end)`: 0 for the first word seen, then 1, 2, … */
  numberOf(source: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0; // FNV-1a
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === EMPTY) return this.insert(slot, hash, source, start, end);
      const word = entry - 1;
      if (this.hashes[word] === hash && this.sameWord(word, source, start, end)) return word;
      slot = (slot + 1) & mask;
    }
  }

  /** Every word, by number. */
  words(): string[] {
    const bytes = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.poolLength * 2);
    const words: string[] = new Array(this.size);
    for (let word = 0; word < this.size; word++) {
      words[word] = bytes.toString("utf16le", this.starts[word] * 2, (this.starts[word] + this.lengths[word]) * 2);
    }
    return words;
  }

  private sameWord(word: number, source: string, start: number, end: number): boolean {
    if (this.lengths[word] !== end - start) return false;
    const at = this.starts[word];
    for (let i = start; i < end; i++) if (this.pool[at + i - start] !== source.charCodeAt(i)) return false;
    return true;
  }

  private insert(slot: number, hash: number, source: string, start: number, end: number): number {
    const word = this.size++;
    if (word === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
    }
    const length = end - start;
    while (this.poolLength + length > this.pool.length) {
      const bigger = new Uint16Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    for (let i = 0; i < length; i++) this.pool[this.poolLength + i] = source.charCodeAt(start + i);
    this.hashes[word] = hash;
    this.starts[word] = this.poolLength;
    this.lengths[word] = length;
    this.poolLength += length;
    this.slots[slot] = word + 1;
    // Keep at most half the slots full, so probe runs stay short.
    if (this.size * 2 > this.slots.length) this.rehash();
    return word;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let word = 0; word < this.size; word++) {
      let slot = this.hashes[word] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = word + 1;
    }
    this.slots = slots;
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Tokens as first-seen word numbers, with each word's count over the
 * training texts: what rankWords ranks. Pass `onToken` to forEachToken; set
 * `counting` while the tokens come from a training text.
 */
export class NumberedTokens {
  readonly wordNumbers = new WordTable();
  readonly trainCounts = new GrowableInt32();
  readonly tokens = new GrowableInt32();
  counting = false;

  readonly onToken = (source: string, start: number, end: number): void => {
    const number = this.wordNumbers.numberOf(source, start, end);
    if (number === this.trainCounts.length) this.trainCounts.push(0);
    if (this.counting) this.trainCounts.data[number]++;
    this.tokens.push(number);
  };

  /** rankWords over the words seen so far. */
  ranked(): ReturnType<typeof rankWords> {
    return rankWords(this.wordNumbers, this.trainCounts.data);
  }
}

/**
 * Numbers words from 1: words of the training reviews by decreasing count,
 * ties in alphabetical (UTF-16 code unit) order, so number = project rank;
 * then words seen only in test reviews, alphabetically (outside the project
 * vocabulary, kept for decoding). `renumber[firstSeen]` is the new number of
 * each word. Used by the IMDB cache build and by `loadTextDataset`.
 */
export function rankWords(wordNumbers: WordTable, trainCounts: Int32Array): { words: string[]; renumber: Int32Array; projectWords: number } {
  const entries = wordNumbers.words().map((word, firstSeen): [string, number] => [word, firstSeen]);
  const alphabetical = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const train = entries.filter(([, n]) => trainCounts[n] > 0);
  const testOnly = entries.filter(([, n]) => trainCounts[n] === 0);
  train.sort(([a, na], [b, nb]) => trainCounts[nb] - trainCounts[na] || alphabetical(a, b));
  testOnly.sort(([a], [b]) => alphabetical(a, b));
  const ordered = [...train, ...testOnly];
  const renumber = new Int32Array(entries.length);
  ordered.forEach(([, firstSeen], i) => (renumber[firstSeen] = i + 1));
  return { words: ordered.map(([word]) => word), renumber, projectWords: train.length };
}
