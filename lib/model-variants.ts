/**
 * The variations lessons 4 and 5 try on the course models of lib/models.ts:
 * dropout, and global max pooling in place of Flatten. Same initialisers
 * (seeded, one seed per layer), optimizer and loss as those models, so a
 * comparison measures the change of architecture only.
 */
import * as tf from "@tensorflow/tfjs";
import { compile, embedding, glorot, quietOrthogonal, seeds } from "./model-layers";


interface Common {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  /** Seeds the initial weights (default 42); dropout masks are seeded by fitWithProgress. */
  seed?: number;
  learningRate?: number;
}

export interface ConvVariantOptions extends Common {
  filters?: number;
  kernelSize?: number;
  hidden?: number;
  /** Share of embedding values dropped during training (default 0.2). */
  embeddingDropout?: number;
  /** Share of the hidden Dense layer's outputs dropped during training (default 0.5). */
  hiddenDropout?: number;
}

export interface LstmVariantOptions extends Common {
  units?: number;
  /** Share of whole embedding channels dropped along the review during training (default 0.2). */
  embeddingDropout?: number;
  /** Share of the LSTM's outputs dropped before the classifier during training (default 0.5). */
  outputDropout?: number;
}

/**
 * Lesson 4's model with dropout: Embedding → Dropout → Conv1D(filters,
 * kernelSize, same, relu) → MaxPooling1D(2) → Flatten → Dense(hidden, relu) →
 * Dropout → Dense(1, sigmoid). Dropout zeroes a random share of values at each
 * training step (and scales the rest up), so no unit can rely on one
 * particular word feature; it has no weights, so the count is unchanged.
 */
export function buildConv1dDropoutModel(options: ConvVariantOptions = {}): tf.Sequential {
  const o = convDefaults(options);
  const next = seeds(o.seed);
  return compile(tf.sequential({ layers: [
    embedding(o.vocabSize, o.embeddingDim, o.maxlen, next()),
    tf.layers.dropout({ rate: o.embeddingDropout }),
    tf.layers.conv1d({ filters: o.filters, kernelSize: o.kernelSize, padding: "same", activation: "relu", kernelInitializer: glorot(next()) }),
    tf.layers.maxPooling1d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: o.hidden, activation: "relu", kernelInitializer: glorot(next()) }),
    tf.layers.dropout({ rate: o.hiddenDropout }),
    tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: glorot(next()) }),
  ] }), o.learningRate);
}

/**
 * Lesson 4's next step: Embedding → Conv1D(filters, kernelSize, same, relu) →
 * GlobalMaxPooling1D → Dense(hidden, relu) → Dense(1, sigmoid). Each filter
 * keeps only its strongest response anywhere in the review, so the Dense
 * layer reads `filters` numbers instead of (maxlen / 2) × filters.
 */
export function buildGlobalMaxPoolModel(options: Omit<ConvVariantOptions, "embeddingDropout" | "hiddenDropout"> = {}): tf.Sequential {
  const o = convDefaults(options);
  const next = seeds(o.seed);
  return compile(tf.sequential({ layers: [
    embedding(o.vocabSize, o.embeddingDim, o.maxlen, next()),
    tf.layers.conv1d({ filters: o.filters, kernelSize: o.kernelSize, padding: "same", activation: "relu", kernelInitializer: glorot(next()) }),
    tf.layers.globalMaxPooling1d({}),
    tf.layers.dense({ units: o.hidden, activation: "relu", kernelInitializer: glorot(next()) }),
    tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: glorot(next()) }),
  ] }), o.learningRate);
}

/**
 * Lesson 5's model with dropout: Embedding → SpatialDropout1D → LSTM(units) →
 * Dropout → Dense(1, sigmoid). SpatialDropout1D drops whole embedding
 * channels for a review (the same channels at every word), the usual dropout
 * for sequences; dropout inside the LSTM cell is left out because it would
 * turn off the fused LSTM kernel that makes training fast on wasm.
 */
export function buildLstmDropoutModel(options: LstmVariantOptions = {}): tf.Sequential {
  const o = {
    vocabSize: 20_000, embeddingDim: 128, maxlen: 100, units: 60, seed: 42, learningRate: 0.001, embeddingDropout: 0.2, outputDropout: 0.5,
    ...options,
  };
  checkRates({ embeddingDropout: o.embeddingDropout, outputDropout: o.outputDropout });
  const next = seeds(o.seed);
  return compile(tf.sequential({ layers: [
    embedding(o.vocabSize, o.embeddingDim, o.maxlen, next()),
    tf.layers.spatialDropout1d({ rate: o.embeddingDropout }),
    tf.layers.lstm({
      units: o.units, recurrentActivation: "sigmoid", unitForgetBias: true,
      kernelInitializer: glorot(next()), recurrentInitializer: quietOrthogonal(next()),
    }),
    tf.layers.dropout({ rate: o.outputDropout }),
    tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: glorot(next()) }),
  ] }), o.learningRate);
}

function convDefaults(options: ConvVariantOptions) {
  const o = {
    vocabSize: 5000, embeddingDim: 32, maxlen: 500, filters: 32, kernelSize: 3, hidden: 250, seed: 42, learningRate: 0.001,
    embeddingDropout: 0.2, hiddenDropout: 0.5, ...options,
  };
  checkRates({ embeddingDropout: o.embeddingDropout, hiddenDropout: o.hiddenDropout });
  return o;
}

function checkRates(rates: Record<string, number>): void {
  for (const [name, rate] of Object.entries(rates)) {
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`${name} must be a share from 0 (no dropout) to below 1, got ${String(rate)}.`);
  }
}
