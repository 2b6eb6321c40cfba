/**
 * The course's four sentiment models, built and compiled the same way for the
 * lessons, the tests and the benchmark. Every builder takes a `seed`: the same
 * seed gives the same initial weights and dropout masks, so the same data on
 * the same backend gives the same losses.
 */
import * as tf from "@tensorflow/tfjs";
import { compile, embedding, glorot, quietOrthogonal, seeds } from "./model-layers";


interface Training {
  /** Seeds every initializer (and dropout): same seed, same model. Default 42. */
  seed?: number;
  /** Adam's learning rate. Default 0.001 (Keras' default). */
  learningRate?: number;
}

export interface EmbeddingMlpOptions extends Training {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  hidden?: number;
}

export interface Conv1dModelOptions extends EmbeddingMlpOptions {
  filters?: number;
  kernelSize?: number;
  poolSize?: number;
}

export interface LstmModelOptions extends Training {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  units?: number;
}

export interface MultiHotMlpOptions extends Training {
  numWords?: number;
  hidden?: number;
  dropout?: number;
}

function dense(units: number, activation: "relu" | "sigmoid", seed: number): tf.layers.Layer {
  return tf.layers.dense({ units, activation, kernelInitializer: glorot(seed) });
}

/**
 * Embedding → Flatten → Dense(hidden, relu) → Dense(1, sigmoid), Adam, binary
 * cross-entropy, accuracy (lesson 3, "Embeddings and a first network").
 * Input: [batch, maxlen] token ids below vocabSize.
 */
export function buildEmbeddingMlp({ vocabSize = 5000, embeddingDim = 32, maxlen = 500, hidden = 250, seed = 42, learningRate = 0.001 }: EmbeddingMlpOptions = {}): tf.Sequential {
  const next = seeds(seed);
  const model = tf.sequential({
    layers: [embedding(vocabSize, embeddingDim, maxlen, next()), tf.layers.flatten(), dense(hidden, "relu", next()), dense(1, "sigmoid", next())],
  });
  return compile(model, learningRate);
}

/**
 * Embedding → Conv1D(filters, kernelSize, same, relu) → MaxPooling1D(poolSize)
 * → Flatten → Dense(hidden, relu) → Dense(1, sigmoid) (lesson 4, "Conv1D").
 * Input: [batch, maxlen] token ids below vocabSize.
 */
export function buildConv1dModel({
  vocabSize = 5000, embeddingDim = 32, maxlen = 500, filters = 32, kernelSize = 3, poolSize = 2, hidden = 250, seed = 42, learningRate = 0.001,
}: Conv1dModelOptions = {}): tf.Sequential {
  const next = seeds(seed);
  const model = tf.sequential({
    layers: [
      embedding(vocabSize, embeddingDim, maxlen, next()),
      tf.layers.conv1d({ filters, kernelSize, padding: "same", activation: "relu", kernelInitializer: glorot(next()) }),
      tf.layers.maxPooling1d({ poolSize }),
      tf.layers.flatten(),
      dense(hidden, "relu", next()),
      dense(1, "sigmoid", next()),
    ],
  });
  return compile(model, learningRate);
}

/**
 * Embedding → LSTM(units) → Dense(1, sigmoid) (lesson 5, "LSTM"). The LSTM
 * has Keras' defaults (sigmoid gates, tanh, forget-gate bias 1, orthogonal
 * recurrent weights) and runs as one fused kernel on wasm (see `fusedLstm`).
 * Input: [batch, maxlen] token ids below vocabSize.
 */
export function buildLstmModel({ vocabSize = 20000, embeddingDim = 128, maxlen = 100, units = 60, seed = 42, learningRate = 0.001 }: LstmModelOptions = {}): tf.Sequential {
  const next = seeds(seed);
  const model = tf.sequential({
    layers: [
      embedding(vocabSize, embeddingDim, maxlen, next()),
      tf.layers.lstm({
        units, recurrentActivation: "sigmoid", unitForgetBias: true,
        kernelInitializer: glorot(next()), recurrentInitializer: quietOrthogonal(next()),
      }),
      dense(1, "sigmoid", next()),
    ],
  });
  return compile(model, learningRate);
}

/**
 * [batch, numWords] multi-hot → Dense(hidden, relu) → Dropout(dropout) →
 * Dense(1, sigmoid) (lesson 2, "One-hot and multi-hot encodings").
 */
export function buildMultiHotMlp({ numWords = 10000, hidden = 512, dropout = 0.5, seed = 42, learningRate = 0.001 }: MultiHotMlpOptions = {}): tf.Sequential {
  const next = seeds(seed);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [numWords], units: hidden, activation: "relu", kernelInitializer: glorot(next()) }),
      reseededDropout(dropout, next()),
      dense(1, "sigmoid", next()),
    ],
  });
  return compile(model, learningRate);
}

/** tfjs' Dropout class (not exported by name). */
const Dropout = tf.serialization.SerializationMap.getMap().classNameMap.Dropout[0] as unknown as new (args: { rate: number; seed?: number }) => tf.layers.Layer;

/**
 * Dropout whose mask is reproducible yet new at every training step. Stock
 * tf.layers.dropout either draws from Math.random (not reproducible) or,
 * given a seed, draws the *same* mask at every step. This one uses seed, seed
 * + 1, ... per call. Saved as a plain "Dropout".
 */
class ReseededDropout extends Dropout {
  private calls = 0;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    const self = this as unknown as { seed?: number };
    const seed = self.seed;
    if (seed === undefined || kwargs.training !== true) return super.call(inputs, kwargs);
    self.seed = seed + this.calls++;
    try {
      return super.call(inputs, kwargs);
    } finally {
      self.seed = seed;
    }
  }
}

function reseededDropout(rate: number, seed: number): tf.layers.Layer {
  return new ReseededDropout({ rate, seed });
}
