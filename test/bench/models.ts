/**
 * Seconds per 25,000-review training epoch of the course's four models, as
 * the lessons write them in plain TensorFlow.js (lib/models/lessons/, generated from
 * the lessons' `// @save` cells), on tfjs' wasm backend with the course's kernels — with the
 * native OpenBLAS addon when it is built, and on wasm alone — next to PyTorch
 * on the same shapes (../shared/bench/torch_reference.py), model by model in
 * one run so the ratios share the machine's load.
 *
 * Like the PyTorch script, it trains on random inputs of the real shapes
 * (batch 128, Adam), times windows of 5 steps after one warm-up window, and
 * extrapolates the median and fastest window to 196 steps.
 *
 * PyTorch runs with 2 threads (the reference) and with 1 thread: tfjs
 * trains on one core, and on these shared 2-core machines PyTorch's second
 * thread helps only when the machine is otherwise idle.
 *
 * Usage: npx tsx test/bench/models.ts [--models mlp,conv1d,lstm,multihot] [--seconds 15] [--no-torch] [--no-wasm-only]
 */
import * as tf from "@tensorflow/tfjs";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { initBackend } from "../../lib/backend/init-backend";
import { buildMultiHotModel } from "../../lib/models/lessons/02-multi-hot";
import { buildEmbeddingMlp } from "../../lib/models/lessons/03-embeddings-mlp";
import { buildConv1dModel } from "../../lib/models/lessons/04-conv1d";
import { buildLstmModel } from "../../lib/models/lessons/05-lstm";
import { nativeBlasStatus, setNativeBlasEnabled } from "../../lib/backend/wasm-kernels/native-blas";
import { loadAverage, median } from "./stats";

const BATCH = 128;
const STEPS_PER_EPOCH = Math.ceil(25_000 / BATCH);
const WINDOW = 5;
const TORCH_SCRIPT = path.resolve(__dirname, "..", "..", "..", "shared", "bench", "torch_reference.py");
const PYTHON = "/usr/bin/python3";

type ModelName = "mlp" | "conv1d" | "lstm" | "multihot";

const MODELS: Record<ModelName, { title: string; build: () => tf.LayersModel; inputs: (n: number) => tf.Tensor }> = {
  mlp: { title: "MLP: Embedding(5000,32,500)-Flatten-Dense(250)-Dense(1)", build: () => buildEmbeddingMlp(5000, 500), inputs: (n) => tokens(n, 500, 5000) },
  conv1d: { title: "Conv1D: + Conv1D(32,3,same)-MaxPooling1D(2)", build: () => buildConv1dModel(5000, 500), inputs: (n) => tokens(n, 500, 5000) },
  lstm: { title: "LSTM: Embedding(20000,128,100)-LSTM(60)-Dense(1)", build: () => buildLstmModel(20000, 100), inputs: (n) => tokens(n, 100, 20000) },
  multihot: { title: "Multi-hot: [N,10000]-Dense(512)-Dropout(0.5)-Dense(1)", build: () => buildMultiHotModel(10000), inputs: (n) => tf.tidy(() => tf.cast(tf.less(tf.randomUniform([n, 10000], 0, 1, "float32", 1), 0.02), "float32")) },
};

function tokens(n: number, length: number, vocab: number): tf.Tensor {
  return tf.tidy(() => tf.floor(tf.randomUniform([n, length], 0, vocab, "float32", 1)));
}

interface Timing {
  median: number;
  best: number;
  load: string;
}


/** Seconds per epoch of model.fit, from windows of WINDOW steps over a pool of 16 batches. */
async function timeTfjs(name: ModelName, seconds: number): Promise<Timing> {
  const model = MODELS[name].build();
  const pool = 16 * BATCH;
  const x = MODELS[name].inputs(pool);
  const y = tf.tidy(() => tf.cast(tf.less(tf.randomUniform([pool, 1], 0, 1, "float32", 2), 0.5), "float32"));
  const windowSamples = WINDOW * BATCH;
  const starts = [0, windowSamples, 2 * windowSamples];
  const slices = starts.map((s) => [x.slice(s, windowSamples), y.slice(s, windowSamples)] as const);
  const windows: number[] = [];
  const begin = performance.now();
  for (let i = 0; (performance.now() - begin) / 1000 < seconds || windows.length < 5; i++) {
    const [xs, ys] = slices[i % slices.length];
    const t0 = performance.now();
    await model.fit(xs, ys, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 });
    windows.push((performance.now() - t0) / 1000 / WINDOW);
  }
  const timed = windows.slice(1);
  tf.dispose([x, y, ...slices.flat()]);
  model.dispose();
  return { median: median(timed) * STEPS_PER_EPOCH, best: Math.min(...timed) * STEPS_PER_EPOCH, load: loadAverage(" ") };
}

