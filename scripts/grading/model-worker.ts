/**
 * The trusted process a learner's model is rebuilt in (started by
 * model-checks.ts). The model arrives as data (its topology JSON and how it
 * was compiled) and is rebuilt with tf.models.modelFromJSON, which knows only
 * the layer classes registered here: no learner code runs. Building it can
 * still take any memory (a Dense layer of a billion units), so it happens in
 * this process, under a heap limit and a time limit, not in the grader.
 * It answers with plain data: each layer's class, configuration, output shape
 * and parameter count, and the results of the training runs asked for.
 */
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../lib/backend/init-backend";
import { loadData } from "../../lib/data/imdb/load-data";
import { multiHotDataset } from "../../lib/encoding/multi-hot-dataset";
import { headOfSplit } from "../../lib/data/scale";
import { errorMessage } from "../../lib/util/errors";
import { withSeededRandom } from "../../lib/util/random";

export interface TrainsCase {
  /** Features per example (the model's input is [batch, inputSize]). */
  inputSize: number;
  examples: number;
  epochs: number;
  seed?: number;
}

export interface ImdbAccuracyCase {
  trainReviews: number;
  validationReviews: number;
  numWords: number;
  epochs: number;
  batchSize: number;
  seed?: number;
}

export interface ModelJob {
  topology: unknown;
  training: unknown;
  trains?: TrainsCase;
  imdbAccuracy?: ImdbAccuracyCase;
}

export interface RebuiltLayer {
  className: string;
  config: Record<string, unknown>;
  outputShape: unknown;
  params: number;
}

/** A training run's result, or why the model could not be trained (a shape that does not fit the task, no trainable weights). */
type Trained<T> = T | { error: string };

export interface ModelReport {
  layers: RebuiltLayer[];
  trains?: Trained<{ lossBefore: number; lossAfter: number }>;
  imdbAccuracy?: Trained<{ accuracy: number; seconds: number }>;
}

export type ModelWorkerAnswer = { report: ModelReport } | { refused: string };

/** The losses the grader trains with when the learner compiled with one of them; otherwise binary cross-entropy. */
const KNOWN_LOSSES = new Set(["binaryCrossentropy", "meanSquaredError", "meanAbsoluteError", "hinge", "logLoss", "sigmoidCrossEntropy"]);

function learnerLoss(training: unknown): string {
  const loss = (training as { loss?: unknown } | null)?.loss;
  return typeof loss === "string" && KNOWN_LOSSES.has(loss) ? loss : "binaryCrossentropy";
}

/** The learner's optimizer rebuilt from its class name and configuration (registered classes only), or Adam. */
function learnerOptimizer(training: unknown): tf.Optimizer {
  const optimizer = (training as { optimizer?: { className?: unknown; config?: unknown } } | null)?.optimizer;
  try {
    if (typeof optimizer?.className === "string" && optimizer.config && typeof optimizer.config === "object") {
      const registered = tf.serialization.SerializationMap.getMap().classNameMap[optimizer.className];
      if (registered) return registered[1](registered[0], optimizer.config as tf.serialization.ConfigDict) as tf.Optimizer;
    }
  } catch {
    // Not a registered optimizer: train with the default.
  }
  return tf.train.adam();
}

async function rebuild(topology: unknown): Promise<tf.LayersModel> {
  return tf.models.modelFromJSON({ modelTopology: topology as tf.io.ModelJSON["modelTopology"] });
}

/** A learnable binary task: label 1 when the first half of the features outweighs the second. */
async function trains(model: tf.LayersModel, job: ModelJob, cases: TrainsCase): Promise<{ lossBefore: number; lossAfter: number }> {
  const seed = cases.seed ?? 1;
  return withSeededRandom(seed, async () => {
    const values = Float32Array.from({ length: cases.examples * cases.inputSize }, () => Math.random());
    const labels = Float32Array.from({ length: cases.examples }, (_, i) => {
      const row = values.subarray(i * cases.inputSize, (i + 1) * cases.inputSize);
      const half = Math.floor(cases.inputSize / 2);
      const first = row.subarray(0, half).reduce((a, b) => a + b, 0);
      const second = row.subarray(half).reduce((a, b) => a + b, 0);
      return first > second ? 1 : 0;
    });
    const xs = tf.tensor2d(values, [cases.examples, cases.inputSize]);
    const ys = tf.tensor2d(labels, [cases.examples, 1]);
    model.compile({ optimizer: tf.train.adam(0.01), loss: learnerLoss(job.training) });
    const lossOf = (): number => {
      const loss = model.evaluate(xs, ys, { batchSize: cases.examples }) as tf.Scalar;
      return loss.dataSync()[0];
    };
    const lossBefore = lossOf();
    await model.fit(xs, ys, { epochs: cases.epochs, batchSize: 16, shuffle: true, verbose: 0 });
    return { lossBefore, lossAfter: lossOf() };
  });
}

async function imdbAccuracy(model: tf.LayersModel, job: ModelJob, cases: ImdbAccuracyCase): Promise<{ accuracy: number; seconds: number }> {
  const started = performance.now();
  const data = await loadData({ numWords: cases.numWords, onProgress: () => undefined });
  const train = headOfSplit(data.train, cases.trainReviews);
  const validation = headOfSplit(data.test, cases.validationReviews);
  model.compile({ optimizer: learnerOptimizer(job.training), loss: learnerLoss(job.training), metrics: ["accuracy"] });
  const seed = cases.seed ?? 1;
  await withSeededRandom(seed, () =>
    model.fitDataset(multiHotDataset(train, { numWords: cases.numWords, batchSize: cases.batchSize, shuffleSeed: seed }), { epochs: cases.epochs, verbose: 0 }),
  );
  const evaluation = (await model.evaluateDataset(multiHotDataset(validation, { numWords: cases.numWords, batchSize: cases.batchSize }) as tf.data.Dataset<{}>, {})) as tf.Scalar[];
  const accuracy = evaluation[1].dataSync()[0];
  return { accuracy, seconds: (performance.now() - started) / 1000 };
}

async function inspect(job: ModelJob): Promise<ModelWorkerAnswer> {
  await initBackend();
  let model: tf.LayersModel;
  try {
    model = await rebuild(job.topology);
  } catch (error) {
    return { refused: `the model could not be rebuilt from its description (${errorMessage(error)}): use the layers of tf.layers only` };
  }
  const layers = model.layers
    .filter((layer) => layer.getClassName() !== "InputLayer")
    .map((layer) => ({ className: layer.getClassName(), config: layer.getConfig() as Record<string, unknown>, outputShape: layer.outputShape, params: layer.countParams() }));
  const report: ModelReport = { layers };
  const attempt = async <T>(run: () => Promise<T>): Promise<Trained<T>> => {
    try {
      return await run();
    } catch (error) {
      return { error: errorMessage(error) };
    }
  };
  const { trains: trainsCase, imdbAccuracy: accuracyCase } = job;
  if (trainsCase) report.trains = await attempt(() => trains(model, job, trainsCase));
  if (accuracyCase) report.imdbAccuracy = await attempt(() => imdbAccuracy(model, job, accuracyCase));
  return { report };
}

process.once("message", (job: ModelJob) => {
  inspect(job)
    .catch((error: unknown): ModelWorkerAnswer => ({ refused: `the model could not be rebuilt: ${errorMessage(error)}` }))
    .then((answer) => process.send?.(answer, () => process.exit(0)));
});
