/**
 * UnsortedSegmentSum: the gradient of an Embedding layer (of tf.gather).
 *
 * Stock tfjs-backend-wasm has no UnsortedSegmentSum, so no Embedding model can
 * train on wasm ("Kernel 'UnsortedSegmentSum' not registered"); the cpu
 * backend's version loops over every segment, O(vocabulary × tokens), more
 * than 100,000 s per epoch for the course's models. This one adds each row
 * once into its segment: O(tokens × embedding size).
 */
import { util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { asWasm, byteOffset, floatIndex, heapBuffer, heapF32, heapI32 } from "./heap";
import { activeNativeBlas } from "./native-blas";

export const unsortedSegmentSum: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as { numSegments: number };
  if (x.dtype !== "float32" || segmentIds.dtype !== "int32") {
    throw new Error(`UnsortedSegmentSum on wasm needs float32 values and int32 segment ids, got ${x.dtype} and ${segmentIds.dtype}; cast them with tf.cast.`);
  }
  const idRank = segmentIds.shape.length;
  if (segmentIds.shape.some((d, i) => d !== x.shape[i])) {
    throw new Error(`UnsortedSegmentSum: segment ids of shape [${segmentIds.shape}] must match the leading dimensions of x [${x.shape}].`);
  }
  const backend = asWasm(anyBackend);
  const rowShape = x.shape.slice(idRank);
  const out = backend.makeOutput([numSegments, ...rowShape], "float32");
  const row = util.sizeFromShape(rowShape);
  const rows = util.sizeFromShape(segmentIds.shape);
  const native = activeNativeBlas();
  if (native !== undefined) {
    native.segmentSum(heapBuffer(backend), rows, numSegments, row, byteOffset(backend, x), byteOffset(backend, segmentIds), byteOffset(backend, out));
    return out;
  }
  const heap = heapF32(backend);
  const ids = heapI32(backend);
  const o = floatIndex(backend, out);
  const xi = floatIndex(backend, x);
  const si = floatIndex(backend, segmentIds);
  heap.fill(0, o, o + numSegments * row);
  for (let r = 0; r < rows; r++) {
    const segment = ids[si + r];
    // Like TensorFlow, ids outside [0, numSegments) contribute nothing.
    if (segment < 0 || segment >= numSegments) continue;
    const to = o + segment * row;
    const from = xi + r * row;
    for (let j = 0; j < row; j++) heap[to + j] += heap[from + j];
  }
  return out;
};
