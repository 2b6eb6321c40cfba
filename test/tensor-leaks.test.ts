/**
 * Every helper of the course library that makes tensors gives them all back:
 * after a call on a tiny case, tf.memory().numTensors is what it was before
 * (helpers that return tensors by design: once the caller disposes those).
 * A notebook calls these helpers again and again in one kernel, so a few
 * tensors per call add up.
 *
 * Adding a helper is one row of CASES. A row with `leaves` documents a leak
 * outside lib's hand-written code (a tfjs bug, or an optimizer object that a
 * lesson compiles with): it expects exactly that many tensors, so it goes red
 * when the leak is fixed, and the row is then updated.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  crossValidate, earlyStopping, embeddingVectors, evaluateNgramModel, explainPrediction, layerParameters, lesson2, lesson3, lesson4, lesson5,
  loadReviews, loadSentimentModel, meanSecondsPerEpoch, multiHotDataset, predictNgramSentiment, predictReviews, predictSentiment,
  saveSentimentModel, sequenceTensors, trainLogisticRegression, trainNgramSentimentModel, trainingProgress, withSeededRandom,
  type CsrMatrix, type LoadedNetworkModel, type LoadedNgramModel,
} from "../lib/index";
import { networkLogits } from "../lib/analysis/batch-predictions";
import { networkInputs } from "../lib/models/network-inputs";
import { sparseMatVec } from "../lib/models/ngrams/sparse-matvec";
import { networkProbabilities } from "../lib/models/network-probabilities";
import { useToySentimentData } from "./fixtures/toy-sentiment-reviews";

const { modelsDir } = useToySentimentData("leaks");

/** Word indices below NUM_WORDS, reviews padded to MAXLEN: sizes of the toy vocabulary (see the fixture). */
const NUM_WORDS = 12;
const MAXLEN = 4;
const TEXT = "The film is good, not awful!";
const TEXTS = ["The film is good and great.", "The film is bad and awful.", "A fine story.", "A dull plot."];
const LABELS = [1, 0, 1, 0];

/** Two rows, three columns: [1 0 2; 0 1 0]. */
const FEATURES: CsrMatrix = { rows: 2, cols: 3, indptr: Int32Array.of(0, 2, 3), indices: Int32Array.of(0, 2, 1), values: Float32Array.of(1, 2, 1) };

/** One saved model of each kind, loaded from disk as lesson 6 loads them (before all cases). */
const KINDS = ["multi-hot", "sequence", "ngrams"] as const;
let saved: Record<"multi-hot" | "sequence", LoadedNetworkModel> & Record<"ngrams", LoadedNgramModel>;
const networks = (): LoadedNetworkModel[] => [saved["multi-hot"], saved.sequence];

/** As the lessons build them: compiled with optimizer "adam", which the model owns and disposes. */
function multiHotNetwork(): tf.Sequential {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [NUM_WORDS], units: 1, activation: "sigmoid" })] });
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

