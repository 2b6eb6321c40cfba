/**
 * One training run as the model lessons do it: fit with live progress and a
 * record per epoch, evaluate on the test reviews, and put the runs side by
 * side (lesson 3 introduces it; lessons 4 and 5 reuse it).
 */
import type * as tf from "@tensorflow/tfjs";
import { trainingProgress, type EpochRecord } from "./training";
import { withSeededRandom } from "./seeded-random";
import { earlyStopping, type EarlyStoppingOutcome, type EarlyStoppingRule } from "./early-stopping";

export interface FitWithProgressOptions {
  epochs: number;
  batchSize: number;
  /**
   * Fraction of the training examples held out, from the end, to validate on
   * after every epoch (tfjs, like Keras, takes the last ones, not a random
   * sample: the training split is already shuffled).
   */
  validationSplit?: number;
  /** Further callbacks, e.g. `earlyStopping(model).callbacks`. */
  callbacks?: tf.CustomCallbackArgs[];
  /**
   * Seeds the batch shuffling and dropout masks of this fit, so a rerun gives
   * the same losses (default 1). Weight initialisation is seeded by the model
   * builders.
   */
  seed?: number;
  /** Where progress lines go (default: updated in place in a notebook, finished epochs on the console elsewhere). */
  write?: (text: string) => void;
}

/**
 * model.fit with a live progress line (epoch, batch, loss, accuracy) and one
 * record per finished epoch, its wall time included (lesson 3). Shuffles the
 * batches every epoch, reproducibly from `seed`.
 */
export async function fitWithProgress(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, options: FitWithProgressOptions): Promise<EpochRecord[]> {
  const { epochs, batchSize, validationSplit } = options;
  for (const [name, value] of Object.entries({ epochs, batchSize })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`fitWithProgress: ${name} must be a positive integer, got ${String(value)}.`);
  }
  if (validationSplit !== undefined && !(validationSplit > 0 && validationSplit < 1)) {
    throw new RangeError(`fitWithProgress: validationSplit must be between 0 and 1 (e.g. 0.2 for 20%), got ${String(validationSplit)}.`);
  }
  // tfjs keeps the first floor(n × (1 - split)) examples for training.
  const trainCount = validationSplit === undefined ? x.shape[0] : Math.floor(x.shape[0] * (1 - validationSplit));
  const progress = trainingProgress({ epochs, batchesPerEpoch: Math.ceil(trainCount / batchSize), write: options.write });
  await withSeededRandom(options.seed ?? 1, () =>
    model.fit(x, y, {
      epochs,
      batchSize,
      validationSplit,
      shuffle: true,
      verbose: 0,
      callbacks: [progress.callbacks, ...(options.callbacks ?? [])],
    }),
  );
  return progress.history;
}

export interface ModelEvaluation {
  loss: number;
  accuracy: number;
}

/**
 * Loss and accuracy of a compiled model (binary cross-entropy and accuracy
 * metric) on labelled examples, computed `batchSize` reviews at a time so the
 * activations of 25,000 reviews never sit in memory at once (lesson 3).
 */
export async function evaluateModel(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, batchSize = 500): Promise<ModelEvaluation> {
  const result = model.evaluate(x, y, { batchSize });
  const scalars = Array.isArray(result) ? result : [result];
  if (scalars.length < 2) {
    throw new Error("evaluateModel: the model reports no accuracy; compile it with metrics: [\"accuracy\"].");
  }
  const [loss, accuracy] = await Promise.all(scalars.slice(0, 2).map(async (s) => (await s.data())[0]));
  for (const s of scalars) s.dispose();
  return { loss, accuracy };
}

/** Mean wall time of the epochs of a history, in seconds (lesson 3). */
export function meanSecondsPerEpoch(history: readonly EpochRecord[]): number {
  if (history.length === 0) throw new RangeError("meanSecondsPerEpoch: the history is empty; train at least one epoch first.");
  return history.reduce((sum, r) => sum + r.seconds, 0) / history.length;
}

/** One trained model in a comparison. */
export interface RunSummary {
  model: string;
  parameters: number;
  epochs: number;
  secondsPerEpoch: number;
  testAccuracy: number;
}

export interface TrainAndTestResult {
  /** One record per epoch trained. */
  history: EpochRecord[];
  /** Loss and accuracy on the test examples, with the weights the model ends with. */
  test: ModelEvaluation;
  /** The line of the runs table. */
  summary: RunSummary;
  /** With `earlyStopping`: the epoch whose weights were kept and where training stopped. */
  stopping?: EarlyStoppingOutcome;
}

/**
 * Trains with fitWithProgress, then evaluates once on the test examples
 * (lesson 3; lessons 4 and 5 compare their models this way). With
 * `earlyStopping` (lesson 5; needs `validationSplit`) training stops by that
 * rule and the model keeps its best epoch's weights: the summary's `epochs` is
 * then that epoch.
 */
export async function trainAndTest(
  name: string,
  model: tf.LayersModel,
  train: { x: tf.Tensor; y: tf.Tensor },
  test: { x: tf.Tensor; y: tf.Tensor },
  options: FitWithProgressOptions & { earlyStopping?: EarlyStoppingRule },
): Promise<TrainAndTestResult> {
  const stopper = options.earlyStopping ? earlyStopping(model, options.earlyStopping) : undefined;
  const callbacks = [...(options.callbacks ?? []), ...(stopper ? [stopper.callbacks] : [])];
  const history = await fitWithProgress(model, train.x, train.y, { ...options, callbacks });
  const stopping = stopper?.outcome();
  const evaluation = await evaluateModel(model, test.x, test.y);
  const summary: RunSummary = {
    model: name,
    parameters: model.countParams(),
    epochs: stopping ? stopping.bestEpoch : history.length,
    secondsPerEpoch: meanSecondsPerEpoch(history),
    testAccuracy: evaluation.accuracy,
  };
  return { history, test: evaluation, summary, ...(stopping ? { stopping } : {}) };
}

/** Runs side by side as a Markdown table: parameters, epochs, seconds per epoch, test accuracy in % (lessons 3-5). */
export function runsTableMarkdown(runs: readonly RunSummary[]): string {
  return [
    "| model | parameters | epochs | seconds per epoch | test accuracy |",
    "|---|---:|---:|---:|---:|",
    ...runs.map((r) =>
      `| ${r.model} | ${r.parameters.toLocaleString("en-US")} | ${r.epochs} | ${r.secondsPerEpoch.toFixed(1)} | ${(100 * r.testAccuracy).toFixed(2)}% |`,
    ),
  ].join("\n");
}
