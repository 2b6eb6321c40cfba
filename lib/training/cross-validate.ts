/**
 * k-fold cross-validation (lesson 8, "Your own data"): every example is used
 * for validation exactly once, so the score does not hang on one lucky or
 * unlucky split, and the spread across folds shows how much it could.
 */
import { MAX_SEED, integerOption, requiredIntegerOption } from "../util/options";
import { mulberry32 } from "../util/random";
import { shuffledIndices } from "../util/shuffle";

export interface Fold {
  /** 1 to k. */
  fold: number;
  /** Positions of the examples to train on, ascending. */
  train: number[];
  /** Positions of the examples to evaluate on, ascending. */
  validation: number[];
}

export interface FoldOptions {
  /** Number of folds, from 2 to the number of examples; default 5. */
  k?: number;
  /** Seeds which examples go to which fold; default 113. */
  seed?: number;
  /** Class of each example: when given, each fold gets each class's share (stratified folds). */
  stratify?: ArrayLike<number>;
}

export interface CrossValidationOptions extends FoldOptions {
  /** Called after each fold with its scores, e.g. to print progress. */
  onFold?: (scores: FoldScores) => void;
}

export type Scores = Record<string, number>;
export type FoldScores = Scores & { fold: number; seconds: number };

export interface CrossValidation {
  /** Each fold's scores, with its number and its wall time in seconds. */
  folds: FoldScores[];
  /** Mean of each score over the folds. */
  mean: Scores;
  /** Sample standard deviation of each score over the folds (n − 1 in the denominator). */
  std: Scores;
}

/**
 * Splits positions 0..n−1 into k folds of sizes differing by at most one:
 * a seeded shuffle, grouped by class when `stratify` is given, dealt to the
 * folds in turn.
 */
export function kFolds(n: number, options: FoldOptions = {}): Fold[] {
  const where = "kFolds";
  requiredIntegerOption(where, "n", n, 2, Infinity, "the number of examples");
  const k = requiredIntegerOption(where, "k", options.k ?? 5, 2, n, "the number of folds, at most the number of examples");
  const seed = integerOption(where, "seed", options.seed, 0, MAX_SEED, 113);
  const { stratify } = options;
  if (stratify !== undefined && stratify.length !== n) throw new RangeError(`${where}: stratify has ${stratify.length} classes for ${n} examples; give one per example.`);
  const order = Array.from(shuffledIndices(n, mulberry32(seed)));
  // A stable sort keeps the shuffled order within each class.
  if (stratify !== undefined) order.sort((a, b) => stratify[a] - stratify[b]);
  const foldOf = new Int32Array(n);
  order.forEach((example, position) => (foldOf[example] = position % k));
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const validation: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? validation : train).push(i);
    return { fold: f + 1, train, validation };
  });
}

/**
 * Runs `trainAndEvaluate` once per fold of `kFolds(n, options)` and gathers
 * the scores it returns (e.g. `{ accuracy }`): each fold's, their mean and
 * their standard deviation.
 */
export async function crossValidate(
  n: number, trainAndEvaluate: (fold: Fold) => Scores | Promise<Scores>, options: CrossValidationOptions = {},
): Promise<CrossValidation> {
  const folds: FoldScores[] = [];
  for (const fold of kFolds(n, options)) {
    const started = Date.now();
    const scores = await trainAndEvaluate(fold);
    for (const [name, value] of Object.entries(scores)) {
      if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`crossValidate: fold ${fold.fold} returned ${name} = ${String(value)}; scores must be finite numbers.`);
    }
    const result = { ...scores, fold: fold.fold, seconds: (Date.now() - started) / 1000 } as FoldScores;
    folds.push(result);
    options.onFold?.(result);
  }
  const names = Object.keys(folds[0]).filter((name) => name !== "fold");
  const mean: Scores = {};
  const std: Scores = {};
  for (const name of names) {
    const values = folds.map((fold) => fold[name]);
    mean[name] = values.reduce((a, b) => a + b, 0) / values.length;
    std[name] = Math.sqrt(values.reduce((a, v) => a + (v - mean[name]) ** 2, 0) / (values.length - 1));
  }
  return { folds, mean, std };
}
