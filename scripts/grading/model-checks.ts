/**
 * Checks of exercises whose answer is a model. The sandbox sends the model as
 * data (ModelData: its topology and how it was compiled); a trusted worker
 * process (model-worker.ts) rebuilds it from the stock layer classes, under a
 * time and memory limit, and reports each layer's class, configuration, output
 * shape and parameter count, and how it trains; this module compares that with
 * the exercise's expected layers and writes the learner's messages:
 * "the second layer should be Flatten, got Dense", "Dense layer 3 should have
 * 250 units, got 128", "the model did not learn: …".
 */
import { fork } from "node:child_process";
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { CheckError, CheckFailure, show, type ExerciseCheck } from "./checks-api";
import type { ImdbAccuracyCase, ModelJob, ModelReport, ModelWorkerAnswer, TrainsCase } from "./model-worker";
import { treeResidentMb } from "./processes";
import { isModelData } from "./sandbox/wire";
import { TSX_REQUIRE_HOOK } from "./tsx-hook";

export interface LayerSpec {
  /** tfjs class name: "Dense", "Flatten", "Embedding", "Conv1D", "Dropout", … */
  className: string;
  /** Options the layer must have, as getConfig() names them (units, activation, kernelSize, rate, …). */
  config?: Record<string, unknown>;
  /** Its output shape, batch dimension null: [null, 16]. */
  outputShape?: Array<number | null>;
  /** Its parameter count. */
  params?: number;
}

export interface ModelExerciseSpec {
  /** The function the learner writes, and the arguments it is called with. */
  fn: string;
  args: unknown[];
  /** The expected layers in order (an input layer is not counted); leave out for a free design. */
  layers?: LayerSpec[];
  /** The loss the model must be compiled with (tfjs name, e.g. "binaryCrossentropy"); leave out to accept an uncompiled model. */
  loss?: string;
  /** The model must learn a small synthetic task: its loss falls by at least a fifth (Adam 0.01, fixed seed). */
  trains?: TrainsCase;
  /** The model, trained as the learner compiled it on IMDB multi-hot reviews, must reach this validation accuracy. */
  imdbAccuracy?: ImdbAccuracyCase & { minAccuracy: number };
  /** Time for the worker to rebuild (and train) the model; default 120 s. */
  timeoutMs?: number;
  /** Heap of the worker in MB; default 2048. */
  memoryMb?: number;
}

const WORKER_SCRIPT = path.join(__dirname, "model-worker.ts");
const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];
/** Options whose value reads as a count: "250 units" rather than "units 250". */
const COUNTED = new Set(["units", "filters"]);

/** An exercise whose function returns a model, checked by rebuilding it in a trusted worker. */
export function modelExercise(spec: ModelExerciseSpec): ExerciseCheck {
  const call = `${spec.fn}(${spec.args.map((a) => show(a)).join(", ")})`;
  const expectation = async (got: unknown): Promise<void> => {
      if (!isModelData(got)) throw new CheckFailure(`${call} should return a model (tf.sequential(…) or tf.model(…)), got ${show(got)}`);
      const job: ModelJob = { topology: got.topology, training: got.training, trains: spec.trains, imdbAccuracy: spec.imdbAccuracy };
      const report = await inspectModel(job, spec);
      compareLayers(call, report, spec.layers);
      compareCompile(call, got.training, spec.loss);
      if (spec.trains && report.trains) {
        if ("error" in report.trains) throw new CheckFailure(`the model from ${call} could not be trained on a small task: ${report.trains.error}`);
        const { lossBefore, lossAfter } = report.trains;
        if (!(lossAfter < lossBefore * 0.8)) {
          throw new CheckFailure(`the model from ${call} did not learn a small task it should learn: its loss went from ${lossBefore.toFixed(3)} to ${lossAfter.toFixed(3)} (does its last layer fit the loss?)`);
        }
      }
      if (spec.imdbAccuracy && report.imdbAccuracy) {
        if ("error" in report.imdbAccuracy) throw new CheckFailure(`the model from ${call} could not be trained on the reviews: ${report.imdbAccuracy.error}`);
        const { accuracy } = report.imdbAccuracy;
        const { minAccuracy, trainReviews, validationReviews, epochs } = spec.imdbAccuracy;
        if (!(accuracy >= minAccuracy)) {
          throw new CheckFailure(
            `the model from ${call}, trained as you compiled it for ${epochs} epochs on ${trainReviews} reviews, reached ${(accuracy * 100).toFixed(1)} % accuracy on ${validationReviews} others; it should reach ${(minAccuracy * 100).toFixed(0)} %`,
          );
        }
      }
  };
  return { exports: [spec.fn], calls: [{ fn: spec.fn, args: spec.args, argumentsAfter: false, expectation }] };
}