function sequenceNetwork(): tf.Sequential {
  const model = tf.sequential({
    layers: [tf.layers.embedding({ inputDim: NUM_WORDS, outputDim: 3, inputLength: MAXLEN }), tf.layers.flatten(), tf.layers.dense({ units: 1, activation: "sigmoid" })],
  });
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

/** Eight reviews of MAXLEN word indices (start index 1 first), the first four positive. */
const SPLIT = { x: Array.from({ length: 8 }, (_, i) => Int32Array.of(1, 4 + i, 5, 6)), y: Array.from({ length: 8 }, (_, i) => (i < 4 ? 1 : 0)) };

type InputKind = "sequence" | "multi-hot";

/** model.fit on SPLIT, as padded sequences or as multi-hot vectors, a quarter held out for validation. */
async function fitOnSplit(model: tf.LayersModel, kind: InputKind, callbacks: tf.CustomCallbackArgs[] = [], epochs = 1): Promise<void> {
  const x = networkInputs({ kind, maxlen: MAXLEN, dataOptions: { numWords: NUM_WORDS } }, SPLIT.x);
  const y = tf.tensor2d(SPLIT.y, [SPLIT.y.length, 1]);
  try {
    await model.fit(x, y, { epochs, batchSize: 4, validationSplit: 0.25, callbacks, verbose: 0 });
  } finally {
    tf.dispose([x, y]);
  }
}

/** A lesson's model builder: build, train briefly, dispose, as the lessons do. */
function lessonCase(helper: string, build: () => tf.LayersModel, kind: InputKind, leaves?: LeakCase["leaves"]): LeakCase {
  return {
    helper,
    run: async () => {
      const model = build();
      await fitOnSplit(model, kind);
      model.dispose();
    },
    leaves,
  };
}

interface LeakCase {
  helper: string;
  run: () => unknown;
  /** A leak documented here and fixed elsewhere: how many tensors one call leaves, and why. */
  leaves?: { tensors: number; because: string };
}

/** tfjs' LayersModel.dispose() disposes an optimizer only when compile() made it from a name ("adam"). */
const NOT_OWNED = "model.dispose() disposes only an optimizer that compile() made from a name, not an optimizer object";
/** tfjs-layers 4.22, recurrent.js: LSTMCell's bias initializer for unitForgetBias concatenates 3 tensors in 2 steps outside tf.tidy. */
const FORGET_BIAS = "tfjs 4.22's LSTM with unitForgetBias: true never disposes the 4 tensors it builds its initial bias from";

const CASES: LeakCase[] = [
  // Lesson 7: the bag of n-grams.
  { helper: "trainLogisticRegression (validation, L2)", run: () => trainLogisticRegression(FEATURES, [1, 0], { epochs: 2, batchSize: 1, l2: 0.01, validation: { features: FEATURES, labels: [1, 0] } }) },
  { helper: "trainNgramSentimentModel", run: () => trainNgramSentimentModel(TEXTS, LABELS, { minDocumentCount: 1, epochs: 2, validation: { texts: TEXTS, labels: LABELS } }) },
  { helper: "predictNgramSentiment", run: () => predictNgramSentiment(saved.ngrams.model, TEXT) },
  { helper: "evaluateNgramModel", run: () => evaluateNgramModel(saved.ngrams.model, TEXTS, LABELS) },
  {
    helper: "sparseMatVec, value and gradient (result disposed)",
    run: () => {
      const weights = tf.tensor1d([0.5, -1, 2]);
      const { value, grad } = tf.valueAndGrad((w: tf.Tensor) => tf.sum(sparseMatVec(FEATURES, w as tf.Tensor1D)))(weights);
      tf.dispose([weights, value, grad]);
    },
  },
  // Lesson 6: saving, loading, predicting.
  {
    helper: "saveSentimentModel (network)",
    run: async () => {
      const model = multiHotNetwork();
      await saveSentimentModel(model, "saved-again", { kind: "multi-hot", dataOptions: { numWords: NUM_WORDS } }, { dir: modelsDir() });
      model.dispose();
    },
  },
  ...KINDS.map((kind): LeakCase => ({
    helper: `loadSentimentModel (${kind}), a network then disposed`,
    run: async () => {
      const loaded = await loadSentimentModel(kind, { dir: modelsDir() });
      if (loaded.kind !== "ngrams") loaded.model.dispose();
    },
  })),
  ...KINDS.map((kind): LeakCase => ({ helper: `predictSentiment (${kind})`, run: () => predictSentiment(saved[kind], [TEXT, ""]) })),
  { helper: "networkProbabilities", run: () => networks().map((loaded) => networkProbabilities(loaded.model, loaded.info, SPLIT.x)) },
  { helper: "networkInputs (result disposed)", run: () => networks().forEach((loaded) => networkInputs(loaded.info, SPLIT.x).dispose()) },
  // Lesson 9: inside the models.
  ...KINDS.map((kind): LeakCase => ({ helper: `explainPrediction (${kind})`, run: () => explainPrediction(saved[kind], TEXT, { batchSize: 3 }) })),
  ...KINDS.map((kind): LeakCase => ({ helper: `predictReviews (${kind})`, run: () => predictReviews(saved[kind], [0, 21, 43, 5], { batchSize: 3 }) })),
  { helper: "networkLogits", run: () => networks().map((loaded) => networkLogits(loaded, SPLIT.x, 3)) },
  { helper: "embeddingVectors", run: () => embeddingVectors(saved.sequence) },
  // Lessons 2-5: training.
  {
    helper: "sequenceTensors (result disposed)",
    run: () => {
      const { x, y } = sequenceTensors(SPLIT, MAXLEN);
      tf.dispose([x, y]);
    },
  },
  {
    helper: "multiHotDataset, every batch of a shuffled pass (batches disposed)",
    run: () => multiHotDataset(SPLIT, { numWords: NUM_WORDS, batchSize: 3, shuffleSeed: 1 }).forEachAsync(({ xs, ys }) => tf.dispose([xs, ys])),
  },
  {
    helper: "multiHotDataset in fitDataset and evaluateDataset (scores disposed)",
    run: async () => {
      const model = multiHotNetwork();
      await model.fitDataset(multiHotDataset(SPLIT, { numWords: NUM_WORDS, batchSize: 3, shuffleSeed: 1 }), { epochs: 2, verbose: 0 });
      tf.dispose(await model.evaluateDataset(multiHotDataset(SPLIT, { numWords: NUM_WORDS, batchSize: 3 }) as tf.data.Dataset<{}>, {}));
      model.dispose();
    },
  },
  {
    helper: "trainingProgress callbacks, withSeededRandom, meanSecondsPerEpoch",
    run: async () => {
      const model = sequenceNetwork();
      const progress = trainingProgress({ epochs: 2, write: () => undefined });
      await withSeededRandom(1, () => fitOnSplit(model, "sequence", [progress.callbacks], 2));
      meanSecondsPerEpoch(progress.history);
      model.dispose();
    },
  },
  {
    helper: "earlyStopping callbacks (best weights restored)",
    run: async () => {
      const model = sequenceNetwork();
      const stopper = earlyStopping(model, { patience: 1 });
      await fitOnSplit(model, "sequence", [stopper.callbacks], 4);
      stopper.outcome();
      model.dispose();
    },
  },
  {
    helper: "crossValidate, a network per fold (lesson 8)",
    run: () => crossValidate(SPLIT.x.length, async ({ train, validation }) => {
      const model = multiHotNetwork();
      const rows = (positions: number[]) => ({ x: positions.map((i) => SPLIT.x[i]), y: positions.map((i) => SPLIT.y[i]) });
      await model.fitDataset(multiHotDataset(rows(train), { numWords: NUM_WORDS, batchSize: 2, shuffleSeed: 1 }), { epochs: 1, verbose: 0 });
      const scores = (await model.evaluateDataset(multiHotDataset(rows(validation), { numWords: NUM_WORDS, batchSize: 2 }) as tf.data.Dataset<{}>, {})) as tf.Scalar[];
      const accuracy = scores[1].dataSync()[0];
      tf.dispose(scores);
      model.dispose();
      return { accuracy };
    }, { k: 2, seed: 1 }),
  },
  {
    helper: "crossValidate, an n-gram model per fold (lesson 8)",
    run: () => crossValidate(TEXTS.length, async ({ train, validation }) => {
      const fit = await trainNgramSentimentModel(train.map((i) => TEXTS[i]), train.map((i) => LABELS[i]), { minDocumentCount: 1, epochs: 1 });
      return evaluateNgramModel(fit.model, validation.map((i) => TEXTS[i]), validation.map((i) => LABELS[i]));
    }, { k: 2, seed: 1, stratify: LABELS }),
  },
  {
    helper: "layerParameters",
    run: () => {
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: NUM_WORDS, outputDim: 3, inputLength: MAXLEN }), tf.layers.conv1d({ filters: 2, kernelSize: 2 }),
          tf.layers.lstm({ units: 2 }), tf.layers.dense({ units: 1 }),
        ],
      });
      layerParameters(model);
      model.dispose();
    },
  },
  // The lessons' networks (generated from solutions/*.ipynb), built, trained briefly and disposed as the lessons do.
  lessonCase("lesson2.buildMultiHotModel", () => lesson2.buildMultiHotModel(NUM_WORDS), "multi-hot", {
    tensors: 8, because: `lesson 2 compiles with tf.train.rmsprop(0.0001), whose 2 slots per weight (4 weights) outlive the model: ${NOT_OWNED}`,
  }),
  lessonCase("lesson2.buildMyMultiHotModel", () => lesson2.buildMyMultiHotModel(NUM_WORDS), "multi-hot"),
  lessonCase("lesson3.buildEmbeddingMlp", () => lesson3.buildEmbeddingMlp(NUM_WORDS, MAXLEN), "sequence"),
  lessonCase("lesson4.buildConv1dModel", () => lesson4.buildConv1dModel(NUM_WORDS, MAXLEN), "sequence"),
  lessonCase("lesson4.buildConv1dDropoutModel", () => lesson4.buildConv1dDropoutModel(NUM_WORDS, MAXLEN), "sequence"),
  lessonCase("lesson4.buildGlobalMaxPoolModel", () => lesson4.buildGlobalMaxPoolModel(NUM_WORDS, MAXLEN), "sequence"),
  lessonCase("lesson5.buildLstmModel", () => lesson5.buildLstmModel(NUM_WORDS, MAXLEN), "sequence", { tensors: 4, because: FORGET_BIAS }),
  lessonCase("lesson5.buildLstmDropoutModel", () => lesson5.buildLstmDropoutModel(NUM_WORDS, MAXLEN), "sequence", { tensors: 4, because: FORGET_BIAS }),
  {
    helper: "lesson5.compileWithLearningRate, as lesson 5's learning-rate runs use it (both optimizers disposed)",
    run: async () => {
      const built = lesson5.buildLstmModel(NUM_WORDS, MAXLEN);
      built.optimizer.dispose();
      const model = lesson5.compileWithLearningRate(built, 0.01);
      await fitOnSplit(model, "sequence");
      model.dispose();
      model.optimizer.dispose();
    },
    leaves: { tensors: 4, because: FORGET_BIAS },
  },
];

