/**
 * `vocabulary.json` in a saved network's folder (lesson 6): the words the
 * network can see, by rank, as they were when it was trained. Prediction
 * compares them with the vocabulary in use to detect one that changed since
 * (another tokenizer, other data); the exported demo page encodes text with
 * them.
 */
import * as path from "node:path";
import { readIndexRules } from "../../data/imdb/indices";
import { getWordIndex } from "../../data/imdb/text";
import { DEFAULT_VOCABULARY, VOCABULARIES } from "../../data/imdb/vocabulary";
import { writeFileAtomic } from "../../util/files";
import { readJsonFile } from "../../util/json-file";
import { JsonFields, STRING, oneOf, orNull } from "../../util/json-fields";
import { saveAgainAdvice } from "../registry";
import type { SentimentDataOptions } from "../sentiment-model";

const VOCABULARY_JSON = "vocabulary.json";

/** What `vocabulary.json` holds: the words a model can see, `words[r - 1]` being the word of rank r. */
export interface KnownWords {
  vocabulary: string;
  words: (string | null)[];
}

/** The words whose index (rank + indexFrom) stays below numWords, in rank order. */
export async function knownWords(dataOptions: SentimentDataOptions): Promise<KnownWords> {
  const vocabulary = dataOptions.vocabulary ?? DEFAULT_VOCABULARY;
  const wordIndex = await getWordIndex({ vocabulary });
  const { numWords, indexFrom } = readIndexRules("saveSentimentModel", dataOptions);
  const lastRank = (numWords ?? 0) - indexFrom - 1;
  const words: (string | null)[] = [];
  for (const [word, rank] of wordIndex) {
    if (rank <= lastRank) words[rank - 1] = word;
  }
  return { vocabulary, words: Array.from(words, (word) => word ?? null) };
}

export function writeVocabularyJson(folder: string, words: KnownWords): void {
  writeFileAtomic(path.join(folder, VOCABULARY_JSON), [Buffer.from(JSON.stringify(words))]);
}

/**
 * The vocabulary.json of the network `name` saved in `folder`, checked
 * against the vocabulary its course.json names (`dataOptions.vocabulary`).
 */
export function readVocabularyJson(folder: string, name: string, dataOptions: SentimentDataOptions): KnownWords {
  const file = path.join(folder, VOCABULARY_JSON);
  const remedy = saveAgainAdvice(name);
  const fields = new JsonFields(file, remedy);
  const content = fields.root(readJsonFile(file, remedy));
  const expected = dataOptions.vocabulary ?? DEFAULT_VOCABULARY;
  const vocabulary = fields.required(content, "vocabulary", oneOf(VOCABULARIES));
  if (vocabulary !== expected) throw fields.problem("vocabulary", `"${expected}", the vocabulary course.json's dataOptions name`, vocabulary);
  return { vocabulary, words: fields.array(content, "words", orNull(STRING)) };
}
