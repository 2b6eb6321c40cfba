/**
 * The exported demo page (scripts/export/demo.ts) in headless Chromium from
 * file://, network off: small models of every kind the lessons save (built
 * here with seeded random weights on a fixture dataset, saved with
 * saveSentimentModel) must give, for each text typed, the probabilities
 * predictSentiment gives in Node; a model the lessons save that was not
 * trained is shown as missing.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs";
import type { Browser } from "playwright-core";
import { launchChromium, watchedOfflinePage } from "./headless-chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { predictSentiment } from "../lib/models/predict-sentiment";
import type { NetworkModelSettings } from "../lib/models/sentiment-model";
import { loadSentimentModel, saveSentimentModel } from "../lib/models/storage/model-folder";
import { mulberry32 } from "../lib/util/random";
import { writeDemo, DEMO_FILE, type DemoSummary } from "../scripts/export/demo";
import { fixtureEntries, makeMirror, setImdbEnv, tempDir, type FixtureReview } from "./fixtures/imdb-archive";

const ROOT = path.resolve(__dirname, "..");
const ARTIFACTS = path.join(ROOT, "test", "artifacts");

const POSITIVE_WORDS = ["good", "great", "wonderful", "moving", "funny", "superb", "loved", "beautiful"];
const NEGATIVE_WORDS = ["bad", "awful", "boring", "dull", "worst", "waste", "poor", "mess"];
const NEUTRAL_WORDS = ["the", "film", "movie", "plot", "cast", "and", "a", "is", "was", "it", "not", "story", "acting", "ending"];

/** Reviews drawn with a seeded generator, so the vocabulary (ranks by count) is the same on every run. */
function toyReviews(): FixtureReview[] {
  const random = mulberry32(7);
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)];
  const review = (tone: readonly string[]) => Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? pick(tone) : pick(NEUTRAL_WORDS))).join(" ") + ".";
  const reviews: FixtureReview[] = [];
  for (const split of ["train", "test"] as const) {
    for (let id = 0; id < 20; id++) {
      reviews.push({ split, folder: "pos", id, rating: 8, text: review(POSITIVE_WORDS) });
      reviews.push({ split, folder: "neg", id, rating: 2, text: review(NEGATIVE_WORDS) });
    }
  }
  return reviews;
}

/** At least 20 texts, the awkward ones included. */
const TEXTS: string[] = [
  "",
  "   ",
  "!!! ... ??? -- ;;",
  "good",
  "bad",
  "A wonderful, moving film. I loved it!",
  "The worst film: boring, dull, a waste.",
  "not good, not bad",
  "GOOD GOOD GOOD great GREAT",
  "Ce film est magnifique, j'ai adoré.",
  "映画は素晴らしいです",
  "Фильм ужасный, скучный.",
  "zorblax quintessentially flummoxed snarfwidget",
  "great<br />plot<br/>awful<BR>ending",
  "don't 'tis actors' it's",
  "7/10, 3.5 stars — the cast's acting was superb 😀",
  "good ".repeat(5000).trim(),
  Array.from({ length: 5000 }, (_, i) => [...POSITIVE_WORDS, ...NEGATIVE_WORDS, ...NEUTRAL_WORDS][(i * 7) % 30]).join(" "),
  "bad\n\nbad\tawful\r\nmess",
  "the the the the the the the the the the the the",
  "well-made, mid-century, self-aware: poor",
  "café naïve résumé film",
];

interface Built {
  name: string;
  network?: () => tf.LayersModel;
  settings?: NetworkModelSettings;
}

const seeded = (seed: number, stddev: number) => tf.initializers.randomNormal({ mean: 0, stddev, seed });

/** One network of each kind the lessons train, each with other index options; embedding-mlp is left out to be "missing". */
const NETWORKS: Built[] = [
  {
    name: "multi-hot-mlp",
    settings: { kind: "multi-hot", dataOptions: { numWords: 20 }, lesson: 2 },
    network: () => tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [20], units: 6, activation: "relu", kernelInitializer: seeded(1, 1) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: seeded(2, 1) }),
    ] }),
  },
  {
    name: "conv1d",
    settings: { kind: "sequence", dataOptions: { numWords: 25, skipTop: 2 }, maxlen: 12, lesson: 4 },
    network: () => tf.sequential({ layers: [
      tf.layers.embedding({ inputDim: 25, outputDim: 4, inputLength: 12, embeddingsInitializer: seeded(3, 1) }),
      tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: "same", activation: "relu", kernelInitializer: seeded(4, 1) }),
      tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: seeded(5, 1) }),
    ] }),
  },
  {
    name: "lstm",
    settings: { kind: "sequence", dataOptions: { numWords: 30, oovChar: null }, maxlen: 8, padding: "post", truncating: "post", lesson: 5 },
    network: () => tf.sequential({ layers: [
      tf.layers.embedding({ inputDim: 30, outputDim: 4, inputLength: 8, embeddingsInitializer: seeded(6, 1) }),
      tf.layers.lstm({ units: 5, kernelInitializer: seeded(7, 1), recurrentInitializer: seeded(8, 1) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: seeded(9, 2) }),
    ] }),
  },
  {
    // Not a model the lessons list: saved models are shown whatever their name.
    name: "my-model",
    settings: { kind: "sequence", dataOptions: { numWords: 28, startChar: null, indexFrom: 2 }, maxlen: 6, description: "Embedding → Flatten → Dense" },
    network: () => tf.sequential({ layers: [
      tf.layers.embedding({ inputDim: 28, outputDim: 3, inputLength: 6, embeddingsInitializer: seeded(10, 1) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: seeded(11, 1) }),
    ] }),
  },
];
const NGRAM_MODEL = "nb-logistic-regression";

