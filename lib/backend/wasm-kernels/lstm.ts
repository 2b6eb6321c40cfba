/**
 * A whole LSTM sequence, forward and backward, as two kernels.
 *
 * Stock tfjs runs an LSTM layer as a JavaScript loop over time steps, about 15
 * ops per step forward and 30 backward (4,500 kernel calls per batch for 100
 * steps), each with tfjs' bookkeeping; that overhead alone was 26-37% of a
 * step on wasm, and each step's matrix products are too small to run fast.
 * Here the input projection x·W of all steps is one large product, each step
 * is one small product h·U plus a loop over the gates, and the backward pass
 * gathers the weight gradients into three large products (like cuDNN).
 *
 * Gates in Keras order i, f, g (cell candidate), o; activation tanh;
 * recurrent activation sigmoid or hard sigmoid (max(0, min(1, 0.2·z + 0.5))).
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { gemm } from "./gemm";
import { asWasm, byteOffset, floatIndex, heapBuffer, heapF32, release, scratch } from "./heap";
import { activeNativeBlas } from "./native-blas";

export const LSTM_FORWARD = "CourseLstmForward";
export const LSTM_BACKWARD = "CourseLstmBackward";

export interface LstmAttrs {
  hardSigmoid: boolean;
  returnSequences: boolean;
}

function dims(x: TensorInfo, recurrentKernel: TensorInfo): { batch: number; steps: number; inputDim: number; units: number } {
  const [batch, steps, inputDim] = x.shape;
  return { batch, steps, inputDim, units: recurrentKernel.shape[0] };
}

/**
 * Inputs x [batch, steps, inputDim], kernel [inputDim, 4·units],
 * recurrentKernel [units, 4·units], bias [4·units]. Outputs: h (last step
 * [batch, units], or every step [batch, steps, units]), then what the backward
 * pass needs: activated gates [batch, steps, 4·units], cell states c_t and
 * previous outputs h_{t-1} [batch, steps, units].
 */
export const lstmForward: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const { x, kernel, recurrentKernel, bias } = inputs as Record<string, TensorInfo>;
  const { hardSigmoid, returnSequences } = attrs as unknown as LstmAttrs;
  const backend = asWasm(anyBackend);
  const { batch, steps, inputDim, units } = dims(x, recurrentKernel);
  const width = 4 * units;
  const out = backend.makeOutput(returnSequences ? [batch, steps, units] : [batch, units], "float32");
  const gates = backend.makeOutput([batch, steps, width], "float32");
  const cells = backend.makeOutput([batch, steps, units], "float32");
  const previous = backend.makeOutput([batch, steps, units], "float32");
  const native = activeNativeBlas();
  if (native !== undefined) {
    const [xo, ko, uo, bo, oo, go, co, po] = [x, kernel, recurrentKernel, bias, out, gates, cells, previous].map((t) => byteOffset(backend, t));
    native.lstmForward(heapBuffer(backend), batch, steps, inputDim, units, hardSigmoid, returnSequences, xo, ko, uo, bo, oo, go, co, po);
    return [out, gates, cells, previous];
  }
  const h = scratch(backend, batch * units);
  const hu = scratch(backend, batch * width);
  // The input projection of every step at once; the gate loop turns it into activations in place.
  gemm(backend, { transA: false, transB: false, m: batch * steps, n: width, k: inputDim, a: byteOffset(backend, x), b: byteOffset(backend, kernel), c: byteOffset(backend, gates) });
  const G = floatIndex(backend, gates);
  const C = floatIndex(backend, cells);
  const P = floatIndex(backend, previous);
  const O = floatIndex(backend, out);
  const BIAS = floatIndex(backend, bias);
  heapF32(backend).fill(0, h.index, h.index + batch * units);
  const recurrent = (z: number) => (hardSigmoid ? Math.max(0, Math.min(1, 0.2 * z + 0.5)) : 1 / (1 + Math.exp(-z)));
  for (let t = 0; t < steps; t++) {
    if (t > 0) gemm(backend, { transA: false, transB: false, m: batch, n: width, k: units, a: h.offset, b: byteOffset(backend, recurrentKernel), c: hu.offset });
    const heap = heapF32(backend);
    if (t === 0) heap.fill(0, hu.index, hu.index + batch * width);
    for (let b = 0; b < batch; b++) {
      const z = G + (b * steps + t) * width;
      const r = hu.index + b * width;
      const cell = C + (b * steps + t) * units;
      const hb = h.index + b * units;
      for (let j = 0; j < units; j++) {
        const i = recurrent(heap[z + j] + heap[r + j] + heap[BIAS + j]);
        const f = recurrent(heap[z + units + j] + heap[r + units + j] + heap[BIAS + units + j]);
        const g = Math.tanh(heap[z + 2 * units + j] + heap[r + 2 * units + j] + heap[BIAS + 2 * units + j]);
        const o = recurrent(heap[z + 3 * units + j] + heap[r + 3 * units + j] + heap[BIAS + 3 * units + j]);
        const cPrev = t > 0 ? heap[cell - units + j] : 0;
        const c = f * cPrev + i * g;
        heap[z + j] = i;
        heap[z + units + j] = f;
        heap[z + 2 * units + j] = g;
        heap[z + 3 * units + j] = o;
        heap[cell + j] = c;
        heap[P + (b * steps + t) * units + j] = heap[hb + j];
        heap[hb + j] = o * Math.tanh(c);
        if (returnSequences) heap[O + (b * steps + t) * units + j] = heap[hb + j];
      }
    }
  }
  const heap = heapF32(backend);
  if (!returnSequences) heap.copyWithin(O, h.index, h.index + batch * units);
  release(backend, h, hu);
  return [out, gates, cells, previous];
};

