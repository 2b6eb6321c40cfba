/**
 * Scores for classifiers with any number of classes (lesson 8, "Your own
 * data": star ratings as 8 classes).
 */

/** Fraction of positions where `predicted` equals `actual`. */
export function accuracyOf(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength("accuracyOf", actual, predicted);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) correct++;
  return correct / actual.length;
}

/** Mean of |actual − predicted|: for star ratings, the typical error in stars. */
export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength("meanAbsoluteError", actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - predicted[i]);
  return sum / actual.length;
}

/**
 * counts[a][p]: how many examples of class `a` were predicted as class `p`
 * (rows actual, columns predicted; classes 0..classCount−1). The diagonal
 * holds the correct predictions.
 */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classCount: number): number[][] {
  checkSameLength("confusionMatrix", actual, predicted);
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < actual.length; i++) {
    for (const [name, value] of [["actual", actual[i]], ["predicted", predicted[i]]] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= classCount) {
        throw new RangeError(`confusionMatrix: ${name}[${i}] is ${value}; classes are whole numbers from 0 to ${classCount - 1}.`);
      }
    }
    counts[actual[i]][predicted[i]]++;
  }
  return counts;
}

/** For each row of class probabilities, Σ p_k × values[k]: e.g. the expected star rating of a softmax output. */
export function expectedValues(probabilities: ArrayLike<number>[], values: ArrayLike<number>): number[] {
  return probabilities.map((row, i) => {
    if (row.length !== values.length) throw new RangeError(`expectedValues: row ${i} has ${row.length} probabilities for ${values.length} values.`);
    let sum = 0;
    for (let k = 0; k < row.length; k++) sum += row[k] * values[k];
    return sum;
  });
}

function checkSameLength(where: string, actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new RangeError(`${where}: got ${actual.length} actual and ${predicted.length} predicted values; give one prediction per example (at least one).`);
  }
}