describe.sequential("the exported demo page, in headless Chromium from file:// with the network off", () => {
  let restoreEnv: () => void;
  const folders: string[] = [];
  let outDir: string;
  let summary: DemoSummary;
  let expected: Map<string, number[]>;
  let browser: Browser;

  beforeAll(async () => {
    await initBackend();
    const reviews = toyReviews();
    const mirror = await makeMirror(fixtureEntries(reviews));
    const cache = tempDir("demo-cache-");
    const modelsDir = tempDir("demo-models-");
    outDir = tempDir("demo-page-");
    folders.push(mirror, cache, modelsDir, outDir);
    restoreEnv = setImdbEnv(mirror, cache);

    for (const { name, network, settings } of NETWORKS) await saveSentimentModel(network!(), name, settings!, { dir: modelsDir });
    const train = reviews.filter((r) => r.split === "train");
    const { model } = await trainNgramSentimentModel(train.map((r) => r.text), train.map((r) => (r.folder === "pos" ? 1 : 0)), { minDocumentCount: 1, epochs: 5, seed: 3 });
    await saveSentimentModel(model, NGRAM_MODEL, { kind: "ngrams", lesson: 7 }, { dir: modelsDir });

    expected = new Map();
    for (const name of [...NETWORKS.map((n) => n.name), NGRAM_MODEL]) {
      const predictions = await predictSentiment(await loadSentimentModel(name, { dir: modelsDir }), TEXTS);
      expected.set(name, predictions.map((p) => p.probability));
    }
    summary = await writeDemo(outDir, { modelsDir, scale: "smoke" });
    browser = await launchChromium({ offline: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    restoreEnv?.();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it("lists every saved model, and the lessons' models that were not trained as missing", () => {
    expect(summary.saved.sort()).toEqual([...NETWORKS.map((n) => n.name), NGRAM_MODEL].sort());
    expect(summary.missing).toEqual(["embedding-mlp"]);
    for (const probabilities of expected.values()) {
      // Models that answered the same for every text would make the comparison below say little.
      expect(Math.max(...probabilities) - Math.min(...probabilities)).toBeGreaterThan(0.05);
    }
  });

  it("gives, for every text typed, the probabilities predictSentiment gives in Node, and loads nothing from outside its folder", async () => {
    const { context, page, requests, errors } = await watchedOfflinePage(browser);
    const started = performance.now();
    await page.goto(pathToFileURL(path.join(outDir, DEMO_FILE)).href);
    await page.waitForSelector("body[data-ready], body[data-error]", { timeout: 30_000 });
    console.log(`demo page ready in ${((performance.now() - started) / 1000).toFixed(2)} s, ${(summary.bytes / 1e6).toFixed(2)} MB`);
    expect(await page.getAttribute("body", "data-error")).toBeNull();

    const missing = page.locator('[data-model="embedding-mlp"]');
    expect(await missing.getAttribute("data-status")).toBe("missing");
    expect(await missing.getAttribute("data-probability")).toBeNull();
    expect(await missing.innerText()).toMatch(/not trained: run lesson 3/);

    for (const [t, text] of TEXTS.entries()) {
      await page.fill("#review", text);
      for (const [name, probabilities] of expected) {
        const shown = await page.getAttribute(`[data-model="${name}"]`, "data-probability");
        expect(shown, `${name} on text ${t}`).not.toBeNull();
        expect(Math.abs(Number(shown) - probabilities[t]), `${name} on text ${t} (${JSON.stringify(text.slice(0, 40))}): page ${shown}, Node ${probabilities[t]}`).toBeLessThan(1e-4);
      }
    }
    await page.fill("#review", TEXTS[5]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-page.png"), fullPage: true });
    await context.close();

    const folderUrl = pathToFileURL(outDir).href + "/";
    expect(requests.filter((url) => !url.startsWith(folderUrl))).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
