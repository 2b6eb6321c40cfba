/**
 * loadData's Keras semantics on the fixture (test/fixtures/imdb-archive.ts).
 *
 * Worked out by hand from the fixture's eight reviews. Project ranks (training
 * counts, ties alphabetical): a 1 (4×), bad 2, good 3, movie 4 (3× each),
 * great 5 (2×), acting 6, awful 7, cast 8, dull 9, it's 10, plot 11 (1× each);
 * "boring" occurs only in a test review, so it is not in the vocabulary.
 * Index = rank + 3: a 4, bad 5, good 6, movie 7, great 8, acting 9, awful 10,
 * cast 11, dull 12, it's 13, plot 14.
 *
 * Before any cut, with the start index 1 and boring as OOV (2):
 *   R0 train/neg/0 "Bad bad movie. Awful!"           [1, 5, 5, 7, 10]
 *   R1 train/neg/1 "A bad plot, a dull cast."        [1, 4, 5, 14, 4, 12, 11]
 *   R2 train/pos/0 "A good movie; good acting."      [1, 4, 6, 7, 6, 9]
 *   R3 train/pos/1 "Good! It's a great, great movie." [1, 6, 13, 4, 8, 8, 7]
 *   R4 test/neg/0  "Dull, boring movie."             [1, 12, 2, 7]
 *   R5 test/neg/1  "Bad acting."                     [1, 5, 9]
 *   R6 test/pos/0  "A great cast!"                   [1, 4, 8, 11]
 *   R7 test/pos/1  "Good, good, good."               [1, 6, 6, 6]
 *
 * Shuffle orders come from numpy: `rng = np.random.RandomState(113)`,
 * `a = np.arange(4); rng.shuffle(a)` → [3, 2, 0, 1] (train), then the same
 * for test → [1, 3, 0, 2]. Seed 0 gives [2, 3, 1, 0] and [0, 2, 1, 3].
 */
import { describe, expect, it } from "vitest";
import { loadData, type ImdbData, type ImdbProgress, type LoadDataOptions } from "../lib/index";
import { useFixtureImdb } from "./fixtures/imdb-archive";


useFixtureImdb();

const quiet = { onProgress: (_event: ImdbProgress) => {} };
const load = (options: LoadDataOptions = {}) => loadData({ ...quiet, ...options });
const arrays = (data: ImdbData) => ({
  train: data.train.x.map((x) => Array.from(x)),
  test: data.test.x.map((x) => Array.from(x)),
});

describe("loadData with Keras defaults", () => {
  it("shuffles train then test with numpy's permutations for seed 113, and cuts the largest index (plot, 14)", async () => {
    const data = await load();
    expect(data.train.reviewIndex).toEqual([3, 2, 0, 1]);
    expect(data.test.reviewIndex).toEqual([5, 7, 4, 6]);
    expect(arrays(data)).toEqual({
      train: [[1, 6, 13, 4, 8, 8, 7], [1, 4, 6, 7, 6, 9], [1, 5, 5, 7, 10], [1, 4, 5, 2, 4, 12, 11]],
      test: [[1, 5, 9], [1, 6, 6, 6], [1, 12, 2, 7], [1, 4, 8, 11]],
    });
    expect(data.train.y).toEqual([1, 1, 0, 0]);
    expect(data.test.y).toEqual([0, 1, 0, 1]);
  });

  it("gives numpy's seed-0 permutations for seed 0, the same order again for the same seed", async () => {
    const first = await load({ seed: 0 });
    expect(first.train.reviewIndex).toEqual([2, 3, 1, 0]);
    expect(first.test.reviewIndex).toEqual([4, 6, 5, 7]);
    expect(arrays(await load({ seed: 0 }))).toEqual(arrays(first));
  });
});

