/**
 * The exported course's live demo: demo.html, where an instructor types a
 * review and sees each saved model's positive probability as they type, and
 * the words that pushed a model's score highlighted, computed in the browser
 * by TensorFlow.js. Everything the page needs is a script next to it
 * (demo-models.js, what the models are; one demo-data-<hash>.js per model's
 * weights or n-grams; demo.js, TensorFlow.js and lib's tokenizer, encoding,
 * n-gram and explanation code bundled by esbuild), because a page opened from
 * file:// may not fetch files. Instructor tooling for `npm run export`; no
 * lesson teaches it.
 */
import { createHash } from "node:crypto";
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { build, type Plugin } from "esbuild";
import { HIGHLIGHT_NEGATIVE_COLOR, HIGHLIGHT_POSITIVE_COLOR } from "../../lib/analysis/highlight";
import { packNgramModel } from "../../lib/models/ngrams/packed-model";
import type { LoadedNetworkModel } from "../../lib/models/loaded-network-model";
import { COURSE_MODELS } from "../../lib/models/registry";
import { listSentimentModels, loadSentimentModel } from "../../lib/models/storage/model-folder";
import { PROJECT_ROOT } from "../jupyter-env";
import { DEMO_DATA_GLOBAL, DEMO_PAYLOADS_GLOBAL, payloadFile, type DemoData, type DemoModel, type SavedNetworkDemoModel } from "./demo/models";
import { payloadScript } from "./demo/payload-script";
import { escapeHtml, pageHead } from "./index-page";
import { INDEX_FILE } from "./page-notebook";

export const DEMO_FILE = "demo.html";
const MODELS_FILE = "demo-models.js";
const SCRIPT_FILE = "demo.js";
const PAGE_SCRIPT = path.join(__dirname, "demo", "page", "page.ts");
const TFJS_CPU = path.join(__dirname, "demo", "page", "tfjs-cpu.ts");

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
  const { models, payloads } = await demoData(options);
  const payloadScripts = [...payloads].map(([id, payload]) => ({
    id,
    content: "weights" in payload
      ? payloadScript(DEMO_PAYLOADS_GLOBAL, JSON.stringify({ id }), payload.weights)
      : payloadScript(DEMO_PAYLOADS_GLOBAL, `{"id":${JSON.stringify(id)},"ngramModel":${payload.ngramModelJson}}`),
  }));
  // Smallest first: the first rows start predicting while the large weights still load.
  payloadScripts.sort((a, b) => a.content.length - b.content.length);
  const data: DemoData = { ...models, payloads: payloadScripts.map(({ id }) => id) };
  const files: [string, string][] = [
    [MODELS_FILE, `globalThis[${JSON.stringify(DEMO_DATA_GLOBAL)}] = ${JSON.stringify(data)};\n`],
    ...payloadScripts.map(({ id, content }): [string, string] => [payloadFile(id), content]),
    [SCRIPT_FILE, await bundlePageScript()],
    [DEMO_FILE, demoHtml(data)],
  ];
  for (const [name, content] of files) writeFileSync(path.join(outDir, name), content);
  const bytes = files.map(([name]) => name).reduce((sum, name) => sum + statSync(path.join(outDir, name)).size, 0);
  return {
    bytes,
    saved: data.models.filter((m) => m.status === "saved").map((m) => m.name),
    missing: data.models.filter((m) => m.status === "missing").map((m) => m.name),
  };
}

/** A payload's name: the start of its content's SHA-256, so that equal weights make one payload. */
function contentId(content: Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 16);
}

/** A network's weights.bin, or the JSON of a packed n-gram model. */
type PayloadContent = { weights: Uint8Array } | { ngramModelJson: string };