/**
 * Inputs dy (gradient of the forward's first output), x, kernel,
 * recurrentKernel and the forward's gates, cells and previous outputs.
 * Outputs the gradients of x, kernel, recurrentKernel and bias.
 */
export const lstmBackward: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const { dy, x, kernel, recurrentKernel, gates, cells, previous } = inputs as Record<string, TensorInfo>;
  const { hardSigmoid, returnSequences } = attrs as unknown as LstmAttrs;
  const backend = asWasm(anyBackend);
  const { batch, steps, inputDim, units } = dims(x, recurrentKernel);
  const width = 4 * units;
  const dx = backend.makeOutput(x.shape, "float32");
  const dKernel = backend.makeOutput(kernel.shape, "float32");
  const dRecurrent = backend.makeOutput(recurrentKernel.shape, "float32");
  const dBias = backend.makeOutput([width], "float32");
  const native = activeNativeBlas();
  if (native !== undefined) {
    const offsets = [dy, x, kernel, recurrentKernel, gates, cells, previous, dx, dKernel, dRecurrent, dBias].map((t) => byteOffset(backend, t));
    const [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10] = offsets;
    native.lstmBackward(heapBuffer(backend), batch, steps, inputDim, units, hardSigmoid, returnSequences, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    return [dx, dKernel, dRecurrent, dBias];
  }
  const dz = scratch(backend, batch * steps * width);
  const dzStep = scratch(backend, batch * width);
  const dh = scratch(backend, batch * units);
  const dc = scratch(backend, batch * units);
  const G = floatIndex(backend, gates);
  const C = floatIndex(backend, cells);
  const DY = floatIndex(backend, dy);
  {
    const heap = heapF32(backend);
    if (returnSequences) heap.fill(0, dh.index, dh.index + batch * units);
    else heap.copyWithin(dh.index, DY, DY + batch * units);
    heap.fill(0, dc.index, dc.index + batch * units);
  }
  // Derivative of the recurrent activation from its output a.
  const slope = hardSigmoid ? (a: number) => (a > 0 && a < 1 ? 0.2 : 0) : (a: number) => a * (1 - a);
  for (let t = steps - 1; t >= 0; t--) {
    const heap = heapF32(backend);
    for (let b = 0; b < batch; b++) {
      const gate = G + (b * steps + t) * width;
      const cell = C + (b * steps + t) * units;
      const out = dz.index + (b * steps + t) * width;
      const step = dzStep.index + b * width;
      const hb = dh.index + b * units;
      const cb = dc.index + b * units;
      const seq = DY + (b * steps + t) * units;
      for (let j = 0; j < units; j++) {
        const i = heap[gate + j];
        const f = heap[gate + units + j];
        const g = heap[gate + 2 * units + j];
        const o = heap[gate + 3 * units + j];
        const tc = Math.tanh(heap[cell + j]);
        const dhj = heap[hb + j] + (returnSequences ? heap[seq + j] : 0);
        const dcj = heap[cb + j] + dhj * o * (1 - tc * tc);
        const cPrev = t > 0 ? heap[cell - units + j] : 0;
        heap[cb + j] = dcj * f;
        const zi = dcj * g * slope(i);
        const zf = dcj * cPrev * slope(f);
        const zg = dcj * i * (1 - g * g);
        const zo = dhj * tc * slope(o);
        heap[out + j] = heap[step + j] = zi;
        heap[out + units + j] = heap[step + units + j] = zf;
        heap[out + 2 * units + j] = heap[step + 2 * units + j] = zg;
        heap[out + 3 * units + j] = heap[step + 3 * units + j] = zo;
      }
    }
    // dh_{t-1} = dz_t · Uᵀ (nothing flows into the zero initial state).
    if (t > 0) gemm(backend, { transA: false, transB: true, m: batch, n: units, k: width, a: dzStep.offset, b: byteOffset(backend, recurrentKernel), c: dh.offset });
  }
  const rows = batch * steps;
  gemm(backend, { transA: true, transB: false, m: inputDim, n: width, k: rows, a: byteOffset(backend, x), b: dz.offset, c: byteOffset(backend, dKernel) });
  gemm(backend, { transA: true, transB: false, m: units, n: width, k: rows, a: byteOffset(backend, previous), b: dz.offset, c: byteOffset(backend, dRecurrent) });
  gemm(backend, { transA: false, transB: true, m: rows, n: inputDim, k: width, a: dz.offset, b: byteOffset(backend, kernel), c: byteOffset(backend, dx) });
  const heap = heapF32(backend);
  const DB = floatIndex(backend, dBias);
  heap.fill(0, DB, DB + width);
  for (let r = 0; r < rows; r++) {
    const row = dz.index + r * width;
    for (let j = 0; j < width; j++) heap[DB + j] += heap[row + j];
  }
  release(backend, dz, dzStep, dh, dc);
  return [dx, dKernel, dRecurrent, dBias];
};
