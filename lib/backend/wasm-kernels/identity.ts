/**
 * Identity (tf.clone): shares the input's memory instead of copying it.
 *
 * Stock tfjs-backend-wasm copies the whole tensor; tfjs clones tensors to save
 * them for the backward pass and when layers pass tensors through, so a
 * Conv1D training step copied about 60 tensors, several of them 8 MB. tfjs
 * tensors are immutable and the cpu and webgl backends already share memory
 * here (as every backend does for Reshape). String tensors go to the stock kernel.
 */
import type { KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs";

export function identityKernel(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === "string") return stock(args);
    (args.backend as KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
