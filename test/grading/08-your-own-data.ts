/**
 * Lesson 8 (your own data): the exercises' contracts as the lesson states
 * them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, type LessonChecks } from "../../scripts/grading/checks-api";

const checks: LessonChecks = {
  slug: "08-your-own-data",
  exercises: {
    // classCount × classCount counts; row = actual class, column = predicted class.
    "l8-confusion-matrix": exercise<{ confusionMatrixByHand: (actual: number[], predicted: number[], classCount: number) => number[][] }>((call) => {
      const cases: Array<[number[], number[], number, number[][]]> = [
        // Actual 1 predicted 0 goes in row 1, column 0.
        [[1, 0], [0, 0], 2, [[1, 0], [1, 0]]],
        [[0, 2, 2, 2], [0, 2, 1, 2], 3, [[1, 0, 0], [0, 0, 0], [0, 1, 2]]],
        // A class that never occurs keeps its row and column of zeros.
        [[0], [0], 4, [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]],
      ];
      return cases.map(([actual, predicted, classCount, expected]) =>
        call("confusionMatrixByHand", actual, predicted, classCount).expect((got) => {
          const shown = `confusionMatrixByHand([${actual}], [${predicted}], ${classCount})`;
          assert.deepEqual(got, expected, `${shown} should be ${JSON.stringify(expected)} (rows actual, columns predicted), got ${JSON.stringify(got)}`);
        }),
      );
    }),
    // k contiguous [start, end) blocks covering 0..n−1; sizes floor(n/k), the first n % k one larger.
    "l8-fold-ranges": exercise<{ foldRanges: (n: number, k: number) => Array<[number, number]> }>((call) => {
      const cases: Array<[number, number, Array<[number, number]>]> = [
        [5, 2, [[0, 3], [3, 5]]],
        [11, 4, [[0, 3], [3, 6], [6, 9], [9, 11]]],
        [6, 6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]],
        [8, 2, [[0, 4], [4, 8]]],
      ];
      return cases.map(([n, k, expected]) =>
        call("foldRanges", n, k).expect((got) => {
          assert.deepEqual(got, expected, `foldRanges(${n}, ${k}) should be ${JSON.stringify(expected)} (the larger blocks first), got ${JSON.stringify(got)}`);
        }),
      );
    }),
  },
};

export default checks;
