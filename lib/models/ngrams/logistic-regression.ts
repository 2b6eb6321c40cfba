/**
 * Logistic regression on sparse features, trained by a tfjs optimizer
 * (lesson 7, "Bag of n-grams").
 */
import * as tf from "@tensorflow/tfjs";
import { type CsrMatrix, csrMatVec, selectRows } from "./csr";
import { MAX_SEED, integerOption, numberOption } from "../../util/options";
import { mulberry32 } from "../../util/random";
import { shuffledIndices } from "../../util/shuffle";
import { sparseMatVec } from "./sparse-matvec";

/** P(positive | x) = sigmoid(w · x + bias). */
export interface LogisticRegression {
  weights: Float32Array;
  bias: number;
}

export interface LogisticRegressionOptions {
  /** Passes over the training rows; default 4 (chosen on held-out reviews in lesson 7). */
  epochs?: number;
  /** Rows per gradient step; default 256. */
  batchSize?: number;
  /** Adam's step size; default 0.005. */
  learningRate?: number;
  /** Adds l2 · Σ w² to the loss (Keras' `l2` regulariser); default 0. */
  l2?: number;
  /** Seeds the mini-batch order; default 1. Same seed, same data → same model. */
  seed?: number;
  /** Rows to evaluate after each epoch (e.g. the test reviews), for the learning curve. */
  validation?: { features: CsrMatrix; labels: ArrayLike<number> };
  /** Called after each epoch, e.g. to update a progress display. */
  onEpochEnd?: (result: EpochResult) => void;
}

export interface EpochResult {
  epoch: number;
  /** Mean training loss over the epoch's batches (cross-entropy + L2 term). */
  loss: number;
  validationLoss?: number;
  validationAccuracy?: number;
  /** Seconds since training started. */
  seconds: number;
}

export interface TrainedLogisticRegression {
  classifier: LogisticRegression;
  history: EpochResult[];
  /** Training time, validation excluded. */
  seconds: number;
}

/**
 * Fits w and bias by mini-batch Adam on the mean binary cross-entropy
 * (lesson 7). Weights start at zero; each epoch visits the rows in a new
 * seeded order. Needs `initBackend()` (or any tfjs backend) first.
 */
export async function trainLogisticRegression(features: CsrMatrix, labels: ArrayLike<number>, options: LogisticRegressionOptions = {}): Promise<TrainedLogisticRegression> {
  const where = "trainLogisticRegression";
  checkLabels(where, features, labels);
  const epochs = integerOption(where, "epochs", options.epochs, 1, Infinity, 4);
  const batchSize = integerOption(where, "batchSize", options.batchSize, 1, Infinity, 256);
  const learningRate = numberOption(where, "learningRate", options.learningRate, { min: 0, exclusive: true }, 0.005);
  const l2 = numberOption(where, "l2", options.l2, { min: 0 }, 0, "0 = no regularisation");
  const random = mulberry32(integerOption(where, "seed", options.seed, 0, MAX_SEED, 1));
  // A variable does not take over the tensor it starts from: tidy disposes the zeros.
  const weights = tf.tidy(() => tf.variable(tf.zeros([features.cols]) as tf.Tensor1D));
  const bias = tf.tidy(() => tf.variable(tf.scalar(0)));
  const optimizer = tf.train.adam(learningRate);
  const history: EpochResult[] = [];
  let trainingMs = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = Date.now();
      const order = shuffledIndices(features.rows, random);
      let lossSum = 0;
      for (let start = 0; start < order.length; start += batchSize) {
        const rows = order.subarray(start, start + batchSize);
        const batch = selectRows(features, rows);
        const batchLabels = Float32Array.from(rows, (i) => labels[i]);
        const loss = optimizer.minimize(() => tf.tidy(() => {
          const logits = tf.add(sparseMatVec(batch, weights), bias);
          const crossEntropy = tf.losses.sigmoidCrossEntropy(tf.tensor1d(batchLabels), logits);
          return (l2 > 0 ? tf.add(crossEntropy, tf.mul(l2, tf.sum(tf.square(weights)))) : crossEntropy) as tf.Scalar;
        }), true, [weights, bias])!;
        lossSum += loss.dataSync()[0] * rows.length;
        loss.dispose();
      }
      trainingMs += Date.now() - started;
      const result: EpochResult = { epoch, loss: lossSum / features.rows, seconds: trainingMs / 1000 };
      if (options.validation !== undefined) {
        const scores = evaluateClassifier(snapshot(weights, bias), options.validation.features, options.validation.labels);
        result.validationLoss = scores.loss;
        result.validationAccuracy = scores.accuracy;
      }
      history.push(result);
      options.onEpochEnd?.(result);
      // Lets a notebook's progress display and other pending work through.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { classifier: snapshot(weights, bias), history, seconds: trainingMs / 1000 };
  } finally {
    weights.dispose();
    bias.dispose();
    optimizer.dispose();
  }
}

/** P(positive) for each row (lesson 7). */
export function predictProbabilities(classifier: LogisticRegression, features: CsrMatrix): Float32Array {
  const logits = csrMatVec(features, classifier.weights);
  return logits.map((z) => sigmoid(z + classifier.bias));
}

/** Accuracy (threshold 0.5) and mean binary cross-entropy on labelled rows (lesson 7). */
export function evaluateClassifier(classifier: LogisticRegression, features: CsrMatrix, labels: ArrayLike<number>): { accuracy: number; loss: number } {
  checkLabels("evaluateClassifier", features, labels);
  const logits = csrMatVec(features, classifier.weights);
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i] + classifier.bias;
    const y = labels[i];
    if ((z > 0 ? 1 : 0) === y) correct++;
    // log(1 + e^-|z|) + max(z, 0) - z·y: cross-entropy without overflow.
    loss += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - z * y;
  }
  return { accuracy: correct / logits.length, loss: loss / logits.length };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function snapshot(weights: tf.Variable, bias: tf.Variable): LogisticRegression {
  return { weights: Float32Array.from(weights.dataSync()), bias: bias.dataSync()[0] };
}

function checkLabels(where: string, features: CsrMatrix, labels: ArrayLike<number>): void {
  if (labels.length !== features.rows) {
    throw new RangeError(`${where}: ${labels.length} labels for ${features.rows} rows; pass one label (0 or 1) per row.`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`${where}: label ${i} is ${labels[i]}; labels must be 0 (negative) or 1 (positive).`);
  }
}
