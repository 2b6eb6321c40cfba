/**
 * A saved model's probabilities for many reviews, a batch at a time (lesson 9,
 * "Inside the models": every model on the 25,000 test reviews).
 *
 * predictSentiment on all 25,000 reviews at once would build the whole input:
 * for the multi-hot network 25,000 × 10,000 float32, 1 GB. A batch of 500
 * takes 20 MB.
 */
import { predictSentiment, type LoadedSentimentModel } from "./predict";

export interface BatchPredictionOptions {
  /** Reviews per call of predictSentiment (default 500). */
  batchSize?: number;
  /** Called after each batch with the reviews done so far, e.g. to show progress. */
  onProgress?: (done: number, total: number) => void;
}

/** P(positive) of each text according to `loaded`, in order (lesson 9). */
export async function predictInBatches(loaded: LoadedSentimentModel, texts: readonly string[], options: BatchPredictionOptions = {}): Promise<Float32Array> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`predictInBatches: batchSize must be a whole number ≥ 1, got ${batchSize}.`);
  const probabilities = new Float32Array(texts.length);
  for (let from = 0; from < texts.length; from += batchSize) {
    const batch = await predictSentiment(loaded, texts.slice(from, from + batchSize));
    batch.forEach((prediction, i) => (probabilities[from + i] = prediction.probability));
    options.onProgress?.(Math.min(from + batchSize, texts.length), texts.length);
    // Lets a notebook's progress display through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return probabilities;
}
