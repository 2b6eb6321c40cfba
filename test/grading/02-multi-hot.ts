/**
 * Lesson 2 (one-hot and multi-hot encoding): the exercises' contracts as the
 * lesson states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type Cut = (sequence: number[], numWords: number, skipTop?: number, oovChar?: number) => number[];

const checks: LessonChecks = {
  slug: "02-multi-hot",
  exercises: {
    // An index w stays when skipTop ≤ w < numWords; any other becomes oovChar
    // (defaults: skipTop 0, oovChar 2).
    "l2-cut-to-vocabulary": exercise<{ cutToVocabulary: Cut }>((call) => {
      const cases: Array<[Parameters<Cut>, number[]]> = [
        [[[3, 7, 12, 4], 10], [3, 7, 2, 4]],
        [[[3, 7, 12, 4], 10, 5], [2, 7, 2, 2]],
        [[[5, 9, 10], 10, 5], [5, 9, 2]],
        [[[1, 50], 20, 0, 99], [1, 99]],
        [[[1, 2, 30], 100, 3, 7], [7, 7, 30]],
        [[[], 10], []],
      ];
      return cases.map(([args, expected]) => {
        const shown = `cutToVocabulary([${args[0].join(", ")}], ${args.slice(1).join(", ")})`;
        return call("cutToVocabulary", ...args).expect((got) => {
          assert.ok(Array.isArray(got), `${shown} should return an array of numbers, got ${show(got)}`);
          assert.deepEqual(got, expected, `${shown} should be [${expected.join(", ")}], got [${got.join(", ")}]`);
        });
      });
    }),
    // numWords numbers: 1 at every index that occurs in the sequence, 0 elsewhere.
    "l2-multi-hot-by-hand": exercise<{ multiHotByHand: (sequence: number[], numWords: number) => ArrayLike<number> }>((call) => {
      const cases: Array<[number[], number, number[]]> = [
        [[2, 0], 4, [1, 0, 1, 0]],
        [[3, 3, 3], 4, [0, 0, 0, 1]],
        [[], 2, [0, 0]],
        [[4, 0, 3, 1, 2], 5, [1, 1, 1, 1, 1]],
        [[0], 1, [1]],
      ];
      return cases.map(([sequence, numWords, expected]) => {
        const shown = `multiHotByHand([${sequence.join(", ")}], ${numWords})`;
        // A typed array arrives as an array.
        return call("multiHotByHand", sequence, numWords).expect((got) => {
          assert.ok(Array.isArray(got), `${shown} should return an array, got ${show(got)}`);
          assert.deepEqual(got, expected, `${shown} should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
        });
      });
    }),
    // rows × columns × bytesPerValue (default 4, float32).
    "l2-dense-bytes": exercise<{ bytesOfDenseMatrix: (rows: number, columns: number, bytesPerValue?: number) => number }>((call) => {
      const cases: Array<[number, number, number | undefined, number]> = [
        [2, 5, undefined, 40],
        [2, 5, 8, 80],
        [1, 1, 1, 1],
        [7, 3, 2, 42],
        [10000, 25000, 4, 1_000_000_000],
      ];
      return cases.map(([rows, columns, bytesPerValue, expected]) => {
        const shown = `bytesOfDenseMatrix(${rows}, ${columns}${bytesPerValue === undefined ? "" : `, ${bytesPerValue}`})`;
        const made = bytesPerValue === undefined ? call("bytesOfDenseMatrix", rows, columns) : call("bytesOfDenseMatrix", rows, columns, bytesPerValue);
        return made.expect((got) => assert.equal(got, expected, `${shown} should be ${expected}, got ${show(got)}`));
      });
    }),
  },
};

export default checks;
