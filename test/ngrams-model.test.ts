import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/index";
import { evaluateNgramModel, ngramTrainingInputs, predictNgramSentiment, topNgrams, trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { loadNgramModel, saveNgramModel } from "../lib/models/ngrams/model-file";
import { trainLogisticRegression } from "../lib/models/ngrams/logistic-regression";
import { packNgramModel, unpackNgramModel, type PackedNgramModel } from "../lib/models/ngrams/packed-model";
import type { TrainedNgramModel } from "../lib/models/ngrams/model";

// Short reviews whose sentiment hangs on a few words; every filler and ending
// occurs equally often in both classes.
const FILLER = ["the plot", "the actors", "this film", "the ending", "the music", "my friends"];
const POSITIVE = ["loved", "great", "wonderful", "not bad"];
const NEGATIVE = ["hated", "awful", "boring", "not good"];
const texts: string[] = [];
const labels: number[] = [];
FILLER.forEach((filler, f) => {
  for (let c = 0; c < 4; c++) {
    for (const ending of ["!", "."]) {
      texts.push(`I watched it with ${FILLER[(f + c) % 6]}. ${filler} was ${POSITIVE[c]}${ending}`, `I watched it with ${FILLER[(f + c) % 6]}. ${filler} was ${NEGATIVE[c]}${ending}`);
      labels.push(1, 0);
    }
  }
});

let trained: TrainedNgramModel;
let folder: string;

beforeAll(async () => {
  await initBackend();
  trained = await trainNgramSentimentModel(texts, labels, { epochs: 10, batchSize: 16, learningRate: 0.05, seed: 2 });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "ngram-model-"));
});

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("a bag-of-n-grams sentiment model", () => {
  it("trains the same classifier when its inputs are built first, once, and reused", async () => {
    const inputs = ngramTrainingInputs(texts, labels, { validation: { texts: texts.slice(0, 8), labels: labels.slice(0, 8) } });
    expect(inputs.settings.vocabulary.ngrams).toEqual(trained.model.vocabulary.ngrams);
    expect(inputs.validation!.features.rows).toBe(8);
    expect(inputs.validation!.features.cols).toBe(inputs.features.cols);
    const fit = await trainLogisticRegression(inputs.features, labels, { epochs: 10, batchSize: 16, learningRate: 0.05, seed: 2 });
    expect(Array.from(fit.classifier.weights)).toEqual(Array.from(trained.model.classifier.weights));
    expect(fit.classifier.bias).toBe(trained.model.classifier.bias);
  });

  it("fits its training reviews and reports each stage's time", () => {
    expect(evaluateNgramModel(trained.model, texts, labels).accuracy).toBe(1);
    expect(trained.history).toHaveLength(10);
    expect(Object.keys(trained.seconds)).toEqual(["tokenize", "vocabulary", "features", "training"]);
    expect(trained.model.tokenizer).toEqual({ punctuation: true });
    expect(trained.model.vocabulary.ngrams).toContain("!");
  });

  it("reads a learner's own review, bigrams included", () => {
    const liked = predictNgramSentiment(trained.model, "The music was wonderful, I loved it");
    expect(liked.label).toBe(1);
    expect(liked.probability).toBeGreaterThan(0.5);
    expect(predictNgramSentiment(trained.model, "Honestly, not good. Boring.").label).toBe(0);
    // "not" appears in both classes; only the bigram tells them apart.
    const column = (ngram: string) => trained.model.vocabulary.lookup.column(ngram);
    const weight = (ngram: string) => trained.model.classifier.weights[column(ngram)] * trained.model.nbRatio![column(ngram)];
    expect(weight("not bad")).toBeGreaterThan(0);
    expect(weight("not good")).toBeLessThan(0);
  });

  it("says when none of a text's n-grams are known", () => {
    const prediction = predictNgramSentiment(trained.model, "zzz qqq");
    expect(prediction.knownNgrams).toBe(0);
    expect(prediction.probability).toBeCloseTo(1 / (1 + Math.exp(-trained.model.classifier.bias)), 6);
  });

  it("ranks the cue words as the heaviest n-grams", () => {
    const { positive, negative } = topNgrams(trained.model, 4);
    expect(positive).toHaveLength(4);
    expect(negative).toHaveLength(4);
    for (const entry of positive) expect(POSITIVE.some((cue) => cue.includes(entry.ngram) || entry.ngram.includes(cue))).toBe(true);
    for (const entry of negative) expect(NEGATIVE.some((cue) => cue.includes(entry.ngram) || entry.ngram.includes(cue))).toBe(true);
    expect(positive[0].weight).toBeGreaterThanOrEqual(positive[3].weight);
    expect(negative[0].weight).toBeLessThanOrEqual(negative[3].weight);
  });

  it("saves to one JSON file and loads back the same model", () => {
    const file = path.join(folder, "ngrams.json");
    saveNgramModel(trained.model, file);
    expect(fs.readdirSync(folder)).toEqual(["ngrams.json"]);
    const loaded = loadNgramModel(file);
    expect(loaded.vocabulary.ngrams).toEqual(trained.model.vocabulary.ngrams);
    expect(Array.from(loaded.vocabulary.documentCounts)).toEqual(Array.from(trained.model.vocabulary.documentCounts));
    expect(Array.from(loaded.classifier.weights)).toEqual(Array.from(trained.model.classifier.weights));
    expect(Array.from(loaded.nbRatio!)).toEqual(Array.from(trained.model.nbRatio!));
    expect(loaded.classifier.bias).toBe(trained.model.classifier.bias);
    expect({ ...loaded, vocabulary: undefined, classifier: undefined, nbRatio: undefined }).toEqual({ ...trained.model, vocabulary: undefined, classifier: undefined, nbRatio: undefined });
    for (const text of ["Loved it!", "not good at all", texts[7]]) {
      expect(predictNgramSentiment(loaded, text)).toEqual(predictNgramSentiment(trained.model, text));
    }
  });

  it("packs (as the exported demo reads it) and unpacks to the same model, through JSON", () => {
    const packed = packNgramModel(trained.model);
    // "not bad" and "not good" share the token "not": each distinct token is listed once.
    expect(packed.tokens.filter((token) => token === "not")).toEqual(["not"]);
    const unpacked = unpackNgramModel(JSON.parse(JSON.stringify(packed)) as PackedNgramModel, "test", "Pack it again.");
    const { model } = trained;
    expect(unpacked.vocabulary.ngrams).toEqual(model.vocabulary.ngrams);
    expect(Array.from(unpacked.vocabulary.documentCounts)).toEqual(Array.from(model.vocabulary.documentCounts));
    expect(Array.from(unpacked.classifier.weights)).toEqual(Array.from(model.classifier.weights));
    expect(Array.from(unpacked.nbRatio!)).toEqual(Array.from(model.nbRatio!));
    expect({ ...unpacked, vocabulary: { ...unpacked.vocabulary, lookup: undefined, documentCounts: undefined }, classifier: undefined, nbRatio: undefined })
      .toEqual({ ...model, vocabulary: { ...model.vocabulary, lookup: undefined, documentCounts: undefined }, classifier: undefined, nbRatio: undefined });
    model.vocabulary.ngrams.forEach((ngram, j) => expect(unpacked.vocabulary.lookup.column(ngram), ngram).toBe(j));
    expect(unpacked.vocabulary.lookup.column("not great")).toBe(-1);
    for (const text of ["Loved it!", "not good at all", "not bad, not bad", texts[7]]) {
      expect(predictNgramSentiment(unpacked, text)).toEqual(predictNgramSentiment(model, text));
    }
  });

  it("refuses a packed model whose parts disagree, saying to pack it again", () => {
    const packed = packNgramModel(trained.model);
    const cut = { ...packed, weights: Buffer.from(Buffer.from(packed.weights, "base64").subarray(4)).toString("base64") };
    const count = trained.model.vocabulary.ngrams.length;
    expect(() => unpackNgramModel(cut, "the demo's model", "Export the course again.")).toThrow(`the demo's model: "weights" has ${count - 1} entries for ${count} n-grams. Export the course again.`);
    expect(() => unpackNgramModel({ ...packed, tokenizerVersion: -1 }, "here", "Again.")).toThrow(/here: it was packed for tokenizer version -1, but the course's tokenizer is version \d+\. Again\./);
  });

  it("refuses files that are not a model it can use, saying why", () => {
    const file = path.join(folder, "other.json");
    fs.writeFileSync(file, JSON.stringify({ format: "something-else" }));
    expect(() => loadNgramModel(file)).toThrow(/"format" should be "imdb-course-ngram-model" \(it is not a file written by saveNgramModel otherwise\), but it is "something-else"/);
    saveNgramModel(trained.model, file);
    const content = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...content, tokenizerVersion: 0 }));
    expect(() => loadNgramModel(file)).toThrow(/trained with tokenizer version 0, .* would not match its vocabulary\. Train the model and save it again/);
    fs.writeFileSync(file, JSON.stringify({ ...content, ngrams: content.ngrams.slice(1) }));
    expect(() => loadNgramModel(file)).toThrow(`"documentCounts" should have one entry per n-gram (${content.ngrams.length - 1}), but it has ${content.ngrams.length}.`);
    expect(() => loadNgramModel(path.join(folder, "missing.json"))).toThrow(/missing\.json cannot be read: it does not exist\. Train the model and save it again/);
  });
});
