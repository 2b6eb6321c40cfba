/**
 * Lesson 4 (convolutions over words): the exercises' contracts as the lesson
 * states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";
import { modelExercise } from "../../scripts/grading/model-checks";
import { compiledAs } from "./compiled-model";

type Padding = "valid" | "same";

const checks: LessonChecks = {
  slug: "04-conv1d",
  exercises: {
    // One filter (an odd number of rows) slid along words[position][channel]:
    // at each window, bias + Σ filter[offset][channel] · word[start + offset][channel],
    // not flipped; "same" first adds (rows − 1) / 2 zero vectors at each end.
    "l4-convolve": exercise<{ convolve: (words: number[][], filter: number[][], bias: number, padding: Padding) => number[] }>((call) => {
      const cases: Array<[number[][], number[][], number, Padding, number[]]> = [
        // 1·1 + 2·2 + 3·3 (a flipped filter would give 10).
        [[[1], [2], [3]], [[1], [2], [3]], 0, "valid", [14]],
        // Padded [0, 1, 2, 3, 0]: 0 + 2 + 6, 14, 2 + 6 + 0.
        [[[1], [2], [3]], [[1], [2], [3]], 0, "same", [8, 14, 8]],
        // A filter longer than the review: no window fits.
        [[[1, 2], [3, 4]], [[1, 0], [0, 1], [1, 1]], 0, "valid", []],
        // Padded [0 0], [1 2], [3 4], [0 0]: 0 + 2 + 7, then 1 + 4 + 0.
        [[[1, 2], [3, 4]], [[1, 0], [0, 1], [1, 1]], 0, "same", [9, 5]],
        // One row: no padding either way; 2a + b − 1 at each word.
        [[[1, -1], [2, 0], [0, 3], [-1, 1]], [[2, 1]], -1, "valid", [0, 3, 2, -2]],
        [[[1, -1], [2, 0], [0, 3], [-1, 1]], [[2, 1]], -1, "same", [0, 3, 2, -2]],
        // Five rows, two zeros at each end: the filter reads the first row of each window, 0, 0, 1, plus 0.5.
        [[[1], [2], [3]], [[1], [0], [0], [0], [0]], 0.5, "same", [0.5, 0.5, 1.5]],
      ];
      return cases.map(([words, filter, bias, padding, expected]) => {
        const shown = `convolve(${JSON.stringify(words)}, ${JSON.stringify(filter)}, ${bias}, "${padding}")`;
        return call("convolve", words, filter, bias, padding).expect((got) => {
          const matches = Array.isArray(got) && got.length === expected.length && got.every((v, i) => typeof v === "number" && Math.abs(v - expected[i]) < 1e-9);
          assert.ok(matches, `${shown} should be [${expected.join(", ")}], got ${show(got)}`);
        });
      });
    }),
    // Embedding(vocabSize, 32) → Conv1D(32, 3, same, relu) → MaxPooling1D(2) →
    // Flatten → Dense(250, relu) → Dense(1, sigmoid), Adam, binary
    // cross-entropy; sizes worked out by hand for 200 words and reviews of 12.
    "l4-conv1d-network": compiledAs(
      modelExercise({
        fn: "buildConv1dModel",
        args: [200, 12],
        layers: [
          { className: "Embedding", config: { inputDim: 200, outputDim: 32 }, outputShape: [null, 12, 32], params: 200 * 32 },
          { className: "Conv1D", config: { filters: 32, kernelSize: [3], padding: "same", activation: "relu" }, outputShape: [null, 12, 32], params: 3 * 32 * 32 + 32 },
          { className: "MaxPooling1D", config: { poolSize: [2] }, outputShape: [null, 6, 32], params: 0 },
          { className: "Flatten", outputShape: [null, 192], params: 0 },
          { className: "Dense", config: { units: 250, activation: "relu" }, outputShape: [null, 250], params: 192 * 250 + 250 },
          { className: "Dense", config: { units: 1, activation: "sigmoid" }, outputShape: [null, 1], params: 251 },
        ],
        loss: "binaryCrossentropy",
      }),
      { optimizer: "Adam", learningRate: 0.001, accuracy: true },
    ),
    // features[position][channel] → for each channel, its largest value over all positions.
    "l4-global-max-pool": exercise<{ globalMaxPool: (features: number[][]) => number[] }>((call) => {
      const cases: Array<[number[][], number[]]> = [
        [[[1, -2, 3], [4, -5, 0]], [4, -2, 3]],
        [[[-5, -7], [-6, -1], [-8, -3]], [-5, -1]],
        [[[2.5]], [2.5]],
        [[[0, 9], [9, 0], [4, 4], [1, 1]], [9, 9]],
      ];
      return cases.map(([features, expected]) =>
        call("globalMaxPool", features).expect((got) => {
          assert.deepEqual(got, expected, `globalMaxPool(${JSON.stringify(features)}) should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
        }),
      );
    }),
  },
};

export default checks;
