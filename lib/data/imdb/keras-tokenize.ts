/**
 * The preprocessing behind Keras' `imdb.npz` and its word index, so that
 * `loadData({ vocabulary: "keras" })` gives Keras' own sequences (lesson 1,
 * "Exploring the reviews", explains how it differs from `tokenize`).
 *
 * Keras does not publish how it made the file. These rules were found by
 * comparing with the file's word index and with sequences of
 * `imdb.load_data`: split with Keras' `text_to_word_sequence` defaults, except
 * that only the ASCII letters A-Z are lowercased ("Ángel" stays "Ángel", as a
 * Python 2 byte string's `lower()` does). With them, the distinct tokens of
 * the 25,000 training reviews are exactly the 88,584 words of the index, and
 * the index's ranks follow their training counts (ties in no order that can
 * be recovered, which is why the ranks are read from the index).
 */
import { requiredStringOption } from "../../util/options";

/** Bumped whenever the rules below change: a cache built by other rules is then rebuilt. */
export const KERAS_TOKENIZER_VERSION = 1;

/** `text_to_word_sequence`'s default `filters`: each becomes a space. */
export const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

const SPACE = 0x20;
const SEPARATOR = buildSeparators();

function buildSeparators(): Uint8Array {
  const separator = new Uint8Array(128);
  separator[SPACE] = 1;
  for (const char of KERAS_FILTERS) separator[char.charCodeAt(0)] = 1;
  return separator;
}

/**
 * Splits a text into tokens as Keras' IMDB data was made:
 * 1. ASCII letters A-Z become lowercase; every other character is kept as is.
 * 2. Every character of `KERAS_FILTERS` becomes a space, so `<br />` leaves the
 *    token "br" and "don't" stays whole; "…", "’", "\r" and non-breaking spaces
 *    are not filters and stay inside tokens.
 * 3. The text is split at spaces; empty pieces are dropped.
 */
export function kerasTokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachKerasToken(text, (source, start, end) => tokens.push(source.slice(start, end)));
  return tokens;
}

/**
 * The scan behind `kerasTokenize`: calls `onToken(source, start, end)` for
 * each token, where `source` is the text after rule 1. The cache build uses it
 * to number words without creating a string per token.
 */
export function forEachKerasToken(text: string, onToken: (source: string, start: number, end: number) => void): void {
  requiredStringOption("kerasTokenize", "text", text);
  const source = text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const length = source.length;
  let start = -1;
  for (let i = 0; i < length; i++) {
    const code = source.charCodeAt(i);
    if (code < 128 && SEPARATOR[code] === 1) {
      if (start >= 0) onToken(source, start, i);
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) onToken(source, start, length);
}
