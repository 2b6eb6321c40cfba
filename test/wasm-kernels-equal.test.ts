import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { expectSameOnWasmAndCpu, loadWasmWithKernels, randomTensor, run } from "./wasm-kernels.helpers";

beforeAll(loadWasmWithKernels);

/** Values from {-1, -0.5, 0, 0.5}: many ties, so Equal gives both answers often. */
function coarse(shape: number[], seed: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.floor(tf.mul(randomTensor(shape, seed), 2)), 2));
}

describe("Equal (GlobalMaxPooling1D gradient)", () => {
  it("broadcasts a middle axis, hand-computed", async () => {
    const [out] = await run("wasm", () => tf.equal(tf.tensor3d([[[1, 5], [3, 5], [3, 4]]]), tf.tensor3d([[[3, 5]]])));
    expect(Array.from(out)).toEqual([0, 1, 1, 1, 1, 0]);
  });

  it("matches cpu for float32 and int32 over broadcast patterns and ranks", async () => {
    const pairs: [number[], number[]][] = [
      [[4, 7, 3], [4, 1, 3]], [[4, 1, 3], [4, 7, 3]], [[2, 3, 4, 5], [3, 1, 5]], [[6, 5], [5]],
      [[6, 1], [1, 5]], [[5], []], [[], []], [[3, 4], [3, 4]], [[1, 1, 4], [2, 3, 1]],
    ];
    await expectSameOnWasmAndCpu(() => pairs.flatMap(([shapeA, shapeB], i) => {
      const a = coarse(shapeA, 2 * i + 1);
      const b = coarse(shapeB, 2 * i + 2);
      return [tf.cast(tf.equal(a, b), "float32"), tf.cast(tf.equal(tf.cast(tf.mul(a, 2), "int32"), tf.cast(tf.mul(b, 2), "int32")), "float32")];
    }), 0);
  });

  it("keeps tfjs' answers for NaN, empty tensors and bool inputs", async () => {
    const [nan, empty, bools] = await run("wasm", () => [
      tf.cast(tf.equal(tf.tensor1d([NaN, 1]), tf.tensor1d([NaN, 1])), "float32"),
      tf.cast(tf.equal(tf.zeros([0, 3]), tf.zeros([1, 3])), "float32"),
      tf.cast(tf.equal(tf.tensor1d([true, false, true], "bool"), tf.tensor1d([true, true, true], "bool")), "float32"),
    ]);
    expect(Array.from(nan)).toEqual([0, 1]);
    expect(Array.from(empty)).toEqual([]);
    expect(Array.from(bools)).toEqual([1, 0, 1]);
  });

  it("gives the GlobalMaxPooling1D gradient cpu gives, ties included", async () => {
    await expectSameOnWasmAndCpu(() => {
      const pool = tf.layers.globalMaxPooling1d({});
      const r = randomTensor([3, 2], 7);
      return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(pool.apply(x) as tf.Tensor, r)))(coarse([3, 9, 2], 8));
    });
  });
});
