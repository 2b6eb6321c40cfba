/**
 * Lesson 9 (inside the models): the exercises' contracts as the lesson states
 * them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, type LessonChecks } from "../../scripts/grading/checks-api";

type Counts = { truePositives: number; falsePositives: number; trueNegatives: number; falseNegatives: number };

function assertNumbers(got: unknown, expected: number[], call: string): void {
  assert.ok(Array.isArray(got), `${call} should return an array of ${expected.length} numbers, got ${JSON.stringify(got)}`);
  const values = got as unknown[];
  assert.equal(values.length, expected.length, `${call} should give ${expected.length} numbers, one per token, got ${values.length}: ${JSON.stringify(values)}`);
  values.forEach((value, i) => {
    assert.ok(typeof value === "number" && Math.abs(value - expected[i]) < 1e-9, `${call} should be [${expected.join(", ")}], got ${JSON.stringify(values)}: position ${i} differs`);
  });
}

const checks: LessonChecks = {
  slug: "09-inside-the-models",
  exercises: {
    // Each known unigram / bigram's effect counts once, split evenly over its occurrences, then over its tokens.
    "l9-token-contributions": exercise<{ tokenContributions: (tokens: string[], effects: Map<string, number>) => number[] }>(["tokenContributions"], ({ tokenContributions }) => {
      const cases: Array<[string[], Array<[string, number]>, number[]]> = [
        // "great" alone: 2; "not great": −1 over its 2 tokens.
        [["not", "great"], [["great", 2], ["not great", -1]], [-0.5, 1.5]],
        // "bad" twice: −3 / 2 each; "so bad" once: 0.5 / 2 on "so" and the first "bad"; "bad bad" once: 1 / 2 on both "bad".
        [["so", "bad", "bad"], [["bad", -3], ["so bad", 0.5], ["bad bad", 1]], [0.25, -1.5 + 0.25 + 0.5, -1.5 + 0.5]],
        // "a a" occurs twice in "a a a": 0.8 / (2 × 2) on each token slot: 0.2, 0.4, 0.2.
        [["a", "a", "a"], [["a a", 0.8]], [0.2, 0.4, 0.2]],
        [["unknown", "words"], [["good", 1]], [0, 0]],
      ];
      for (const [tokens, effects, expected] of cases) {
        const call = `tokenContributions(${JSON.stringify(tokens)}, ${JSON.stringify(Object.fromEntries(effects))})`;
        assertNumbers(tokenContributions([...tokens], new Map(effects)), expected, call);
      }
    }),
    // score(tokens) − score(tokens without position i), for each i; tokens unchanged.
    "l9-occlusion": exercise<{ occlusion: (tokens: string[], score: (tokens: string[]) => number) => number[] }>(["occlusion"], ({ occlusion }) => {
      const length = (tokens: string[]) => tokens.length;
      // Counts "a" only when it comes before any "b": removing the "b" frees the "a" after it.
      const aBeforeB = (tokens: string[]) => {
        const firstB = tokens.indexOf("b");
        return tokens.filter((t, i) => t === "a" && (firstB < 0 || i < firstB)).length;
      };
      const cases: Array<[string, (tokens: string[]) => number, string[], number[]]> = [
        ["length", length, ["x", "y", "z"], [1, 1, 1]],
        // Whole: 1. Without the first "a": 0; without "b": 2; without the last "a": 1.
        ["aBeforeB", aBeforeB, ["a", "b", "a"], [1, -1, 0]],
        ["length", length, [], []],
      ];
      for (const [name, score, tokens, expected] of cases) {
        const input = [...tokens];
        const call = `occlusion(${JSON.stringify(tokens)}, ${name})`;
        assertNumbers(occlusion(input, score), expected, call);
        assert.deepEqual(input, tokens, `${call} must leave its tokens as they were, got ${JSON.stringify(input)} afterwards`);
      }
    }),
    // Counts by true label; positive means probability > threshold (equal is negative); threshold defaults to 0.5.
    "l9-confusion-counts": exercise<{ confusionCounts: (labels: number[], probabilities: number[], threshold?: number) => Counts }>(["confusionCounts"], ({ confusionCounts }) => {
      const labels = [0, 1, 1, 0, 0, 1, 1];
      const probabilities = [0.2, 0.7, 0.5, 0.8, 0.5, 0.99, 0.1];
      const cases: Array<[number | undefined, Counts]> = [
        // Called positive: 0.7, 0.8, 0.99. Positives 0.7, 0.99 right; 0.5 and 0.1 missed. Negative 0.8 wrong; 0.2, 0.5 right.
        [undefined, { truePositives: 2, falsePositives: 1, trueNegatives: 2, falseNegatives: 2 }],
        // Above 0.15: all but 0.1.
        [0.15, { truePositives: 3, falsePositives: 3, trueNegatives: 0, falseNegatives: 1 }],
        [1, { truePositives: 0, falsePositives: 0, trueNegatives: 3, falseNegatives: 4 }],
      ];
      for (const [threshold, expected] of cases) {
        const call = `confusionCounts(${JSON.stringify(labels)}, ${JSON.stringify(probabilities)}${threshold === undefined ? "" : `, ${threshold}`})`;
        const got = threshold === undefined ? confusionCounts([...labels], [...probabilities]) : confusionCounts([...labels], [...probabilities], threshold);
        const picked = got === null || typeof got !== "object" ? got : {
          truePositives: got.truePositives, falsePositives: got.falsePositives, trueNegatives: got.trueNegatives, falseNegatives: got.falseNegatives,
        };
        assert.deepEqual(picked, expected, `${call} should be ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
      }
    }),
  },
};

export default checks;
