/**
 * N-grams of one tokenized review (lesson 7, "Bag of n-grams").
 */
import { requiredIntegerOption } from "../../util/options";

/** Tokens of an n-gram are joined with this; tokenizers never put it inside a token (lesson 7). */
export const NGRAM_SEPARATOR = " ";

/**
 * Every n-gram of 1 up to `maxN` consecutive tokens, unigrams first, each order
 * in text order, repeats kept: `["not", "bad", "at"]`, maxN 2 →
 * `["not", "bad", "at", "not bad", "bad at"]`. N-grams never run past either
 * end of the review (lesson 7).
 */
export function extractNgrams(tokens: readonly string[], maxN: number): string[] {
  checkMaxN("extractNgrams", maxN);
  const out: string[] = [];
  for (let n = 1; n <= maxN; n++) {
    for (let start = 0; start + n <= tokens.length; start++) {
      out.push(n === 1 ? tokens[start] : tokens.slice(start, start + n).join(NGRAM_SEPARATOR));
    }
  }
  return out;
}

export function checkMaxN(where: string, maxN: unknown): number {
  return requiredIntegerOption(where, "maxN", maxN, 1, Infinity, "1 = unigrams, 2 = unigrams + bigrams");
}
