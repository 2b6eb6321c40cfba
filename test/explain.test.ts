/**
 * explainPrediction against hand computations: the bag of n-grams' exact
 * contributions on a hand-built model, and occlusion on tiny tfjs networks
 * whose weights are set by hand, saved and loaded like the course's models.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { explainPrediction, type Explanation } from "../lib/analysis/explain";
import { buildNgramVocabulary } from "../lib/models/ngrams/vocabulary";
import { predictNgramSentiment, trainNgramSentimentModel, type NgramSentimentModel } from "../lib/models/ngrams/model";
import { LoadedNgramModel } from "../lib/models/loaded-ngram-model";
import { predictSentiment } from "../lib/models/predict-sentiment";
import type { SavedSentimentModelInfo } from "../lib/models/sentiment-model";
import { loadSentimentModel, saveSentimentModel, type LoadedSentimentModel } from "../lib/models/storage/model-folder";
import { useToySentimentData } from "./fixtures/toy-sentiment-reviews";

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const contributions = (e: Explanation) => e.tokens.map((t) => t.contribution);

function inMemory(model: NgramSentimentModel): LoadedNgramModel {
  const info = { name: "hand-built", kind: "ngrams" } as SavedSentimentModelInfo;
  return new LoadedNgramModel(model, info, "");
}

/**
 * Vocabulary by first appearance: "not", "good", "not good". Weights w and
 * ratios r set by hand: each n-gram's effect w × r is 0.5, 1 and −6.
 */
function handBuiltNgramModel(): NgramSentimentModel {
  const vocabulary = buildNgramVocabulary([["not", "good"], ["not", "good"]], { maxN: 2, minDocumentCount: 1 });
  return {
    tokenizer: { punctuation: false },
    vocabulary,
    weighting: "binary",
    nbRatio: Float32Array.from([1, 0.5, 2]),
    classifier: { weights: Float32Array.from([0.5, 2, -3]), bias: -0.25 },
  };
}

describe("explainPrediction on the bag of n-grams", () => {
  it("gives each n-gram weight × ratio, split over its occurrences and tokens, adding up with the bias to the logit", async () => {
    const model = handBuiltNgramModel();
    expect(model.vocabulary.ngrams).toEqual(["not", "good", "not good"]);
    const explanation = await explainPrediction(inMemory(model), "Not good, not good.");
    // Binary features: "not" 0.5, "good" 1, "not good" −6, once each; "good not" is not in the vocabulary.
    // logit = −0.25 + 0.5 + 1 − 6 = −4.75.
    expect(explanation.method).toBe("exact");
    expect(explanation.logit).toBeCloseTo(-4.75, 6);
    expect(explanation.emptyLogit).toBeCloseTo(-0.25, 6);
    expect(explanation.ngrams).toEqual([
      { ngram: "not good", contribution: -6, occurrences: 2 },
      { ngram: "good", contribution: 1, occurrences: 2 },
      { ngram: "not", contribution: 0.5, occurrences: 2 },
    ]);
    // "not": 0.5 / 2 occurrences; "good": 1 / 2; "not good": −6 / (2 occurrences × 2 tokens) on each of its tokens.
    expect(explanation.tokens.map((t) => t.token)).toEqual(["not", "good", "not", "good"]);
    const expected = [0.25 - 1.5, 0.5 - 1.5, 0.25 - 1.5, 0.5 - 1.5];
    contributions(explanation).forEach((c, i) => expect(c).toBeCloseTo(expected[i], 6));
    expect(sum(contributions(explanation)) + explanation.emptyLogit).toBeCloseTo(explanation.logit, 6);
    expect(explanation.probability).toBeCloseTo(1 / (1 + Math.exp(4.75)), 6);
    expect(explanation.probability).toBeCloseTo(predictNgramSentiment(model, "Not good, not good.").probability, 6);
  });

  it("gives unknown tokens nothing and says so", async () => {
    const explanation = await explainPrediction(inMemory(handBuiltNgramModel()), "zorblax good");
    expect(explanation.tokens).toEqual([
      { token: "zorblax", contribution: 0, note: "unknown to the model" },
      { token: "good", contribution: 1 },
    ]);
    expect(explanation.logit).toBeCloseTo(0.75, 6);
  });

  it("adds up to the logit of a trained model on a real-looking review, punctuation included", async () => {
    await initBackend();
    const texts = ["A great film, not bad at all!", "Awful. Not good at all.", "Great fun, great cast!", "Bad, boring and awful."];
    const { model } = await trainNgramSentimentModel(texts, [1, 0, 1, 0], { minDocumentCount: 1, epochs: 3 });
    const text = "Not bad: a great cast, but an awful plot!";
    const explanation = await explainPrediction(inMemory(model), text);
    expect(explanation.tokens.map((t) => t.token)).toContain("!");
    expect(sum(contributions(explanation)) + explanation.emptyLogit).toBeCloseTo(explanation.logit, 5);
    expect(sum(explanation.ngrams!.map((g) => g.contribution)) + model.classifier.bias).toBeCloseTo(explanation.logit, 5);
    expect(explanation.probability).toBeCloseTo(predictNgramSentiment(model, text).probability, 5);
  });
});