/** Every saved model of the folder, and every model the lessons save that is not there, by lesson then name; and their payloads by id. */
async function demoData({ modelsDir, scale }: DemoOptions): Promise<{ models: Omit<DemoData, "payloads">; payloads: Map<string, PayloadContent> }> {
  const saved = listSentimentModels({ dir: modelsDir });
  const models: DemoModel[] = [];
  const payloads = new Map<string, PayloadContent>();
  for (const info of saved) {
    const known = COURSE_MODELS.find((m) => m.name === info.name);
    const header = { name: info.name, lesson: info.lesson ?? known?.lesson, title: known?.title ?? info.description ?? info.name };
    const loaded = await loadSentimentModel(info.name, { dir: modelsDir });
    if (loaded.kind === "ngrams") {
      const ngramModelJson = JSON.stringify(packNgramModel(loaded.model));
      const id = contentId(Buffer.from(ngramModelJson));
      payloads.set(id, { ngramModelJson });
      models.push({ ...header, status: "saved", kind: "ngrams", info, payload: id });
    } else {
      const { weights, ...network } = await networkData(loaded);
      const id = contentId(weights);
      payloads.set(id, { weights });
      models.push({ ...header, status: "saved", kind: "network", info: loaded.info, ...network, payload: id });
    }
  }
  for (const known of COURSE_MODELS) {
    if (!saved.some((info) => info.name === known.name)) models.push({ name: known.name, lesson: known.lesson, title: known.title, status: "missing" });
  }
  models.sort((a, b) => (a.lesson ?? Infinity) - (b.lesson ?? Infinity) || a.name.localeCompare(b.name));
  return { models: { scale, modelsDir: path.relative(PROJECT_ROOT, modelsDir) || modelsDir, models }, payloads };
}

/** The network's layers and weights as tfjs saves them, and the words it was trained with. */
async function networkData(loaded: LoadedNetworkModel): Promise<Pick<SavedNetworkDemoModel, "modelTopology" | "weightSpecs" | "words"> & { weights: Uint8Array }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await loaded.model.save(tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  if (artifacts?.weightSpecs === undefined || artifacts.weightData === undefined) throw new Error(`tfjs gave no weights for the saved model "${loaded.info.name}".`);
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weights: new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)),
    words: loaded.savedWords.words,
  };
}

/**
 * Node's built-in modules and the Node-only packages that lib/analysis and
 * lib/models import through lib/data/imdb: the page runs only their code
 * that reads no file
 * (explainPrediction on an n-gram model, networkLogits), so the bundle gets
 * an empty module in their place.
 */
const NODE_ONLY = /^(node:.*|tar-stream|danfojs-node)$/;

const nodeOnlyModulesEmpty: Plugin = {
  name: "node-only-modules-empty",
  setup(build) {
    build.onResolve({ filter: NODE_ONLY }, (args) => ({ path: args.path, namespace: "node-only" }));
    build.onLoad({ filter: /.*/, namespace: "node-only" }, () => ({ contents: "module.exports = {};", loader: "js" }));
  },
};

/** demo.js: page.ts with lib's code and TensorFlow.js's core, layers and cpu backend, for a classic <script> (no modules: file:// pages cannot load them). */
async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [PAGE_SCRIPT],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    legalComments: "none",
    alias: { "@tensorflow/tfjs": TFJS_CPU },
    plugins: [nodeOnlyModulesEmpty],
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

