/**
 * How long a sequence is after a convolution or a pooling layer, by Keras'
 * rule (`conv_output_length`), which tfjs follows (lesson 4).
 */
import { choiceOption, requiredIntegerOption } from "../util/options";

export type ConvPadding = "valid" | "same" | "causal";
const CONV_PADDINGS: readonly ConvPadding[] = ["valid", "same", "causal"];

/**
 * Output length of Conv1D over `inputLength` positions.
 *
 * "valid" keeps only windows that fit entirely: L - k + 1 (with a dilated
 * window size k' = k + (k - 1)(dilation - 1)); "same" and "causal" pad so every
 * position has a window: L. A stride s then keeps every s-th window:
 * ceil(length / s). Lesson 4: Conv1D(32, 3, "same") keeps 500 positions.
 */
export function convOutputLength(inputLength: number, kernelSize: number, padding: ConvPadding = "valid", stride = 1, dilation = 1): number {
  return outputLength("convOutputLength", inputLength, kernelSize, padding, stride, dilation);
}

/**
 * Output length of MaxPooling1D / AveragePooling1D: a convolution-like window
 * of `poolSize` moved by `strides` (default: poolSize, so windows do not
 * overlap). Lesson 4: MaxPooling1D(2) halves 500 positions to 250, and an odd
 * length loses its last position with "valid" padding (501 → 250).
 */
export function poolOutputLength(inputLength: number, poolSize = 2, strides = poolSize, padding: "valid" | "same" = "valid"): number {
  return outputLength("poolOutputLength", inputLength, poolSize, padding, strides, 1);
}

function outputLength(where: string, inputLength: number, kernelSize: number, padding: ConvPadding, stride: number, dilation: number): number {
  for (const [name, value] of Object.entries({ inputLength, kernelSize, stride, dilation })) requiredIntegerOption(where, name, value, 1, Infinity);
  choiceOption(where, "padding", padding, CONV_PADDINGS, "valid");
  const window = kernelSize + (kernelSize - 1) * (dilation - 1);
  const length = padding === "valid" ? inputLength - window + 1 : inputLength;
  if (length < 1) {
    throw new RangeError(`${where}: a window of ${window} positions does not fit in ${inputLength} with "valid" padding; use a shorter kernel or "same" padding.`);
  }
  return Math.ceil(length / stride);
}