// Indices of the toy vocabulary: and 4, film 5, is 6, the 7, awful 8, bad 9, good 10, great 11; start 1, out of vocabulary 2.
const NUM_WORDS = 12;

describe("explainPrediction on networks (occlusion)", () => {
  const { modelsDir } = useToySentimentData("explain");

  /** A multi-hot logistic regression: logit = bias + the weight of each index present. */
  async function multiHotModel(): Promise<LoadedSentimentModel> {
    const weights = new Float32Array(NUM_WORDS);
    weights[1] = 0.25; // start
    weights[2] = -0.5; // out of vocabulary
    weights[5] = 1; // film
    weights[7] = 0.5; // the
    weights[9] = -3; // bad
    weights[10] = 2; // good
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: "sigmoid", inputShape: [NUM_WORDS] })] });
    model.layers[0].setWeights([tf.tensor2d(weights, [NUM_WORDS, 1]), tf.tensor1d([-1])]);
    await saveSentimentModel(model, "hand-multi-hot", { kind: "multi-hot", dataOptions: { numWords: NUM_WORDS } }, { dir: modelsDir() });
    return loadSentimentModel("hand-multi-hot", { dir: modelsDir() });
  }

  /**
   * Embedding(12, 1) with e[i] = i / 10 → Flatten → Dense(1, sigmoid) with
   * kernel [1, 2, 3, 4] by position and bias `bias`, on 4 pre-padded indices:
   * logit = bias + Σ_p k[p] · x_p / 10.
   */
  async function sequenceModel(bias: number): Promise<LoadedSentimentModel> {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: NUM_WORDS, outputDim: 1, inputLength: 4 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 1, activation: "sigmoid" }),
      ],
    });
    model.layers[0].setWeights([tf.tensor2d(Array.from({ length: NUM_WORDS }, (_, i) => i / 10), [NUM_WORDS, 1])]);
    model.layers[2].setWeights([tf.tensor2d([1, 2, 3, 4], [4, 1]), tf.tensor1d([bias])]);
    await saveSentimentModel(model, "hand-sequence", { kind: "sequence", dataOptions: { numWords: NUM_WORDS }, maxlen: 4 }, { dir: modelsDir() });
    return loadSentimentModel("hand-sequence", { dir: modelsDir() });
  }

  it("multi-hot: a word's contribution is its weight when it occurs once, 0 when it occurs again elsewhere", async () => {
    const explanation = await explainPrediction(await multiHotModel(), "The film is good, the film.");
    // Indices present: 1, 7, 5, 6, 10 → logit −1 + 0.25 + 0.5 + 1 + 0 + 2 = 2.75.
    expect(explanation.method).toBe("occlusion");
    expect(explanation.logit).toBeCloseTo(2.75, 5);
    expect(explanation.emptyLogit).toBeCloseTo(-0.75, 5);
    expect(explanation.tokens.map((t) => t.token)).toEqual(["the", "film", "is", "good", "the", "film"]);
    contributions(explanation).forEach((c, i) => expect(c).toBeCloseTo([0, 0, 0, 2, 0, 0][i], 5));
  });

  it("multi-hot: an unknown word is the out-of-vocabulary index, and marked", async () => {
    const explanation = await explainPrediction(await multiHotModel(), "zorblax bad");
    // Present: 1, 2, 9 → −1 + 0.25 − 0.5 − 3 = −4.25; without zorblax −3.75, without bad −1.25.
    expect(explanation.logit).toBeCloseTo(-4.25, 5);
    expect(explanation.tokens[0]).toMatchObject({ token: "zorblax", note: "unknown to the model" });
    expect(explanation.tokens[0].contribution).toBeCloseTo(-0.5, 5);
    expect(explanation.tokens[1].contribution).toBeCloseTo(-3, 5);
    expect(explanation.tokens[1].note).toBeUndefined();
  });

  it("sequence: contributions depend on position, as the hand computation says", async () => {
    const explanation = await explainPrediction(await sequenceModel(0.5), "good film");
    // [0, 1, 10, 5]: 0.5 + 2·0.1 + 3·1.0 + 4·0.5 = 5.7.
    // Without "good": [0, 0, 1, 5] → 0.5 + 3·0.1 + 4·0.5 = 2.8; without "film": [0, 0, 1, 10] → 0.5 + 0.3 + 4 = 4.8.
    // Empty: [0, 0, 0, 1] → 0.5 + 0.4 = 0.9.
    expect(explanation.logit).toBeCloseTo(5.7, 5);
    expect(explanation.emptyLogit).toBeCloseTo(0.9, 5);
    expect(explanation.tokens[0].contribution).toBeCloseTo(2.9, 5);
    expect(explanation.tokens[1].contribution).toBeCloseTo(0.9, 5);
    expect(explanation.probability).toBeCloseTo((await predictSentiment(await loadSentimentModel("hand-sequence", { dir: modelsDir() }), "good film")).probability, 6);
  });

  it("sequence: marks the tokens that maxlen cuts off, and still measures them", async () => {
    const explanation = await explainPrediction(await sequenceModel(0.5), "the film is good and great");
    // [1, 7, 5, 6, 10, 4, 11] keeps its last 4: [6, 10, 4, 11] → 0.5 + 0.6 + 2 + 1.2 + 4.4 = 8.7.
    expect(explanation.logit).toBeCloseTo(8.7, 5);
    expect(explanation.tokens.map((t) => t.note)).toEqual(["cut by maxlen", "cut by maxlen", undefined, undefined, undefined, undefined]);
    // Without "the": [1, 5, 6, 10, 4, 11] still keeps [6, 10, 4, 11]: nothing changes.
    expect(explanation.tokens[0].contribution).toBeCloseTo(0, 5);
    // Without "great": [1, 7, 5, 6, 10, 4] keeps [5, 6, 10, 4] → 0.5 + 0.5 + 1.2 + 3 + 1.6 = 6.8.
    expect(explanation.tokens[5].contribution).toBeCloseTo(8.7 - 6.8, 5);
  });

  it("keeps the exact logit when the probability rounds to 1", async () => {
    const explanation = await explainPrediction(await sequenceModel(40), "good film");
    expect(explanation.probability).toBe(1);
    expect(explanation.logit).toBeCloseTo(45.2, 4);
    expect(explanation.tokens[0].contribution).toBeCloseTo(2.9, 4);
  });

  it("rejects a text that is not a string", async () => {
    const loaded = await multiHotModel();
    await expect(explainPrediction(loaded, 42 as unknown as string)).rejects.toThrow("explainPrediction: text must be a string, got 42.");
  });
});