function demoHtml(data: DemoData): string {
  const rows = data.models.map((model) => {
    const lesson = model.lesson === undefined ? "" : `lesson ${model.lesson} · `;
    const name = `<div class="name"><strong>${escapeHtml(model.name)}</strong> <span>${escapeHtml(lesson + model.title)}</span></div>`;
    if (model.status === "missing") {
      return `<div class="model" data-model="${escapeHtml(model.name)}" data-status="missing">
  ${name}
  <div class="value">not trained: run lesson ${model.lesson ?? "?"} at COURSE_SCALE=${escapeHtml(data.scale)}, then export again</div>
</div>`;
    }
    return `<div class="model" data-model="${escapeHtml(model.name)}" data-status="saved" tabindex="0" role="button" aria-pressed="false" title="Show which words pushed this model's score">
  ${name}
  <div class="meter"><div class="bar"></div><div class="half"></div></div>
  <div class="value">loading…</div>
</div>`;
  }).join("\n");
  const examples = EXAMPLES.map((e) => `<button type="button" data-example="${escapeHtml(e.text)}">${escapeHtml(e.label)}</button>`).join(" ");
  return `${pageHead("Live demo: what each model thinks of a review", `
body { font-family: system-ui, sans-serif; font-size: 18px; max-width: 76em; margin: 0 auto; padding: 0 1.5em 1.5em; line-height: 1.45; color: #222; }
nav { padding: 0.5em 0; border-bottom: 1px solid #ddd; margin-bottom: 0.5em; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
.intro { margin: 0.2em 0 0.8em; color: #555; font-size: 0.9em; }
.demo { display: grid; grid-template-columns: minmax(0, 11fr) minmax(0, 10fr); gap: 1.5em; align-items: start; }
@media (max-width: 60em) { .demo { grid-template-columns: minmax(0, 1fr); } }
textarea { width: 100%; box-sizing: border-box; min-height: 6em; font: inherit; font-size: 1.3em; padding: 0.4em 0.5em; border: 2px solid #777; border-radius: 6px; }
button { font: inherit; font-size: 0.85em; margin: 0.3em 0.2em 0 0; padding: 0.1em 0.6em; border: 1px solid #aaa; border-radius: 4px; background: #f5f5f5; cursor: pointer; }
.model { display: grid; grid-template-columns: minmax(0, 1fr) 6.5em; grid-template-areas: "name value" "meter value"; gap: 0.2em 0.8em; align-items: center; padding: 0.4em 0.6em; border-bottom: 1px solid #e3e3e3; border-left: 6px solid transparent; }
.model .name { grid-area: name; }
.model .name span { color: #666; font-size: 0.8em; }
.model[role="button"] { cursor: pointer; }
.model[aria-pressed="true"] { background: #eef3fa; border-left-color: ${HIGHLIGHT_POSITIVE_COLOR}; }
.meter { grid-area: meter; position: relative; height: 1.7em; background: #eee; border-radius: 4px; overflow: hidden; }
.meter .bar { height: 100%; width: 0; background: ${HIGHLIGHT_NEGATIVE_COLOR}; transition: width 0.15s; }
.meter .bar.positive { background: ${HIGHLIGHT_POSITIVE_COLOR}; }
.meter .half { position: absolute; top: 0; bottom: 0; left: 50%; border-left: 2px dashed #444; }
.value { grid-area: value; text-align: right; font-size: 0.85em; color: #555; }
.value .probability { display: block; font-size: 1.6em; font-weight: 700; color: #222; font-variant-numeric: tabular-nums; line-height: 1.2; }
.model[data-status="missing"] { color: #999; }
.model[data-status="missing"] .value, .model[data-status="error"] .value { grid-area: meter / meter / value / value; text-align: left; color: #a33; }
.model[data-status="error"] .meter { display: none; }
#explanation { margin-top: 1em; padding: 0.5em 0.9em 0.7em; border: 2px solid #ccd; border-radius: 6px; }
#explanation h2 { font-size: 1.15em; margin: 0 0 0.3em; }
#explanation .progress { color: #666; }
#explanation .progress:empty { display: none; }
#explanation .words { font-size: 1.45em; }
#status { color: #666; font-size: 0.8em; }
`)}
<body>
<nav><a href="${INDEX_FILE}">All lessons</a></nav>
<h1>What each model thinks of a review</h1>
<p class="intro">Type a review: each model saved by the lessons gives its probability that the review is positive, computed in this browser by TensorFlow.js with the same tokenizer and vocabulary as in Node. Click a model to see which words pushed its score. Models trained at <code>COURSE_SCALE=${escapeHtml(data.scale)}</code>, read from <code>${escapeHtml(data.modelsDir)}</code>.</p>
<div class="demo">
<div>
<textarea id="review" placeholder="Type a review here…" spellcheck="false"></textarea>
<div class="examples">Try: ${examples}</div>
<section id="explanation" data-state="empty" aria-live="polite">
<h2>Which words pushed <span class="explained">the score</span></h2>
<div class="progress"></div>
<div class="body"></div>
</section>
</div>
<div class="models">
${rows}
</div>
</div>
<p id="status">Loading the models…</p>
<script src="${MODELS_FILE}"></script>
<script src="${SCRIPT_FILE}"></script>
</body>
</html>
`;
}
