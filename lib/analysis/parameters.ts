/**
 * How many weights each layer learns, derived from its settings by formula
 * rather than read from tfjs (lessons 3, 4 and 5 derive them by hand and check
 * them against `model.summary()`).
 */
import type * as tf from "@tensorflow/tfjs";
import { requiredIntegerOption } from "../util/options";

/** An Embedding layer stores one vector of `outputDim` numbers per word: inputDim × outputDim (lesson 3). */
export function embeddingParameters(inputDim: number, outputDim: number): number {
  checkSizes("embeddingParameters", { inputDim, outputDim });
  return inputDim * outputDim;
}

/** A Dense layer: one weight per (input, unit) pair plus one bias per unit: inputs × units + units (lesson 3). */
export function denseParameters(inputs: number, units: number, useBias = true): number {
  checkSizes("denseParameters", { inputs, units });
  return inputs * units + (useBias ? units : 0);
}

/**
 * A Conv1D layer: each filter sees `kernelSize` positions × `inputChannels`
 * numbers and has one bias: kernelSize × inputChannels × filters + filters.
 * The sequence length does not appear: the same filters slide along it (lesson 4).
 */
export function conv1dParameters(kernelSize: number, inputChannels: number, filters: number, useBias = true): number {
  checkSizes("conv1dParameters", { kernelSize, inputChannels, filters });
  return kernelSize * inputChannels * filters + (useBias ? filters : 0);
}

/**
 * An LSTM layer has four gates (input, forget, cell, output), each a Dense
 * layer over the concatenated [input, previous output]:
 * 4 × ((inputDim + units) × units + units) (lesson 5).
 */
export function lstmParameters(inputDim: number, units: number, useBias = true): number {
  checkSizes("lstmParameters", { inputDim, units });
  return 4 * ((inputDim + units) * units + (useBias ? units : 0));
}

/** One row of a model's parameter table. */
export interface LayerParameters {
  /** The layer's name in the model, as model.summary() shows it. */
  layer: string;
  /** Its class, e.g. "Dense". */
  type: string;
  /** Output shape, "null" standing for the batch dimension. */
  outputShape: string;
  /** The formula with this layer's numbers, e.g. "16,000 × 250 + 250". */
  formula: string;
  /** The formula's value. */
  derived: number;
  /** What tfjs counts (layer.countParams()), to compare with. */
  counted: number;
}

const WITHOUT_WEIGHTS = new Set([
  "Flatten", "Dropout", "SpatialDropout1D", "MaxPooling1D", "AveragePooling1D",
  "GlobalMaxPooling1D", "GlobalAveragePooling1D", "Activation", "Reshape", "InputLayer",
]);

/**
 * The parameter count of every layer of a model, derived from the layer's
 * settings and input shape, next to what tfjs counts (lessons 3-5). A layer
 * type without a formula here is an error, not a guess.
 */
export function layerParameters(model: tf.LayersModel): LayerParameters[] {
  return model.layers.map((layer) => {
    const type = layer.getClassName();
    const config = layer.getConfig();
    const useBias = config.useBias !== false;
    const inputs = (): number => lastInputDimension(layer);
    let formula: string;
    let derived: number;
    if (type === "Embedding") {
      const inputDim = Number(config.inputDim);
      const outputDim = Number(config.outputDim);
      derived = embeddingParameters(inputDim, outputDim);
      formula = `${n(inputDim)} × ${n(outputDim)}`;
    } else if (type === "Dense") {
      const units = Number(config.units);
      derived = denseParameters(inputs(), units, useBias);
      formula = `${n(inputs())} × ${n(units)}${useBias ? ` + ${n(units)}` : ""}`;
    } else if (type === "Conv1D") {
      const kernelSize = Array.isArray(config.kernelSize) ? Number(config.kernelSize[0]) : Number(config.kernelSize);
      const filters = Number(config.filters);
      derived = conv1dParameters(kernelSize, inputs(), filters, useBias);
      formula = `${n(kernelSize)} × ${n(inputs())} × ${n(filters)}${useBias ? ` + ${n(filters)}` : ""}`;
    } else if (type === "LSTM") {
      const units = Number(config.units);
      derived = lstmParameters(inputs(), units, useBias);
      formula = `4 × ((${n(inputs())} + ${n(units)}) × ${n(units)}${useBias ? ` + ${n(units)}` : ""})`;
    } else if (WITHOUT_WEIGHTS.has(type)) {
      derived = 0;
      formula = "no weights";
    } else {
      throw new Error(
        `layerParameters: no formula for layer "${layer.name}" of type ${type}. ` +
          `Known types: Embedding, Dense, Conv1D, LSTM, and layers without weights (${[...WITHOUT_WEIGHTS].join(", ")}).`,
      );
    }
    return { layer: layer.name, type, outputShape: shapeText(layer.outputShape), formula, derived, counted: layer.countParams() };
  });
}

/** The rows of `layerParameters` as a Markdown table with a total line (lessons 3-5). */
export function parameterTableMarkdown(rows: LayerParameters[]): string {
  const lines = [
    "| layer | type | output shape | formula | derived | tfjs counts |",
    "|---|---|---|---|---:|---:|",
    ...rows.map((r) => `| ${r.layer} | ${r.type} | ${r.outputShape} | ${r.formula} | ${n(r.derived)} | ${n(r.counted)} |`),
  ];
  const total = (pick: (r: LayerParameters) => number) => rows.reduce((sum, r) => sum + pick(r), 0);
  lines.push(`| **total** | | | | **${n(total((r) => r.derived))}** | **${n(total((r) => r.counted))}** |`);
  return lines.join("\n");
}

function lastInputDimension(layer: tf.layers.Layer): number {
  const input = layer.input;
  if (Array.isArray(input)) throw new Error(`layerParameters: layer "${layer.name}" has several inputs; only single-input layers are supported.`);
  const last = input.shape.at(-1);
  if (last === null || last === undefined) throw new Error(`layerParameters: the last input dimension of layer "${layer.name}" is unknown; give the model a fixed inputShape.`);
  return last;
}

function shapeText(shape: tf.Shape | tf.Shape[]): string {
  return JSON.stringify(shape).replace(/,/g, ", ");
}

function n(value: number): string {
  return value.toLocaleString("en-US");
}

function checkSizes(where: string, sizes: Record<string, number>): void {
  for (const [name, value] of Object.entries(sizes)) requiredIntegerOption(where, name, value, 1, Infinity);
}
