/**
 * Choosing where TensorFlow.js runs (lesson 0, "Setup").
 *
 * tfjs-node (native libtensorflow) is the fast path, but its install script
 * downloads libtensorflow, so on offline or locked-down machines it is absent.
 * Then the wasm backend runs instead, with the course's own kernels that make
 * it train every model of the course (see wasm-kernels/).
 */
import * as tf from "@tensorflow/tfjs";
import { registerWasmKernels } from "./wasm-kernels";
import { installFusedAdam } from "./wasm-kernels/adam";
import { installFusedLstm } from "./wasm-kernels/lstm-layer";
import { nativeBlasStatus } from "./wasm-kernels/native-blas";
import { errorMessage } from "../util/errors";

export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface BackendInfo {
  /** The tfjs backend now active. */
  name: BackendName;
  /** Why this backend was chosen, in a sentence a learner can act on. */
  reason: string;
  /** Version of @tensorflow/tfjs-core in this process. */
  tfjsVersion: string;
  /** Stock TensorFlow.js pieces that run as the course's fused kernels (wasm only; empty when IMDB_COURSE_FUSED=0). */
  accelerated: string[];
}

/** What `installFusedAdam` and `installFusedLstm` speed up, as `initBackend` reports it. */
const FUSED = ["Adam's weight update (tf.train.adam, optimizer: \"adam\")", "tf.layers.lstm's time loop"];

const ALIASES: Record<string, BackendName> = { node: "tensorflow", tensorflow: "tensorflow", wasm: "wasm", cpu: "cpu" };

let current: Promise<BackendInfo> | undefined;

/**
 * Prepares TensorFlow.js for the course and says which backend runs and why.
 *
 * Order: `TFJS_BACKEND=node|wasm|cpu` when set (for comparisons), otherwise
 * tfjs-node when it loads, otherwise wasm. Also silences tfjs' "install our
 * node backend" banner, which would otherwise show as a red block in every
 * notebook. Calling it again returns the first answer. First cell of every
 * lesson (lesson 0, "Setup", explains the choice).
 */
export function initBackend(): Promise<BackendInfo> {
  current ??= chooseBackend(process.env.TFJS_BACKEND);
  return current;
}

async function chooseBackend(requested: string | undefined): Promise<BackendInfo> {
  tf.env().set("PROD", true);
  const info = (name: BackendName, reason: string): BackendInfo => ({ name, reason, tfjsVersion: tf.version_core, accelerated: name === "wasm" ? accelerateStockLayers() : [] });

  if (requested !== undefined && requested !== "") {
    const name = ALIASES[requested.toLowerCase()];
    if (name === undefined) {
      throw new Error(`TFJS_BACKEND="${requested}" is not a backend this course knows; use one of node, wasm, cpu (or unset it).`);
    }
    const failure = await activate(name);
    if (failure !== undefined) {
      throw new Error(`TFJS_BACKEND=${requested} was requested, but that backend could not start: ${failure}`);
    }
    return info(name, `forced by TFJS_BACKEND=${requested}${name === "wasm" ? `; ${nativeBlasStatus().reason}` : ""}`);
  }

  const nodeFailure = await activate("tensorflow");
  if (nodeFailure === undefined) return info("tensorflow", "@tensorflow/tfjs-node loaded (native libtensorflow)");
  const wasmFailure = await activate("wasm");
  if (wasmFailure === undefined) {
    return info("wasm", `@tensorflow/tfjs-node is not available (${nodeFailure}); using wasm with the course's training kernels; ${nativeBlasStatus().reason}`);
  }
  throw new Error(`No fast backend could start. tfjs-node: ${nodeFailure}. wasm: ${wasmFailure}. Run \`npm ci\` again, or set TFJS_BACKEND=cpu to train (very slowly) on plain JavaScript.`);
}

/**
 * On wasm, the learner's plain tf.train.adam and tf.layers.lstm run as fused
 * kernels (same math, same weights, same saved models): 1.5-2.5x faster
 * training. IMDB_COURSE_FUSED=0 keeps the stock code, for comparisons.
 */
function accelerateStockLayers(): string[] {
  if (process.env.IMDB_COURSE_FUSED === "0") return [];
  installFusedAdam();
  installFusedLstm();
  return FUSED;
}

/** Loads and selects a backend; returns why it failed, or undefined on success. */
async function activate(name: BackendName): Promise<string | undefined> {
  try {
    // Each require registers its backend on the one tfjs engine of the process.
    // Where npm could not install tfjs-node (its install script downloads
    // libtensorflow) its require fails with MODULE_NOT_FOUND.
    if (name === "tensorflow") require("@tensorflow/tfjs-node");
    if (name === "wasm") {
      require("@tensorflow/tfjs-backend-wasm");
      registerWasmKernels();
    }
    if (!(await tf.setBackend(name))) return `tf.setBackend("${name}") returned false`;
    await tf.ready();
    return undefined;
  } catch (error) {
    return errorMessage(error).split("\n")[0];
  }
}

