/**
 * One matrix product on the wasm heap, C = op(A)·op(B), for every kernel
 * that needs one (Dense, Conv1D, LSTM).
 *
 * Stock tfjs-backend-wasm reaches XNNPACK only when neither operand is
 * transposed and the batch is 1; every other form (each Dense backward pass)
 * falls to a naive loop at 0.4-2 GFLOP/s instead of 10-20. Here transposed
 * operands are transposed explicitly (wasm's Transpose kernel) and the product
 * goes through XNNPACK, as C or as Cᵀ, whichever makes XNNPACK repack the
 * smaller operand. When the optional native OpenBLAS addon is loaded, it takes
 * the product instead, transposes and all.
 */
import { activeNativeBlas } from "./native-blas";
import { forgetView, heapBuffer, heapF32, registerView, release, scratch, type Scratch, type WasmBackend } from "./heap";

/** Row-major, contiguous operands given by byte offsets in the heap. */
export interface GemmArgs {
  /** A is stored k×m and used transposed (else stored m×k). */
  transA: boolean;
  /** B is stored n×k and used transposed (else stored k×n). */
  transB: boolean;
  m: number;
  n: number;
  k: number;
  a: number;
  b: number;
  /** The m×n output. */
  c: number;
}

export function gemm(backend: WasmBackend, args: GemmArgs): void {
  const { transA, transB, m, n, k, a, b, c } = args;
  if (m === 0 || n === 0) return;
  if (k === 0) {
    heapF32(backend).fill(0, c >>> 2, (c >>> 2) + m * n);
    return;
  }
  const native = activeNativeBlas();
  if (native !== undefined) {
    native.sgemm(heapBuffer(backend), transA, transB, m, n, k, 1,
      a, transA ? m : k, b, transB ? k : n, 0, c, n);
    return;
  }
  xnnpackGemm(backend, args);
}

let wasmBatchMatMul: ((...args: unknown[]) => void) | undefined;
let wasmTranspose: ((...args: unknown[]) => void) | undefined;

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/** Copies a rows×cols matrix at byte offset `from` to its cols×rows transpose at `to`, in wasm. */
export function transposeInHeap(backend: WasmBackend, from: number, to: number, rows: number, cols: number): void {
  wasmTranspose ??= backend.wasm.cwrap("Transpose", null, ["number", "array", "number", "number", "number", "array", "number"]);
  const x = registerView(backend, from, rows * cols);
  const out = registerView(backend, to, rows * cols);
  const float32 = 0; // CppDType.float32 in tfjs-backend-wasm's cc/backend.h
  wasmTranspose(x, shapeBytes([rows, cols]), 2, float32, out, shapeBytes([1, 0]), 2);
  forgetView(backend, x);
  forgetView(backend, out);
}

/** XNNPACK packs its right operand on every call, which costs far more per float than a transpose (measured). */
const PACK_COST = 10;

function xnnpackGemm(backend: WasmBackend, args: GemmArgs): void {
  const { transA, transB, m, n, k, a, b, c } = args;
  // Either C = op(A)·op(B), packing op(B), or Cᵀ = op(B)ᵀ·op(A)ᵀ, packing op(A)ᵀ; each may need transposes.
  const direct = PACK_COST * k * n + (transA ? m * k : 0) + (transB ? k * n : 0);
  const flipped = PACK_COST * k * m + (transB ? 0 : k * n) + (transA ? 0 : m * k) + m * n;
  if (flipped < direct) {
    const ct = scratch(backend, m * n);
    xnnpackProduct(backend, n, m, k, b, !transB, a, !transA, ct.offset);
    transposeInHeap(backend, ct.offset, c, n, m);
    release(backend, ct);
  } else {
    xnnpackProduct(backend, m, n, k, a, transA, b, transB, c);
  }
}

/** C = op(A)·op(B) through wasm's BatchMatMul, transposing operands first so it takes its XNNPACK path. */
function xnnpackProduct(backend: WasmBackend, m: number, n: number, k: number, a: number, transA: boolean, b: number, transB: boolean, c: number): void {
  wasmBatchMatMul ??= backend.wasm.cwrap("BatchMatMul", null,
    ["number", "array", "number", "number", "array", "number", "number", "number", "number"]);
  const owned: Scratch[] = [];
  if (transA) {
    const t = scratch(backend, m * k);
    owned.push(t);
    transposeInHeap(backend, a, t.offset, k, m);
    a = t.offset;
  }
  if (transB) {
    const t = scratch(backend, k * n);
    owned.push(t);
    transposeInHeap(backend, b, t.offset, n, k);
    b = t.offset;
  }
  const aId = registerView(backend, a, m * k);
  const bId = registerView(backend, b, k * n);
  const cId = registerView(backend, c, m * n);
  // Forgetting bId also drops the XNNPACK operator cached for it (packed weights).
  wasmBatchMatMul(aId, shapeBytes([1, m, k]), 3, bId, shapeBytes([1, k, n]), 3, false, false, cId);
  forgetView(backend, aId);
  forgetView(backend, bId);
  forgetView(backend, cId);
  release(backend, ...owned);
}
