/**
 * predictReviews gives, for dataset reviews, what predictSentiment gives for
 * their texts: each model kind, any order of reviews, several batches.
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { predictReviews } from "../lib/analysis/batch-predictions";
import { loadReviews } from "../lib/data/imdb/reviews";
import { trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { predictSentiment } from "../lib/models/predict-sentiment";
import { loadSentimentModel, saveSentimentModel, type LoadedSentimentModel } from "../lib/models/storage/model-folder";
import { useToySentimentData } from "./fixtures/toy-sentiment-reviews";

const { modelsDir } = useToySentimentData("batch");

async function savedModels(): Promise<LoadedSentimentModel[]> {
  const seeded = (seed: number) => tf.initializers.randomUniform({ minval: -1, maxval: 1, seed });
  const multiHot = tf.sequential({ layers: [tf.layers.dense({ units: 1, activation: "sigmoid", inputShape: [12], kernelInitializer: seeded(1), biasInitializer: seeded(2) })] });
  await saveSentimentModel(multiHot, "multi-hot", { kind: "multi-hot", dataOptions: { numWords: 12 } }, { dir: modelsDir() });
  const sequence = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 4, embeddingsInitializer: seeded(3) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: seeded(4) }),
    ],
  });
  // numWords 10 cuts good (10) and great (11) to the out-of-vocabulary index; maxlen 4 cuts "The film is good and great."
  await saveSentimentModel(sequence, "sequence", { kind: "sequence", dataOptions: { numWords: 10 }, maxlen: 4, truncating: "post" }, { dir: modelsDir() });
  const reviews = await loadReviews();
  const ngrams = await trainNgramSentimentModel(reviews.map((r) => r.text), reviews.map((r) => r.label), { minDocumentCount: 1, epochs: 2 });
  await saveSentimentModel(ngrams.model, "ngrams", { kind: "ngrams" }, { dir: modelsDir() });
  return Promise.all(["multi-hot", "sequence", "ngrams"].map((name) => loadSentimentModel(name, { dir: modelsDir() })));
}

describe("predictReviews", () => {
  it("equals predictSentiment on the reviews' texts, for every kind of model, in the order asked, batch after batch", async () => {
    const reviews = await loadReviews();
    // Every review, backwards, so the order differs from the cache's and from loadData's.
    const indices = reviews.map((_, r) => r).reverse();
    for (const loaded of await savedModels()) {
      const progress: number[] = [];
      const got = await predictReviews(loaded, indices, { batchSize: 10, onProgress: (done) => progress.push(done) });
      const expected = await predictSentiment(loaded, indices.map((r) => reviews[r].text));
      expect(got).toHaveLength(indices.length);
      got.forEach((p, i) => expect(p, `${loaded.info.name}, review ${indices[i]}`).toBeCloseTo(expected[i].probability, 6));
      expect(progress).toEqual([10, 20, 30, 40, 44]);
    }
  });

  it("names a review index that does not exist", async () => {
    const [multiHot, , ngrams] = await savedModels();
    await expect(predictReviews(multiHot, [0, 44])).rejects.toThrow(/there is no review 44/);
    await expect(predictReviews(ngrams, [-1])).rejects.toThrow(/there is no review -1/);
  });
});
