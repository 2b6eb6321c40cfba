/**
 * BatchMatMul and _FusedMatMul: every Dense layer, forward and backward.
 *
 * Stock tfjs-backend-wasm uses XNNPACK only for the untransposed, batch-1 form;
 * a Dense layer's two backward products (dy·Wᵀ and xᵀ·dy) run in a naive loop
 * 10-20x slower. These kernels send every form through `gemm` (native OpenBLAS
 * or explicit transpose + XNNPACK), and mostly-zero left operands (multi-hot
 * inputs) through `sparseGemm`.
 */
import { broadcast_util, util, type KernelFunc, type NamedAttrMap, type TensorInfo } from "@tensorflow/tfjs";
import { gemm } from "./gemm";
import { asWasm, byteOffset, checkFloat32, heapF32, type WasmBackend } from "./heap";
import { isSparse, sparseGemm } from "./sparse-gemm";

interface Product {
  outShape: number[];
  batch: number;
  /** Per-batch strides in bytes (0 when the operand is broadcast). */
  aStride: number;
  bStride: number;
  m: number;
  n: number;
  k: number;
}

/** The product's shape, or undefined for batch broadcasts other than "equal" or "one side is 1". */
function describe(a: TensorInfo, b: TensorInfo, transA: boolean, transB: boolean): Product | undefined {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transA ? a.shape[ra - 1] : a.shape[ra - 2];
  const k = transA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kB = transB ? b.shape[rb - 1] : b.shape[rb - 2];
  const n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kB) {
    throw new Error(`Error in matMul: inner shapes (${k}) and (${kB}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
      `and transposeA=${transA} and transposeB=${transB} must match.`);
  }
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = util.sizeFromShape(outer);
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  if ((batchA !== batch && batchA !== 1) || (batchB !== batch && batchB !== 1)) return undefined;
  return {
    outShape: [...outer, m, n], batch, m, n, k,
    aStride: batchA === 1 ? 0 : m * k * 4,
    bStride: batchB === 1 ? 0 : k * n * 4,
  };
}

function multiply(backend: WasmBackend, a: TensorInfo, b: TensorInfo, transA: boolean, transB: boolean, p: Product): TensorInfo {
  const out = backend.makeOutput(p.outShape, "float32");
  const aBase = byteOffset(backend, a);
  const bBase = byteOffset(backend, b);
  const cBase = byteOffset(backend, out);
  for (let i = 0; i < p.batch; i++) {
    const aOff = aBase + i * p.aStride;
    const bOff = bBase + i * p.bStride;
    const cOff = cBase + i * p.m * p.n * 4;
    if (!transB && isSparse(backend, aOff, p.m * p.k, p.n)) {
      sparseGemm(backend, transA, p.m, p.n, p.k, aOff, bOff, cOff);
    } else {
      gemm(backend, { transA, transB, m: p.m, n: p.n, k: p.k, a: aOff, b: bOff, c: cOff });
    }
  }
  return out;
}

/** BatchMatMul, or the stock kernel for batch broadcasts this one does not cover. */
export function batchMatMulKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    checkFloat32("BatchMatMul", a, b);
    const product = describe(a, b, transposeA, transposeB);
    if (product === undefined) return stock(args);
    return multiply(asWasm(args.backend), a, b, transposeA, transposeB, product);
  };
}

type Activation = (x: number) => number;

const ACTIVATIONS: Record<string, (attrs: NamedAttrMap) => Activation> = {
  linear: () => (x) => x,
  relu: () => (x) => (x > 0 ? x : 0),
  relu6: () => (x) => Math.min(Math.max(x, 0), 6),
  sigmoid: () => (x) => 1 / (1 + Math.exp(-x)),
  elu: () => (x) => (x >= 0 ? x : Math.exp(x) - 1),
  leakyrelu: (attrs) => {
    const alpha = (attrs.leakyreluAlpha as number | undefined) ?? 0.2;
    return (x) => (x >= 0 ? x : alpha * x);
  },
};

/**
 * _FusedMatMul (Dense layers at inference, and linear Dense layers in
 * training): the product, then bias and activation in one pass. PReLU and
 * biases not of size n go to the stock kernel.
 */
export function fusedMatMulKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const { transposeA, transposeB, activation } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean; activation: string };
    const makeActivation = ACTIVATIONS[activation];
    const product = describe(a!, b!, transposeA, transposeB);
    if (preluActivationWeights !== undefined || makeActivation === undefined || product === undefined ||
      (bias !== undefined && util.sizeFromShape(bias.shape) !== product.n)) {
      return stock(args);
    }
    checkFloat32("_FusedMatMul", a!, b!, ...(bias === undefined ? [] : [bias]));
    const backend = asWasm(args.backend);
    const out = multiply(backend, a!, b!, transposeA, transposeB, product);
    const f = makeActivation(args.attrs ?? {});
    const heap = heapF32(backend);
    const o = byteOffset(backend, out) >>> 2;
    const rows = product.batch * product.m;
    const n = product.n;
    const bi = bias === undefined ? -1 : byteOffset(backend, bias) >>> 2;
    for (let r = 0; r < rows; r++) {
      const row = o + r * n;
      for (let j = 0; j < n; j++) heap[row + j] = f(heap[row + j] + (bi < 0 ? 0 : heap[bi + j]));
    }
    return out;
  };
}
