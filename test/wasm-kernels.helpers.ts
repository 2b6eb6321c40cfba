/** Shared by the wasm kernel tests: run the same computation on cpu (the reference) and on wasm. */
import * as tf from "@tensorflow/tfjs";
import { expect } from "vitest";
import { registerWasmKernels } from "../lib/backend/wasm-kernels";
import { nativeBlasStatus } from "../lib/backend/wasm-kernels/native-blas";
import { mulberry32 } from "../lib/util/random";

export type Backend = "cpu" | "wasm";

/** Loads wasm with the course's kernels; cpu (stock) stays available as the reference. */
export async function loadWasmWithKernels(): Promise<void> {
  require("@tensorflow/tfjs-backend-wasm");
  registerWasmKernels();
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend did not start");
  tf.env().set("PROD", true);
}

/** Runs `f` on `backend` and returns its outputs' values. */
export async function run(backend: Backend, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const outputs = tf.tidy(f);
  const list = Array.isArray(outputs) ? outputs : [outputs];
  const values = await Promise.all(list.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(list);
  return values;
}

/** `f` on wasm and on cpu; expects the same outputs within float32 rounding. */
export async function expectSameOnWasmAndCpu(f: () => tf.Tensor | tf.Tensor[], tolerance = 1e-4): Promise<void> {
  const expected = await run("cpu", f);
  const actual = await run("wasm", f);
  expect(actual.length).toBe(expected.length);
  actual.forEach((values, i) => expectClose(values, expected[i], tolerance));
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i]));
    if (!(error <= worst)) {
      worst = error;
      at = i;
    }
  }
  expect(worst, `largest relative error at ${at}: ${actual[at]} vs ${expected[at]}`).toBeLessThanOrEqual(tolerance);
}

/** Deterministic values in [-1, 1), the same on every run and machine. */
export function randomValues(size: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

/** Zeros except a `density` fraction of ones, like a multi-hot batch. */
export function multiHotValues(size: number, density: number, seed: number): Float32Array {
  return randomValues(size, seed).map((v) => ((v + 1) / 2 < density ? 1 : 0));
}

export function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(randomValues(shape.reduce((a, b) => a * b, 1), seed), shape);
}

/** The kernel paths to test: wasm and JavaScript alone, and the native addon (OpenBLAS and C loops) where it is built. */
export const KERNEL_PATHS: { name: string; native: boolean }[] = [
  { name: "wasm (XNNPACK)", native: false },
  ...(nativeBlasStatus().available ? [{ name: "native OpenBLAS", native: true }] : []),
];
