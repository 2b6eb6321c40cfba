/**
 * The exported demo page (scripts/export/demo.ts) in headless Chromium from
 * file://, network off: small models of every kind the lessons save (built
 * here with seeded random weights on a fixture dataset, saved with
 * saveSentimentModel) must give, for each text typed, the probabilities
 * predictSentiment gives in Node, and highlight the words explainPrediction
 * gives in Node; a model the lessons save that was not trained is shown as
 * missing. The page's load times are printed, not asserted (speed belongs to
 * benchmarks); with the course's own smoke-scale models in data/models/smoke,
 * for those too.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs";
import type { Browser, Page } from "playwright-core";
import { launchChromium, watchedOfflinePage } from "./headless-chromium";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { explainPrediction } from "../lib/analysis/explain";
import { trainNgramSentimentModel } from "../lib/models/ngrams/model";
import { predictSentiment } from "../lib/models/predict-sentiment";
import type { NetworkModelSettings } from "../lib/models/sentiment-model";
import { loadSentimentModel, saveSentimentModel } from "../lib/models/storage/model-folder";
import { mulberry32 } from "../lib/util/random";
import { writeDemo, DEMO_FILE, type DemoSummary } from "../scripts/export/demo";
import { DEMO_DATA_GLOBAL, payloadFile, type DemoData } from "../scripts/export/demo/models";
import { payloadBytes, payloadScript, type FilePayload } from "../scripts/export/demo/payload-script";
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
/** Saved from another network built with the same seeds: the same weights as "lstm", which the page must load once. */
const COPY = { name: "lstm-copy", of: "lstm" };
const SAVED_NAMES = [...NETWORKS.map((n) => n.name), COPY.name, NGRAM_MODEL];

/** Texts whose highlighted words are compared with explainPrediction: unknown words, and more words than the sequence models' maxlen. */
const EXPLAINED_TEXTS = [
  "A wonderful, moving film. I loved it!",
  "zorblax: the plot is a mess, the acting not good",
  "the plot was dull and boring but the acting was superb and the ending wonderful",
];

const SMOKE_MODELS = path.join(ROOT, "data", "models", "smoke");

describe("a file in a payload script", () => {
  /** Runs `script` as the page does, in a context of its own, and gives what it pushed. */
  function runPayloadScript(script: string): FilePayload[] {
    const context = vm.createContext({});
    vm.runInContext(script, context);
    return context.QUEUE as FilePayload[];
  }

  it("gives back every byte, whatever the length (base64 padding) and content", () => {
    const random = mulberry32(11);
    for (const length of [0, 1, 2, 3, 4, 5, 256, 100_003]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (length === 256 ? i : Math.floor(random() * 256)));
      const [payload] = runPayloadScript(payloadScript("QUEUE", JSON.stringify({ id: `p${length}` }), bytes));
      expect(payload.id).toBe(`p${length}`);
      const back = payloadBytes(payload, "test");
      expect(Buffer.from(back).equals(Buffer.from(bytes)), `${length} bytes`).toBe(true);
      expect(back.byteOffset).toBe(0);
    }
  });

  it("adds to the payloads that earlier scripts pushed; without bytes, pushes its fields as they are", () => {
    const context = vm.createContext({});
    const fields = { id: "b", model: { text: "it's \"great\" */ — 映画", values: [1.5, null] } };
    vm.runInContext(payloadScript("QUEUE", JSON.stringify({ id: "a" }), new Uint8Array([1])) + payloadScript("QUEUE", JSON.stringify(fields)), context);
    const [first, second] = context.QUEUE as [FilePayload, unknown];
    expect(first.id).toBe("a");
    expect(JSON.stringify(second)).toBe(JSON.stringify(fields));
  });

  it("says to export again when the script was cut short or holds no file", () => {
    const script = payloadScript("QUEUE", JSON.stringify({ id: "p" }), new Uint8Array(300).fill(7));
    const cut = script.replace(/\/\*([A-Za-z0-9+/=]*)\*\//, (_, base64: string) => `/*${base64.slice(0, 100)}*/`);
    expect(() => payloadBytes(runPayloadScript(cut)[0], "the demo's model \"x\"")).toThrow(`the demo's model "x": its payload script holds 75 bytes instead of 300; export the course again.`);
    expect(() => payloadBytes({ id: "p", byteLength: 1, file: () => undefined }, "here")).toThrow("here: its payload script holds no file; export the course again.");
  });
});

