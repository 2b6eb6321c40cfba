/**
 * The course's kernels for tfjs-backend-wasm: with them the wasm backend
 * trains every model of the course, at a speed comparable to PyTorch on the
 * CPU when the optional native BLAS is built. Each module's header says what
 * stock tfjs 4.22 does wrong there.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc } from "@tensorflow/tfjs";
import { ADAM_UPDATE, adamUpdate } from "./adam";
import { conv2DBackpropFilterKernel, conv2DBackpropInputKernel, conv2DKernel } from "./conv2d";
import { equalKernel } from "./equal";
import { gatherV2Kernel } from "./gather";
import { identityKernel } from "./identity";
import { LSTM_BACKWARD, LSTM_FORWARD, lstmBackward, lstmForward } from "./lstm";
import { batchMatMulKernel, fusedMatMulKernel } from "./matmul";
import { maxPoolGrad } from "./max-pool-grad";
import { unsortedSegmentSum } from "./segment-sum";
import { sliceKernel, splitVKernel, unpackKernel } from "./slice";

export { nativeBlasStatus, setNativeBlasEnabled, type NativeBlasStatus } from "./native-blas";

let registered = false;

/**
 * Registers the course's kernels for the wasm backend, replacing the stock
 * ones where they exist (lesson 0, "Setup"; `initBackend` calls it when it
 * picks wasm). Requires `@tensorflow/tfjs-backend-wasm` to be loaded. Calling
 * it again does nothing.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  replace("BatchMatMul", batchMatMulKernel);
  replace("_FusedMatMul", fusedMatMulKernel);
  replace("GatherV2", gatherV2Kernel);
  own("UnsortedSegmentSum", unsortedSegmentSum);
  replace("Conv2D", conv2DKernel);
  replace("Conv2DBackpropInput", conv2DBackpropInputKernel);
  own("Conv2DBackpropFilter", conv2DBackpropFilterKernel);
  own("MaxPoolGrad", maxPoolGrad);
  replace("Equal", equalKernel);
  replace("Slice", sliceKernel);
  replace("Unpack", unpackKernel);
  replace("SplitV", splitVKernel);
  replace("Identity", identityKernel);
  own(ADAM_UPDATE, adamUpdate);
  own(LSTM_FORWARD, lstmForward);
  own(LSTM_BACKWARD, lstmBackward);
  registered = true;
}

/** Registers `make(stock)` in place of the stock wasm kernel, keeping the stock setup (it may still be called). */
function replace(kernelName: string, make: (stock: KernelFunc) => KernelFunc): void {
  const stock = stockKernel(kernelName);
  tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ ...stock, kernelFunc: make(stock.kernelFunc) });
}

/** Registers a kernel of the course's own, in place of the stock one if there is one. */
function own(kernelName: string, kernelFunc: KernelFunc): void {
  if (tf.getKernel(kernelName, "wasm") !== undefined) tf.unregisterKernel(kernelName, "wasm");
  tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc });
}

function stockKernel(kernelName: string): KernelConfig {
  const stock = tf.getKernel(kernelName, "wasm");
  if (stock === undefined) {
    throw new Error(`The wasm kernel ${kernelName} is not registered: load "@tensorflow/tfjs-backend-wasm" before registerWasmKernels().`);
  }
  return stock;
}
