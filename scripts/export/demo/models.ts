/**
 * What the exported demo page knows about each model, and how it predicts
 * with it. Runs in the browser (bundled into demo.js by ../demo.ts) on lib's
 * own tokenizer, encoding, network input and n-gram code, so that the page
 * and predictSentiment in Node cannot disagree. Instructor tooling for
 * `npm run export`; no lesson teaches it.
 */
import * as tf from "@tensorflow/tfjs";
import { bytesFromBase64 } from "../../../lib/util/base64";
import { readIndexRules } from "../../../lib/data/imdb/indices";
import { textIndices } from "../../../lib/data/imdb/text-indices";
import { networkProbabilities } from "../../../lib/models/network-probabilities";
import { predictNgramSentiment } from "../../../lib/models/ngrams/model";
import { ngramModelFromContent } from "../../../lib/models/ngrams/model-json";
import type { SavedSentimentModelInfo } from "../../../lib/models/sentiment-model";

/** A multiple of 4, so that every piece of base64 decodes on its own. */
export const WEIGHT_CHUNK_CHARS = 1 << 20;

/** The global that demo-models.js assigns (a script, not a fetch: pages opened from file:// may not fetch files). */
export const DEMO_DATA_GLOBAL = "IMDB_COURSE_DEMO";

interface DemoModelHeader {
  name: string;
  /** The lesson that trains it, when known. */
  lesson?: number;
  /** A few words on what it is. */
  title: string;
}

/** A model the lessons save that was not found: the page says how to make it. */
export interface MissingDemoModel extends DemoModelHeader {
  status: "missing";
}

/** A saved tfjs network: its layers and weights (in base64) as tfjs saves them. */
export interface SavedNetworkDemoModel extends DemoModelHeader {
  status: "saved";
  info: SavedSentimentModelInfo;
  modelTopology: tf.io.ModelArtifacts["modelTopology"];
  weightSpecs: tf.io.WeightsManifestEntry[];
  /**
   * The weights in base64, in pieces of at most WEIGHT_CHUNK_CHARS: Chromium
   * takes 5-7 times longer to load a script holding one 75 MB string than the
   * same characters in 1 MB strings.
   */
  weightsBase64: string[];
  /** vocabulary.json's words: `words[r - 1]` is the word of rank r. */
  words: (string | null)[];
}

/** A saved bag-of-n-grams model: the content of its ngram-model.json. */
export interface SavedNgramDemoModel extends DemoModelHeader {
  status: "saved";
  info: SavedSentimentModelInfo;
  ngramModel: unknown;
}

export type DemoModel = MissingDemoModel | SavedNetworkDemoModel | SavedNgramDemoModel;

/** Everything demo-models.js carries. */
export interface DemoData {
  /** COURSE_SCALE of the models. */
  scale: string;
  /** Where the models were read from, relative to the project. */
  modelsDir: string;
  models: DemoModel[];
}

/** Positive probability of a text. */
export type Predictor = (text: string) => number;

/** A predictor for a saved model, from the data demo-models.js carries. */
export async function demoPredictor(model: SavedNetworkDemoModel | SavedNgramDemoModel): Promise<Predictor> {
  if ("ngramModel" in model) {
    const ngrams = ngramModelFromContent(model.ngramModel, `the demo's model "${model.name}"`);
    return (text) => predictNgramSentiment(ngrams, text).probability;
  }
  const info = model.info as SavedSentimentModelInfo & { kind: "sequence" | "multi-hot"; dataOptions: NonNullable<SavedSentimentModelInfo["dataOptions"]> };
  const wordIndex = new Map<string, number>();
  model.words.forEach((word, i) => { if (word !== null) wordIndex.set(word, i + 1); });
  // The saved words are those below numWords; any other word is cut to oovChar either way, as in Node.
  const rules = readIndexRules(`the demo's model "${model.name}"`, info.dataOptions);
  const pieces = model.weightsBase64.map(bytesFromBase64);
  const weights = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  pieces.reduce((offset, piece) => (weights.set(piece, offset), offset + piece.length), 0);
  const weightData = weights.buffer as ArrayBuffer;
  const network = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData }));
  return (text) => networkProbabilities(network, info, [textIndices(info.dataOptions.vocabulary ?? "project", text, wordIndex, rules)])[0];
}
