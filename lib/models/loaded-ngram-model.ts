/**
 * A saved bag-of-n-grams model loaded back (lesson 7 trains it; lessons 6
 * and 9 use it on new text): its own tokenizer settings and vocabulary turn
 * a text into the features it was trained on.
 */
import { loadReviews } from "../data/imdb/reviews";
import { ngramModelFeatures, tokenizeForModel, type NgramSentimentModel } from "./ngrams/model";
import { predictProbabilities } from "./ngrams/logistic-regression";
import { noSuchReview, sentimentPrediction, type ReviewScorer, type SavedSentimentModelInfo, type SentimentModel, type SentimentPrediction } from "./sentiment-model";

export class LoadedNgramModel implements SentimentModel {
  readonly kind = "ngrams";

  constructor(
    readonly model: NgramSentimentModel,
    readonly info: SavedSentimentModelInfo,
    /** The folder it was loaded from. */
    readonly path: string,
  ) {}

  get name(): string {
    return this.info.name;
  }

  /** Its unknown words are the tokens that are not a unigram of its vocabulary. */
  async predict(texts: readonly string[]): Promise<SentimentPrediction[]> {
    const { model } = this;
    const documents = tokenizeForModel(model, texts);
    const probabilities = this.probabilities(documents);
    return texts.map((text, i) => {
      const unknown = new Set(documents[i].filter((token) => model.vocabulary.lookup.column(token) < 0));
      return sentimentPrediction(text, probabilities[i], documents[i], [...unknown]);
    });
  }

  /** It reads the reviews' texts. */
  async reviewScorer(reviewIndices: readonly number[]): Promise<ReviewScorer> {
    const reviews = await loadReviews();
    const texts = reviewIndices.map((r) => {
      const review = reviews[r];
      if (review === undefined) throw noSuchReview(r, reviews.length);
      return review.text;
    });
    return (from, to) => this.probabilities(tokenizeForModel(this.model, texts.slice(from, to)));
  }

  /** Its weights are plain arrays, which the garbage collector frees. */
  dispose(): void {}

  private probabilities(documents: readonly string[][]): Float32Array {
    return predictProbabilities(this.model.classifier, ngramModelFeatures(this.model, documents));
  }
}
