/**
 * Lesson 5 (an LSTM): the exercises' contracts as the lesson states them, on
 * cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";
import { modelExercise } from "../../scripts/grading/model-checks";
import { ModelData } from "../../scripts/grading/sandbox/wire";
import { compiledAs } from "./compiled-model";

type Stopping = { bestEpoch: number; stoppedEpoch: number };
type State = { h: number; c: number };
type Gate = { input: number; recurrent: number; bias: number };
type LstmUnit = { i: Gate; f: Gate; g: Gate; o: Gate };
type Curves = { tooSlow: number; fastestToMemorise: number; bestOnValidation: number };

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** A model given to compileWithLearningRate: Dense(1, sigmoid) over 2 inputs, as its topology (the sandbox rebuilds it). */
const TINY_MODEL = new ModelData(
  {
    class_name: "Sequential",
    config: { name: "given", layers: [{ class_name: "Dense", config: { name: "given_dense", units: 1, activation: "sigmoid", batch_input_shape: [null, 2], dtype: "float32" } }] },
    keras_version: "tfjs-layers",
    backend: "tensor_flow.js",
  },
  null,
);

const checks: LessonChecks = {
  slug: "05-lstm",
  exercises: {
    // σ for the gates i, f, o and tanh for the candidate g, each over
    // input·x + recurrent·h + bias; c' = f·c + i·g, h' = o·tanh(c').
    "l5-lstm-step": exercise<{ lstmStep: (x: number, h: number, c: number, unit: LstmUnit) => State }>((call) => {
      const gate = (input: number, recurrent: number, bias: number): Gate => ({ input, recurrent, bias });
      const zero = gate(0, 0, 0);
      const cases: Array<[number, number, number, LstmUnit, State, string]> = [
        // Every gate σ(0) = 0.5, the candidate tanh(2): c' = 0.5 · tanh 2, h' = 0.5 · tanh(c').
        [2, 0, 0, { i: zero, f: zero, g: gate(1, 0, 0), o: zero }, { c: 0.5 * Math.tanh(2), h: 0.5 * Math.tanh(0.5 * Math.tanh(2)) }, "the candidate reads x"],
        // The candidate reads h only: g = tanh(1); c' = 0.5 · 0.4 + 0.5 · tanh 1.
        [0, 1, 0.4, { i: zero, f: zero, g: gate(0, 1, 0), o: zero }, { c: 0.2 + 0.5 * Math.tanh(1), h: 0.5 * Math.tanh(0.2 + 0.5 * Math.tanh(1)) }, "the candidate reads h"],
        // Forget gate open (σ(100) ≈ 1), input gate shut: the memory −0.7 is kept; the output gate is σ(0.3).
        [0.3, 0, -0.7, { i: gate(0, 0, -100), f: gate(0, 0, 100), g: gate(1, 0, 0), o: gate(1, 0, 0) }, { c: -0.7, h: sigmoid(0.3) * Math.tanh(-0.7) }, "the memory is kept"],
        // i = σ(−1), f = σ(0.5 · −2) = σ(−1), g = tanh 2, o = σ(1); c' = σ(−1) · 1 + σ(−1) · tanh 2.
        [1, -2, 1, { i: gate(-1, 0, 0), f: gate(0, 0.5, 0), g: gate(2, 0, 0), o: gate(0, 0, 1) }, { c: sigmoid(-1) * (1 + Math.tanh(2)), h: sigmoid(1) * Math.tanh(sigmoid(-1) * (1 + Math.tanh(2))) }, "every gate differs"],
      ];
      return cases.map(([x, h, c, unit, expected, why]) =>
        call("lstmStep", x, h, c, unit).expect((got) => {
          const shown = `lstmStep(${x}, ${h}, ${c}, ${show(unit)}) (${why})`;
          const state = got as Partial<State> | null | undefined;
          assert.ok(typeof state?.c === "number" && Math.abs(state.c - expected.c) < 1e-9, `${shown}: c should be ${expected.c.toFixed(6)}, got ${show(got)}`);
          assert.ok(typeof state?.h === "number" && Math.abs(state.h - expected.h) < 1e-9, `${shown}: h should be ${expected.h.toFixed(6)} (o · tanh of the new memory), got ${show(got)}`);
        }),
      );
    }),
    // Embedding(vocabSize, 128) → LSTM(60, tanh, sigmoid gates, forget bias 1) →
    // Dense(1, sigmoid), Adam, binary cross-entropy; sizes worked out by hand
    // for 300 words and reviews of 15.
    "l5-lstm-network": compiledAs(
      modelExercise({
        fn: "buildLstmModel",
        args: [300, 15],
        layers: [
          { className: "Embedding", config: { inputDim: 300, outputDim: 128 }, outputShape: [null, 15, 128], params: 300 * 128 },
          {
            className: "LSTM",
            config: { units: 60, activation: "tanh", recurrentActivation: "sigmoid", unitForgetBias: true },
            outputShape: [null, 60],
            params: 4 * ((128 + 60) * 60 + 60),
          },
          { className: "Dense", config: { units: 1, activation: "sigmoid" }, outputShape: [null, 1], params: 61 },
        ],
        loss: "binaryCrossentropy",
      }),
      { optimizer: "Adam", accuracy: true },
    ),
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
    // The model it is given, compiled again: Adam at the learning rate, binary cross-entropy, accuracy.
    "l5-learning-rate": [0.01, 0.0003].map((learningRate) =>
      compiledAs(
        modelExercise({
          fn: "compileWithLearningRate",
          args: [TINY_MODEL, learningRate],
          layers: [{ className: "Dense", config: { units: 1, activation: "sigmoid" }, outputShape: [null, 1], params: 3 }],
          loss: "binaryCrossentropy",
        }),
        { optimizer: "Adam", learningRate, accuracy: true },
      ),
    ).reduce((all, check) => ({ exports: all.exports, calls: [...all.calls, ...check.calls] })),
    // Read off the lesson's printed curves (full scale): 0.0001 ends with the
    // highest training loss, 0.01 with the lowest, 0.001 reaches the lowest validation loss.
    "l5-read-curves": exercise<{ readTheCurves: () => Curves }>((call) => [
      call("readTheCurves").expect((got) => {
        const answers = got as Partial<Curves> | null | undefined;
        const expected: Curves = { tooSlow: 0.0001, fastestToMemorise: 0.01, bestOnValidation: 0.001 };
        const why: Record<keyof Curves, string> = {
          tooSlow: "its training loss is still the highest after the last epoch",
          fastestToMemorise: "its training loss is the lowest after the last epoch",
          bestOnValidation: "it reaches the lowest validation loss",
        };
        for (const key of Object.keys(expected) as Array<keyof Curves>) {
          assert.equal(answers?.[key], expected[key], `readTheCurves().${key} should be ${expected[key]}: ${why[key]} (got ${show(answers?.[key])})`);
        }
      }),
    ]),
  },
};

export default checks;
