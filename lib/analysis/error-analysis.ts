/**
 * Where the models go wrong (lesson 9, "Inside the models"): confusion
 * matrices, accuracy by review length, agreement between models, the reviews
 * every model gets wrong, and an ensemble that averages their probabilities.
 *
 * Labels are 1 (positive) and 0 (negative); a probability above the
 * threshold (0.5 unless given) says positive, as Keras' accuracy counts it.
 */

import { accuracyOf } from "./classification-metrics";

export interface BinaryConfusion {
  /** Positive reviews called positive. */
  truePositives: number;
  /** Negative reviews called positive. */
  falsePositives: number;
  /** Negative reviews called negative. */
  trueNegatives: number;
  /** Positive reviews called negative. */
  falseNegatives: number;
}

/** The four counts of right and wrong answers by true label (lesson 9). */
export function binaryConfusion(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold = 0.5): BinaryConfusion {
  checkPairs("binaryConfusion", labels, probabilities);
  const matrix: BinaryConfusion = { truePositives: 0, falsePositives: 0, trueNegatives: 0, falseNegatives: 0 };
  for (let i = 0; i < labels.length; i++) {
    const saidPositive = probabilities[i] > threshold;
    if (labels[i] === 1) saidPositive ? matrix.truePositives++ : matrix.falseNegatives++;
    else saidPositive ? matrix.falsePositives++ : matrix.trueNegatives++;
  }
  return matrix;
}

/** The share of reviews whose label the probabilities get right (lesson 9). */
export function binaryAccuracy(labels: ArrayLike<number>, probabilities: ArrayLike<number>, threshold = 0.5): number {
  checkPairs("binaryAccuracy", labels, probabilities);
  return labels.length === 0 ? NaN : accuracyOf(labels, Array.from(probabilities, (p) => (p > threshold ? 1 : 0)));
}

export interface LengthBucket {
  /** Shortest length in the bucket (inclusive). */
  from: number;
  /** Length where the next bucket starts (exclusive); Infinity for the last. */
  to: number;
  reviews: number;
  /** NaN when the bucket is empty. */
  accuracy: number;
}

/**
 * Accuracy for reviews grouped by length (lesson 9). `boundaries` (ascending)
 * split the lengths: [100, 200] gives the buckets [0, 100), [100, 200) and
 * [200, ∞).
 */
export function accuracyByLength(lengths: ArrayLike<number>, labels: ArrayLike<number>, probabilities: ArrayLike<number>, boundaries: readonly number[], threshold = 0.5): LengthBucket[] {
  checkPairs("accuracyByLength", labels, probabilities);
  if (lengths.length !== labels.length) throw new RangeError(`accuracyByLength: ${lengths.length} lengths for ${labels.length} labels; give one length per review.`);
  boundaries.forEach((b, i) => {
    if (!(b > (i === 0 ? 0 : boundaries[i - 1]))) throw new RangeError(`accuracyByLength: boundaries must be positive and increasing, got [${boundaries.join(", ")}].`);
  });
  const edges = [0, ...boundaries, Infinity];
  const reviews = new Array<number>(edges.length - 1).fill(0);
  const correct = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < lengths.length; i++) {
    const bucket = edges.findIndex((edge, b) => b < edges.length - 1 && lengths[i] >= edge && lengths[i] < edges[b + 1]);
    reviews[bucket]++;
    if ((probabilities[i] > threshold ? 1 : 0) === labels[i]) correct[bucket]++;
  }
  return reviews.map((count, b) => ({ from: edges[b], to: edges[b + 1], reviews: count, accuracy: count === 0 ? NaN : correct[b] / count }));
}

/**
 * For every pair of models, the share of reviews on which they give the same
 * label (lesson 9): a symmetric matrix with 1 on the diagonal.
 */
export function agreementMatrix(probabilitiesByModel: readonly ArrayLike<number>[], threshold = 0.5): number[][] {
  const n = sameLength("agreementMatrix", probabilitiesByModel);
  return probabilitiesByModel.map((a) =>
    probabilitiesByModel.map((b) => {
      let same = 0;
      for (let i = 0; i < n; i++) if ((a[i] > threshold) === (b[i] > threshold)) same++;
      return n === 0 ? NaN : same / n;
    }),
  );
}

/** The positions of the reviews that every model labels wrongly (lesson 9). */
export function wrongForEveryModel(labels: ArrayLike<number>, probabilitiesByModel: readonly ArrayLike<number>[], threshold = 0.5): number[] {
  for (const probabilities of probabilitiesByModel) checkPairs("wrongForEveryModel", labels, probabilities);
  if (probabilitiesByModel.length === 0) throw new RangeError("wrongForEveryModel: give the probabilities of at least one model.");
  const wrong: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (probabilitiesByModel.every((p) => (p[i] > threshold ? 1 : 0) !== labels[i])) wrong.push(i);
  }
  return wrong;
}

/** The ensemble's probability for each review: the mean of the models' probabilities (lesson 9). */
export function averageProbabilities(probabilitiesByModel: readonly ArrayLike<number>[]): Float64Array {
  const n = sameLength("averageProbabilities", probabilitiesByModel);
  if (probabilitiesByModel.length === 0) throw new RangeError("averageProbabilities: give the probabilities of at least one model.");
  const mean = new Float64Array(n);
  for (const probabilities of probabilitiesByModel) for (let i = 0; i < n; i++) mean[i] += probabilities[i];
  for (let i = 0; i < n; i++) mean[i] /= probabilitiesByModel.length;
  return mean;
}

function checkPairs(where: string, labels: ArrayLike<number>, probabilities: ArrayLike<number>): void {
  if (labels.length !== probabilities.length) {
    throw new RangeError(`${where}: ${labels.length} labels for ${probabilities.length} probabilities; give one probability per review.`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`${where}: label ${i} is ${labels[i]}; labels must be 0 (negative) or 1 (positive).`);
  }
}

function sameLength(where: string, probabilitiesByModel: readonly ArrayLike<number>[]): number {
  const n = probabilitiesByModel[0]?.length ?? 0;
  const other = probabilitiesByModel.findIndex((p) => p.length !== n);
  if (other >= 0) throw new RangeError(`${where}: model ${other} has ${probabilitiesByModel[other].length} probabilities, model 0 has ${n}; give every model the same reviews.`);
  return n;
}
