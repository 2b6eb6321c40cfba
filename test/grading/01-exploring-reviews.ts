/**
 * Lesson 1 (exploring the reviews): the exercises' contracts as the lesson
 * states them, on cases worked out by hand (not the check cells' cases).
 */
import assert from "node:assert/strict";
import { exercise, show, type LessonChecks } from "../../scripts/grading/checks-api";

const close = (got: unknown, expected: number, tolerance: number): boolean => typeof got === "number" && Math.abs(got - expected) <= tolerance;

const checks: LessonChecks = {
  slug: "01-exploring-reviews",
  exercises: {
    // 0 → "<pad>", 1 → "<start>", 2 → "<oov>"; any other index i → the word of
    // rank i − indexFrom (default 3), or "?"; words joined by single spaces.
    "l1-decode-by-hand": exercise<{ decodeByHand: (sequence: number[], wordIndex: Map<string, number>, indexFrom?: number) => string }>((call) => {
      const wordIndex = new Map([["good", 2], ["bad", 3], ["a", 1], ["plot", 4]]);
      const cases: Array<[number[], number | undefined, string]> = [
        [[1, 4, 7, 5], undefined, "<start> a plot good"],
        [[0, 1, 6, 2, 4], 3, "<pad> <start> bad <oov> a"],
        [[1, 8, 3], 3, "<start> ? ?"],
        [[1, 5, 6, 2], 4, "<start> a good <oov>"],
        [[], 3, ""],
      ];
      return cases.map(([sequence, indexFrom, expected]) => {
        const shown = `decodeByHand([${sequence.join(", ")}], {a: 1, good: 2, bad: 3, plot: 4}${indexFrom === undefined ? "" : `, ${indexFrom}`})`;
        const made = indexFrom === undefined ? call("decodeByHand", sequence, wordIndex) : call("decodeByHand", sequence, wordIndex, indexFrom);
        return made.expect((got) => assert.equal(got, expected, `${shown} should be ${JSON.stringify(expected)}, got ${show(got)}`));
      });
    }),
    // numpy's default (linear) percentile of an ascending array: position
    // (n − 1) · p / 100, interpolated between its two neighbours.
    "l1-percentile": exercise<{ percentile: (sorted: number[], p: number) => number }>((call) => {
      const cases: Array<[number[], number, number]> = [
        [[10, 20], 50, 15],
        [[1, 3, 7, 15], 50, 5],
        [[1, 3, 7, 15], 75, 9],
        [[0, 100], 10, 10],
        [[0, 30, 60, 90], 20, 18],
        [[2, 4, 8], 100, 8],
        [[2, 4, 8], 0, 2],
        [[5], 50, 5],
        [[-4, -2, 0, 6], 90, 4.2],
      ];
      return cases.map(([sorted, p, expected]) =>
        call("percentile", sorted, p).expect((got) => {
          assert.ok(close(got, expected, 1e-9), `percentile([${sorted.join(", ")}], ${p}) should be ${expected}, got ${show(got)}`);
        }),
      );
    }),
    // The share (0 to 1) of lengths that are at most maxlen.
    "l1-share-kept-whole": exercise<{ shareKeptWhole: (lengths: number[], maxlen: number) => number }>((call) => {
      const cases: Array<[number[], number, number]> = [
        [[1, 2, 3, 4, 5], 3, 0.6],
        [[7], 7, 1],
        [[7], 6, 0],
        [[100, 1, 50, 20], 20, 0.5],
        [[4, 4, 9], 4, 2 / 3],
      ];
      return cases.map(([lengths, maxlen, expected]) =>
        call("shareKeptWhole", lengths, maxlen).expect((got) => {
          assert.ok(close(got, expected, 1e-12), `shareKeptWhole([${lengths.join(", ")}], ${maxlen}) should be ${expected}, got ${show(got)}`);
        }),
      );
    }),
    // The k words with the highest counts, most frequent first, ties in
    // alphabetical order whatever the map's order; words only.
    "l1-top-k": exercise<{ topK: (counts: Map<string, number>, k: number) => string[] }>((call) => {
      const entries: Array<[string, number]> = [["zebra", 2], ["mango", 5], ["kiwi", 1], ["apple", 2], ["fig", 2]];
      const cases: Array<[number, string[]]> = [
        [1, ["mango"]],
        [2, ["mango", "apple"]],
        [4, ["mango", "apple", "fig", "zebra"]],
        [10, ["mango", "apple", "fig", "zebra", "kiwi"]],
        [0, []],
      ];
      return [entries, [...entries].reverse()].flatMap((order) => {
        const shown = `{${order.map(([w, c]) => `${w}: ${c}`).join(", ")}}`;
        return cases.map(([k, expected]) =>
          call("topK", new Map(order), k).expect((got) => {
            assert.deepEqual(got, expected, `topK(${shown}, ${k}) should be [${expected.join(", ")}], got ${JSON.stringify(got)}`);
          }),
        );
      });
    }),
  },
};

export default checks;
