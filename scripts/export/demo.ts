/**
 * The exported course's live demo: demo.html, where an instructor types a
 * review and sees each saved model's positive probability as they type,
 * computed in the browser by TensorFlow.js. Everything the page needs is a
 * script next to it (tf.min.js, demo-models.js with the models, demo.js with
 * lib's tokenizer, encoding and n-gram code bundled by esbuild), because a
 * page opened from file:// may not fetch files. Instructor tooling for
 * `npm run export`; no lesson teaches it.
 */
import { copyFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { buildSync } from "esbuild";
import { base64FromBytes } from "../../lib/util/base64";
import { ngramModelJson } from "../../lib/models/ngrams/model-json";
import type { LoadedNetworkModel } from "../../lib/models/loaded-network-model";
import { COURSE_MODELS } from "../../lib/models/registry";
import { listSentimentModels, loadSentimentModel } from "../../lib/models/storage/model-folder";
import { PROJECT_ROOT } from "../jupyter-env";
import { DEMO_DATA_GLOBAL, WEIGHT_CHUNK_CHARS, type DemoData, type DemoModel, type SavedNetworkDemoModel } from "./demo/models";
import { escapeHtml } from "./index-page";
import { EXPORT_GENERATOR, INDEX_FILE } from "./page-notebook";

export const DEMO_FILE = "demo.html";
const TFJS_FILE = "tf.min.js";
const MODELS_FILE = "demo-models.js";
const SCRIPT_FILE = "demo.js";
const PAGE_SCRIPT = path.join(__dirname, "demo", "page", "page.ts");
const TF_GLOBAL = path.join(__dirname, "demo", "page", "tf-global.cjs");

/** Reviews to try with one click: clear cases, a negation, and words no model knows. */
const EXAMPLES: readonly { label: string; text: string }[] = [
  { label: "enthusiastic", text: "A wonderful film: moving, funny and beautifully acted. I loved every minute of it." },
  { label: "scathing", text: "The worst movie I have seen in years. Boring, badly written and far too long." },
  { label: "negation", text: "This film is not good. Not bad either, just not good." },
  { label: "mixed", text: "Great cast, stunning photography, but the plot is a mess and the ending is awful." },
  { label: "unknown words", text: "Zorblax quintessentially flummoxed the snarfwidget." },
];

export interface DemoOptions {
  /** Folder of the saved models (data/models/<scale>). */
  modelsDir: string;
  /** COURSE_SCALE the models were trained at, shown on the page. */
  scale: string;
}

export interface DemoSummary {
  /** Bytes of every file the page loads. */
  bytes: number;
  saved: string[];
  missing: string[];
}

/** Writes demo.html and its scripts into `outDir`. */
export async function writeDemo(outDir: string, options: DemoOptions): Promise<DemoSummary> {
  const data = await demoData(options);
  const files: [string, string | Buffer][] = [
    [MODELS_FILE, `globalThis[${JSON.stringify(DEMO_DATA_GLOBAL)}] = ${JSON.stringify(data)};\n`],
    [SCRIPT_FILE, bundlePageScript()],
    [DEMO_FILE, demoHtml(data)],
  ];
  for (const [name, content] of files) writeFileSync(path.join(outDir, name), content);
  copyFileSync(require.resolve("@tensorflow/tfjs/dist/tf.min.js"), path.join(outDir, TFJS_FILE));
  const bytes = [TFJS_FILE, ...files.map(([name]) => name)].reduce((sum, name) => sum + statSync(path.join(outDir, name)).size, 0);
  return {
    bytes,
    saved: data.models.filter((m) => m.status === "saved").map((m) => m.name),
    missing: data.models.filter((m) => m.status === "missing").map((m) => m.name),
  };
}

/** Every saved model of the folder, and every model the lessons save that is not there, by lesson then name. */
async function demoData({ modelsDir, scale }: DemoOptions): Promise<DemoData> {
  const saved = listSentimentModels({ dir: modelsDir });
  const models: DemoModel[] = [];
  for (const info of saved) {
    const known = COURSE_MODELS.find((m) => m.name === info.name);
    const header = { name: info.name, lesson: info.lesson ?? known?.lesson, title: known?.title ?? info.description ?? info.name };
    const loaded = await loadSentimentModel(info.name, { dir: modelsDir });
    if (loaded.kind === "ngrams") models.push({ ...header, status: "saved", info, ngramModel: JSON.parse(ngramModelJson(loaded.model)) });
    else models.push({ ...header, status: "saved", info, ...(await networkData(loaded)) });
  }
  for (const known of COURSE_MODELS) {
    if (!saved.some((info) => info.name === known.name)) models.push({ name: known.name, lesson: known.lesson, title: known.title, status: "missing" });
  }
  models.sort((a, b) => (a.lesson ?? Infinity) - (b.lesson ?? Infinity) || a.name.localeCompare(b.name));
  return { scale, modelsDir: path.relative(PROJECT_ROOT, modelsDir) || modelsDir, models };
}

/** The network's layers and weights as tfjs saves them, and the words it was trained with. */
async function networkData(loaded: LoadedNetworkModel): Promise<Pick<SavedNetworkDemoModel, "modelTopology" | "weightSpecs" | "weightsBase64" | "words">> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await loaded.model.save(tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  if (artifacts?.weightSpecs === undefined || artifacts.weightData === undefined) throw new Error(`tfjs gave no weights for the saved model "${loaded.info.name}".`);
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightsBase64: inPieces(base64FromBytes(new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData))), WEIGHT_CHUNK_CHARS),
    words: loaded.savedWords.words,
  };
}

function inPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces;
}

/** demo.js: page.ts with lib's code, for a classic <script> (no modules: file:// pages cannot load them), tfjs taken from tf.min.js. */
function bundlePageScript(): string {
  const result = buildSync({
    entryPoints: [PAGE_SCRIPT],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    alias: { "@tensorflow/tfjs": TF_GLOBAL },
    logLevel: "silent",
  });
  return new TextDecoder().decode(result.outputFiles[0].contents);
}

function demoHtml(data: DemoData): string {
  const rows = data.models.map((model) => {
    const lesson = model.lesson === undefined ? "" : `lesson ${model.lesson} · `;
    const value = model.status === "missing"
      ? `not trained: run lesson ${model.lesson ?? "?"} at COURSE_SCALE=${escapeHtml(data.scale)}, then export again`
      : "loading…";
    return `<div class="model" data-model="${escapeHtml(model.name)}" data-status="${model.status}">
  <div class="name"><strong>${escapeHtml(model.name)}</strong><br><span>${escapeHtml(lesson + model.title)}</span></div>
  <div class="meter"><div class="bar"></div><div class="half"></div></div>
  <div class="value">${value}</div>
</div>`;
  }).join("\n");
  const examples = EXAMPLES.map((e) => `<button type="button" data-example="${escapeHtml(e.text)}">${escapeHtml(e.label)}</button>`).join(" ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="${EXPORT_GENERATOR}">
<title>Live demo: what each model thinks of a review</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 0 auto; padding: 0 1.5em 2em; line-height: 1.5; color: #222; }
nav { padding: 0.8em 0; border-bottom: 1px solid #ddd; margin-bottom: 1em; }
textarea { width: 100%; box-sizing: border-box; min-height: 8em; font: inherit; font-size: 1.15em; padding: 0.6em; border: 2px solid #888; border-radius: 6px; }
button { font: inherit; margin: 0.3em 0.2em 0 0; padding: 0.2em 0.7em; border: 1px solid #aaa; border-radius: 4px; background: #f5f5f5; cursor: pointer; }
.models { margin-top: 1.5em; }
.model { display: grid; grid-template-columns: 19em 1fr 12em; gap: 1em; align-items: center; padding: 0.6em 0; border-bottom: 1px solid #eee; }
.model span { color: #666; font-size: 0.9em; }
.meter { position: relative; height: 1.6em; background: #f1f1f1; border-radius: 4px; overflow: hidden; }
.meter .bar { height: 100%; width: 0; background: #d9534f; transition: width 0.15s; }
.meter .bar.positive { background: #2e8b57; }
.meter .half { position: absolute; top: 0; bottom: 0; left: 50%; border-left: 1px dashed #555; }
.value { font-variant-numeric: tabular-nums; font-size: 1.1em; }
.model[data-status="missing"] { color: #999; }
.model[data-status="missing"] .value, .model[data-status="error"] .value { font-size: 0.9em; color: #a33; }
#status { color: #666; font-size: 0.9em; }
</style>
</head>
<body>
<nav><a href="${INDEX_FILE}">All lessons</a></nav>
<h1>What each model thinks of a review</h1>
<p>Type a review: each model saved by the lessons gives its probability that the review is positive, computed in this browser by TensorFlow.js from the same tokenizer and vocabulary as in Node. Models trained at <code>COURSE_SCALE=${escapeHtml(data.scale)}</code>, read from <code>${escapeHtml(data.modelsDir)}</code>.</p>
<textarea id="review" placeholder="Type a review here…" spellcheck="false"></textarea>
<div class="examples">Try: ${examples}</div>
<div class="models">
${rows}
</div>
<p id="status">Loading the models…</p>
<script src="${TFJS_FILE}"></script>
<script src="${MODELS_FILE}"></script>
<script src="${SCRIPT_FILE}"></script>
</body>
</html>
`;
}
