/**
 * A tfjs network's positive probabilities for encoded reviews, with the input
 * its lesson trained it on: padded sequences or multi-hot vectors (lesson 6,
 * "Your own review"). No file access here, so the exported demo page
 * (scripts/export/demo) predicts with this very code in the browser.
 */
import * as tf from "@tensorflow/tfjs";
import type { NetworkModelSettings } from "./predict";
import { multiHot, padSequences } from "./sequences";

/** What a saved network's course.json says about its input. */
export type NetworkInputSettings = Pick<NetworkModelSettings, "kind" | "maxlen" | "padding" | "truncating"> & { dataOptions: Pick<NetworkModelSettings["dataOptions"], "numWords"> };

/** One probability per sequence of word indices (as encodeText gives them). */
export function networkProbabilities(model: tf.LayersModel, info: NetworkInputSettings, sequences: readonly Int32Array[]): Float32Array {
  return tf.tidy(() => {
    let inputs: tf.Tensor2D;
    if (info.kind === "multi-hot") {
      const numWords = info.dataOptions.numWords as number;
      const values = new Float32Array(sequences.length * numWords);
      sequences.forEach((sequence, row) => values.set(multiHot(sequence, numWords), row * numWords));
      inputs = tf.tensor2d(values, [sequences.length, numWords]);
    } else {
      const padded = padSequences([...sequences], { maxlen: info.maxlen, padding: info.padding ?? "pre", truncating: info.truncating ?? "pre" });
      inputs = tf.tensor2d(padded.values, padded.shape, "int32");
    }
    return (model.predict(inputs, { batchSize: 256 }) as tf.Tensor).dataSync() as Float32Array;
  });
}
