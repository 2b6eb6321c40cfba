/** Word index, decode, encodeText and the raw reviews, on the fixture (see imdb-load-data.test.ts for the ranks). */
import { describe, expect, it } from "vitest";
import { decode, encodeText, getWordIndex, loadData, loadReviews, reviewsFrame, tokenize } from "../lib/index";
import { FIXTURE_KERAS_INDEX, FIXTURE_REVIEWS, useFixtureImdb } from "./fixtures/imdb-archive";

const quiet = { onProgress: () => {} };

useFixtureImdb();

describe("getWordIndex", () => {
  it("ranks the training words by count, ties alphabetically, without the indexFrom offset", async () => {
    expect([...(await getWordIndex(quiet))]).toEqual([
      ["a", 1], ["bad", 2], ["good", 3], ["movie", 4], ["great", 5],
      ["acting", 6], ["awful", 7], ["cast", 8], ["dull", 9], ["it's", 10], ["plot", 11],
    ]);
  });

  it('returns the Keras word index for vocabulary: "keras"', async () => {
    expect(Object.fromEntries(await getWordIndex({ ...quiet, vocabulary: "keras" }))).toEqual(FIXTURE_KERAS_INDEX);
  });

  it("returns a copy: changing it does not change later answers", async () => {
    (await getWordIndex(quiet)).set("a", 99);
    expect((await getWordIndex(quiet)).get("a")).toBe(1);
  });
});

describe("decode", () => {
  it("maps indices back to words, with the reserved ones named", async () => {
    expect(await decode([0, 0, 1, 4, 2, 3, 99, 14], quiet)).toBe("<pad> <pad> <start> a <oov> <unused> <unknown> plot");
  });

  it("decodes a loadData sequence back to its review's tokens", async () => {
    const data = await loadData({ ...quiet, numWords: 100 });
    const review = FIXTURE_REVIEWS[data.train.reviewIndex[0]];
    expect(await decode(data.train.x[0], quiet)).toBe(["<start>", ...tokenize(review.text)].join(" "));
  });

  it("follows the indexFrom, startChar, oovChar and vocabulary it is given", async () => {
    expect(await decode([7, 1, 5, 2, 3], { ...quiet, indexFrom: 1, startChar: 7, oovChar: null })).toBe("<start> <unused> movie a bad");
    expect(await decode([1, 5, 9], { ...quiet, vocabulary: "keras" })).toBe("<start> movie br");
  });

  it("rejects indices that are not integers from 0", async () => {
    await expect(decode([1, -2], quiet)).rejects.toThrow("decode: sequence[1] is -2; indices are integers from 0 up.");
  });
});

describe("encodeText", () => {
  const text = "A boring, BAD movie!<br />Plot?";

  it("encodes new text with the dataset's tokenizer and ranks; unset numWords keeps every word", async () => {
    // a 4, boring not in the project vocabulary (2), bad 5, movie 7, plot 14.
    expect(Array.from(await encodeText(text, quiet))).toEqual([1, 4, 2, 5, 7, 14]);
  });

  it("applies numWords, skipTop and oovChar as loadData does", async () => {
    expect(Array.from(await encodeText(text, { ...quiet, numWords: 10 }))).toEqual([1, 4, 2, 5, 7, 2]);
    expect(Array.from(await encodeText(text, { ...quiet, numWords: 10, skipTop: 5, oovChar: null }))).toEqual([5, 7]);
    expect(Array.from(await encodeText(text, { ...quiet, startChar: null, indexFrom: 0 }))).toEqual([1, 2, 2, 4, 11]);
  });

  it("encodes like loadData: a training review's text gives its loadData sequence", async () => {
    const options = { ...quiet, numWords: 12, skipTop: 4 };
    const data = await loadData(options);
    for (let i = 0; i < data.train.x.length; i++) {
      const review = FIXTURE_REVIEWS[data.train.reviewIndex[i]];
      expect(Array.from(await encodeText(review.text, options))).toEqual(Array.from(data.train.x[i]));
    }
  });

  it('uses Keras\' rules and word index with vocabulary: "keras", leaving out missing words', async () => {
    // a 1+3, boring 9+3, bad 4+3, movie 2+3, br 6+3 (from "<br />"), plot 10+3.
    expect(Array.from(await encodeText(text, { ...quiet, vocabulary: "keras" }))).toEqual([1, 4, 12, 7, 5, 9, 13]);
    // "awful" and "it's" are not in the index.
    expect(Array.from(await encodeText("Awful movie.<br />It's bad", { ...quiet, vocabulary: "keras" }))).toEqual([1, 5, 9, 7]);
  });

  it('encodes like loadData with vocabulary: "keras" too', async () => {
    const options = { ...quiet, vocabulary: "keras" as const, numWords: 12 };
    const data = await loadData(options);
    for (let i = 0; i < data.test.x.length; i++) {
      const review = FIXTURE_REVIEWS[data.test.reviewIndex[i]];
      expect(Array.from(await encodeText(review.text, options))).toEqual(Array.from(data.test.x[i]));
    }
  });

  it("rejects bad options like loadData", async () => {
    await expect(encodeText(text, { skipTop: 3, numWords: 2 })).rejects.toThrow("encodeText: skipTop must be less than numWords");
    await expect(encodeText(text, { maxlen: 3 } as never)).rejects.toThrow('encodeText: unknown option "maxlen"');
  });
});

describe("loadReviews and reviewsFrame", () => {
  const expected = FIXTURE_REVIEWS.map((r) => ({ id: r.id, rating: r.rating, label: r.folder === "pos" ? 1 : 0, split: r.split, text: r.text }));

  it("returns every labeled review in the documented order (train, test; neg, pos; id), unsup skipped", async () => {
    expect(await loadReviews(quiet)).toEqual(expected);
  });

  it("selects one split", async () => {
    expect(await loadReviews({ ...quiet, split: "test" })).toEqual(expected.slice(4));
  });

  // Importing danfojs takes 2-3 s, more on a busy machine.
  it("gives a DataFrame with the same columns and rows", { timeout: 60_000 }, async () => {
    const frame = await reviewsFrame({ ...quiet, split: "train" });
    expect(frame.columns).toEqual(["id", "rating", "label", "split", "text"]);
    expect(frame.shape).toEqual([4, 5]);
    expect(frame.column("text").values).toEqual(expected.slice(0, 4).map((r) => r.text));
  });
});
