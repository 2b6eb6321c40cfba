/**
 * Multi-hot batches as a tf.data.Dataset (lesson 2, "One-hot and multi-hot
 * encoding"): what `model.fitDataset` trains on and `model.evaluateDataset`
 * measures, so the 25,000 × 10,000 matrix (1 GB of float32) never exists; only
 * one [batchSize × numWords] batch does at a time.
 */
import * as tf from "@tensorflow/tfjs";
import { MAX_SEED, requiredIntegerOption } from "../util/options";
import { mulberry32 } from "../util/random";
import { shuffledIndices } from "../util/shuffle";
import { multiHotBatches } from "./sequences";

export interface MultiHotDatasetOptions {
  /** Length of each multi-hot vector: the numWords the data was loaded with. */
  numWords: number;
  batchSize: number;
  /**
   * Shuffle the reviews before every pass (every epoch) with a generator seeded
   * once with this value, so a run is reproducible and each epoch still sees a
   * new order. Leave it out to keep the split's order (evaluation).
   */
  shuffleSeed?: number;
}

// A type alias, not an interface: tf.data needs its implicit index signature (TensorContainer).
export type MultiHotExample = {
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
};

/**
 * A dataset of `{ xs: [rows, numWords] multi-hot, ys: [rows, 1] labels }`
 * batches over a split from loadData (lesson 2). Each pass over it encodes
 * the batches afresh; fitDataset disposes each batch's tensors after its step.
 */
export function multiHotDataset(split: { x: ArrayLike<number>[]; y: readonly number[] }, options: MultiHotDatasetOptions): tf.data.Dataset<MultiHotExample> {
  const { numWords, batchSize, shuffleSeed } = options;
  if (split.x.length !== split.y.length) {
    throw new Error(`multiHotDataset: the split has ${split.x.length} sequences but ${split.y.length} labels; pass a split from loadData (one label per sequence).`);
  }
  if (split.x.length === 0) throw new Error("multiHotDataset: the split is empty; there is nothing to train on or evaluate.");
  split.y.forEach((label, i) => {
    if (label !== 0 && label !== 1) throw new RangeError(`multiHotDataset: y[${i}] is ${label}; labels must be 0 (negative) or 1 (positive).`);
  });
  const random = shuffleSeed === undefined ? undefined : mulberry32(requiredIntegerOption("multiHotDataset", "shuffleSeed", shuffleSeed, 0, MAX_SEED));
  // Checks numWords and batchSize now rather than at the first batch, deep inside fitDataset.
  multiHotBatches([], numWords, batchSize).next();
  return tf.data.generator(function* () {
    const order = random === undefined ? Array.from(split.x, (_, i) => i) : Array.from(shuffledIndices(split.x.length, random));
    const sequences = order.map((i) => split.x[i]);
    for (const batch of multiHotBatches(sequences, numWords, batchSize)) {
      const rows = batch.shape[0];
      const labels = Float32Array.from(order.slice(batch.start, batch.start + rows), (i) => split.y[i]);
      yield { xs: tf.tensor2d(batch.values, batch.shape), ys: tf.tensor2d(labels, [rows, 1]) };
    }
  });
}
