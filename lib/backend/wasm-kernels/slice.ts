/**
 * Slice, Unpack and SplitV: the LSTM layer's per-time-step slicing.
 *
 * Stock tfjs-backend-wasm's Slice first copies the *whole* input out of the
 * heap (readSync) for every slice, so tf.unstack of a [100, 128, 128] sequence
 * into 100 steps copied it 100 times (374 ms per call). These read through
 * heap views instead (about 1 ms). String tensors go to the stock kernel.
 */
import { backend_util, slice_util, util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { asWasm, type WasmBackend } from "./heap";

function sliceTensor(backend: WasmBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const from = backend.typedArrayFromHeap(x);
  const to = backend.typedArrayFromHeap(out);
  const strides = util.computeStrides(x.shape);
  const rank = x.shape.length;
  if (rank === 0 || slice_util.isSliceContinous(x.shape, begin, size)) {
    const start = slice_util.computeFlatOffset(begin, strides);
    to.set(from.subarray(start, start + to.length));
    return out;
  }
  // Copy runs along the last axis, walking the other axes like an odometer.
  const run = size[rank - 1];
  const position = new Array<number>(rank - 1).fill(0);
  for (let written = 0; written < to.length; written += run) {
    let start = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) start += (begin[d] + position[d]) * strides[d];
    to.set(from.subarray(start, start + run), written);
    for (let d = rank - 2; d >= 0 && ++position[d] === size[d]; d--) position[d] = 0;
  }
  return out;
}

export function sliceKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === "string") return stock(args);
    const { begin: b, size: s } = args.attrs as { begin: number[]; size: number[] };
    const [begin, size] = slice_util.parseSliceParams(x, b, s);
    return sliceTensor(asWasm(args.backend), x, begin, size);
  };
}

export function unpackKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const value = args.inputs.value as TensorInfo;
    if (value.dtype === "string") return stock(args);
    const rank = value.shape.length;
    const { axis: a } = args.attrs as { axis: number };
    const axis = a < 0 ? a + rank : a;
    const outShape = value.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = value.shape.slice();
    size[axis] = 1;
    const backend = asWasm(args.backend);
    const outs: TensorInfo[] = [];
    for (let i = 0; i < value.shape[axis]; i++) {
      begin[axis] = i;
      const piece = sliceTensor(backend, value, begin, size);
      outs.push({ ...piece, shape: outShape });
    }
    return outs;
  };
}

export function splitVKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === "string") return stock(args);
    const { axis: a, numOrSizeSplits } = args.attrs as { axis: number; numOrSizeSplits: number | number[] };
    const axis = util.parseAxisParam(a, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x, numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    const backend = asWasm(args.backend);
    return sizes.map((s) => {
      const size = x.shape.slice();
      size[axis] = s;
      const piece = sliceTensor(backend, x, begin.slice(), size);
      begin[axis] += s;
      return piece;
    });
  };
}
