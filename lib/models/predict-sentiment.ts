/**
 * The sentiment of a learner's own review according to any saved model
 * (lesson 6, "Your own review"; lesson 7 for the bag of n-grams).
 */
import type { SentimentModel, SentimentPrediction } from "./sentiment-model";

/**
 * The sentiment of any text according to a loaded model (lesson 6, "Your own
 * review"; lesson 7 for the bag of n-grams). The text takes the path the
 * training reviews took: for a network, encodeText with the model's saved
 * dataOptions (same tokenizer, vocabulary and index rules), then padSequences
 * (sequence models) or multiHot (multi-hot models); for the bag of n-grams,
 * its own tokenizer settings and vocabulary (predictNgramSentiment). A
 * network refuses to predict when the vocabulary in use no longer matches the
 * one it was saved with. One text gives one prediction; an array, one per text.
 */
export async function predictSentiment(loaded: SentimentModel, text: string): Promise<SentimentPrediction>;
export async function predictSentiment(loaded: SentimentModel, texts: readonly string[]): Promise<SentimentPrediction[]>;
export async function predictSentiment(loaded: SentimentModel, input: string | readonly string[]): Promise<SentimentPrediction | SentimentPrediction[]> {
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) {
    throw new TypeError("predictSentiment: give a review as a string, or an array of strings.");
  }
  const predictions = await loaded.predict(texts);
  return typeof input === "string" ? predictions[0] : predictions;
}
