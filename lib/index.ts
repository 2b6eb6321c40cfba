/**
 * The course library. Notebooks import it with
 *
 *     import { initBackend, loadData } from "imdb-course";
 *
 * Each export's doc comment names the lesson that explains it.
 */
import "./kernel-errors"; // inside the kernel: errors without tslab's frames
export { initBackend } from "./backend";
export type { BackendInfo, BackendName } from "./backend";
export * from "./charts";
export { check, answerOrReference } from "./exercises";
export * from "./scale";
export * from "./training";
export * from "./predict";
export * from "./exploration";
export * from "./tables";
export * from "./memory";
export * from "./imdb";
export * from "./sequences";
export * from "./parameters";
export * from "./output-length";
export * from "./early-stopping";
export * from "./seeded-random";
export * from "./experiment";
export * from "./seed-spread";
export * from "./sequence-tensors";
export * from "./model-comparison";
export * from "./multi-hot-dataset";
export * from "./ngrams";
export * as lesson2 from "./lessons/02-multi-hot";
export * as lesson3 from "./lessons/03-embeddings-mlp";
export * as lesson4 from "./lessons/04-conv1d";
export * as lesson5 from "./lessons/05-lstm";
export { registerWasmKernels, nativeBlasStatus, setNativeBlasEnabled } from "./wasm-kernels";
export type { NativeBlasStatus } from "./wasm-kernels";
export * from "./data/text-dataset";
export * from "./training/cross-validate";
export * from "./analysis/classification-metrics";
export * from "./explain";
export * from "./highlight";
export * from "./embedding-analysis";
export * from "./error-analysis";
export * from "./batch-predictions";
export * from "./analysis-charts";
