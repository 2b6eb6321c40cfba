/**
 * GatherV2: the forward pass of an Embedding layer.
 *
 * Stock tfjs-backend-wasm takes about 80 ms to look up a batch of 128 reviews
 * × 500 tokens (it goes element by element); copying whole rows takes about
 * 10. Batched gathers (batchDims > 0) and bool tensors go to the stock kernel.
 */
import { util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { asWasm, byteOffset, floatIndex, heapBuffer, heapF32, heapI32 } from "./heap";
import { activeNativeBlas } from "./native-blas";

export function gatherV2Kernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims?: number };
    if ((batchDims ?? 0) !== 0 || (x.dtype !== "float32" && x.dtype !== "int32") || indices.dtype !== "int32") return stock(args);
    const rank = x.shape.length;
    const a = axis < 0 ? axis + rank : axis;
    const outer = util.sizeFromShape(x.shape.slice(0, a));
    const axisSize = x.shape[a];
    const inner = util.sizeFromShape(x.shape.slice(a + 1));
    const count = util.sizeFromShape(indices.shape);
    const backend = asWasm(args.backend);
    const out = backend.makeOutput([...x.shape.slice(0, a), ...indices.shape, ...x.shape.slice(a + 1)], x.dtype);
    const outOfRange = (index: number) => {
      backend.disposeData(out.dataId);
      return new Error(`GatherV2: the index value ${index} is not in [0, ${axisSize - 1}]; for an Embedding layer, every token id must be below inputDim (the vocabulary size).`);
    };
    const native = activeNativeBlas();
    if (native !== undefined && outer === 1) {
      const bad = native.gatherRows(heapBuffer(backend), count, axisSize, inner, byteOffset(backend, x), byteOffset(backend, indices), byteOffset(backend, out));
      if (bad >= 0) throw outOfRange(heapI32(backend)[floatIndex(backend, indices) + bad]);
      return out;
    }
    const heap = heapF32(backend);
    const ids = heapI32(backend);
    const xi = floatIndex(backend, x);
    const ii = floatIndex(backend, indices);
    const o = floatIndex(backend, out);
    for (let p = 0; p < outer; p++) {
      for (let i = 0; i < count; i++) {
        const index = ids[ii + i];
        if (!(index >= 0 && index < axisSize)) throw outOfRange(index);
        // copyWithin moves raw bytes, so the float32 view serves int32 tensors too.
        const from = xi + (p * axisSize + index) * inner;
        heap.copyWithin(o + (p * count + i) * inner, from, from + inner);
      }
    }
    return out;
  };
}
