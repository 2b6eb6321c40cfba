/**
 * Lesson 2 (one-hot and multi-hot encoding): the exercises' contracts as the
 * lesson states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";
import { modelExercise } from "../../scripts/grading/model-checks";
import { compiledAs } from "./compiled-model";

type Cut = (sequence: number[], numWords: number, skipTop?: number, oovChar?: number) => number[];

/** The vocabulary of the multi-hot model check, as in the lesson. */
const NUM_WORDS = 10_000;

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
    // Each sequence stores the positions of its multi-hot ones: its distinct
    // indices, bytesPerIndex bytes each (default 4), summed over the sequences.
    "l2-sparse-bytes": exercise<{ sparseBytes: (sequences: ArrayLike<number>[], bytesPerIndex?: number) => number }>((call) => {
      const cases: Array<[number[][], number | undefined, number]> = [
        [[[4, 2, 4, 4]], undefined, 8],
        [[[9], [9], [9]], undefined, 12],
        [[[1, 2, 3], [3, 2, 1, 1]], 2, 12],
        [[[0, 0], []], 8, 8],
        [[[7, 6, 5, 4]], 1, 4],
        [[], undefined, 0],
      ];
      return cases.map(([sequences, bytesPerIndex, expected]) => {
        const shown = `sparseBytes(${JSON.stringify(sequences)}${bytesPerIndex === undefined ? "" : `, ${bytesPerIndex}`})`;
        const made = bytesPerIndex === undefined ? call("sparseBytes", sequences) : call("sparseBytes", sequences, bytesPerIndex);
        return made.expect((got) => assert.equal(got, expected, `${shown} should be ${expected} (distinct indices × bytes per index), got ${show(got)}`));
      });
    }),
    // A free design on multi-hot vectors of numWords, compiled with accuracy:
    // trained as the learner compiled it for 3 epochs on the first 5,000
    // training reviews, as in the lesson's check. The lesson asks for 85% on
    // training reviews 5,000-6,999 at the best epoch; the grader measures after
    // the last epoch on the first 5,000 test reviews, where designs that pass
    // the lesson's check score lower. Measured there (3 runs of the solution,
    // Dense(16)-Dense(16)-Dense(1) RMSprop): 83.8-84.8%; Dense(512) RMSprop 1e-4
    // (the lesson's network) 85.8%; wrong settings: logistic regression with
    // SGD 0.01 79.0%, Dense(16) Adam 1e-5 61.6%. Hence 82%.
    "l2-my-multi-hot-model": compiledAs(
      modelExercise({
        fn: "buildMyMultiHotModel",
        args: [NUM_WORDS],
        imdbAccuracy: { numWords: NUM_WORDS, trainReviews: 5000, validationReviews: 5000, epochs: 3, batchSize: 32, minAccuracy: 0.82 },
        timeoutMs: 180_000,
      }),
      { accuracy: true },
    ),
  },
};

export default checks;
