/**
 * Adam's update in one pass over the weights.
 *
 * Stock tf.train.adam updates each weight tensor with about twelve separate
 * element-wise ops (each allocating a tensor as big as the weights); for the
 * course's 2.6-5 M-weight models that was 36-41% of a training step on wasm.
 * `installFusedAdam` makes the stock optimizer compute exactly the same update
 * in one kernel on wasm; other backends keep the stock update.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, byteOffset, floatIndex, heapBuffer, heapF32 } from "./heap";
import { activeNativeBlas } from "./native-blas";

export const ADAM_UPDATE = "CourseAdamUpdate";

interface AdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t and 1 - beta2^t, t counting from 1. */
  correction1: number;
  correction2: number;
}

/** Inputs value, m, v, gradient; outputs the new value, m and v. */
export const adamUpdate: KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
  const { value, m, v, gradient } = inputs as Record<string, TensorInfo>;
  const { learningRate, beta1, beta2, epsilon, correction1, correction2 } = attrs as unknown as AdamAttrs;
  const backend = asWasm(anyBackend);
  const outs = [value, m, v].map((t) => backend.makeOutput(t.shape, "float32"));
  const size = tf.util.sizeFromShape(value.shape);
  const native = activeNativeBlas();
  if (native !== undefined) {
    const [w, m0, v0, g, w2, m2, v2] = [value, m, v, gradient, ...outs].map((t) => byteOffset(backend, t));
    native.adam(heapBuffer(backend), size, w, m0, v0, g, w2, m2, v2, learningRate, beta1, beta2, epsilon, correction1, correction2);
    return outs;
  }
  const heap = heapF32(backend);
  const [w, m0, v0, g, w2, m2, v2] = [value, m, v, gradient, ...outs].map((t) => heap.subarray(floatIndex(backend, t), floatIndex(backend, t) + size));
  const step = learningRate / correction1;
  const scale2 = 1 / correction2;
  for (let i = 0; i < size; i++) {
    const gi = g[i];
    const mi = beta1 * m0[i] + (1 - beta1) * gi;
    const vi = beta2 * v0[i] + (1 - beta2) * gi * gi;
    m2[i] = mi;
    v2[i] = vi;
    w2[i] = w[i] - (step * mi) / (Math.sqrt(vi * scale2) + epsilon);
  }
  return outs;
};

interface MomentSlot {
  originalName: string;
  variable: tf.Variable;
}

/** AdamOptimizer's protected settings and step counter. */
interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  iterations: number;
  incrementIterations(): void;
}

/** AdamOptimizer's private state, which this subclass keeps in the same shape (so getWeights/setWeights still work). */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: MomentSlot[];
  accumulatedSecondMoment: MomentSlot[];
}

type ApplyGradients = tf.AdamOptimizer["applyGradients"];

/**
 * Makes every tf.train.adam (and `optimizer: "adam"`) update its weights with
 * the fused kernel where the backend has it: the same arithmetic as the stock
 * update, in one pass instead of about twelve ops per weight tensor. The
 * optimizer's state keeps the stock shape, so getWeights/setWeights and saving
 * are unchanged. `initBackend` calls it on wasm. Calling it again does nothing.
 */
export function installFusedAdam(): void {
  const prototype = tf.AdamOptimizer.prototype as tf.AdamOptimizer & { [STOCK_APPLY]?: ApplyGradients };
  if (prototype[STOCK_APPLY] !== undefined) return;
  const stock = prototype.applyGradients;
  prototype[STOCK_APPLY] = stock;
  prototype.applyGradients = function (this: tf.AdamOptimizer, variableGradients) {
    if (tf.getKernel(ADAM_UPDATE, tf.getBackend()) === undefined) return stock.call(this, variableGradients);
    fusedApplyGradients(this, variableGradients);
  };
}

const STOCK_APPLY = Symbol("stock Adam applyGradients");

function fusedApplyGradients(adam: tf.AdamOptimizer, variableGradients: Parameters<ApplyGradients>[0]): void {
  const state = adam as unknown as AdamState;
  const optimizer = adam as unknown as AdamSettings;
  const entries = Array.isArray(variableGradients)
    ? variableGradients.map(({ name, tensor }) => [name, tensor] as const)
    : Object.entries(variableGradients);
  const t = optimizer.iterations + 1;
  const attrs: AdamAttrs = {
    learningRate: optimizer.learningRate, beta1: optimizer.beta1, beta2: optimizer.beta2, epsilon: optimizer.epsilon,
    correction1: 1 - Math.pow(optimizer.beta1, t), correction2: 1 - Math.pow(optimizer.beta2, t),
  };
  tf.tidy(() => {
    entries.forEach(([name, gradient], i) => {
      const value = tf.engine().registeredVariables[name];
      state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
      if (gradient == null) return;
      const m = state.accumulatedFirstMoment[i].variable;
      const v = state.accumulatedSecondMoment[i].variable;
      const [newValue, newM, newV] = tf.engine().runKernel(ADAM_UPDATE,
        { value, m, v, gradient }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
      value.assign(newValue);
      m.assign(newM);
      v.assign(newV);
    });
    // Kept as in the stock optimizer, which saves and restores them.
    state.accBeta1.assign(tf.mul(state.accBeta1, optimizer.beta1));
    state.accBeta2.assign(tf.mul(state.accBeta2, optimizer.beta2));
  });
  optimizer.incrementIterations();
}