describe.sequential("the exported demo page, in headless Chromium from file:// with the network off", () => {
  let restoreEnv: () => void;
  const folders: string[] = [];
  let modelsDir: string;
  let outDir: string;
  let summary: DemoSummary;
  let expected: Map<string, number[]>;
  let browser: Browser;

  beforeAll(async () => {
    await initBackend();
    const reviews = toyReviews();
    const mirror = await makeMirror(fixtureEntries(reviews));
    const cache = tempDir("demo-cache-");
    modelsDir = tempDir("demo-models-");
    outDir = tempDir("demo-page-");
    folders.push(mirror, cache, modelsDir, outDir);
    restoreEnv = setImdbEnv(mirror, cache);

    for (const { name, network, settings } of NETWORKS) await saveSentimentModel(network!(), name, settings!, { dir: modelsDir });
    const original = NETWORKS.find((n) => n.name === COPY.of)!;
    await saveSentimentModel(original.network!(), COPY.name, { ...original.settings!, lesson: undefined, description: "the same weights as lstm" }, { dir: modelsDir });
    const train = reviews.filter((r) => r.split === "train");
    const { model } = await trainNgramSentimentModel(train.map((r) => r.text), train.map((r) => (r.folder === "pos" ? 1 : 0)), { minDocumentCount: 1, epochs: 5, seed: 3 });
    await saveSentimentModel(model, NGRAM_MODEL, { kind: "ngrams", lesson: 7 }, { dir: modelsDir });

    expected = new Map();
    for (const name of SAVED_NAMES) {
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

  it("lists every saved model, and the lessons' models that were not trained as missing; equal weights make one file", () => {
    expect([...summary.saved].sort()).toEqual([...SAVED_NAMES].sort());
    expect(summary.missing).toEqual(["embedding-mlp"]);
    for (const probabilities of expected.values()) {
      // Models that answered the same for every text would make the comparison below say little.
      expect(Math.max(...probabilities) - Math.min(...probabilities)).toBeGreaterThan(0.05);
    }
    expect(expected.get(COPY.name)).toEqual(expected.get(COPY.of));
    // One payload per model, but the copy's weights are the original's.
    expect(readdirSync(outDir).filter((name) => /^demo-data-[0-9a-f]{16}\.js$/.test(name))).toHaveLength(SAVED_NAMES.length - 1);
  });

  it("gives, for every text typed, the probabilities predictSentiment gives in Node, and loads nothing from outside its folder", async () => {
    const { context, page, requests, errors } = await watchedOfflinePage(browser);
    await page.goto(pathToFileURL(path.join(outDir, DEMO_FILE)).href);
    await waitUntilReady(page);
    console.log(`demo page of the test's small models: ${await loadTimes(page)}; ${(summary.bytes / 1e6).toFixed(2)} MB`);
    expect(await page.getAttribute("body", "data-error")).toBeNull();

    const missing = page.locator('[data-model="embedding-mlp"]');
    expect(await missing.getAttribute("data-status")).toBe("missing");
    expect(await missing.getAttribute("data-probability")).toBeNull();
    expect(await missing.innerText()).toMatch(/not trained: run lesson 3/);

    for (const [t, text] of TEXTS.entries()) {
      await typeReview(page, text);
      for (const [name, probabilities] of expected) {
        const shown = await page.getAttribute(`[data-model="${name}"]`, "data-probability");
        expect(shown, `${name} on text ${t}`).not.toBeNull();
        expect(Math.abs(Number(shown) - probabilities[t]), `${name} on text ${t} (${JSON.stringify(text.slice(0, 40))}): page ${shown}, Node ${probabilities[t]}`).toBeLessThan(1e-4);
      }
    }
    await context.close();

    const folderUrl = pathToFileURL(outDir).href + "/";
    expect(requests.filter((url) => !url.startsWith(folderUrl))).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it("gives the same probabilities in a browser without Uint8Array.fromBase64 (before Chromium 140), through atob", async () => {
    const { context, page, errors } = await watchedOfflinePage(browser);
    await page.addInitScript(() => { delete (Uint8Array as { fromBase64?: unknown }).fromBase64; });
    await page.goto(pathToFileURL(path.join(outDir, DEMO_FILE)).href);
    await waitUntilReady(page);
    expect(await page.evaluate(() => "fromBase64" in Uint8Array)).toBe(false);
    for (const t of [5, 6, 16]) {
      await typeReview(page, TEXTS[t]);
      for (const [name, probabilities] of expected) {
        expect(Math.abs(Number(await page.getAttribute(`[data-model="${name}"]`, "data-probability")) - probabilities[t]), `${name} on text ${t}`).toBeLessThan(1e-4);
      }
    }
    await context.close();
    expect(errors).toEqual([]);
  }, 60_000);

  it("highlights, for the model clicked, each word with the contribution explainPrediction gives in Node", async () => {
    const { context, page, errors } = await watchedOfflinePage(browser);
    await page.goto(pathToFileURL(path.join(outDir, DEMO_FILE)).href);
    await waitUntilReady(page);
    // The n-gram model is explained from the start: exact, and cheap enough for every keystroke.
    expect(await page.getAttribute("#explanation", "data-explained-model")).toBe(NGRAM_MODEL);
    for (const name of [NGRAM_MODEL, ...NETWORKS.map((n) => n.name)]) {
      await page.click(`[data-model="${name}"]`);
      expect(await page.getAttribute(`[data-model="${name}"]`, "aria-pressed")).toBe("true");
      const loaded = await loadSentimentModel(name, { dir: modelsDir });
      for (const text of EXPLAINED_TEXTS) {
        await typeReview(page, text);
        await page.waitForSelector(`#explanation[data-explained-model="${name}"][data-state="ready"]`, { timeout: 30_000 });
        const shown = await page.$$eval("#explanation .words > span", (spans) => spans.map((span) => ({
          token: span.getAttribute("data-token"),
          contribution: Number(span.getAttribute("data-contribution")),
          title: span.getAttribute("title") ?? "",
          text: span.textContent,
        })));
        const explanation = await explainPrediction(loaded, text);
        const where = `${name} on ${JSON.stringify(text)}`;
        expect(shown.map((s) => s.token), where).toEqual(explanation.tokens.map((t) => t.token));
        expect(shown.map((s) => s.text), where).toEqual(explanation.tokens.map((t) => t.token));
        explanation.tokens.forEach(({ token, contribution, note }, t) => {
          expect(Math.abs(shown[t].contribution - contribution), `${where}, "${token}": page ${shown[t].contribution}, Node ${contribution}`).toBeLessThan(1e-4);
          if (Math.abs(contribution) > 1e-4) expect(Math.sign(shown[t].contribution), `${where}, "${token}"`).toBe(Math.sign(contribution));
          // The note (unknown word, cut by maxlen) is said on hover.
          expect(shown[t].title.endsWith(`(${note})`), `${where}, "${token}": title ${shown[t].title}, note ${note}`).toBe(note !== undefined);
        });
        expect(explanation.tokens.some((t) => Math.abs(t.contribution) > 1e-3), `${where}: some word must matter`).toBe(true);
      }
    }
    // What an instructor shows: a review typed, a network's words highlighted.
    await typeReview(page, TEXTS[5]);
    await page.click('[data-model="lstm"]');
    await page.waitForSelector('#explanation[data-explained-model="lstm"][data-state="ready"]', { timeout: 30_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-page.png"), fullPage: true });
    await context.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it("says which model could not be loaded when its payload script is missing, and runs the others", async () => {
    const broken = tempDir("demo-broken-");
    folders.push(broken);
    cpSync(outDir, broken, { recursive: true });
    // demo-models.js names each model's payload; it is read here as the page reads it, as a script.
    const modelsScript = vm.createContext({});
    vm.runInContext(readFileSync(path.join(broken, "demo-models.js"), "utf8"), modelsScript);
    const ngramModel = (modelsScript[DEMO_DATA_GLOBAL] as DemoData).models.find((model) => model.name === NGRAM_MODEL);
    const ngramPayload = payloadFile(ngramModel?.status === "saved" ? ngramModel.payload : "none");
    rmSync(path.join(broken, ngramPayload));
    const { context, page } = await watchedOfflinePage(browser);
    await page.goto(pathToFileURL(path.join(broken, DEMO_FILE)).href);
    await waitUntilReady(page);
    const row = page.locator(`[data-model="${NGRAM_MODEL}"]`);
    expect(await row.getAttribute("data-status")).toBe("error");
    expect(await row.innerText()).toContain(`could not be loaded: ${ngramPayload} did not load; export the course again.`);
    expect(await page.getAttribute("#explanation", "data-state")).toBe("error");
    for (const { name } of NETWORKS) expect(await page.getAttribute(`[data-model="${name}"]`, "data-probability")).not.toBeNull();
    await context.close();
  }, 60_000);

  it.skipIf(!existsSync(SMOKE_MODELS))("loads the course's own smoke-scale models (data/models/smoke), printing how long they take", async () => {
    const smokeOut = tempDir("demo-smoke-");
    folders.push(smokeOut);
    const smoke = await writeDemo(smokeOut, { modelsDir: SMOKE_MODELS, scale: "smoke" });
    const files = readdirSync(smokeOut);
    const { context, page, errors } = await watchedOfflinePage(browser);
    await page.goto(pathToFileURL(path.join(smokeOut, DEMO_FILE)).href);
    await waitUntilReady(page, 120_000);
    console.log(`demo page of ${path.relative(ROOT, SMOKE_MODELS)} (${smoke.saved.join(", ")}): ${await loadTimes(page)}; ${(smoke.bytes / 1e6).toFixed(1)} MB in ${files.length} files`);
    for (const name of smoke.saved) expect(await page.getAttribute(`[data-model="${name}"]`, "data-probability"), name).not.toBeNull();
    await typeReview(page, "A wonderful film: moving, funny and beautifully acted. I loved every minute of it.");
    await page.waitForSelector('#explanation[data-state="ready"]');
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-page-smoke.png"), fullPage: true });
    await context.close();
    expect(errors).toEqual([]);
  }, 240_000);
});

async function waitUntilReady(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector("body[data-ready], body[data-error]", { timeout });
  expect(await page.getAttribute("body", "data-error")).toBeNull();
}

/** Puts `text` into the review box and waits until every model's row shows its probability for it. */
async function typeReview(page: Page, text: string): Promise<void> {
  await page.fill("#review", text);
  await page.waitForSelector("body:not([data-predicting])", { timeout: 30_000 });
}

/** What the page recorded: when, after navigation started, its first and its last model could predict. */
async function loadTimes(page: Page): Promise<string> {
  const [first, all] = await Promise.all(["data-first-model-ms", "data-all-models-ms"].map((name) => page.getAttribute("body", name)));
  return `first model ready ${(Number(first) / 1000).toFixed(2)} s, all ${(Number(all) / 1000).toFixed(2)} s after navigation`;
}
