/**
 * Turning variable-length sequences of word indices into model inputs:
 * padded rows (Keras `pad_sequences`) and multi-hot vectors.
 */

export interface PadSequencesOptions {
  /** Length of every row; default: the longest sequence. */
  maxlen?: number;
  /** Where the padding goes: "pre" (default, as Keras) or "post". */
  padding?: "pre" | "post";
  /** Which end of a too-long sequence is cut off: "pre" (default: keep the last maxlen, as Keras) or "post". */
  truncating?: "pre" | "post";
  /** The padding value, an int32. Default 0. */
  value?: number;
}

export interface PaddedSequences {
  /** Row-major [sequences.length × maxlen] int32 values. */
  values: Int32Array;
  shape: [number, number];
}

import { INT32_MAX, INT32_MIN } from "../util/int32";
import { checkKnownKeys, choiceOption, integerOption, requiredIntegerOption } from "../util/options";

const PAD_KEYS = ["maxlen", "padding", "truncating", "value"];
const SIDES = ["pre", "post"] as const;

/**
 * Pads (or cuts) every sequence to one length, as Keras' `pad_sequences` with
 * its defaults (lesson 3, "One length for every review: padding and truncating"): `maxlen` = the longest
 * sequence, padding and truncating at the start ("pre"), padding value 0.
 * Keeping the *last* words when cutting keeps a review's conclusion, which
 * tends to carry its verdict. Returns flat int32 values and their shape, so
 * that `tf.tensor2d(p.values, p.shape, "int32")` makes the input tensor.
 * Values are converted to int32 as Keras' default dtype does.
 */
export function padSequences(sequences: ArrayLike<number>[], options: PadSequencesOptions = {}): PaddedSequences {
  const where = "padSequences";
  if (!Array.isArray(sequences)) throw new TypeError(`${where}: sequences must be an array of sequences (arrays or typed arrays of numbers).`);
  const given = checkKnownKeys(where, options, PAD_KEYS);
  sequences.forEach((sequence, i) => {
    if (sequence === null || typeof sequence !== "object" || typeof sequence.length !== "number") {
      throw new TypeError(`${where}: sequences[${i}] is not an array or typed array of numbers.`);
    }
  });
  let longest = 0;
  for (const sequence of sequences) longest = Math.max(longest, sequence.length);
  const maxlen = integerOption(where, "maxlen", given.maxlen, 0, INT32_MAX, longest);
  const padding = choiceOption(where, "padding", given.padding, SIDES, "pre");
  const truncating = choiceOption(where, "truncating", given.truncating, SIDES, "pre");
  const value = integerOption(where, "value", given.value, INT32_MIN, INT32_MAX, 0);
  if (sequences.length * maxlen > INT32_MAX) {
    throw new RangeError(`${where}: ${sequences.length} rows × maxlen ${maxlen} is too large for one array; pad in batches or lower maxlen.`);
  }

  const values = new Int32Array(sequences.length * maxlen);
  if (value !== 0) values.fill(value);
  sequences.forEach((sequence, row) => {
    const kept = Math.min(sequence.length, maxlen);
    const from = truncating === "pre" ? sequence.length - kept : 0;
    const to = row * maxlen + (padding === "pre" ? maxlen - kept : 0);
    for (let i = 0; i < kept; i++) values[to + i] = sequence[from + i];
  });
  return { values, shape: [sequences.length, maxlen] };
}

/**
 * A multi-hot vector: 1 at every index present in `sequence`, 0 elsewhere
 * (lesson 2, "One-hot and multi-hot"). `numWords` is the vector length; an
 * index at or above it is an error (load the data with the same numWords).
 */
export function multiHot(sequence: ArrayLike<number>, numWords: number): Float32Array {
  requiredIntegerOption("multiHot", "numWords", numWords, 1, INT32_MAX);
  const vector = new Float32Array(numWords);
  setMultiHot(vector, 0, sequence, numWords, "multiHot: sequence");
  return vector;
}

export interface MultiHotBatch {
  /** Row-major [rows × numWords] float32 values. */
  values: Float32Array;
  shape: [number, number];
  /** Position in `sequences` of the batch's first row. */
  start: number;
}

/**
 * Multi-hot rows for `sequences`, `batchSize` rows at a time (lesson 2,
 * "One-hot and multi-hot"), so the whole matrix never exists at once: 25,000 ×
 * 10,000 float32 would take 1 GB, while one batch of 32 rows takes
 * 32 × 10,000 × 4 B = 1.28 MB. Each batch is a fresh array (safe to keep);
 * `tf.tensor2d(b.values, b.shape)` makes its tensor. Use it with
 * `tf.data.generator(() => multiHotBatches(...))` or a manual training loop.
 */
export function multiHotBatches(sequences: ArrayLike<number>[], numWords: number, batchSize: number): Generator<MultiHotBatch, void, undefined> {
  const where = "multiHotBatches";
  if (!Array.isArray(sequences)) throw new TypeError(`${where}: sequences must be an array of sequences.`);
  requiredIntegerOption(where, "numWords", numWords, 1, INT32_MAX);
  requiredIntegerOption(where, "batchSize", batchSize, 1, INT32_MAX);
  // Checked here, not at the first next(), so a mistake shows where the call is.
  return batches(sequences, numWords, batchSize);
}

function* batches(sequences: ArrayLike<number>[], numWords: number, batchSize: number): Generator<MultiHotBatch, void, undefined> {
  const where = "multiHotBatches";
  for (let start = 0; start < sequences.length; start += batchSize) {
    const rows = Math.min(batchSize, sequences.length - start);
    const values = new Float32Array(rows * numWords);
    for (let row = 0; row < rows; row++) {
      setMultiHot(values, row * numWords, sequences[start + row], numWords, `${where}: sequences[${start + row}]`);
    }
    yield { values, shape: [rows, numWords], start };
  }
}

function setMultiHot(target: Float32Array, offset: number, sequence: ArrayLike<number>, numWords: number, what: string): void {
  for (let i = 0; i < sequence.length; i++) {
    const index = sequence[i];
    if (!Number.isInteger(index) || index < 0 || index >= numWords) {
      throw new RangeError(`${what}[${i}] is ${String(index)}, outside 0..${numWords - 1}; use the numWords the data was loaded with.`);
    }
    target[offset + index] = 1;
  }
}