/** PyTorch's seconds per epoch for one model, or why there are none. */
function timeTorch(name: ModelName, seconds: number, threads: number): Timing | string {
  if (!existsSync(TORCH_SCRIPT)) return `no ${TORCH_SCRIPT}`;
  const result = spawnSync(PYTHON, [TORCH_SCRIPT, "--models", name, "--seconds", String(seconds), "--threads", String(threads)], { encoding: "utf8" });
  const line = result.stdout?.split("\n").find((l) => l.startsWith("{"));
  if (result.status !== 0 || line === undefined) return `PyTorch did not run (${(result.stderr || String(result.error)).trim().split("\n").at(-1)}); install python3-torch`;
  const json = JSON.parse(line) as { epoch_sec_median: number; epoch_sec_best: number; loadavg: string[] };
  return { median: json.epoch_sec_median, best: json.epoch_sec_best, load: json.loadavg.join(" ") };
}

/** The PyTorch setting with the lower median, or why there is none. */
function fasterOf(a: Timing | string, b: Timing | string): Timing | string {
  if (typeof a === "string") return b;
  if (typeof b === "string") return a;
  return a.median <= b.median ? a : b;
}

function optimizerOf(name: ModelName): string {
  const model = MODELS[name].build();
  const optimizer = model.optimizer.getClassName();
  model.dispose();
  return optimizer;
}

function cell(t: Timing | string | undefined): string {
  if (t === undefined) return "—";
  return typeof t === "string" ? "n/a" : `${t.median.toFixed(1)} (best ${t.best.toFixed(1)})`;
}

function ratio(ours: Timing | string | undefined, torch: Timing | string): string {
  if (ours === undefined || typeof ours === "string" || typeof torch === "string") return "—";
  return `${(ours.median / torch.median).toFixed(2)} (best ${(ours.best / torch.best).toFixed(2)})`;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const option = (flag: string) => argv.includes(flag);
  const value = (flag: string, fallback: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : fallback);
  const names = value("--models", "mlp,conv1d,lstm,multihot").split(",") as ModelName[];
  const seconds = Number(value("--seconds", "15"));
  for (const name of names) if (!(name in MODELS)) throw new Error(`Unknown model "${name}"; use mlp, conv1d, lstm or multihot.`);

  // This benchmark is about the wasm backend, even where tfjs-node is installed.
  process.env.TFJS_BACKEND ??= "wasm";
  const backend = await initBackend();
  const native = nativeBlasStatus();
  console.log(`tfjs ${backend.tfjsVersion} on ${backend.name}: ${backend.reason}\n`);

  console.log("Seconds per 25,000-sample epoch, batch 128, each tfjs model compiled as its lesson compiles it (PyTorch: Adam): median of 5-step windows (fastest in brackets); ratio = tfjs / PyTorch at its faster thread setting in this run.\n");
  console.log("| model | tfjs optimizer | tfjs wasm + native BLAS | tfjs wasm alone | PyTorch 2 threads | PyTorch 1 thread | ratio native / faster PyTorch | ratio wasm alone / faster PyTorch | load (1/5/15 min) |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const name of names) {
    let withNative: Timing | string | undefined = native.available ? undefined : "not built";
    if (native.available) {
      setNativeBlasEnabled(true);
      withNative = await timeTfjs(name, seconds);
    }
    let wasmOnly: Timing | undefined;
    if (!option("--no-wasm-only")) {
      setNativeBlasEnabled(false);
      wasmOnly = await timeTfjs(name, seconds);
      setNativeBlasEnabled(true);
    }
    const torch = option("--no-torch") ? "skipped" : timeTorch(name, seconds, 2);
    const torch1 = option("--no-torch") ? "skipped" : timeTorch(name, seconds, 1);
    const loads = [withNative, wasmOnly, torch, torch1].filter((t): t is Timing => typeof t === "object").map((t) => t.load);
    const faster = fasterOf(torch, torch1);
    console.log(`| ${MODELS[name].title} | ${optimizerOf(name)} | ${cell(withNative)} | ${cell(wasmOnly)} | ${cell(torch)} | ${cell(torch1)} | ${ratio(withNative, faster)} | ` +
      `${ratio(wasmOnly, faster)} | ${loads.join("; ")} |`);
    if (typeof torch === "string" && torch !== "skipped") console.log(`\n(PyTorch: ${torch})\n`);
  }
  console.log(`\n${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}); native BLAS: ${native.reason}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
