/**
 * tf.layers.lstm's time loop as the fused sequence kernels of lstm.ts where the
 * backend has them (wasm with the course's kernels). Patched into the stock
 * layer class, so a learner's plain `tf.layers.lstm(...)` is fast and models
 * save and load as plain "LSTM".
 */
import * as tf from "@tensorflow/tfjs";
import { LSTM_BACKWARD, LSTM_FORWARD, type LstmAttrs } from "./lstm";

interface LstmCellInternals {
  kernel: tf.LayerVariable;
  recurrentKernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  dropout: number;
  recurrentDropout: number;
}

interface RnnInternals {
  cell: LstmCellInternals;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}

/** tfjs' LSTM class (not exported by name). */
const LSTM = tf.serialization.SerializationMap.getMap().classNameMap.LSTM[0] as unknown as { prototype: tf.layers.Layer };

/**
 * The whole sequence through one LSTM: x [batch, steps, inputDim] → the last
 * output [batch, units] (or every output [batch, steps, units]), with a
 * gradient for x and the three weights. Needs the course's wasm kernels.
 */
export function lstmSequence(x: tf.Tensor3D, kernel: tf.Tensor2D, recurrentKernel: tf.Tensor2D, bias: tf.Tensor1D, attrs: LstmAttrs): tf.Tensor {
  const engine = tf.engine();
  const named = attrs as unknown as tf.NamedAttrMap;
  const op = tf.customGrad(((...args: unknown[]) => {
    const [xs, w, u, b] = args as tf.Tensor[];
    const save = args[4] as tf.GradSaveFunc;
    const [out, gates, cells, previous] = engine.runKernel(LSTM_FORWARD, { x: xs, kernel: w, recurrentKernel: u, bias: b }, named) as tf.Tensor[];
    save([xs, w, u, gates, cells, previous]);
    return {
      value: out,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sw, su, sg, sc, sp] = saved;
        return engine.runKernel(LSTM_BACKWARD, { dy, x: sx, kernel: sw, recurrentKernel: su, gates: sg, cells: sc, previous: sp }, named) as tf.Tensor[];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(x, kernel, recurrentKernel, bias);
}

type LayerCall = tf.layers.Layer["call"];

const STOCK_CALL = Symbol("stock LSTM call");

/**
 * Makes every tf.layers.lstm run its whole sequence as the two fused kernels
 * of lstm.ts where the backend has them (lesson 5, "What an LSTM computes"): about 4,500 tfjs
 * ops per batch become two kernels. Same weights, same math, same saved
 * config; masking, dropout, initial or carried state, going backwards and
 * other activations keep the stock computation. `initBackend` calls it on
 * wasm. Calling it again does nothing.
 */
export function installFusedLstm(): void {
  const prototype = LSTM.prototype as tf.layers.Layer & { [STOCK_CALL]?: LayerCall };
  if (prototype[STOCK_CALL] !== undefined) return;
  quietOrthogonalInitializer();
  const stock = prototype.call;
  prototype[STOCK_CALL] = stock;
  prototype.call = function (this: tf.layers.Layer, inputs, kwargs) {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as RnnInternals;
    const cell = self.cell;
    const recurrent = cell.recurrentActivation.getClassName();
    const fusable = tf.getKernel(LSTM_FORWARD, tf.getBackend()) !== undefined &&
      (!Array.isArray(inputs) || inputs.length === 1) && kwargs.mask == null && kwargs.initialState == null &&
      !self.stateful && !self.goBackwards && !self.returnState && cell.bias !== null &&
      cell.dropout === 0 && cell.recurrentDropout === 0 && x.rank === 3 && x.dtype === "float32" &&
      cell.activation.getClassName() === "tanh" && (recurrent === "sigmoid" || recurrent === "hardSigmoid");
    if (!fusable) return stock.call(this, inputs, kwargs);
    return tf.tidy(() => lstmSequence(x as tf.Tensor3D, cell.kernel.read() as tf.Tensor2D, cell.recurrentKernel.read() as tf.Tensor2D,
      cell.bias!.read() as tf.Tensor1D, { hardSigmoid: recurrent === "hardSigmoid", returnSequences: self.returnSequences }));
  };
}

/**
 * tf.layers.lstm's default recurrent initializer warns "Slowness may result"
 * for matrices over 2,000 elements; the course's 60×240 takes well under a
 * second, and the warning would show as a red block in every LSTM notebook.
 */
function quietOrthogonalInitializer(): void {
  const Orthogonal = tf.serialization.SerializationMap.getMap().classNameMap.Orthogonal[0] as unknown as { prototype: { apply: (...args: unknown[]) => tf.Tensor } };
  const stock = Orthogonal.prototype.apply;
  Orthogonal.prototype.apply = function (this: { ELEMENTS_WARN_SLOW: number }, ...args: unknown[]) {
    this.ELEMENTS_WARN_SLOW = Infinity;
    return stock.apply(this, args);
  };
}
