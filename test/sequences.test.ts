/** padSequences against Keras' documented pad_sequences results; multi-hot by hand. */
import { describe, expect, it } from "vitest";
import { multiHot, multiHotBatches, padSequences } from "../lib/index";

const rows = (p: { values: Int32Array | Float32Array; shape: [number, number] }) =>
  Array.from({ length: p.shape[0] }, (_, r) => Array.from(p.values.subarray(r * p.shape[1], (r + 1) * p.shape[1])));

describe("padSequences (Keras pad_sequences)", () => {
  const sequences = [[1, 2, 3], [4, 5], [6]];

  it("pads at the start to the longest length by default", () => {
    const padded = padSequences(sequences);
    expect(padded.shape).toEqual([3, 3]);
    expect(rows(padded)).toEqual([[1, 2, 3], [0, 4, 5], [0, 0, 6]]);
  });

  it("pads at the end with padding: post, with the given value", () => {
    expect(rows(padSequences(sequences, { padding: "post", value: -1 }))).toEqual([[1, 2, 3], [4, 5, -1], [6, -1, -1]]);
  });

  it("keeps the last maxlen values by default (truncating: pre) and the first with post", () => {
    expect(rows(padSequences(sequences, { maxlen: 2 }))).toEqual([[2, 3], [4, 5], [0, 6]]);
    expect(rows(padSequences(sequences, { maxlen: 2, truncating: "post" }))).toEqual([[1, 2], [4, 5], [0, 6]]);
    expect(rows(padSequences(sequences, { maxlen: 2, truncating: "post", padding: "post" }))).toEqual([[1, 2], [4, 5], [6, 0]]);
  });

  it("accepts typed arrays, empty sequences, maxlen 0 and no sequences", () => {
    expect(rows(padSequences([Int32Array.from([7, 8]), new Int32Array(0)], { maxlen: 4 }))).toEqual([[0, 0, 7, 8], [0, 0, 0, 0]]);
    expect(padSequences(sequences, { maxlen: 0 }).shape).toEqual([3, 0]);
    expect(padSequences([]).shape).toEqual([0, 0]);
  });

  it("converts values to int32 as Keras' default dtype does", () => {
    expect(rows(padSequences([[1.7, -2.5]]))).toEqual([[1, -2]]);
  });

  it("rejects bad options, naming them", () => {
    expect(() => padSequences(sequences, { maxlen: -1 })).toThrow("padSequences: maxlen must be an integer from 0 to 2147483647, got -1.");
    expect(() => padSequences(sequences, { padding: "both" as never })).toThrow('padSequences: padding must be one of "pre", "post", got "both".');
    expect(() => padSequences(sequences, { value: 0.5 })).toThrow("padSequences: value must be an integer from -2147483648 to 2147483647, got 0.5.");
    expect(() => padSequences(sequences, { maxLen: 3 } as never)).toThrow('padSequences: unknown option "maxLen"');
    expect(() => padSequences([[1], 5 as never])).toThrow("padSequences: sequences[1] is not an array or typed array of numbers.");
  });
});

describe("multiHot", () => {
  it("puts 1 at each index present, once however often it occurs", () => {
    expect(Array.from(multiHot([1, 3, 3, 0], 5))).toEqual([1, 1, 0, 1, 0]);
    expect(Array.from(multiHot([], 3))).toEqual([0, 0, 0]);
  });

  it("refuses an index outside the vector", () => {
    expect(() => multiHot([1, 5], 5)).toThrow("multiHot: sequence[1] is 5, outside 0..4; use the numWords the data was loaded with.");
    expect(() => multiHot([1], 0)).toThrow("multiHot: numWords must be an integer from 1 to 2147483647, got 0.");
  });
});

describe("multiHotBatches", () => {
  const sequences = [[1, 2], [0], [4, 4], [3], [2, 1, 0]];

  it("yields batches of rows equal to multiHot of each sequence, the last one shorter", () => {
    const batches = [...multiHotBatches(sequences, 5, 2)];
    expect(batches.map((b) => [b.start, b.shape])).toEqual([[0, [2, 5]], [2, [2, 5]], [4, [1, 5]]]);
    const all = batches.flatMap(rows);
    expect(all).toEqual(sequences.map((s) => Array.from(multiHot(s, 5))));
  });

  it("gives fresh arrays, so earlier batches stay intact", () => {
    const batches = [...multiHotBatches(sequences, 5, 1)];
    expect(new Set(batches.map((b) => b.values.buffer)).size).toBe(5);
    expect(Array.from(batches[0].values)).toEqual([0, 1, 1, 0, 0]);
  });

  it("checks its arguments at the call, not at the first batch", () => {
    expect(() => multiHotBatches(sequences, 5, 0)).toThrow("multiHotBatches: batchSize must be an integer from 1 to 2147483647, got 0.");
  });
});
