import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { multiHotDataset, type MultiHotExample } from "../lib/encoding/multi-hot-dataset";

beforeAll(async () => {
  await initBackend();
});

async function pass(dataset: tf.data.Dataset<MultiHotExample>): Promise<{ xs: number[][]; ys: number[][] }[]> {
  const batches: { xs: number[][]; ys: number[][] }[] = [];
  await dataset.forEachAsync(({ xs, ys }) => {
    batches.push({ xs: xs.arraySync(), ys: ys.arraySync() });
    tf.dispose([xs, ys]);
  });
  return batches;
}

describe("multiHotDataset", () => {
  const split = { x: [Int32Array.of(1, 3, 3), Int32Array.of(2), Int32Array.of(0, 4)], y: [1, 0, 1] };

  it("yields multi-hot rows and [rows, 1] labels in the split's order, the last batch shorter", async () => {
    const batches = await pass(multiHotDataset(split, { numWords: 5, batchSize: 2 }));
    expect(batches).toEqual([
      { xs: [[0, 1, 0, 1, 0], [0, 0, 1, 0, 0]], ys: [[1], [0]] },
      { xs: [[1, 0, 0, 0, 1]], ys: [[1]] },
    ]);
  });

  it("shuffles every pass differently, keeping each row with its label, reproducibly from the seed", async () => {
    // 40 one-word reviews: review i is word i, labelled i % 2, so a row tells which review it is.
    const many = { x: Array.from({ length: 40 }, (_, i) => Int32Array.of(i)), y: Array.from({ length: 40 }, (_, i) => i % 2) };
    const orderOf = async (dataset: tf.data.Dataset<MultiHotExample>) => {
      const order: number[] = [];
      for (const { xs, ys } of await pass(dataset)) {
        xs.forEach((row, r) => {
          const word = row.indexOf(1);
          expect(ys[r][0]).toBe(word % 2);
          order.push(word);
        });
      }
      return order;
    };
    const dataset = multiHotDataset(many, { numWords: 40, batchSize: 8, shuffleSeed: 7 });
    const first = await orderOf(dataset);
    const second = await orderOf(dataset);
    expect([...first].sort((a, b) => a - b)).toEqual(many.x.map((_, i) => i));
    expect(first).not.toEqual(many.x.map((_, i) => i));
    expect(second).not.toEqual(first);
    const again = multiHotDataset(many, { numWords: 40, batchSize: 8, shuffleSeed: 7 });
    expect(await orderOf(again)).toEqual(first);
    expect(await orderOf(again)).toEqual(second);
  });

  it("trains a model with fitDataset without leaking tensors", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 1, activation: "sigmoid" })] });
    model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });
    const before = tf.memory().numTensors;
    await model.fitDataset(multiHotDataset(split, { numWords: 5, batchSize: 2, shuffleSeed: 1 }), { epochs: 2, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects mismatched labels, labels other than 0/1, bad seeds and sizes, naming the problem", () => {
    expect(() => multiHotDataset({ x: split.x, y: [1, 0] }, { numWords: 5, batchSize: 2 })).toThrow(/3 sequences but 2 labels/);
    expect(() => multiHotDataset({ x: split.x, y: [1, 0, 2] }, { numWords: 5, batchSize: 2 })).toThrow(/y\[2\] is 2/);
    expect(() => multiHotDataset(split, { numWords: 5, batchSize: 2, shuffleSeed: -1 })).toThrow(/shuffleSeed/);
    expect(() => multiHotDataset(split, { numWords: 5, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => multiHotDataset({ x: [], y: [] }, { numWords: 5, batchSize: 2 })).toThrow(/empty/);
  });
});
