/**
 * Lesson 5 (an LSTM): the exercises' contracts as the lesson states them, on
 * cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type Stopping = { bestEpoch: number; stoppedEpoch: number };

const checks: LessonChecks = {
  slug: "05-lstm",
  exercises: {
    // Four gates, each a Dense layer of `units` units over [input, previous output]:
    // 4 × ((inputDim + units) × units + units).
    "l5-lstm-parameters": exercise<{ lstmParams: (inputDim: number, units: number) => number }>((call) => {
      const cases: Array<[number, number, number]> = [
        [32, 32, 8320],
        [10, 4, 240],
        [1, 2, 32],
        [100, 1, 408],
      ];
      return cases.map(([inputDim, units, expected]) =>
        call("lstmParams", inputDim, units).expect((got) => {
          const why = `4 gates × ((${inputDim} + ${units}) × ${units} weights + ${units} biases)`;
          assert.equal(got, expected, `lstmParams(${inputDim}, ${units}) should be ${expected} (${why}), got ${show(got)}`);
        }),
      );
    }),
    // Keras' EarlyStopping on the validation loss: an epoch improves when its
    // loss is lower than the best so far; training stops once `patience`
    // epochs in a row have not improved, or after the last epoch.
    "l5-early-stopping": exercise<{ stoppingEpochs: (validationLosses: number[], patience: number) => Stopping }>((call) => {
      const cases: Array<[number[], number, Stopping]> = [
        [[0.9, 0.8, 0.7, 0.6], 1, { bestEpoch: 4, stoppedEpoch: 4 }],
        [[0.5, 0.5, 0.5], 2, { bestEpoch: 1, stoppedEpoch: 3 }],
        [[0.3, 0.4, 0.2, 0.25, 0.26, 0.1], 2, { bestEpoch: 3, stoppedEpoch: 5 }],
        [[0.3, 0.4, 0.2, 0.25, 0.26, 0.1], 3, { bestEpoch: 6, stoppedEpoch: 6 }],
        [[1.0], 1, { bestEpoch: 1, stoppedEpoch: 1 }],
        [[0.5, 0.6, 0.7, 0.8], 10, { bestEpoch: 1, stoppedEpoch: 4 }],
      ];
      return cases.map(([losses, patience, expected]) =>
        call("stoppingEpochs", losses, patience).expect((got) => {
          const answer = got as Partial<Stopping> | null | undefined;
          assert.deepEqual(
            { bestEpoch: answer?.bestEpoch, stoppedEpoch: answer?.stoppedEpoch },
            expected,
            `stoppingEpochs([${losses.join(", ")}], ${patience}) should be ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
          );
        }),
      );
    }),
  },
};

export default checks;
