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
    "l7-bigrams": exercise<{ bigrams: (tokens: string[]) => string[] }>((call) => {
      const cases: Array<[string[], string[]]> = [
        [["a", "b", "c"], ["a b", "b c"]],
        [["x", "x"], ["x x"]],
        [["it's", "not", "bad", "."], ["it's not", "not bad", "bad ."]],
        [["one"], []],
        [[], []],
      ];
      return cases.map(([tokens, expected]) =>
        call("bigrams", tokens).expect((got) => {
          assert.deepEqual(got, expected, `bigrams(${JSON.stringify(tokens)}) should be ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
        }),
      );
    }),
    // The distinct vocabulary columns of a review's n-grams, in increasing order; n-grams outside the vocabulary skipped.
    "l7-binary-row": exercise<{ binaryRow: (ngrams: string[], columns: Map<string, number>) => number[] }>((call) => {
      const columns = new Map([["fun", 5], ["boring", 0], ["very fun", 12], ["a", 2]]);
      const cases: Array<[string[], number[]]> = [
        [["very", "fun", "very fun"], [5, 12]],
        [["a", "fun", "a", "boring", "a"], [0, 2, 5]],
        [["very fun", "a", "fun"], [2, 5, 12]],
        [["zzz"], []],
        [[], []],
      ];
      return cases.map(([ngrams, expected]) =>
        call("binaryRow", ngrams, columns).expect((got) => {
          const shown = `binaryRow(${JSON.stringify(ngrams)}, {fun: 5, boring: 0, "very fun": 12, a: 2})`;
          assert.deepEqual(got, expected, `${shown} should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
        }),
      );
    }),
    // p = α + the positive rows' sum, q = α + the negative rows' sum (labels 1 / 0);
    // r_j = ln((p_j / Σp) / (q_j / Σq)); α defaults to 1.
    "l7-log-count-ratios": exercise<{ logCountRatios: (rows: number[][], labels: number[], alpha?: number) => ArrayLike<number> }>((call) => {
      const cases: Array<[number[][], number[], number | undefined, number[]]> = [
        // p = [2, 3, 2] (sum 7), q = [2, 1, 2] (sum 5).
        [[[1, 1, 0], [0, 1, 1], [1, 0, 0], [0, 0, 1]], [1, 1, 0, 0], undefined, [Math.log(5 / 7), Math.log(15 / 7), Math.log(5 / 7)]],
        // α = 2: p = [3, 4] (sum 7), q = [3, 2] (sum 5).
        [[[1, 0], [1, 1], [0, 1]], [0, 1, 1], 2, [Math.log(5 / 7), Math.log(10 / 7)]],
        // One column: both sides normalise to 1, so the ratio is 0.
        [[[1], [0]], [1, 0], 1, [0]],
      ];
      return cases.map(([rows, labels, alpha, expected]) => {
        const shown = `logCountRatios(${JSON.stringify(rows)}, ${JSON.stringify(labels)}${alpha === undefined ? "" : `, ${alpha}`})`;
        const made = alpha === undefined ? call("logCountRatios", rows, labels) : call("logCountRatios", rows, labels, alpha);
        return made.expect((result) => {
          // A typed array arrives as an array.
          const got: unknown[] = Array.isArray(result) ? result : [];
          const expectedText = `[${expected.map((r) => r.toFixed(6)).join(", ")}]`;
          assert.equal(got.length, expected.length, `${shown} should give ${expected.length} ratios ${expectedText}, got ${JSON.stringify(result)}`);
          const shownGot = `[${got.map((v) => (typeof v === "number" ? v.toFixed(6) : String(v))).join(", ")}]`;
          got.forEach((r, j) => {
            assert.ok(typeof r === "number" && Math.abs(r - expected[j]) < 1e-9, `${shown} should be ${expectedText} (natural log), got ${shownGot}: ratio ${j} differs`);
          });
        });
      });
    }),
  },
};

export default checks;
