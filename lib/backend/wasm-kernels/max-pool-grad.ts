/**
 * MaxPoolGrad: the gradient of MaxPooling1D (tfjs pools 1-D as 2-D, width 1).
 *
 * Stock tfjs-backend-wasm's MaxPoolGrad visits every input pixel and, for each,
 * every window that could contain it (about 51 ms for the course's Conv1D
 * model). Here each output window finds its maximum once and passes its
 * gradient there. Ties go to the first maximum in row-major window order, as
 * in tfjs' cpu backend.
 */
import { backend_util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { asWasm, byteOffset, checkFloat32, floatIndex, heapBuffer, heapF32 } from "./heap";
import { activeNativeBlas, nativeGeometry } from "./native-blas";

export const maxPoolGrad: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
    filterSize: number | [number, number]; strides: number | [number, number];
    pad: "valid" | "same" | number | backend_util.ExplicitPadding; dimRoundingMode?: "floor" | "round" | "ceil";
  };
  checkFloat32("MaxPoolGrad", input, dy);
  const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
  const backend = asWasm(anyBackend);
  const out = backend.makeOutput(input.shape, "float32");
  const native = activeNativeBlas();
  if (native !== undefined) {
    native.maxPoolGrad(heapBuffer(backend), ...nativeGeometry(info), byteOffset(backend, input), byteOffset(backend, dy), byteOffset(backend, out));
    return out;
  }
  const heap = heapF32(backend);
  const X = floatIndex(backend, input);
  const DY = floatIndex(backend, dy);
  const DX = floatIndex(backend, out);
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth,
    filterHeight, filterWidth, padInfo } = info;
  heap.fill(0, DX, DX + batchSize * inHeight * inWidth * channels);
  // Per output position, scan the window's pixels with all channels side by side (contiguous in NHWC).
  const best = new Float32Array(channels);
  const at = new Int32Array(channels);
  let dyIndex = DY;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = oy * strideHeight - padInfo.top;
      for (let ox = 0; ox < outWidth; ox++, dyIndex += channels) {
        const x0 = ox * strideWidth - padInfo.left;
        best.fill(-Infinity);
        at.fill(-1);
        for (let fy = Math.max(0, -y0); fy < filterHeight && y0 + fy < inHeight; fy++) {
          for (let fx = Math.max(0, -x0); fx < filterWidth && x0 + fx < inWidth; fx++) {
            const pixel = ((b * inHeight + y0 + fy) * inWidth + x0 + fx) * channels;
            for (let d = 0; d < channels; d++) {
              const v = heap[X + pixel + d];
              if (v > best[d]) {
                best[d] = v;
                at[d] = pixel + d;
              }
            }
          }
        }
        for (let d = 0; d < channels; d++) if (at[d] >= 0) heap[DX + at[d]] += heap[dyIndex + d];
      }
    }
  }
  return out;
};