beforeAll(async () => {
  const dir = { dir: modelsDir() };
  const [multiHot, sequence] = [multiHotNetwork(), sequenceNetwork()];
  await saveSentimentModel(multiHot, "multi-hot", { kind: "multi-hot", dataOptions: { numWords: NUM_WORDS } }, dir);
  await saveSentimentModel(sequence, "sequence", { kind: "sequence", dataOptions: { numWords: NUM_WORDS }, maxlen: MAXLEN }, dir);
  for (const model of [multiHot, sequence]) model.dispose();
  const reviews = await loadReviews();
  const ngrams = await trainNgramSentimentModel(reviews.map((r) => r.text), reviews.map((r) => r.label), { minDocumentCount: 1, epochs: 1 });
  await saveSentimentModel(ngrams.model, "ngrams", { kind: "ngrams" }, dir);
  saved = {
    "multi-hot": (await loadSentimentModel("multi-hot", dir)) as LoadedNetworkModel,
    sequence: (await loadSentimentModel("sequence", dir)) as LoadedNetworkModel,
    ngrams: (await loadSentimentModel("ngrams", dir)) as LoadedNgramModel,
  };
}, 60_000);

describe("tensors after each helper", () => {
  it.each(CASES)("$helper", async ({ helper, run, leaves }) => {
    const before = tf.memory().numTensors;
    await run();
    const left = tf.memory().numTensors - before;
    expect(left, leaves === undefined ? `${helper} left ${left} tensors behind` : `${helper}: expected the known leak (${leaves.because})`).toBe(leaves?.tensors ?? 0);
  }, 30_000);
});
