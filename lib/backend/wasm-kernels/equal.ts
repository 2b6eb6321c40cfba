/**
 * Equal, for float32 and int32 tensors of any broadcastable shapes.
 *
 * The gradient of GlobalMaxPooling1D (lesson 4) is `dy × (x == max)`, an Equal
 * of [batch, 500, 32] against [batch, 1, 32]. Stock tfjs-backend-wasm 4.22
 * computes every broadcast element's source through generic index arithmetic:
 * about 390 ms per batch of 128 reviews, 30 times the rest of the training
 * step. Here each input walks with its own strides (0 along broadcast axes)
 * and the last axis is a plain loop. Other dtypes go to the stock kernel.
 */
import { backend_util, util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { asWasm, byteOffset, floatIndex, heapF32, heapI32 } from "./heap";

export function equalKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    if (a.dtype !== b.dtype || (a.dtype !== "float32" && a.dtype !== "int32")) return stock(args);
    const backend = asWasm(args.backend);
    const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = backend.makeOutput(outShape, "bool");
    const size = util.sizeFromShape(outShape);
    if (size === 0) return out;
    // A scalar result is a one-element last axis.
    const shape = outShape.length === 0 ? [1] : outShape;
    const stridesA = broadcastStrides(a.shape, shape);
    const stridesB = broadcastStrides(b.shape, shape);
    const values = a.dtype === "float32" ? heapF32(backend) : heapI32(backend);
    const bools = backend.wasm.HEAPU8;
    const rank = shape.length;
    const length = shape[rank - 1];
    const stepA = stridesA[rank - 1];
    const stepB = stridesB[rank - 1];
    const position = new Array<number>(rank - 1).fill(0);
    let ia = floatIndex(backend, a);
    let ib = floatIndex(backend, b);
    for (let o = byteOffset(backend, out), end = o + size; o < end; o += length) {
      for (let i = 0; i < length; i++) bools[o + i] = values[ia + i * stepA] === values[ib + i * stepB] ? 1 : 0;
      for (let axis = rank - 2; axis >= 0; axis--) {
        ia += stridesA[axis];
        ib += stridesB[axis];
        if (++position[axis] < shape[axis]) break;
        ia -= stridesA[axis] * shape[axis];
        ib -= stridesB[axis] * shape[axis];
        position[axis] = 0;
      }
    }
    return out;
  };
}

/** Element strides of `inputShape` read as `outShape` (NumPy broadcasting: aligned at the right, 0 where the input repeats). */
function broadcastStrides(inputShape: number[], outShape: number[]): number[] {
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let axis = outShape.length - 1, inAxis = inputShape.length - 1; inAxis >= 0; axis--, inAxis--) {
    if (inputShape[inAxis] !== 1) strides[axis] = stride;
    stride *= inputShape[inAxis];
  }
  return strides;
}
