/**
 * How far a test accuracy moves when only the random seed changes, next to
 * how precisely a test set of that size can measure an accuracy at all
 * (lesson 3, "How much of a result is luck?").
 */
import { requiredIntegerOption } from "../util/options";

export interface SeedSpread {
  runs: number;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation across the runs (n - 1 in the denominator); 0 for a single run. */
  standardDeviation: number;
  /**
   * Standard error of one accuracy measured on `testCount` examples,
   * sqrt(p (1 - p) / n) at p = mean: the spread a fixed model would show on
   * other test sets of the same size.
   */
  testSetError: number;
}

/**
 * Summarises the test accuracies of runs that differ only in their seed, to
 * tell a real difference between models from luck (lesson 3, "How much of a
 * result is luck?"). `testCount` is the number of test reviews behind each
 * accuracy.
 */
export function seedSpread(accuracies: readonly number[], testCount: number): SeedSpread {
  if (accuracies.length === 0) throw new RangeError("seedSpread: needs at least one accuracy, got none.");
  const outside = accuracies.find((a) => !(a >= 0 && a <= 1));
  if (outside !== undefined) throw new RangeError(`seedSpread: accuracies are fractions between 0 and 1, got ${outside}.`);
  requiredIntegerOption("seedSpread", "testCount", testCount, 1, Infinity);
  const runs = accuracies.length;
  const mean = accuracies.reduce((sum, a) => sum + a, 0) / runs;
  const squares = accuracies.reduce((sum, a) => sum + (a - mean) ** 2, 0);
  return {
    runs,
    mean,
    min: Math.min(...accuracies),
    max: Math.max(...accuracies),
    standardDeviation: runs > 1 ? Math.sqrt(squares / (runs - 1)) : 0,
    testSetError: accuracyStandardError(mean, testCount),
  };
}

/**
 * Standard error of an accuracy measured on `count` examples, sqrt(p (1 - p) / n):
 * differences smaller than this say nothing (lesson 3; lesson 7 applies it to
 * its held-out reviews).
 */
export function accuracyStandardError(accuracy: number, count: number): number {
  return Math.sqrt((accuracy * (1 - accuracy)) / count);
}
