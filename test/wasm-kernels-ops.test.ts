import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerWasmKernels } from "../lib/backend/wasm-kernels";
import { setNativeBlasEnabled } from "../lib/backend/wasm-kernels/native-blas";
import { expectSameOnWasmAndCpu, KERNEL_PATHS, loadWasmWithKernels, randomTensor, run } from "./wasm-kernels.helpers";

beforeAll(loadWasmWithKernels);
afterAll(() => setNativeBlasEnabled(true));

describe("registerWasmKernels", () => {
  it("adds the kernels stock wasm lacks, and a second call changes nothing", () => {
    const before = ["UnsortedSegmentSum", "Conv2DBackpropFilter", "BatchMatMul"].map((name) => tf.getKernel(name, "wasm"));
    expect(before.every((k) => k !== undefined)).toBe(true);
    registerWasmKernels();
    expect(["UnsortedSegmentSum", "Conv2DBackpropFilter", "BatchMatMul"].map((name) => tf.getKernel(name, "wasm"))).toEqual(before);
  });
});

describe.each(KERNEL_PATHS)("UnsortedSegmentSum (Embedding gradient) on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it("adds rows into their segments, hand-computed", async () => {
    const [out] = await run("wasm", () => tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([1, 0, 1], "int32"), 3));
    expect(Array.from(out)).toEqual([3, 4, 6, 8, 0, 0]);
  });

  it("matches cpu with repeated ids and ids outside the segments", async () => {
    await expectSameOnWasmAndCpu(() => tf.unsortedSegmentSum(randomTensor([20, 3, 4], 1),
      tf.tensor1d([0, 5, 5, 2, -1, 7, 1, 1, 1, 0, 6, 6, 3, 2, 9, 4, 4, 0, 5, 6], "int32"), 7));
  });

  it("sums over multi-dimensional ids, hand-computed (cpu's kernel cannot: it fails to broadcast)", async () => {
    const [out] = await run("wasm", () => tf.unsortedSegmentSum(tf.tensor3d([[[1], [2]], [[3], [4]]]), tf.tensor2d([[1, 0], [1, 1]], [2, 2], "int32") as unknown as tf.Tensor1D, 2));
    expect(Array.from(out)).toEqual([2, 8]);
  });

  it("gives the same Embedding gradient as cpu", async () => {
    await expectSameOnWasmAndCpu(() => {
      const ids = tf.tensor2d([[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]], [3, 4], "int32");
      const weights = tf.randomUniform([10, 6], -1, 1, "float32", 3);
      const r = tf.randomUniform([3, 4, 6], -1, 1, "float32", 4);
      return tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.gather(w, ids), r)))(weights);
    });
  });
});

describe.each(KERNEL_PATHS)("GatherV2 (Embedding lookup) on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it("matches cpu along each axis, for float32 and int32", async () => {
    const ids = () => tf.tensor2d([[2, 0], [1, 2], [2, 2]], [3, 2], "int32");
    await expectSameOnWasmAndCpu(() => [
      tf.gather(randomTensor([3, 4, 5], 5), ids(), 0),
      tf.gather(randomTensor([4, 3, 5], 6), ids(), 1),
      tf.gather(randomTensor([4, 5, 3], 7), ids(), 2),
      tf.cast(tf.gather(tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], "int32"), ids()), "float32"),
    ]);
  });

  it("says which token id is outside the vocabulary", async () => {
    await expect(run("wasm", () => tf.gather(randomTensor([5, 2], 8), tf.tensor1d([1, 5], "int32")))).rejects.toThrow(/index value 5 is not in \[0, 4\]/);
  });
});

describe("Slice, Unpack, SplitV (LSTM time steps)", () => {
  it("matches cpu for contiguous and strided slices of every rank", async () => {
    await expectSameOnWasmAndCpu(() => [
      tf.slice(randomTensor([10], 9), [3], [4]),
      tf.slice(randomTensor([5, 6], 10), [1, 2], [3, 3]),
      tf.slice(randomTensor([4, 5, 6], 11), [1, 0, 2], [2, 5, 3]),
      tf.slice(randomTensor([3, 4, 5, 6], 12), [1, 1, 1, 1], [2, 2, 3, 4]),
      tf.slice(randomTensor([3, 2, 3, 2, 3], 13), [1, 0, 1, 1, 0], [2, 2, 2, 1, 2]),
      tf.slice(randomTensor([6, 5], 14), [2, 0], [3, 5]),
    ]);
  });

  it("matches cpu for unstack along every axis and split with sizes", async () => {
    await expectSameOnWasmAndCpu(() => [
      ...tf.unstack(randomTensor([3, 4, 2], 15), 0),
      ...tf.unstack(randomTensor([3, 4, 2], 16), 1),
      ...tf.unstack(randomTensor([3, 4, 2], 17), 2),
      ...tf.split(randomTensor([4, 12], 18), 4, 1),
      ...tf.split(randomTensor([4, 12], 19), [2, -1, 3], 1),
      ...tf.split(randomTensor([6, 3], 20), [1, 5], 0),
    ]);
  });

  it("slices int32 and bool tensors", async () => {
    await expectSameOnWasmAndCpu(() => [
      tf.cast(tf.slice(tf.tensor2d([[1, 2, 3], [4, 5, 6]], [2, 3], "int32"), [0, 1], [2, 2]), "float32"),
      tf.cast(tf.slice(tf.tensor2d([[true, false, true], [false, true, true]], [2, 3], "bool"), [1, 0], [1, 3]), "float32"),
    ]);
  });
});

