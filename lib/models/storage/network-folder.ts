/**
 * A tfjs network's files in its saved-model folder (lessons 2-6): tfjs' own
 * `model.json` (layers) and `weights.bin` (weights), and `vocabulary.json`
 * (the words it was trained with); `course.json` is written beside them.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import type { NgramSentimentModel } from "../ngrams/model";
import { readIndexRules } from "../../data/imdb/indices";
import { errorMessage } from "../../util/errors";
import { writeFileAtomic } from "../../util/files";
import { readJsonFile } from "../../util/json-file";
import { LoadedNetworkModel, type NetworkModelInfo } from "../loaded-network-model";
import { saveAgainAdvice } from "../registry";
import type { NetworkModelSettings } from "../sentiment-model";
import type { ModelToSave } from "./model-folder";
import { knownWords, readVocabularyJson, writeVocabularyJson } from "./vocabulary-json";

const MODEL_JSON = "model.json";
const WEIGHTS_BIN = "weights.bin";

/** Checks that `settings` describe `model` (saveSentimentModel's errors say what to pass), and reads the words it knows. */
export async function networkToSave(model: tf.LayersModel | NgramSentimentModel, name: string, settings: NetworkModelSettings): Promise<ModelToSave> {
  const network = checkNetworkSettings(model, name, settings);
  const words = await knownWords(settings.dataOptions);
  return {
    parameters: network.countParams(),
    write: async (folder) => {
      const artifacts = await networkArtifacts(network, "saveSentimentModel");
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
      };
      if (artifacts.trainingConfig !== undefined) modelJson.trainingConfig = artifacts.trainingConfig;
      writeFileAtomic(path.join(folder, WEIGHTS_BIN), [new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData))]);
      writeFileAtomic(path.join(folder, MODEL_JSON), [Buffer.from(JSON.stringify(modelJson))]);
      writeVocabularyJson(folder, words);
    },
  };
}

/** What tfjs saves of a network: its layers, and its weights with their names and shapes. */
type NetworkArtifacts = tf.io.ModelArtifacts & Required<Pick<tf.io.ModelArtifacts, "modelTopology" | "weightSpecs" | "weightData">>;

/** The network's layers and weights as tfjs saves them, in memory; `where` names the caller in the error. */
async function networkArtifacts(network: tf.LayersModel, where: string): Promise<NetworkArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await network.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  if (saved?.modelTopology === undefined || saved.weightSpecs === undefined || saved.weightData === undefined) {
    throw new Error(`${where}: tfjs gave no topology or weights for this model; only tf.LayersModel models (tf.sequential, tf.model) can be saved.`);
  }
  return saved as NetworkArtifacts;
}

/** The network saved in `folder`, whose course.json is `info`. */
export async function loadNetworkFolder(folder: string, info: NetworkModelInfo): Promise<LoadedNetworkModel> {
  const remedy = saveAgainAdvice(info.name);
  const savedWords = readVocabularyJson(folder, info.name, info.dataOptions);
  const modelJson = readJsonFile(path.join(folder, MODEL_JSON), remedy) as tf.io.ModelJSON;
  try {
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
      const specs = tf.io.getWeightSpecs(manifest);
      const buffers = manifest.flatMap((group) => group.paths).map((file) => {
        const bytes = fs.readFileSync(path.join(folder, file));
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      });
      return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
    });
    return new LoadedNetworkModel(await tf.loadLayersModel(tf.io.fromMemory(artifacts)), info, folder, savedWords);
  } catch (error) {
    // tfjs' own words on a model.json or weights.bin it cannot use, with where and what to do.
    throw new Error(`The network saved in ${folder} cannot be loaded from its ${MODEL_JSON} and ${WEIGHTS_BIN}: ${errorMessage(error)}. ${remedy}`);
  }
}

function checkNetworkSettings(model: tf.LayersModel | NgramSentimentModel, name: string, settings: NetworkModelSettings): tf.LayersModel {
  const where = `saveSentimentModel("${name}")`;
  if (!(model instanceof tf.LayersModel)) {
    throw new Error(`${where}: a "${settings.kind}" model must be a tfjs network (tf.sequential or tf.model); for a bag-of-n-grams model use kind "ngrams".`);
  }
  const numWords = settings.dataOptions?.numWords;
  if (typeof numWords !== "number") {
    throw new Error(`${where}: dataOptions.numWords is needed (the word indices the model can read are those below it); pass the options given to loadData, numWords included.`);
  }
  readIndexRules(where, settings.dataOptions);
  const width = model.inputs[0]?.shape[1];
  if (settings.kind === "multi-hot") {
    if (width !== undefined && width !== null && width !== numWords) {
      throw new Error(`${where}: the model reads vectors of ${width} values but dataOptions.numWords is ${numWords}; pass the numWords the model was trained with.`);
    }
    return model;
  }
  if (settings.maxlen === undefined || !Number.isInteger(settings.maxlen) || settings.maxlen < 1) {
    throw new Error(`${where}: a sequence model needs maxlen, the length its reviews were padded to (a positive integer), got ${String(settings.maxlen)}.`);
  }
  if (width !== undefined && width !== null && width !== settings.maxlen) {
    throw new Error(`${where}: the model reads sequences of ${width} word indices but maxlen is ${settings.maxlen}; pass the maxlen given to padSequences.`);
  }
  const inputDim = model.layers.map((layer) => layer.getConfig().inputDim).find((dim) => typeof dim === "number");
  if (typeof inputDim === "number" && numWords > inputDim) {
    throw new Error(`${where}: dataOptions.numWords is ${numWords} but the model's Embedding has only ${inputDim} rows, so indices from ${inputDim} up would fall outside it; pass the numWords the data was loaded with.`);
  }
  return model;
}
