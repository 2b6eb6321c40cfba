/**
 * The course library. Notebooks import it with
 *
 *     import { initBackend, loadData } from "imdb-course";
 *
 * Each export's doc comment names the lesson that explains it.
 */
import "./display/kernel-errors"; // inside the kernel: errors without tslab's frames
export { initBackend } from "./backend/init-backend";
export type { BackendInfo, BackendName } from "./backend/init-backend";
export * from "./display/charts";
export { check, answerOrReference } from "./display/exercises";
export * from "./data/scale";
export * from "./training/progress";
export * from "./models/predict";
export * from "./analysis/exploration";
export * from "./display/tables";
export * from "./encoding/memory";
export * from "./data/imdb";
export * from "./encoding/sequences";
export * from "./analysis/parameters";
export * from "./analysis/output-length";
export * from "./training/early-stopping";
export * from "./util/random";
export * from "./training/experiment";
export * from "./analysis/seed-spread";
export * from "./encoding/sequence-tensors";
export * from "./analysis/model-comparison";
export * from "./encoding/multi-hot-dataset";
export * from "./models/ngrams";
export * as lesson2 from "./models/lessons/02-multi-hot";
export * as lesson3 from "./models/lessons/03-embeddings-mlp";
export * as lesson4 from "./models/lessons/04-conv1d";
export * as lesson5 from "./models/lessons/05-lstm";
export { registerWasmKernels, nativeBlasStatus, setNativeBlasEnabled } from "./backend/wasm-kernels";
export type { NativeBlasStatus } from "./backend/wasm-kernels";
export * from "./data/own/text-dataset";
export * from "./training/cross-validate";
export * from "./analysis/classification-metrics";
export * from "./analysis/explain";
export * from "./display/highlight";
export * from "./analysis/embedding-analysis";
export * from "./analysis/error-analysis";
export * from "./analysis/batch-predictions";
export * from "./analysis/model-charts";
