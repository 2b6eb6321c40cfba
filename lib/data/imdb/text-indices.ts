/**
 * A text's word indices under a vocabulary's own tokenizer and rules: what
 * `encodeText` does after loading the vocabulary, kept free of file access so
 * the exported demo page runs this same code in the browser.
 */
import { DROPPED, encodeWords, type IndexRules } from "./indices";
import { kerasTokenize } from "./keras-tokenize";
import { tokenize } from "./tokenize";

/** The text's tokens as the vocabulary's own tokenizer splits it: `kerasTokenize` for "keras", the course's `tokenize` otherwise. */
export function vocabularyTokens(vocabularyName: string, text: string): string[] {
  return vocabularyName === "keras" ? kerasTokenize(text) : tokenize(text);
}

/**
 * With "keras", the text is split by `kerasTokenize` and words missing from
 * the Keras index are left out (as in Keras' own data); with the project's
 * vocabulary they become oovChar (left out when it is null). An unset numWords
 * keeps every word of the vocabulary.
 */
export function textIndices(vocabularyName: string, text: string, wordIndex: ReadonlyMap<string, number>, rules: IndexRules): Int32Array {
  return tokenIndices(vocabularyName, vocabularyTokens(vocabularyName, text), wordIndex, rules);
}

/** textIndices of a text already split by vocabularyTokens, for callers that need the tokens too. */
export function tokenIndices(vocabularyName: string, tokens: readonly string[], wordIndex: ReadonlyMap<string, number>, rules: IndexRules): Int32Array {
  const numWords = rules.numWords ?? Number.POSITIVE_INFINITY;
  const missing = vocabularyName === "keras" ? DROPPED : (rules.oovChar ?? DROPPED);
  return encodeWords(tokens, wordIndex, rules, numWords, missing);
}
