/**
 * An LSTM layer that runs as the fused sequence kernels of lstm.ts where the
 * backend has them (wasm with the course's kernels), and exactly as
 * tf.layers.lstm everywhere else. It *is* a tf.layers.lstm (a subclass with the
 * same weights and config), so models save and load as plain "LSTM".
 */
import * as tf from "@tensorflow/tfjs";
import { LSTM_BACKWARD, LSTM_FORWARD, type LstmAttrs } from "./lstm";

type LstmArgs = Parameters<typeof tf.layers.lstm>[0];

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
const LSTM = tf.serialization.SerializationMap.getMap().classNameMap.LSTM[0] as unknown as new (args: LstmArgs) => tf.layers.Layer;

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

class FusedLstm extends LSTM {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    const self = this as unknown as RnnInternals;
    const cell = self.cell;
    const recurrent = cell.recurrentActivation.getClassName();
    const fusable = tf.getKernel(LSTM_FORWARD, tf.getBackend()) !== undefined &&
      (!Array.isArray(inputs) || inputs.length === 1) && kwargs.mask == null && kwargs.initialState == null &&
      !self.stateful && !self.goBackwards && !self.returnState && cell.bias !== null &&
      cell.dropout === 0 && cell.recurrentDropout === 0 && x.rank === 3 && x.dtype === "float32" &&
      cell.activation.getClassName() === "tanh" && (recurrent === "sigmoid" || recurrent === "hardSigmoid");
    if (!fusable) return super.call(inputs, kwargs);
    return tf.tidy(() => lstmSequence(x as tf.Tensor3D, cell.kernel.read() as tf.Tensor2D, cell.recurrentKernel.read() as tf.Tensor2D,
      cell.bias!.read() as tf.Tensor1D, { hardSigmoid: recurrent === "hardSigmoid", returnSequences: self.returnSequences }));
  }
}

/**
 * tf.layers.lstm, with the whole sequence fused into one kernel on wasm
 * (lesson 5, "LSTM"): about 4,500 tfjs ops per batch become two kernels.
 * Falls back to the stock computation for masking, dropout, initial or
 * carried state, going backwards, or other activations.
 */
export function fusedLstm(args: LstmArgs): tf.layers.Layer {
  return new FusedLstm(args);
}
