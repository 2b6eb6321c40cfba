/**
 * What the Embedding layers learned (lesson 9, "Inside the models"): each
 * word's vector, its nearest neighbours by cosine similarity, a 2-D map by
 * principal component analysis, and files for the TensorFlow Embedding
 * Projector (projector.tensorflow.org).
 */
import * as path from "node:path";
import { getWordIndex } from "../data/imdb/text";
import { writeFileAtomic } from "../util/files";
import { readIndexRules } from "../data/imdb/indices";
import { projectRoot } from "../util/project-root";
import type { LoadedNetworkModel } from "../models/loaded-network-model";
import { courseScale } from "../data/scale";
import { requiredIntegerOption } from "../util/options";
import { mulberry32 } from "../util/random";

/** Words and their vectors, row by row: `vectors[i]` is the vector of `words[i]`, whose index is `indices[i]`. */
export interface WordVectors {
  words: string[];
  /** The word's index in the model's input (rank + indexFrom). */
  indices: number[];
  vectors: Float32Array[];
}

/**
 * The rows of a saved network's Embedding layer for the words it can read,
 * most frequent first (lesson 9): index i is the word of rank i − indexFrom,
 * for skipTop ≤ i < numWords. The rows of the padding, start and
 * out-of-vocabulary indices are left out. `count` keeps the first `count`
 * words (e.g. 500 for a map).
 */
export async function embeddingVectors(loaded: LoadedNetworkModel, count = Infinity): Promise<WordVectors> {
  const layer = loaded.model.layers.find((l) => l.getClassName() === "Embedding");
  if (layer === undefined) {
    throw new Error(`embeddingVectors: model "${loaded.info.name}" has no Embedding layer (${loaded.info.kind} input); the networks of lessons 3, 4 and 5 have one.`);
  }
  const [table] = layer.getWeights();
  const [rows, dim] = table.shape as [number, number];
  const values = table.dataSync() as Float32Array;
  const rules = readIndexRules("embeddingVectors", loaded.info.dataOptions);
  const wordIndex = await getWordIndex({ vocabulary: loaded.info.dataOptions.vocabulary });
  const wordOfRank: string[] = [];
  for (const [word, rank] of wordIndex) wordOfRank[rank] = word;

  const limit = Math.min(rows, rules.numWords ?? rows);
  const result: WordVectors = { words: [], indices: [], vectors: [] };
  for (let index = Math.max(rules.skipTop, rules.indexFrom + 1); index < limit && result.words.length < count; index++) {
    const word = wordOfRank[index - rules.indexFrom];
    if (word === undefined || index === rules.startChar || index === rules.oovChar) continue;
    result.words.push(word);
    result.indices.push(index);
    result.vectors.push(values.slice(index * dim, (index + 1) * dim));
  }
  return result;
}

