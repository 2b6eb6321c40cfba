/**
 * Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter: the Conv1D layer
 * (tfjs runs conv1d as a conv2d of height 1), forward and backward.
 *
 * Stock tfjs-backend-wasm has no Conv2DBackpropFilter, so no convolutional
 * model can train on wasm; its Conv2DBackpropInput is a naive loop (about
 * 176 ms for the course's Conv1D); and its Conv2D writes outside its buffer
 * for numeric padding with stride [2, 1] (heap corruption). Here all three are
 * one matrix product over the unrolled input patches ("im2col"):
 *   forward      y  = cols · F
 *   filter grad  dF = colsᵀ · dy
 *   input grad   dx = col2im(dy · Fᵀ)
 * with F the [filterHeight·filterWidth·inChannels, outChannels] filter matrix.
 * NCHW inputs go to the stock kernels.
 */
import { backend_util, type KernelFunc, type TensorInfo } from "@tensorflow/tfjs";
import { gemm } from "./gemm";
import { asWasm, byteOffset, checkFloat32, heapBuffer, heapF32, release, scratch, type WasmBackend } from "./heap";
import { activeNativeBlas, nativeGeometry } from "./native-blas";

type ConvInfo = backend_util.Conv2DInfo;

interface ConvAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dilations?: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
}

function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs): ConvInfo {
  const { strides, pad, dataFormat, dilations = 1, dimRoundingMode } = attrs;
  return backend_util.computeConv2DInfo(xShape as [number, number, number, number], filterShape as [number, number, number, number],
    strides, dilations, pad, dimRoundingMode, false, backend_util.convertConv2DDataFormat(dataFormat));
}

/** Rows of the patch matrix (one per output position) and its width. */
function patchSize(info: ConvInfo): { rows: number; width: number } {
  return { rows: info.batchSize * info.outHeight * info.outWidth, width: info.filterHeight * info.filterWidth * info.inChannels };
}

/**
 * Walks every (output position, filter tap) pair whose input pixel lies inside
 * the image, calling `visit(colsIndex, xIndex)` with the start of `inChannels`
 * consecutive floats in each; taps in the padding are reported to `pad`.
 */
function forEachTap(info: ConvInfo, visit: (col: number, x: number) => void, pad: (col: number) => void): void {
  const { batchSize, outHeight, outWidth, inHeight, inWidth, inChannels, filterHeight, filterWidth,
    strideHeight, strideWidth, dilationHeight, dilationWidth, padInfo } = info;
  let col = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        for (let fy = 0; fy < filterHeight; fy++) {
          const iy = oy * strideHeight - padInfo.top + fy * dilationHeight;
          for (let fx = 0; fx < filterWidth; fx++, col += inChannels) {
            const ix = ox * strideWidth - padInfo.left + fx * dilationWidth;
            if (iy < 0 || iy >= inHeight || ix < 0 || ix >= inWidth) pad(col);
            else visit(col, ((b * inHeight + iy) * inWidth + ix) * inChannels);
          }
        }
      }
    }
  }
}

function im2col(backend: WasmBackend, x: number, cols: number, info: ConvInfo): void {
  const native = activeNativeBlas();
  if (native !== undefined) {
    native.im2col(heapBuffer(backend), ...nativeGeometry(info), x, cols);
    return;
  }
  const heap = heapF32(backend);
  const c = info.inChannels;
  const X = x >>> 2;
  const C = cols >>> 2;
  forEachTap(info, (col, xi) => heap.copyWithin(C + col, X + xi, X + xi + c), (col) => heap.fill(0, C + col, C + col + c));
}

function col2im(backend: WasmBackend, cols: number, dx: number, info: ConvInfo): void {
  const native = activeNativeBlas();
  if (native !== undefined) {
    native.col2im(heapBuffer(backend), ...nativeGeometry(info), cols, dx);
    return;
  }
  const heap = heapF32(backend);
  const c = info.inChannels;
  const D = dx >>> 2;
  const C = cols >>> 2;
  heap.fill(0, D, D + info.batchSize * info.inHeight * info.inWidth * c);
  forEachTap(info, (col, xi) => {
    for (let j = 0; j < c; j++) heap[D + xi + j] += heap[C + col + j];
  }, () => undefined);
}

function isChannelsLast(attrs: ConvAttrs): boolean {
  return attrs.dataFormat !== "NCHW";
}

export function conv2DKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs;
    if (!isChannelsLast(attrs)) return stock(args);
    checkFloat32("Conv2D", x, filter);
    const backend = asWasm(args.backend);
    const info = convInfo(x.shape, filter.shape, attrs);
    const out = backend.makeOutput(info.outShape, "float32");
    const { rows, width } = patchSize(info);
    const cols = scratch(backend, rows * width);
    im2col(backend, byteOffset(backend, x), cols.offset, info);
    gemm(backend, { transA: false, transB: false, m: rows, n: info.outChannels, k: width, a: cols.offset, b: byteOffset(backend, filter), c: byteOffset(backend, out) });
    release(backend, cols);
    return out;
  };
}

export const conv2DBackpropFilterKernel: KernelFunc = (args) => {
  const { x, dy } = args.inputs as { x: TensorInfo; dy: TensorInfo };
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  if (!isChannelsLast(attrs)) {
    throw new Error("Conv2DBackpropFilter on wasm supports channels-last (NHWC / NWC) data only; use dataFormat 'channelsLast'.");
  }
  checkFloat32("Conv2DBackpropFilter", x, dy);
  const backend = asWasm(args.backend);
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  const out = backend.makeOutput(info.filterShape, "float32");
  const { rows, width } = patchSize(info);
  const cols = scratch(backend, rows * width);
  im2col(backend, byteOffset(backend, x), cols.offset, info);
  gemm(backend, { transA: true, transB: false, m: width, n: info.outChannels, k: rows, a: cols.offset, b: byteOffset(backend, dy), c: byteOffset(backend, out) });
  release(backend, cols);
  return out;
};

export function conv2DBackpropInputKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { dy, filter } = args.inputs as { dy: TensorInfo; filter: TensorInfo };
    const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
    if (!isChannelsLast(attrs)) return stock(args);
    checkFloat32("Conv2DBackpropInput", dy, filter);
    const backend = asWasm(args.backend);
    const info = convInfo(attrs.inputShape, filter.shape, attrs);
    const out = backend.makeOutput(info.inShape, "float32");
    const { rows, width } = patchSize(info);
    const cols = scratch(backend, rows * width);
    gemm(backend, { transA: false, transB: true, m: rows, n: width, k: info.outChannels, a: byteOffset(backend, dy), b: byteOffset(backend, filter), c: cols.offset });
    col2im(backend, cols.offset, byteOffset(backend, out), info);
    release(backend, cols);
    return out;
  };
}