function compareLayers(call: string, report: ModelReport, expected: LayerSpec[] | undefined): void {
  if (!expected) return;
  const got = report.layers;
  if (got.length !== expected.length) {
    const names = (layers: Array<{ className: string }>): string => layers.map((l) => l.className).join(", ");
    throw new CheckFailure(`the model from ${call} should have ${expected.length} layers (${names(expected)}), got ${got.length} (${names(got)})`);
  }
  expected.forEach((want, i) => {
    const layer = got[i];
    const ordinal = ORDINALS[i] ?? `${i + 1}th`;
    if (layer.className !== want.className) throw new CheckFailure(`the ${ordinal} layer should be ${want.className}, got ${layer.className}`);
    const label = `${want.className} layer ${i + 1}`;
    for (const [key, value] of Object.entries(want.config ?? {})) {
      const actual = layer.config[key];
      if (!isDeepStrictEqual(actual, value)) {
        const wanted = COUNTED.has(key) && typeof value === "number" ? `${value} ${key}` : `${key} ${show(value)}`;
        throw new CheckFailure(`${label} should have ${wanted}, got ${show(actual)}`);
      }
    }
    if (want.outputShape && !isDeepStrictEqual(layer.outputShape, want.outputShape)) {
      throw new CheckFailure(`${label} should output shape ${show(want.outputShape)}, got ${show(layer.outputShape)}`);
    }
    if (want.params !== undefined && layer.params !== want.params) {
      throw new CheckFailure(`${label} should have ${want.params} parameters, got ${layer.params}`);
    }
  });
}

function compareCompile(call: string, training: unknown, loss: string | undefined): void {
  if (loss === undefined) return;
  const compiled = training as { loss?: unknown } | null;
  if (!compiled) throw new CheckFailure(`the model from ${call} should be compiled (model.compile({ optimizer, loss: "${loss}", … })) before it is returned`);
  if (compiled.loss !== loss) throw new CheckFailure(`the model from ${call} should be compiled with loss "${loss}", got ${show(compiled.loss)}`);
}

function tooLarge(memoryMb: number): string {
  return `the model is too large: rebuilding it took more than ${memoryMb} MB (does a layer have far more units than the exercise needs?)`;
}

/** Rebuilds (and trains) the model in the worker; a model that cannot be rebuilt is a failure, a worker past its limits an error. */
function inspectModel(job: ModelJob, spec: ModelExerciseSpec): Promise<ModelReport> {
  const timeoutMs = spec.timeoutMs ?? 120_000;
  const memoryMb = spec.memoryMb ?? 2048;
  return new Promise((resolve, reject) => {
    const worker = fork(WORKER_SCRIPT, [], {
      execArgv: ["--require", TSX_REQUIRE_HOOK, `--max-old-space-size=${memoryMb}`],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    worker.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      worker.kill("SIGKILL");
      action();
    };
    const timer = setTimeout(() => settle(() => reject(new CheckError(`rebuilding and training the model took more than ${timeoutMs / 1000} s`))), timeoutMs);
    // Weights live outside V8's heap (typed arrays, wasm memory), which its heap limit does not bound: watch the whole process.
    const memoryWatch = setInterval(() => {
      if (worker.pid !== undefined && treeResidentMb(worker.pid) > memoryMb) settle(() => reject(new CheckError(tooLarge(memoryMb))));
    }, 200);
    worker.on("message", (answer: ModelWorkerAnswer) =>
      settle(() => ("report" in answer ? resolve(answer.report) : reject(new CheckFailure(answer.refused)))),
    );
    worker.on("exit", (code, signal) => {
      const memory = /heap out of memory|Reached heap limit/.test(stderr);
      settle(() => reject(new CheckError(memory ? tooLarge(memoryMb) : `the grader's model worker stopped (${signal ?? `exit code ${code}`}): ${stderr.trim().split("\n").slice(-3).join(" ")}`)));
    });
    worker.send(job);
  });
}
