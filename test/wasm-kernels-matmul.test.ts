import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, it } from "vitest";
import { setNativeBlasEnabled } from "../lib/backend/wasm-kernels/native-blas";
import { expectSameOnWasmAndCpu, KERNEL_PATHS, loadWasmWithKernels, multiHotValues, randomTensor } from "./wasm-kernels.helpers";

beforeAll(loadWasmWithKernels);
afterAll(() => setNativeBlasEnabled(true));

const FORMS = [
  { transposeA: false, transposeB: false },
  { transposeA: false, transposeB: true },
  { transposeA: true, transposeB: false },
  { transposeA: true, transposeB: true },
];

describe.each(KERNEL_PATHS)("BatchMatMul on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it.each(FORMS)("matches cpu for transposeA=$transposeA transposeB=$transposeB", async ({ transposeA, transposeB }) => {
    const [m, k, n] = [7, 13, 5];
    await expectSameOnWasmAndCpu(() => tf.matMul(
      randomTensor(transposeA ? [k, m] : [m, k], 1), randomTensor(transposeB ? [n, k] : [k, n], 2), transposeA, transposeB));
  });

  it.each(FORMS)("matches cpu for batches, transposeA=$transposeA transposeB=$transposeB", async ({ transposeA, transposeB }) => {
    const [m, k, n] = [4, 6, 3];
    const a = (batch: number) => randomTensor(transposeA ? [batch, k, m] : [batch, m, k], 3);
    const b = (batch: number) => randomTensor(transposeB ? [batch, n, k] : [batch, k, n], 4);
    await expectSameOnWasmAndCpu(() => [
      tf.matMul(a(3), b(3), transposeA, transposeB),
      tf.matMul(a(1), b(3), transposeA, transposeB),
      tf.matMul(a(3), b(1), transposeA, transposeB),
    ]);
  });

  it.each(FORMS)("matches cpu for a wide product (XNNPACK computes its transpose), transposeA=$transposeA transposeB=$transposeB", async ({ transposeA, transposeB }) => {
    const [m, k, n] = [4, 30, 200];
    await expectSameOnWasmAndCpu(() => tf.matMul(
      randomTensor(transposeA ? [k, m] : [m, k], 33), randomTensor(transposeB ? [n, k] : [k, n], 34), transposeA, transposeB));
  });

  it("matches cpu on Dense-sized products (several XNNPACK/BLAS tiles)", async () => {
    await expectSameOnWasmAndCpu(() => [
      tf.matMul(randomTensor([65, 300], 5), randomTensor([300, 70], 6)),
      tf.matMul(randomTensor([300, 65], 7), randomTensor([300, 70], 8), true, false),
      tf.matMul(randomTensor([65, 70], 9), randomTensor([300, 70], 10), false, true),
      tf.matMul(randomTensor([8, 50], 31), randomTensor([400, 50], 32), false, true),
    ]);
  });

  it("matches cpu when the left operand is multi-hot (sparse path), forward and weight gradient", async () => {
    const x = () => tf.tensor(multiHotValues(32 * 4000, 0.02, 11), [32, 4000]);
    await expectSameOnWasmAndCpu(() => [
      tf.matMul(x(), randomTensor([4000, 24], 12)),
      tf.matMul(x(), randomTensor([32, 24], 13), true, false),
    ]);
  });

  it("matches cpu when the left operand is dense and large (the sparse scan gives up)", async () => {
    await expectSameOnWasmAndCpu(() => tf.matMul(randomTensor([32, 4000], 14), randomTensor([4000, 24], 15)));
  });

  it("matches cpu for gradients of a product through every operand", async () => {
    await expectSameOnWasmAndCpu(() => {
      const a = randomTensor([9, 11], 16);
      const b = randomTensor([11, 6], 17);
      return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y))))([a, b]);
    });
  });
});

describe.each(KERNEL_PATHS)("_FusedMatMul on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it.each(["linear", "relu", "sigmoid", "elu", "relu6", "leakyrelu"] as const)("matches cpu with bias and %s", async (activation) => {
    await expectSameOnWasmAndCpu(() => tf.fused.matMul({
      a: randomTensor([6, 10], 18), b: randomTensor([10, 4], 19), bias: randomTensor([4], 20), activation,
    }));
  });

  it.each(FORMS)("matches cpu without bias, transposeA=$transposeA transposeB=$transposeB", async ({ transposeA, transposeB }) => {
    await expectSameOnWasmAndCpu(() => tf.fused.matMul({
      a: randomTensor(transposeA ? [10, 6] : [6, 10], 21), b: randomTensor(transposeB ? [4, 10] : [10, 4], 22), transposeA, transposeB,
    }));
  });
});
