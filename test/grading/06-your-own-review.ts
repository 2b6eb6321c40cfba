/**
 * Lesson 6 (your own review): the exercises' contracts as the lesson states
 * them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

type Prediction = { text: string; probability: number };

const checks: LessonChecks = {
  slug: "06-your-own-review",
  exercises: {
    // Every token that is not in the word index, or whose index
    // (rank + indexFrom, default 3) is not below numWords, counted each time.
    "l6-count-unknown-words": exercise<{
      countUnknownWords: (tokens: string[], wordIndex: Map<string, number>, numWords: number, indexFrom?: number) => number;
    }>((call) => {
      const wordIndex = new Map([["a", 1], ["story", 2], ["boring", 6], ["cast", 10]]);
      const tokens = ["a", "story", "zzz", "boring", "a", "cast", "zzz"];
      const cases: Array<[string[], number, number | undefined, number]> = [
        [tokens, 10, 3, 3],
        [tokens, 9, 3, 4],
        [tokens, 1000, undefined, 2],
        [tokens, 5, 3, 5],
        [tokens, 2, 0, 5],
        [[], 10, 3, 0],
      ];
      return cases.map(([given, numWords, indexFrom, expected]) => {
        const shown = `countUnknownWords([${given.map((t) => JSON.stringify(t)).join(", ")}], {a: 1, story: 2, boring: 6, cast: 10}, ${numWords}${indexFrom === undefined ? "" : `, ${indexFrom}`})`;
        const made = indexFrom === undefined ? call("countUnknownWords", given, wordIndex, numWords) : call("countUnknownWords", given, wordIndex, numWords, indexFrom);
        return made.expect((got) => assert.equal(got, expected, `${shown} should be ${expected}, got ${show(got)}`));
      });
    }),
    // "positive" when the probability is above the threshold (default 0.5), "negative" otherwise.
    "l6-label-with-threshold": exercise<{ labelWithThreshold: (probability: number, threshold?: number) => string }>((call) => {
      const cases: Array<[number, number | undefined, string]> = [
        [0.51, undefined, "positive"],
        [0.5, undefined, "negative"],
        [0.49, undefined, "negative"],
        [0.8, 0.8, "negative"],
        [0.81, 0.8, "positive"],
        [0.05, 0, "positive"],
        [0, 0, "negative"],
        [1, 1, "negative"],
      ];
      return cases.map(([probability, threshold, expected]) => {
        const shown = `labelWithThreshold(${probability}${threshold === undefined ? "" : `, ${threshold}`})`;
        const made = threshold === undefined ? call("labelWithThreshold", probability) : call("labelWithThreshold", probability, threshold);
        return made.expect((got) => assert.equal(got, expected, `${shown} should be "${expected}", got ${show(got)}`));
      });
    }),
    // The texts of the k most probable predictions, highest first, ties in
    // their input order; the input is left unchanged.
    "l6-most-positive": exercise<{ mostPositive: (predictions: Prediction[], k: number) => string[] }>((call) => {
      const predictions: Prediction[] = [
        { text: "a", probability: 0.2 },
        { text: "b", probability: 0.9 },
        { text: "c", probability: 0.2 },
        { text: "d", probability: 0.5 },
        { text: "e", probability: 0.9 },
      ];
      const cases: Array<[number, string[]]> = [
        [2, ["b", "e"]],
        [4, ["b", "e", "d", "a"]],
        [7, ["b", "e", "d", "a", "c"]],
        [0, []],
      ];
      return cases.map(([k, expected]) =>
        call("mostPositive", predictions, k).expectWithArguments((got, [given]) => {
          const shown = `mostPositive([a 0.2, b 0.9, c 0.2, d 0.5, e 0.9], ${k})`;
          assert.deepEqual(got, expected, `${shown} should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
          assert.deepEqual(given, predictions, `${shown} changed the predictions it was given (their order or values); sort a copy instead`);
        }),
      );
    }),
  },
};

export default checks;
