/**
 * A saved tfjs network loaded back (lessons 2-5 train them, lesson 6 uses
 * them on new text). New text takes the path the training reviews took:
 * encodeText with the saved dataOptions (same tokenizer, vocabulary and index
 * rules), then padSequences (sequence models) or multiHot (multi-hot models).
 * The words saved with the network let it refuse to predict once the
 * vocabulary in use has changed since it was trained.
 */
import type * as tf from "@tensorflow/tfjs";
import { getWordIndex } from "../data/imdb/text";
import { tokenIndices, vocabularyTokens } from "../data/imdb/text-indices";
import { loadData } from "../data/imdb/load-data";
import { cut, readIndexRules, type IndexRules } from "../data/imdb/indices";
import { networkProbabilities } from "./network-probabilities";
import { lessonSaving } from "./registry";
import { noSuchReview, sentimentPrediction, type ReviewScorer, type SavedSentimentModelInfo, type SentimentDataOptions, type SentimentModel, type SentimentPrediction } from "./sentiment-model";
import type { KnownWords } from "./storage/vocabulary-json";

/** The course.json of a network: its dataOptions are always there. */
export type NetworkModelInfo = SavedSentimentModelInfo & { kind: "sequence" | "multi-hot"; dataOptions: SentimentDataOptions };

/** A tfjs network loaded from disk. */
export class LoadedNetworkModel implements SentimentModel {
  readonly kind: "sequence" | "multi-hot";

  constructor(
    readonly model: tf.LayersModel,
    readonly info: NetworkModelInfo,
    /** The folder it was loaded from. */
    readonly path: string,
    /** Its vocabulary.json: what its word indices meant in training. */
    readonly savedWords: KnownWords,
  ) {
    this.kind = info.kind;
  }

  get name(): string {
    return this.info.name;
  }

  /** The dataOptions that shape word indices: what encodeText and loadData need to encode reviews for it. */
  get encodeOptions(): Pick<SentimentDataOptions, "vocabulary" | "numWords" | "skipTop" | "startChar" | "oovChar" | "indexFrom"> {
    const { vocabulary, numWords, skipTop, startChar, oovChar, indexFrom } = this.info.dataOptions;
    return { vocabulary, numWords, skipTop, startChar, oovChar, indexFrom };
  }

  async predict(texts: readonly string[]): Promise<SentimentPrediction[]> {
    const wordIndex = await this.checkedWordIndex("predictSentiment");
    // encodeText's steps, with the vocabulary and the index rules read once for all texts.
    const rules = readIndexRules("predictSentiment", this.encodeOptions);
    const { vocabulary } = this.savedWords;
    const tokensOfTexts = texts.map((text) => vocabularyTokens(vocabulary, text));
    const sequences = tokensOfTexts.map((tokens) => tokenIndices(vocabulary, tokens, wordIndex, rules));
    const probabilities = networkProbabilities(this.model, this.info, sequences);
    return texts.map((text, i) => sentimentPrediction(text, probabilities[i], tokensOfTexts[i], unseenWords(tokensOfTexts[i], wordIndex, rules)));
  }

  /** Dataset reviews are already encoded in loadData's cache: it reads them with its own index rules (no maxlen filter: padding cuts them). */
  async reviewScorer(reviewIndices: readonly number[]): Promise<ReviewScorer> {
    await this.checkedWordIndex("predictReviews");
    const data = await loadData(this.encodeOptions);
    const sequenceOf = new Map<number, Int32Array>();
    for (const split of [data.train, data.test]) split.reviewIndex.forEach((r, i) => sequenceOf.set(r, split.x[i]));
    const sequences = reviewIndices.map((r) => {
      const sequence = sequenceOf.get(r);
      if (sequence === undefined) throw noSuchReview(r, sequenceOf.size);
      return sequence;
    });
    return (from, to) => networkProbabilities(this.model, this.info, sequences.slice(from, to));
  }

  dispose(): void {
    this.model.dispose();
  }

  /** The word index in use; throws when a word the model knows has another rank now than when it was trained. */
  private async checkedWordIndex(where: string): Promise<Map<string, number>> {
    const wordIndex = await getWordIndex({ vocabulary: this.info.dataOptions.vocabulary });
    const saved = this.savedWords;
    const changed = saved.words.findIndex((word, i) => word !== null && wordIndex.get(word) !== i + 1);
    if (changed >= 0) {
      const word = saved.words[changed] as string;
      const lesson = lessonSaving(this.name);
      throw new Error(
        `${where}: model "${this.name}" was trained when "${word}" was word ${changed + 1} of the ${saved.vocabulary} vocabulary, ` +
          `but it is word ${wordIndex.get(word) ?? "(none)"} now: the tokenizer or the data changed since, so its predictions would be wrong. ` +
          `Train and save it again${lesson === undefined ? "" : ` (lesson ${lesson})`}.`,
      );
    }
    return wordIndex;
  }
}

/** Each token the model cannot see once: not in the vocabulary, or cut by numWords or skipTop (the exported demo's explanations too). */
export function unseenWords(tokens: readonly string[], wordIndex: ReadonlyMap<string, number>, rules: IndexRules): string[] {
  const numWords = rules.numWords ?? Number.POSITIVE_INFINITY;
  const unseen = new Set<string>();
  for (const token of tokens) {
    const rank = wordIndex.get(token);
    if (rank === undefined || cut(rank + rules.indexFrom, rules, numWords) !== rank + rules.indexFrom) unseen.add(token);
  }
  return [...unseen];
}
