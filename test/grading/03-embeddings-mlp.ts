/**
 * Lesson 3 (word embeddings and an MLP): the exercises' contracts as the
 * lesson states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";
import { modelExercise } from "../../scripts/grading/model-checks";
import { compiledAs } from "./compiled-model";

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
    // Embedding(vocabSize, 32) → Flatten → Dense(250, relu) → Dense(1, sigmoid),
    // compiled with Adam and binary cross-entropy; sizes worked out by hand
    // for a vocabulary of 300 words and reviews of 20.
    "l3-embedding-mlp": compiledAs(
      modelExercise({
        fn: "buildEmbeddingMlp",
        args: [300, 20],
        layers: [
          // The review length is checked through the output shape, so inputShape: [maxlen] is as good as inputLength.
          { className: "Embedding", config: { inputDim: 300, outputDim: 32 }, outputShape: [null, 20, 32], params: 300 * 32 },
          { className: "Flatten", outputShape: [null, 640], params: 0 },
          { className: "Dense", config: { units: 250, activation: "relu" }, outputShape: [null, 250], params: 640 * 250 + 250 },
          { className: "Dense", config: { units: 1, activation: "sigmoid" }, outputShape: [null, 1], params: 251 },
        ],
        loss: "binaryCrossentropy",
      }),
      { optimizer: "Adam", accuracy: true },
    ),
    // vocabSize·embeddingDim + (maxlen·embeddingDim·hidden + hidden) + (hidden + 1).
    "l3-embedding-mlp-parameters": exercise<{ embeddingMlpParameters: (vocabSize: number, embeddingDim: number, maxlen: number, hidden: number) => number }>((call) => {
      const cases: Array<[number, number, number, number, number, string]> = [
        [7, 2, 5, 3, 51, "14 + (30 + 3) + 4"],
        [1, 1, 1, 1, 5, "1 + (1 + 1) + 2"],
        [100, 8, 10, 16, 2113, "800 + (1,280 + 16) + 17"],
        [20000, 16, 200, 64, 524_929, "320,000 + (204,800 + 64) + 65"],
      ];
      return cases.map(([vocabSize, embeddingDim, maxlen, hidden, expected, why]) =>
        call("embeddingMlpParameters", vocabSize, embeddingDim, maxlen, hidden).expect((got) => {
          assert.equal(got, expected, `embeddingMlpParameters(${vocabSize}, ${embeddingDim}, ${maxlen}, ${hidden}) should be ${expected} (embedding + dense + output: ${why}), got ${show(got)}`);
        }),
      );
    }),
  },
};

export default checks;
