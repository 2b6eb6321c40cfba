/**
 * What a saved network reads (lessons 6 and 9): encoded reviews become the
 * input tensor the way its training data did, padded rows for a sequence
 * model, multi-hot vectors for a multi-hot one. No file access here: the
 * exported demo page runs this code in the browser.
 */
import * as tf from "@tensorflow/tfjs";
import type { NetworkModelSettings } from "./sentiment-model";
import { multiHot, padSequences } from "../encoding/sequences";

/** What a saved network's course.json says about its input. */
export type NetworkInputSettings = Pick<NetworkModelSettings, "kind" | "maxlen" | "padding" | "truncating"> & { dataOptions: Pick<NetworkModelSettings["dataOptions"], "numWords"> };

/**
 * One row per sequence (start index included): padSequences with the model's
 * maxlen, padding and truncating sides, or a multi-hot vector of numWords.
 * Call inside tf.tidy, or dispose of the tensor.
 */
export function networkInputs(settings: NetworkInputSettings, sequences: readonly ArrayLike<number>[]): tf.Tensor2D {
  if (settings.kind === "multi-hot") {
    const numWords = settings.dataOptions.numWords as number;
    const rows = new Float32Array(sequences.length * numWords);
    sequences.forEach((sequence, row) => rows.set(multiHot(sequence, numWords), row * numWords));
    return tf.tensor2d(rows, [sequences.length, numWords]);
  }
  const padded = padSequences([...sequences], { maxlen: settings.maxlen, padding: settings.padding ?? "pre", truncating: settings.truncating ?? "pre" });
  return tf.tensor2d(padded.values, padded.shape, "int32");
}
