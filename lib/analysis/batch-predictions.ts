/**
 * A saved model's scores for many dataset reviews at once (lesson 9, "Inside
 * the models": every model on the 25,000 test reviews), and the network
 * logits that explainPrediction's occlusion also uses.
 *
 * predictSentiment takes each text through the tokenizer and the vocabulary
 * again and lists its unknown words; for 25,000 reviews that costs about three
 * times the forward passes (measured: 15-17 s of CPU per network against
 * 4-5 s). Each model prepares the reviews the fast way it allows
 * (SentimentModel.reviewScorer): dataset reviews are already encoded in the
 * cache, so a network reads loadData's sequences with its own index rules;
 * the bag of n-grams reads the review texts. Scoring goes a batch at a time
 * (a multi-hot batch of 500 takes 20 MB, all 25,000 would take 1 GB).
 */
import * as tf from "@tensorflow/tfjs";
import type { LoadedNetworkModel } from "../models/loaded-network-model";
import { networkInputs } from "../models/network-inputs";
import type { SentimentModel } from "../models/sentiment-model";
import { integerOption } from "../util/options";

export interface BatchPredictionOptions {
  /** Reviews per forward pass (default 500). */
  batchSize?: number;
  /** Called after each batch with the reviews done so far, e.g. to show progress. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * P(positive) according to `loaded` for the dataset reviews at
 * `reviewIndices` (positions in `loadReviews()`, as loadData's `reviewIndex`
 * gives them), in that order (lesson 9). Each review is encoded as the model
 * was trained: the same probabilities as predictSentiment on the review texts.
 */
export async function predictReviews(loaded: SentimentModel, reviewIndices: readonly number[], options: BatchPredictionOptions = {}): Promise<Float32Array> {
  const batchSize = integerOption("predictReviews", "batchSize", options.batchSize, 1, Infinity, 500);
  const probabilities = new Float32Array(reviewIndices.length);
  const scoreReviews = await loaded.reviewScorer(reviewIndices);
  for (let from = 0; from < reviewIndices.length; from += batchSize) {
    const to = Math.min(from + batchSize, reviewIndices.length);
    probabilities.set(scoreReviews(from, to), from);
    options.onProgress?.(to, reviewIndices.length);
    // Lets a notebook's progress display through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return probabilities;
}

/**
 * The logit of each encoded sequence (start index included, not yet padded),
 * `batchSize` at a time, read as the model was trained to read them: padded
 * to maxlen or as a multi-hot vector (lesson 9).
 */
export function networkLogits(loaded: LoadedNetworkModel, sequences: readonly Int32Array[], batchSize = 256): Float64Array {
  const { info } = loaded;
  const toLogits = logitFunction(loaded.model);
  const logits = new Float64Array(sequences.length);
  for (let from = 0; from < sequences.length; from += batchSize) {
    const batch = sequences.slice(from, from + batchSize);
    logits.set(tf.tidy(() => toLogits(networkInputs(info, batch)).dataSync()), from);
  }
  return logits;
}

/**
 * The network's logit for a batch: the input of its last layer through that
 * layer without the sigmoid, so that a sure prediction (P rounding to 1 in
 * float32) keeps its exact logit. A model whose last layer is not
 * Dense(1, sigmoid) falls back to log(P / (1 − P)).
 */
function logitFunction(model: tf.LayersModel): (inputs: tf.Tensor) => tf.Tensor1D {
  const last = model.layers[model.layers.length - 1];
  const config = last.getConfig();
  if (last.getClassName() === "Dense" && config.activation === "sigmoid" && config.units === 1) {
    const body = tf.model({ inputs: model.inputs, outputs: last.input as tf.SymbolicTensor });
    const [kernel, bias] = last.getWeights();
    return (inputs) => tf.tidy(() => {
      const features = body.predict(inputs) as tf.Tensor2D;
      const z = tf.matMul(features, kernel as tf.Tensor2D);
      return (bias === undefined ? z : tf.add(z, bias)).reshape([-1]) as tf.Tensor1D;
    });
  }
  return (inputs) => tf.tidy(() => {
    const p = tf.clipByValue((model.predict(inputs) as tf.Tensor).reshape([-1]), 1e-7, 1 - 1e-7);
    return tf.sub(tf.log(p), tf.log1p(tf.neg(p))) as tf.Tensor1D;
  });
}

/** 1 / (1 + e^−z): a logit's probability. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
