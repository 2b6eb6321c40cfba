/**
 * What the exported demo page knows about each model, and how it predicts
 * with it. Runs in the browser (bundled into demo.js by ../demo.ts) on lib's
 * own tokenizer, encoding, network input and n-gram code, so that the page
 * and predictSentiment in Node cannot disagree. Instructor tooling for
 * `npm run export`; no lesson teaches it.
 *
 * A model comes in two parts: its description in demo-models.js (small,
 * loaded first, so that every row shows at once) and its payload, the bulk
 * of it (the n-gram model, packed; the network's weights.bin), in a script
 * of its own (./payload-script.ts) that the page loads asynchronously, so
 * that each row starts predicting as soon as its own payload has arrived.
 * Payload files are named by a hash of their content: two models with the
 * same weights (lesson 6 saves "my-model" as a copy of another) share one
 * file.
 */
import * as tf from "@tensorflow/tfjs";
import { readIndexRules, type IndexRules } from "../../../lib/data/imdb/indices";
import { textIndices } from "../../../lib/data/imdb/text-indices";
import { DEFAULT_VOCABULARY } from "../../../lib/data/imdb/vocabulary";
import { networkProbabilities } from "../../../lib/models/network-probabilities";
import { predictNgramSentiment } from "../../../lib/models/ngrams/model";
import { unpackNgramModel, type PackedNgramModel } from "../../../lib/models/ngrams/packed-model";
import { LoadedNetworkModel, type NetworkModelInfo } from "../../../lib/models/loaded-network-model";
import { LoadedNgramModel } from "../../../lib/models/loaded-ngram-model";
import type { SavedSentimentModelInfo } from "../../../lib/models/sentiment-model";
import { payloadBytes, type FilePayload } from "./payload-script";

/** The global that demo-models.js assigns (a script, not a fetch: pages opened from file:// may not fetch files). */
export const DEMO_DATA_GLOBAL = "IMDB_COURSE_DEMO";

/** The array each payload script pushes its payload onto; the page takes them from there. */
export const DEMO_PAYLOADS_GLOBAL = "IMDB_COURSE_DEMO_PAYLOADS";

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

/** A saved tfjs network: its layers as tfjs saves them; its weights.bin is payload `payload`. */
export interface SavedNetworkDemoModel extends DemoModelHeader {
  status: "saved";
  kind: "network";
  info: LoadedNetworkModel["info"];
  modelTopology: tf.io.ModelArtifacts["modelTopology"];
  weightSpecs: tf.io.WeightsManifestEntry[];
  /** vocabulary.json's words: `words[r - 1]` is the word of rank r. */
  words: (string | null)[];
  payload: string;
}

/** A saved bag-of-n-grams model: payload `payload` holds it packed (lib/models/ngrams/packed-model.ts). */
export interface SavedNgramDemoModel extends DemoModelHeader {
  status: "saved";
  kind: "ngrams";
  info: SavedSentimentModelInfo;
  payload: string;
}

export type SavedDemoModel = SavedNetworkDemoModel | SavedNgramDemoModel;
export type DemoModel = MissingDemoModel | SavedDemoModel;

/** Everything demo-models.js carries. */
export interface DemoData {
  /** COURSE_SCALE of the models. */
  scale: string;
  /** Where the models were read from, relative to the project. */
  modelsDir: string;
  models: DemoModel[];
  /** The ids of the payloads, smallest first: the order the page loads them in. */
  payloads: string[];
}

/** The script that carries payload `id`, next to demo.html. */
export function payloadFile(id: string): string {
  return `demo-data-${id}.js`;
}

/** What one payload script pushes onto DEMO_PAYLOADS_GLOBAL. */
export type DemoPayload = FilePayload | NgramPayload;

export interface NgramPayload {
  id: string;
  ngramModel: PackedNgramModel;
}

/** A saved model, ready in the page: its probability for a text, and the model as lib's code takes it. */
export type PageModel = PageNgramModel | PageNetworkModel;

export interface PageNgramModel {
  kind: "ngrams";
  loaded: LoadedNgramModel;
  predict: (text: string) => number;
}

export interface PageNetworkModel {
  kind: "network";
  loaded: LoadedNetworkModel;
  /** The vocabulary's name, its words and the index rules that turn text into the network's word indices. */
  vocabulary: string;
  wordIndex: ReadonlyMap<string, number>;
  rules: IndexRules;
  predict: (text: string) => number;
}

/** Weights already decoded, for models that share them ("my-model"): tfjs copies the weights out, so one buffer serves both. */
const decodedWeights = new WeakMap<FilePayload, Uint8Array>();

/** Builds a saved model from its description and its payload. */
export async function pageModel(model: SavedDemoModel, payload: DemoPayload): Promise<PageModel> {
  const where = `the demo's model "${model.name}"`;
  const wrongPayload = () => new Error(`${where}: its payload script holds no ${model.kind === "ngrams" ? "n-gram model" : "weights"}; export the course again.`);
  if (model.kind === "ngrams") {
    if (!("ngramModel" in payload)) throw wrongPayload();
    const ngrams = unpackNgramModel(payload.ngramModel, where, "Export the course again.");
    return { kind: "ngrams", loaded: new LoadedNgramModel(ngrams, model.info, where), predict: (text) => predictNgramSentiment(ngrams, text).probability };
  }
  if (!("file" in payload)) throw wrongPayload();
  const bytes = decodedWeights.get(payload) ?? payloadBytes(payload, where);
  decodedWeights.set(payload, bytes);
  const { info } = model;
  const wordIndex = new Map<string, number>();
  model.words.forEach((word, i) => { if (word !== null) wordIndex.set(word, i + 1); });
  // The saved words are those below numWords; any other word is cut to oovChar either way, as in Node.
  const rules = readIndexRules(where, info.dataOptions);
  // With the weights given, tfjs builds the layers without running their initializers.
  const network = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: bytes.buffer }));
  const vocabulary = info.dataOptions.vocabulary ?? DEFAULT_VOCABULARY;
  const loaded = new LoadedNetworkModel(network, info as NetworkModelInfo, where, { vocabulary, words: model.words });
  return {
    kind: "network",
    loaded,
    vocabulary,
    wordIndex,
    rules,
    predict: (text) => networkProbabilities(network, info, [textIndices(vocabulary, text, wordIndex, rules)])[0],
  };
}
