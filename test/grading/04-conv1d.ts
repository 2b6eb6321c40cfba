/**
 * Lesson 4 (convolutions over words): the exercises' contracts as the lesson
 * states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type ConvLength = (length: number, kernelSize: number, padding: "valid" | "same") => number;

const checks: LessonChecks = {
  slug: "04-conv1d",
  exercises: {
    // Stride 1: "same" keeps every position, "valid" only the windows that fit
    // (length − kernelSize + 1); MaxPooling1D(poolSize) drops an incomplete last window.
    "l4-output-length": exercise<{ convLength: ConvLength; pooledLength: (length: number, poolSize: number) => number }>((call) => {
      const conv: Array<[number, number, "valid" | "same", number]> = [
        [100, 5, "valid", 96],
        [100, 5, "same", 100],
        [3, 3, "valid", 1],
        [10, 1, "valid", 10],
        [7, 4, "same", 7],
      ];
      const pooled: Array<[number, number, number]> = [
        [250, 2, 125],
        [5, 2, 2],
        [2, 3, 0],
        [12, 4, 3],
        [15, 4, 3],
      ];
      return [
        ...conv.map(([length, kernelSize, padding, expected]) =>
          call("convLength", length, kernelSize, padding).expect((got) => {
            assert.equal(got, expected, `convLength(${length}, ${kernelSize}, "${padding}") should be ${expected}, got ${show(got)}`);
          }),
        ),
        ...pooled.map(([length, poolSize, expected]) =>
          call("pooledLength", length, poolSize).expect((got) => {
            assert.equal(got, expected, `pooledLength(${length}, ${poolSize}) should be ${expected}, got ${show(got)}`);
          }),
        ),
      ];
    }),
    // filters × (kernelSize × inputChannels weights + 1 bias).
    "l4-conv1d-parameters": exercise<{ conv1dParams: (kernelSize: number, inputChannels: number, filters: number) => number }>((call) => {
      const cases: Array<[number, number, number, number]> = [
        [5, 128, 250, 160_250],
        [1, 1, 1, 2],
        [2, 3, 4, 28],
        [4, 3, 2, 26],
      ];
      return cases.map(([kernelSize, inputChannels, filters, expected]) =>
        call("conv1dParams", kernelSize, inputChannels, filters).expect((got) => {
          const why = `${filters} filters × (${kernelSize} × ${inputChannels} weights + 1 bias)`;
          assert.equal(got, expected, `conv1dParams(${kernelSize}, ${inputChannels}, ${filters}) should be ${expected} (${why}), got ${show(got)}`);
        }),
      );
    }),
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
