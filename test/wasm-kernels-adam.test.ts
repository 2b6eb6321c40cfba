import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAM_UPDATE, installFusedAdam } from "../lib/backend/wasm-kernels/adam";
import { setNativeBlasEnabled } from "../lib/backend/wasm-kernels/native-blas";
import { expectClose, KERNEL_PATHS, loadWasmWithKernels, randomValues, run } from "./wasm-kernels.helpers";

beforeAll(async () => {
  await loadWasmWithKernels();
  installFusedAdam();
});
afterAll(() => setNativeBlasEnabled(true));

/** Five Adam steps on a small least-squares problem; returns the weights after each step. */
function train(optimizer: tf.Optimizer): tf.Tensor[] {
  const w = tf.variable(tf.tensor2d(randomValues(12, 1), [4, 3]));
  const b = tf.variable(tf.tensor1d(randomValues(3, 2)));
  const unused = tf.variable(tf.tensor1d([1, 2]));
  const x = tf.tensor2d(randomValues(20, 3), [5, 4]);
  const y = tf.tensor2d(randomValues(15, 4), [5, 3]);
  const history: tf.Tensor[] = [];
  for (let step = 0; step < 5; step++) {
    optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))) as tf.Scalar, false, [w, b, unused]);
    history.push(w.clone(), b.clone(), unused.clone());
  }
  return history;
}

describe.each(KERNEL_PATHS)("tf.train.adam with the fused update installed, on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it("on wasm runs the fused kernel and takes the same steps as stock tf.train.adam on cpu", async () => {
    const expected = await run("cpu", () => train(tf.train.adam(0.05, 0.8, 0.95, 1e-6)));
    await tf.setBackend("wasm");
    let actual: Float32Array[] = [];
    const profile = await tf.profile(async () => {
      actual = await run("wasm", () => train(tf.train.adam(0.05, 0.8, 0.95, 1e-6)));
    });
    expect(profile.kernelNames).toContain(ADAM_UPDATE);
    actual.forEach((values, i) => expectClose(values, expected[i], 1e-5));
  });

  it("keeps the stock update on cpu", async () => {
    await tf.setBackend("cpu");
    const profile = await tf.profile(() => train(tf.train.adam(0.01)));
    expect(profile.kernelNames).not.toContain(ADAM_UPDATE);
  });

  it("leaves weights without a gradient unchanged, and saves like stock Adam", async () => {
    const optimizer = tf.train.adam(0.01);
    const [, , unused] = await run("wasm", () => train(optimizer));
    expect(Array.from(unused)).toEqual([1, 2]);
    expect(optimizer.getClassName()).toBe("Adam");
    const weights = await optimizer.getWeights();
    expect(weights.map((w: { name: string }) => w.name)).toEqual(["iter", expect.stringMatching(/\/m$/), expect.stringMatching(/\/m$/), expect.stringMatching(/\/m$/),
      expect.stringMatching(/\/v$/), expect.stringMatching(/\/v$/), expect.stringMatching(/\/v$/)]);
  });
});