describe("Identity (tf.clone)", () => {
  it("keeps a clone's values after the original is disposed, and the original's after the clone is", async () => {
    await tf.setBackend("wasm");
    const original = tf.tensor1d([1, 2, 3]);
    const clone = tf.clone(original);
    const second = tf.clone(clone);
    original.dispose();
    expect(Array.from(await clone.data())).toEqual([1, 2, 3]);
    clone.dispose();
    expect(Array.from(await second.data())).toEqual([1, 2, 3]);
    second.dispose();
  });
});

const CONV1D_FORMS = [
  { name: "same, stride 1", stride: 1, pad: "same" as const, dilation: 1 },
  { name: "valid, stride 1", stride: 1, pad: "valid" as const, dilation: 1 },
  { name: "same, stride 2", stride: 2, pad: "same" as const, dilation: 1 },
];

describe.each(KERNEL_PATHS)("Conv2D and its gradients on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  it.each(CONV1D_FORMS)("conv1d matches cpu forward and backward: $name", async ({ stride, pad, dilation }) => {
    await expectSameOnWasmAndCpu(() => {
      const x = randomTensor([3, 11, 4], 21);
      const f = randomTensor([3, 4, 5], 22);
      const r = randomTensor(tf.conv1d(x as tf.Tensor3D, f as tf.Tensor3D, stride, pad, "NWC", dilation).shape, 23);
      const loss = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad, "NWC", dilation), r));
      return [tf.conv1d(x as tf.Tensor3D, f as tf.Tensor3D, stride, pad, "NWC", dilation), ...tf.grads(loss)([x, f])];
    });
  });

  it("conv1d with dilation 2 matches cpu (forward only: tfjs has no gradient for dilated convolutions)", async () => {
    await expectSameOnWasmAndCpu(() => tf.conv1d(randomTensor([3, 11, 4], 29) as tf.Tensor3D, randomTensor([3, 4, 5], 30) as tf.Tensor3D, 1, "same", "NWC", 2));
  });

  it.each([
    { name: "numeric padding 1, strides [2, 1]", strides: [2, 1] as [number, number], pad: 1 as const },
    { name: "same, even filter, strides [2, 2]", strides: [2, 2] as [number, number], pad: "same" as const },
    { name: "valid, strides [1, 3]", strides: [1, 3] as [number, number], pad: "valid" as const },
  ])("conv2d matches cpu forward and backward: $name", async ({ strides, pad }) => {
    await expectSameOnWasmAndCpu(() => {
      const x = randomTensor([2, 7, 8, 3], 24);
      const f = randomTensor([2, 2, 3, 4], 25);
      const y = () => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, strides, pad);
      const r = randomTensor(y().shape, 26);
      return [y(), ...tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, pad), r)))([x, f])];
    });
  });
});

describe.each(KERNEL_PATHS)("MaxPoolGrad (MaxPooling1D gradient) on $name", ({ native }) => {
  beforeAll(() => setNativeBlasEnabled(native));

  const gradient = (x: tf.Tensor4D, size: [number, number], strides: [number, number], pad: "valid" | "same") => {
    const r = randomTensor(tf.maxPool(x, size, strides, pad).shape, 27);
    return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, strides, pad), r)))(x);
  };

  it("sends each window's gradient to its first maximum when values tie, like cpu", async () => {
    const ties = () => tf.tensor4d([3, 3, 1, 1, 2, 5, 5, 5, 0, 0, 0, 4], [1, 12, 1, 1]);
    const [grad] = await run("wasm", () => tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, [2, 1], [2, 1], "valid")))(ties()));
    expect(Array.from(grad)).toEqual([1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1]);
    await expectSameOnWasmAndCpu(() => gradient(ties(), [3, 1], [1, 1], "same"));
  });

  it.each([
    { name: "MaxPooling1D(2)", shape: [3, 1, 10, 4], size: [1, 2] as [number, number], strides: [1, 2] as [number, number], pad: "valid" as const },
    { name: "odd length, valid", shape: [2, 1, 9, 3], size: [1, 2] as [number, number], strides: [1, 2] as [number, number], pad: "valid" as const },
    { name: "2x2 same with overlap", shape: [2, 5, 6, 3], size: [2, 2] as [number, number], strides: [1, 1] as [number, number], pad: "same" as const },
  ])("matches cpu: $name", async ({ shape, size, strides, pad }) => {
    await expectSameOnWasmAndCpu(() => gradient(randomTensor(shape, 28) as tf.Tensor4D, size, strides, pad));
  });
});
