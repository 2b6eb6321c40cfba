/**
 * A split of reviews as the tensors a sequence model trains on (lesson 3,
 * "Padding the whole dataset"; lessons 4 and 5 reuse it).
 */
import * as tf from "@tensorflow/tfjs";
import { requiredIntegerOption } from "../util/options";
import { padSequences, type PadSequencesOptions } from "./sequences";

export interface SequenceTensors {
  /** [reviews, maxlen] int32 word indices, padded and truncated by padSequences' rules. */
  x: tf.Tensor2D;
  /** [reviews, 1] float32 labels, 0 = negative, 1 = positive: the shape a Dense(1, sigmoid) output has. */
  y: tf.Tensor2D;
}

/**
 * Pads every review of a split to `maxlen` word indices (Keras defaults:
 * padding and truncating at the front, so a long review keeps its last words)
 * and shapes its labels for binary cross-entropy (lesson 3).
 */
export function sequenceTensors(
  split: { x: ArrayLike<number>[]; y: readonly number[] },
  maxlen: number,
  options: Omit<PadSequencesOptions, "maxlen"> = {},
): SequenceTensors {
  if (split.x.length !== split.y.length) {
    throw new Error(`sequenceTensors: ${split.x.length} reviews but ${split.y.length} labels; pass a split as loadData returns it (x and y of the same length).`);
  }
  requiredIntegerOption("sequenceTensors", "maxlen", maxlen, 1, Infinity);
  const padded = padSequences(split.x, { ...options, maxlen });
  return {
    x: tf.tensor2d(padded.values, padded.shape, "int32"),
    y: tf.tensor2d(Float32Array.from(split.y), [split.y.length, 1], "float32"),
  };
}
