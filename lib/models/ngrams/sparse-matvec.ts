/**
 * A sparse product that tfjs can differentiate (lesson 7, "Bag of n-grams").
 *
 * tfjs has no sparse tensors, and the dense route (tf.gather + its gradient,
 * UnsortedSegmentSum) is missing on wasm and O(vocabulary × tokens) on cpu.
 * So the product and its gradient are computed in JavaScript over the CSR
 * arrays, and tf.customGrad tells tfjs how to chain them with the rest of
 * the loss, so tfjs' own optimizers train the weights.
 */
import * as tf from "@tensorflow/tfjs";
import { type CsrMatrix, csrMatVec, csrTransposeMatVec } from "./csr";

/**
 * X · w as a tensor, differentiable with respect to w (lesson 7): the
 * gradient of a loss L is Xᵀ · dL/d(Xw), a scatter-add over X's non-zeros.
 */
export function sparseMatVec(matrix: CsrMatrix, weights: tf.Tensor1D): tf.Tensor1D {
  if (weights.rank !== 1 || weights.shape[0] !== matrix.cols) {
    throw new RangeError(`sparseMatVec: weights of shape [${weights.shape}] for a matrix with ${matrix.cols} columns; pass a 1-D tensor of length ${matrix.cols}.`);
  }
  const product = tf.customGrad((...inputs) => ({
    value: tf.tensor1d(csrMatVec(matrix, (inputs[0] as tf.Tensor1D).dataSync())),
    gradFunc: (dy: tf.Tensor1D) => tf.tensor1d(csrTransposeMatVec(matrix, dy.dataSync())),
  }));
  return product(weights) as tf.Tensor1D;
}
