/**
 * A tfjs network's positive probabilities for encoded reviews, with the input
 * its lesson trained it on (lesson 6, "Your own review"). No file access here,
 * so the exported demo page (scripts/export/demo) predicts with this very code
 * in the browser.
 */
import * as tf from "@tensorflow/tfjs";
import { networkInputs, type NetworkInputSettings } from "./network-inputs";

/** One probability per sequence of word indices (as encodeText gives them). */
export function networkProbabilities(model: tf.LayersModel, info: NetworkInputSettings, sequences: readonly Int32Array[]): Float32Array {
  return tf.tidy(() => (model.predict(networkInputs(info, sequences), { batchSize: 256 }) as tf.Tensor).dataSync() as Float32Array);
}
