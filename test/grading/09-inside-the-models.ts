/**
 * Lesson 9 (inside the models): the exercises' contracts as the lesson states
 * them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type Counts = { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };

function assertNumbers(got: unknown, expected: number[], call: string): void {
  assert.ok(Array.isArray(got), `${call} should return an array of ${expected.length} numbers, got ${show(got)}`);
  const values = got as unknown[];
  assert.equal(values.length, expected.length, `${call} should give ${expected.length} numbers, one per token, got ${values.length}: ${show(values)}`);
  values.forEach((value, i) => {
    assert.ok(typeof value === "number" && Math.abs(value - expected[i]) < 1e-9, `${call} should be [${expected.join(", ")}], got ${show(values)}: position ${i} differs`);
  });
}

const checks: LessonChecks = {
  slug: "09-inside-the-models",
  exercises: {
    // Each known unigram / bigram's effect counts once, split evenly over its occurrences, then over its tokens.
    "l9-token-contributions": exercise<{ tokenContributions: (tokens: string[], effects: Map<string, number>) => number[] }>((call) => {
      const cases: Array<[string[], Array<[string, number]>, number[]]> = [
        // "great" alone: 2; "not great": −1 over its 2 tokens.
        [["not", "great"], [["great", 2], ["not great", -1]], [-0.5, 1.5]],
        // "bad" twice: −3 / 2 each; "so bad" once: 0.5 / 2 on "so" and the first "bad"; "bad bad" once: 1 / 2 on both "bad".
        [["so", "bad", "bad"], [["bad", -3], ["so bad", 0.5], ["bad bad", 1]], [0.25, -1.5 + 0.25 + 0.5, -1.5 + 0.5]],
        // "a a" occurs twice in "a a a": 0.8 / (2 × 2) on each token slot: 0.2, 0.4, 0.2.
        [["a", "a", "a"], [["a a", 0.8]], [0.2, 0.4, 0.2]],
        [["unknown", "words"], [["good", 1]], [0, 0]],
      ];
      return cases.map(([tokens, effects, expected]) =>
        call("tokenContributions", tokens, new Map(effects)).expect((got) => {
          assertNumbers(got, expected, `tokenContributions(${JSON.stringify(tokens)}, ${JSON.stringify(Object.fromEntries(effects))})`);
        }),
      );
    }),
    // scores(tokens) − scores(tokens without position i), texts keyed by their
    // tokens joined with single spaces; tokens unchanged. Each table also holds
    // the texts a wrong answer would look up (every occurrence removed), with
    // scores that tell it apart.
    "l9-occlusion": exercise<{ occlusion: (tokens: string[], scores: Map<string, number>) => number[] }>((call) => {
      const cases: Array<[string[], Array<[string, number]>, number[]]> = [
        // Whole 1; without position 0: "good not" 3; without 1: "not not" −2; without 2: "not good" 0.5. ("good" alone: 10.)
        [["not", "good", "not"], [["not good not", 1], ["good not", 3], ["not not", -2], ["not good", 0.5], ["good", 10]], [-2, 3, 0.5]],
        // Both positions leave "good": 4 − 2 each. ("" alone: 0.)
        [["good", "good"], [["good good", 4], ["good", 2], ["", 0]], [2, 2]],
        [["x", "y", "z"], [["x y z", 3], ["y z", 2], ["x z", 2.5], ["x y", 1]], [1, 0.5, 2]],
        [[], [["", 0.25]], []],
      ];
      return cases.map(([tokens, scores, expected]) =>
        call("occlusion", tokens, new Map(scores)).expectWithArguments((got, [given]) => {
          const shown = `occlusion(${JSON.stringify(tokens)}, ${show(new Map(scores))})`;
          assertNumbers(got, expected, shown);
          assert.deepEqual(given, tokens, `${shown} must leave its tokens as they were, got ${show(given)} afterwards`);
        }),
      );
    }),
    // Counts by true label; positive means probability > threshold (equal is negative); threshold defaults to 0.5.
    "l9-confusion-counts": exercise<{ confusionCounts: (labels: number[], probabilities: number[], threshold?: number) => Counts }>((call) => {
      const labels = [0, 1, 1, 0, 0, 1, 1];
      const probabilities = [0.2, 0.7, 0.5, 0.8, 0.5, 0.99, 0.1];
      const cases: Array<[number | undefined, Counts]> = [
        // Called positive: 0.7, 0.8, 0.99. Positives 0.7, 0.99 right; 0.5 and 0.1 missed. Negative 0.8 wrong; 0.2, 0.5 right.
        [undefined, { truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 2 }],
        // Above 0.15: all but 0.1.
        [0.15, { truePositives: 3, falsePositives: 3, trueNegatives: 0, falseNegatives: 1 }],
        [1, { truePositives: 0, falsePositives: 0, trueNegatives: 3, falseNegatives: 4 }],
      ];
      return cases.map(([threshold, expected]) => {
        const shown = `confusionCounts(${JSON.stringify(labels)}, ${JSON.stringify(probabilities)}${threshold === undefined ? "" : `, ${threshold}`})`;
        const made = threshold === undefined ? call("confusionCounts", labels, probabilities) : call("confusionCounts", labels, probabilities, threshold);
        return made.expect((got) => {
          const counts = got as Partial<Counts> | null | undefined;
          const picked = { truePositives: counts?.truePositives, falsePositives: counts?.falsePositives, trueNegatives: counts?.trueNegatives, falseNegatives: counts?.falseNegatives };
          assert.deepEqual(picked, expected, `${shown} should be ${JSON.stringify(expected)}, got ${show(got)}`);
        });
      });
    }),
  },
};

export default checks;