describe("loadData options, each against hand-computed sequences", () => {
  it("numWords: 10 turns every index >= 10 into oovChar", async () => {
    expect(arrays(await load({ numWords: 10 }))).toEqual({
      train: [[1, 6, 2, 4, 8, 8, 7], [1, 4, 6, 7, 6, 9], [1, 5, 5, 7, 2], [1, 4, 5, 2, 4, 2, 2]],
      test: [[1, 5, 9], [1, 6, 6, 6], [1, 2, 2, 7], [1, 4, 8, 2]],
    });
  });

  it("skipTop: 5 turns indices below 5 into oovChar, the start index included (Keras corner case)", async () => {
    expect(arrays(await load({ skipTop: 5 }))).toEqual({
      train: [[2, 6, 13, 2, 8, 8, 7], [2, 2, 6, 7, 6, 9], [2, 5, 5, 7, 10], [2, 2, 5, 2, 2, 12, 11]],
      test: [[2, 5, 9], [2, 6, 6, 6], [2, 12, 2, 7], [2, 2, 8, 11]],
    });
  });

  it("oovChar: null drops cut words and words outside the vocabulary instead", async () => {
    expect(arrays(await load({ numWords: 10, oovChar: null }))).toEqual({
      train: [[1, 6, 4, 8, 8, 7], [1, 4, 6, 7, 6, 9], [1, 5, 5, 7], [1, 4, 5, 4]],
      test: [[1, 5, 9], [1, 6, 6, 6], [1, 7], [1, 4, 8]],
    });
  });

  it("skipTop above startChar with oovChar: null drops the start index too", async () => {
    expect(arrays(await load({ skipTop: 5, numWords: 10, oovChar: null }))).toEqual({
      train: [[6, 8, 8, 7], [6, 7, 6, 9], [5, 5, 7], [5]],
      test: [[5, 9], [6, 6, 6], [7], [8]],
    });
  });

  it("startChar: null puts no start index", async () => {
    const data = await load({ startChar: null });
    expect(arrays(data).train).toEqual([[6, 13, 4, 8, 8, 7], [4, 6, 7, 6, 9], [5, 5, 7, 10], [4, 5, 2, 4, 12, 11]]);
  });

  it("indexFrom: 0 uses the ranks themselves (default numWords then 11, so plot is cut)", async () => {
    const data = await load({ indexFrom: 0, startChar: null });
    expect(arrays(data).train).toEqual([[3, 10, 1, 5, 5, 4], [1, 3, 4, 3, 6], [2, 2, 4, 7], [1, 2, 2, 1, 9, 8]]);
  });

  it("maxlen keeps only sequences strictly shorter, start index counted, then takes numWords from what is kept", async () => {
    // Lengths with the start index: R0 5, R1 7, R2 6, R3 7 | R4 4, R5 3, R6 4, R7 4.
    // Kept: R0 only in train; all of test. Largest index left: dull (12), so it is cut.
    const data = await load({ maxlen: 6 });
    expect(data.train.reviewIndex).toEqual([0]);
    expect(data.train.y).toEqual([0]);
    expect(arrays(data)).toEqual({
      train: [[1, 5, 5, 7, 10]],
      test: [[1, 5, 9], [1, 6, 6, 6], [1, 2, 2, 7], [1, 4, 8, 11]],
    });
  });

  it("maxlen counts the start index only when there is one", async () => {
    // Without it: R0 4, R1 6, R2 5, R3 6, so R2 and R0 stay (in shuffled order).
    const data = await load({ maxlen: 6, startChar: null });
    expect(data.train.reviewIndex).toEqual([2, 0]);
  });

  it("throws Keras' message when maxlen leaves a split empty (length equal to maxlen is not kept)", async () => {
    await expect(load({ maxlen: 5 })).rejects.toThrow(
      "After filtering for sequences shorter than maxlen=5, no sequence was kept. Increase maxlen.",
    );
  });

  it('vocabulary: "keras" splits by Keras\' rules (br kept) and leaves out words missing from its index', async () => {
    // Keras index + 3: a 4, movie 5, good 6, bad 7, great 8, br 9, dull 10, cast 11, boring 12, plot 13;
    // awful, acting and it's are missing, so they are left out.
    //   R0 [1, 7, 7, 5, 9, 9]  R1 [1, 4, 7, 13, 4, 10, 11]  R2 [1, 4, 6, 5, 6]  R3 [1, 6, 4, 8, 8, 5]
    //   R4 [1, 10, 12, 5]      R5 [1, 7]                    R6 [1, 4, 8, 11]   R7 [1, 6, 6, 6]
    // Largest index present: plot (13), cut by default.
    expect(arrays(await load({ vocabulary: "keras" }))).toEqual({
      train: [[1, 6, 4, 8, 8, 5], [1, 4, 6, 5, 6], [1, 7, 7, 5, 9, 9], [1, 4, 7, 2, 4, 10, 11]],
      test: [[1, 7], [1, 6, 6, 6], [1, 10, 12, 5], [1, 4, 8, 11]],
    });
  });

  it('vocabulary: "keras" with oovChar: null drops cut words (boring 12, plot 13 with numWords 12)', async () => {
    const data = await load({ vocabulary: "keras", oovChar: null, numWords: 12 });
    expect(arrays(data).train).toEqual([[1, 6, 4, 8, 8, 5], [1, 4, 6, 5, 6], [1, 7, 7, 5, 9, 9], [1, 4, 7, 4, 10, 11]]);
    expect(arrays(data).test[2]).toEqual([1, 10, 5]);
  });

  it('vocabulary: "keras" measures maxlen without the words left out', async () => {
    // Lengths: R0 6 (7 if "awful" counted), R1 7, R2 5, R3 6; maxlen 7 keeps R3, R2, R0 in shuffled order.
    const data = await load({ vocabulary: "keras", maxlen: 7 });
    expect(data.train.reviewIndex).toEqual([3, 2, 0]);
  });
});

describe("loadData option checks", () => {
  it.each([
    [{ numWords: -1 }, "numWords must be null or an integer from 1 to 2147483647, got -1"],
    [{ numWords: 2.5 }, "numWords must be null or an integer from 1 to 2147483647, got 2.5"],
    [{ skipTop: -3 }, "skipTop must be an integer from 0 to 2147483647, got -3"],
    [{ skipTop: 10, numWords: 10 }, "skipTop must be less than numWords, got skipTop=10 and numWords=10"],
    [{ maxlen: 0 }, "maxlen must be null or an integer from 1 to 2147483647, got 0"],
    [{ seed: -1 }, "seed must be an integer from 0 to 4294967295, got -1"],
    [{ seed: 2 ** 32 }, "seed must be an integer from 0 to 4294967295, got 4294967296"],
    [{ indexFrom: 0.5 }, "indexFrom must be an integer from 0 to 1073741824, got 0.5"],
    [{ startChar: "1" }, 'startChar must be null or an integer from 0 to 2147483647, got "1"'],
    [{ vocabulary: "glove" }, 'vocabulary must be one of "project", "keras", got "glove"'],
    [{ num_words: 10 }, 'unknown option "num_words". Allowed options: numWords, skipTop'],
  ])("rejects %j naming the option and its range", async (options, message) => {
    await expect(loadData(options as LoadDataOptions)).rejects.toThrow(message);
  });
});
