/**
 * Lesson 7 (bag of n-grams): the exercises' contracts as the lesson states
 * them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, type LessonChecks } from "../../scripts/grading/checks-api";

const checks: LessonChecks = {
  slug: "07-bag-of-ngrams",
  exercises: {
    // Every pair of neighbouring tokens, in order, joined by one space; n − 1 of them, none when n < 2.
    "l7-bigrams": exercise<{ bigrams: (tokens: string[]) => string[] }>(["bigrams"], ({ bigrams }) => {
      const cases: Array<[string[], string[]]> = [
        [["a", "b", "c"], ["a b", "b c"]],
        [["x", "x"], ["x x"]],
        [["it's", "not", "bad", "."], ["it's not", "not bad", "bad ."]],
        [["one"], []],
        [[], []],
      ];
      for (const [tokens, expected] of cases) {
        const got = bigrams([...tokens]);
        const call = `bigrams(${JSON.stringify(tokens)})`;
        assert.deepEqual(got, expected, `${call} should be ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      }
    }),
    // The distinct vocabulary columns of a review's n-grams, in increasing order; n-grams outside the vocabulary skipped.
    "l7-binary-row": exercise<{ binaryRow: (ngrams: string[], columns: Map<string, number>) => number[] }>(["binaryRow"], ({ binaryRow }) => {
      const columns = new Map([["fun", 5], ["boring", 0], ["very fun", 12], ["a", 2]]);
      const cases: Array<[string[], number[]]> = [
        [["very", "fun", "very fun"], [5, 12]],
        [["a", "fun", "a", "boring", "a"], [0, 2, 5]],
        [["very fun", "a", "fun"], [2, 5, 12]],
        [["zzz"], []],
        [[], []],
      ];
      for (const [ngrams, expected] of cases) {
        const got = binaryRow([...ngrams], columns);
        const call = `binaryRow(${JSON.stringify(ngrams)}, {fun: 5, boring: 0, "very fun": 12, a: 2})`;
        assert.deepEqual(got, expected, `${call} should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
      }
    }),
    // p = α + the positive rows' sum, q = α + the negative rows' sum (labels 1 / 0);
    // r_j = ln((p_j / Σp) / (q_j / Σq)); α defaults to 1.
    "l7-log-count-ratios": exercise<{ logCountRatios: (rows: number[][], labels: number[], alpha?: number) => ArrayLike<number> }>(
      ["logCountRatios"],
      ({ logCountRatios }) => {
        const cases: Array<[number[][], number[], number | undefined, number[]]> = [
          // p = [2, 3, 2] (sum 7), q = [2, 1, 2] (sum 5).
          [[[1, 1, 0], [0, 1, 1], [1, 0, 0], [0, 0, 1]], [1, 1, 0, 0], undefined, [Math.log(5 / 7), Math.log(15 / 7), Math.log(5 / 7)]],
          // α = 2: p = [3, 4] (sum 7), q = [3, 2] (sum 5).
          [[[1, 0], [1, 1], [0, 1]], [0, 1, 1], 2, [Math.log(5 / 7), Math.log(10 / 7)]],
          // One column: both sides normalise to 1, so the ratio is 0.
          [[[1], [0]], [1, 0], 1, [0]],
        ];
        for (const [rows, labels, alpha, expected] of cases) {
          const call = `logCountRatios(${JSON.stringify(rows)}, ${JSON.stringify(labels)}${alpha === undefined ? "" : `, ${alpha}`})`;
          const result = alpha === undefined ? logCountRatios(rows, labels) : logCountRatios(rows, labels, alpha);
          const got = Array.from(result ?? []);
          const shown = `[${expected.map((r) => r.toFixed(6)).join(", ")}]`;
          assert.equal(got.length, expected.length, `${call} should give ${expected.length} ratios ${shown}, got ${JSON.stringify(result)}`);
          got.forEach((r, j) => {
            assert.ok(Math.abs(r - expected[j]) < 1e-9, `${call} should be ${shown} (natural log), got [${got.map((v) => v.toFixed(6)).join(", ")}]: ratio ${j} differs`);
          });
        }
      },
    ),
  },
};

export default checks;