/** cos(a, b) = a·b / (|a| |b|): 1 same direction, 0 unrelated, −1 opposite; 0 when either is the zero vector (lesson 9). */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosineSimilarity: the vectors have ${a.length} and ${b.length} values; give two vectors of one length.`);
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

export interface Neighbour {
  word: string;
  similarity: number;
}

/** The `k` words whose vectors have the highest cosine similarity to `word`'s, the word itself left out; ties alphabetical (lesson 9). */
export function nearestNeighbours(vectors: WordVectors, word: string, k = 8): Neighbour[] {
  const row = vectors.words.indexOf(word);
  if (row < 0) {
    throw new Error(`nearestNeighbours: "${word}" has no vector here: it is not among the ${vectors.words.length.toLocaleString("en-US")} words of these vectors (rarer words share the out-of-vocabulary index). Choose a more frequent word.`);
  }
  return vectors.words
    .map((other, i) => ({ word: other, similarity: cosineSimilarity(vectors.vectors[row], vectors.vectors[i]) }))
    .filter((_, i) => i !== row)
    .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1))
    .slice(0, k);
}

export interface Projection {
  /** `coordinates[c][r]`: row r on component c. */
  coordinates: Float64Array[];
  /** The unit direction of each component. */
  directions: Float64Array[];
  /** The share of the rows' total variance along each component. */
  varianceShare: number[];
}

/**
 * Principal component analysis (lesson 9): the `components` directions along
 * which the centred rows vary most, found one after the other by power
 * iteration on the covariance matrix (each found direction is then removed
 * from it). Each direction's sign is chosen so that its largest entry is
 * positive, so the same rows always give the same map.
 */
export function principalComponents(rows: readonly ArrayLike<number>[], components = 2): Projection {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n < 2) throw new RangeError(`principalComponents: give at least 2 rows, got ${n}.`);
  if (rows.some((row) => row.length !== d)) throw new RangeError("principalComponents: every row must have the same number of values.");
  requiredIntegerOption("principalComponents", "components", components, 1, d, "at most the number of values per row");

  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  const centred = rows.map((row) => Float64Array.from({ length: d }, (_, j) => row[j] - mean[j]));
  const covariance = new Float64Array(d * d);
  for (const row of centred) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariance[a * d + b] += (row[a] * row[b]) / n;
  let total = 0;
  for (let a = 0; a < d; a++) total += covariance[a * d + a];

  const random = mulberry32(1);
  const directions: Float64Array[] = [];
  const varianceShare: number[] = [];
  for (let c = 0; c < components; c++) {
    let v = normalised(orthogonalised(Float64Array.from({ length: d }, () => random() - 0.5), directions));
    for (let iteration = 0; iteration < 10_000; iteration++) {
      const product = orthogonalised(multiply(covariance, v, d), directions);
      // No variance left in any direction: keep the orthogonal unit vector we have.
      if (Math.sqrt(dot(product, product)) <= 1e-12 * Math.max(total, 1e-300)) break;
      const next = normalised(product);
      const change = next.reduce((sum, x, j) => sum + Math.abs(x - v[j]), 0);
      v = next;
      if (change < 1e-12) break;
    }
    const largest = v.reduce((best, x, j) => (Math.abs(x) > Math.abs(v[best]) ? j : best), 0);
    if (v[largest] < 0) v = v.map((x) => -x);
    const variance = dot(v, multiply(covariance, v, d));
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) covariance[a * d + b] -= variance * v[a] * v[b];
    directions.push(v);
    varianceShare.push(total === 0 ? 0 : variance / total);
  }
  const coordinates = directions.map((v) => Float64Array.from(centred, (row) => dot(row, v)));
  return { coordinates, directions, varianceShare };
}

/**
 * How much more often each word index occurs in positive than in negative
 * reviews (lesson 9): ln of the share of positive reviews containing it over
 * the share of negative ones, with one review added to each count so that
 * words missing from one class stay finite. > 0 leans positive.
 */
export function positiveNegativeRatios(sequences: readonly ArrayLike<number>[], labels: ArrayLike<number>, indices: readonly number[]): Float64Array {
  if (sequences.length !== labels.length) throw new RangeError(`positiveNegativeRatios: ${sequences.length} reviews for ${labels.length} labels; give one label per review.`);
  const column = new Map(indices.map((index, i) => [index, i]));
  const positive = new Float64Array(indices.length);
  const negative = new Float64Array(indices.length);
  const lastReview = new Int32Array(indices.length).fill(-1);
  let positives = 0;
  sequences.forEach((sequence, r) => {
    const label = labels[r];
    if (label !== 0 && label !== 1) throw new RangeError(`positiveNegativeRatios: label ${r} is ${label}; labels must be 0 (negative) or 1 (positive).`);
    positives += label;
    for (let t = 0; t < sequence.length; t++) {
      const i = column.get(sequence[t]);
      // Each review counts once per word.
      if (i === undefined || lastReview[i] === r) continue;
      lastReview[i] = r;
      (label === 1 ? positive : negative)[i]++;
    }
  });
  const negatives = sequences.length - positives;
  return Float64Array.from(indices, (_, i) => Math.log((positive[i] + 1) / (positives + 1)) - Math.log((negative[i] + 1) / (negatives + 1)));
}

/** `<project>/data/projector/<scale>/<name>`: where lesson 9 writes a model's projector files. */
export function defaultProjectorDir(name: string): string {
  return path.join(projectRoot(), "data", "projector", courseScale().name, name);
}

/**
 * Writes `vectors.tsv` (one vector per line, values separated by tabs) and
 * `metadata.tsv` (a header, then the word and the extra columns, one line per
 * vector) into `folder`, each through a temporary file and a rename (lesson
 * 9). Load both at projector.tensorflow.org ("Load"), vectors first.
 */
export function writeProjectorFiles(folder: string, vectors: WordVectors, extraColumns: Record<string, ArrayLike<number | string>> = {}): { vectors: string; metadata: string } {
  const names = Object.keys(extraColumns);
  for (const name of names) {
    if (extraColumns[name].length !== vectors.words.length) {
      throw new RangeError(`writeProjectorFiles: column "${name}" has ${extraColumns[name].length} values for ${vectors.words.length} words; give one value per word.`);
    }
  }
  const cell = (value: unknown) => String(value).replace(/[\t\r\n]/g, " ");
  const vectorLines = vectors.vectors.map((v) => Array.from(v, (x) => String(x)).join("\t"));
  // A metadata file with a single column has no header; with more, the first line names them.
  const header = names.length === 0 ? [] : [["word", ...names].map(cell).join("\t")];
  const metadataLines = [...header, ...vectors.words.map((word, i) => [word, ...names.map((name) => extraColumns[name][i])].map(cell).join("\t"))];
  const files = { vectors: path.join(folder, "vectors.tsv"), metadata: path.join(folder, "metadata.tsv") };
  writeFileAtomic(files.vectors, [new TextEncoder().encode(vectorLines.join("\n") + "\n")]);
  writeFileAtomic(files.metadata, [new TextEncoder().encode(metadataLines.join("\n") + "\n")]);
  return files;
}

function multiply(matrix: Float64Array, v: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    let sum = 0;
    for (let b = 0; b < d; b++) sum += matrix[a * d + b] * v[b];
    out[a] = sum;
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** `v` without its parts along the (unit, mutually orthogonal) `directions`. */
function orthogonalised(v: Float64Array, directions: readonly Float64Array[]): Float64Array {
  const out = Float64Array.from(v);
  for (const u of directions) {
    const along = dot(out, u);
    for (let j = 0; j < out.length; j++) out[j] -= along * u[j];
  }
  return out;
}

function normalised(v: Float64Array): Float64Array {
  const length = Math.sqrt(dot(v, v));
  return length === 0 ? v : v.map((x) => x / length);
}
