/**
 * Lesson 3 (word embeddings and an MLP): the exercises' contracts as the
 * lesson states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type Side = "pre" | "post";
type PadSequence = (sequence: number[], maxlen: number, padding?: Side, truncating?: Side) => number[];

const checks: LessonChecks = {
  slug: "03-embeddings-mlp",
  exercises: {
    // Keras pad_sequences on one sequence: zeros in front ("pre") or behind
    // ("post"); a longer sequence loses its first ("pre") or last ("post")
    // numbers; both default to "pre".
    "l3-pad-sequence": exercise<{ padSequence: PadSequence }>((call) => {
      const cases: Array<[Parameters<PadSequence>, number[]]> = [
        [[[5, 6], 4], [0, 0, 5, 6]],
        [[[1, 2, 3, 4, 5], 3], [3, 4, 5]],
        [[[1, 2, 3, 4, 5], 3, "post"], [3, 4, 5]],
        [[[1, 2, 3, 4, 5], 3, "pre", "post"], [1, 2, 3]],
        [[[1, 2, 3, 4, 5], 3, "post", "post"], [1, 2, 3]],
        [[[9], 3, "post", "post"], [9, 0, 0]],
        [[[9], 3, "pre", "post"], [0, 0, 9]],
        [[[4, 5, 6], 3, "post", "post"], [4, 5, 6]],
        [[[], 2], [0, 0]],
      ];
      return cases.map(([args, expected]) => {
        const shown = `padSequence([${args[0].join(", ")}], ${args.slice(1).map((a) => JSON.stringify(a)).join(", ")})`;
        return call("padSequence", ...args).expect((got) => {
          assert.ok(Array.isArray(got), `${shown} should return an array of numbers, got ${show(got)}`);
          assert.deepEqual(got, expected, `${shown} should be [${expected.join(", ")}], got [${got.join(", ")}]`);
        });
      });
    }),
    // Embedding: one vector of `dimensions` numbers per index; Dense: one
    // weight per input for each unit, plus one bias per unit.
    "l3-parameter-counts": exercise<{ embeddingParams: (vocabSize: number, dimensions: number) => number; denseParams: (inputs: number, units: number) => number }>(
      (call) => {
        const embedding: Array<[number, number, number]> = [
          [20000, 128, 2_560_000],
          [1, 1, 1],
          [7, 2, 14],
        ];
        const dense: Array<[number, number, number]> = [
          [4, 3, 15],
          [3, 4, 16],
          [60, 1, 61],
          [10000, 512, 5_120_512],
        ];
        return [
          ...embedding.map(([vocabSize, dimensions, expected]) =>
            call("embeddingParams", vocabSize, dimensions).expect((got) => {
              assert.equal(got, expected, `embeddingParams(${vocabSize}, ${dimensions}) should be ${expected} (one vector of ${dimensions} per index), got ${show(got)}`);
            }),
          ),
          ...dense.map(([inputs, units, expected]) =>
            call("denseParams", inputs, units).expect((got) => {
              assert.equal(got, expected, `denseParams(${inputs}, ${units}) should be ${expected} (${inputs} × ${units} weights + ${units} biases), got ${show(got)}`);
            }),
          ),
        ];
      },
    ),
  },
};

export default checks;
