/**
 * The optional native matrix product (lib/native-blas, OpenBLAS through N-API).
 *
 * `npm run build:native` (run by npm's `prepare` at install) builds it where a
 * C compiler and libopenblas-dev exist; a failed build does not fail the
 * install.
 * Where it loaded, the wasm kernels hand every large matrix product to it
 * (OpenBLAS runs about 5-8x faster than wasm's XNNPACK on one core), and with
 * them the loops JavaScript runs slowly (Adam, sparse products, the LSTM's
 * gates, convolution patches, Embedding rows). Where it did not, everything runs on wasm and JavaScript alone.
 *
 * OpenBLAS runs on one thread unless OPENBLAS_NUM_THREADS says otherwise: on
 * these shared 2-core machines its second thread spin-waits for a busy core
 * and made training 2-3x slower (measured at load 7-10).
 */
import type { backend_util } from "@tensorflow/tfjs";
import { errorMessage } from "../../util/errors";

/** The addon's functions (lib/native-blas/src/native_blas.c). Offsets are in bytes. */
export interface NativeBlasAddon {
  sgemm(
    buffer: ArrayBuffer, transA: boolean, transB: boolean, m: number, n: number, k: number, alpha: number,
    aOffset: number, lda: number, bOffset: number, ldb: number, beta: number, cOffset: number, ldc: number,
  ): void;
  setThreads(threads: number): void;
  threads(): number;
  adam(buffer: ArrayBuffer, n: number, w: number, m: number, v: number, g: number, w2: number, m2: number, v2: number,
    learningRate: number, beta1: number, beta2: number, epsilon: number, correction1: number, correction2: number): void;
  sparseGemm(buffer: ArrayBuffer, transA: boolean, m: number, n: number, k: number, a: number, b: number, c: number): void;
  lstmForward(buffer: ArrayBuffer, batch: number, steps: number, inputDim: number, units: number, hard: boolean, returnSequences: boolean,
    x: number, kernel: number, recurrentKernel: number, bias: number, out: number, gates: number, cells: number, previous: number): void;
  lstmBackward(buffer: ArrayBuffer, batch: number, steps: number, inputDim: number, units: number, hard: boolean, returnSequences: boolean,
    dy: number, x: number, kernel: number, recurrentKernel: number, gates: number, cells: number, previous: number,
    dx: number, dKernel: number, dRecurrent: number, dBias: number): void;
  /** `geometry` is batch, inHeight, inWidth, channels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padLeft. */
  im2col(buffer: ArrayBuffer, ...geometryThenXThenCols: number[]): void;
  col2im(buffer: ArrayBuffer, ...geometryThenColsThenDx: number[]): void;
  /** Returns the position of the first id outside [0, rows), or -1. */
  gatherRows(buffer: ArrayBuffer, count: number, rows: number, width: number, x: number, ids: number, out: number): number;
  segmentSum(buffer: ArrayBuffer, count: number, segments: number, width: number, x: number, ids: number, out: number): void;
  /** The same 14 geometry numbers as im2col (dilations 1), then x, dy, dx. */
  maxPoolGrad(buffer: ArrayBuffer, ...geometryThenXThenDyThenDx: number[]): void;
}

export interface NativeBlasStatus {
  /** The addon loaded in this process. */
  available: boolean;
  /** The kernels use it now (available, and not switched off). */
  active: boolean;
  /** OpenBLAS threads, when available. */
  threads?: number;
  /** Why it is or is not used, in a sentence a learner can act on. */
  reason: string;
}

let addon: NativeBlasAddon | undefined;
let loadFailure: string | undefined;
let enabled = process.env.IMDB_COURSE_NATIVE_BLAS !== "0";

function load(): NativeBlasAddon | undefined {
  if (addon === undefined && loadFailure === undefined) {
    try {
      addon = require("imdb-course-native-blas") as NativeBlasAddon;
      if (process.env.OPENBLAS_NUM_THREADS === undefined) addon.setThreads(1);
    } catch (error) {
      loadFailure = errorMessage(error).split("\n")[0];
    }
  }
  return addon;
}

/** The 14 numbers the addon's im2col, col2im and maxPoolGrad take to describe a convolution or pooling window. */
export function nativeGeometry(info: backend_util.Conv2DInfo): number[] {
  return [info.batchSize, info.inHeight, info.inWidth, info.inChannels, info.outHeight, info.outWidth, info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth, info.dilationHeight, info.dilationWidth, info.padInfo.top, info.padInfo.left];
}

/** The addon when it loaded and is switched on, else undefined (use wasm). */
export function activeNativeBlas(): NativeBlasAddon | undefined {
  return enabled ? load() : undefined;
}

/**
 * Switches the native matrix product on or off for this process (lesson 0,
 * "Setup": compare the two). Returns whether it is now in use. The
 * environment variable `IMDB_COURSE_NATIVE_BLAS=0` switches it off at start.
 */
export function setNativeBlasEnabled(on: boolean): boolean {
  enabled = on;
  return activeNativeBlas() !== undefined;
}

/** Whether the native matrix product is available and in use, and why (lesson 0, "Setup"). */
export function nativeBlasStatus(): NativeBlasStatus {
  const loaded = load();
  if (loaded === undefined) {
    return {
      available: false,
      active: false,
      reason: `the optional native BLAS addon is not available (${loadFailure}); matrix products run on wasm. ` +
        "For 2-5x faster training: install a C compiler and libopenblas-dev, then run `npm run build:native`.",
    };
  }
  const threads = loaded.threads();
  return enabled
    ? { available: true, active: true, threads, reason: `matrix products run on OpenBLAS (${threads} thread${threads === 1 ? "" : "s"})` }
    : { available: true, active: false, threads, reason: "the native BLAS addon is switched off (IMDB_COURSE_NATIVE_BLAS=0 or setNativeBlasEnabled(false)); matrix products run on wasm" };
}
