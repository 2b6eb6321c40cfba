import { describe, expect, it } from "vitest";
import {
  boxPlotTrace,
  boxSummary,
  countWords,
  distinctiveWords,
  histogram,
  histogramBarTrace,
  logLogSlope,
  maxlenCoverage,
  mergeCounts,
  percentileOfSorted,
  rankFrequency,
  rankWords,
  shareAtMost,
  summarizeLengths,
  tokenShareOfTopWords,
  topWords,
} from "../lib/analysis/exploration";

describe("percentileOfSorted (numpy's linear rule)", () => {
  it("interpolates between the two values around position (n − 1) · p / 100", () => {
    // np.percentile([1, 2, 3, 4], 50) == 2.5; np.percentile([10, 20, 30, 40, 50], 90) == 46.0
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 90)).toBeCloseTo(46, 12);
    // position 0.25 · 3 = 0.75 → 1 + 0.75 · (2 − 1)
    expect(percentileOfSorted([1, 2, 3, 4], 25)).toBe(1.75);
  });

  it("gives the ends at 0 and 100, and the only value of a one-element array", () => {
    expect(percentileOfSorted([3, 8, 9], 0)).toBe(3);
    expect(percentileOfSorted([3, 8, 9], 100)).toBe(9);
    expect(percentileOfSorted([7], 37)).toBe(7);
  });

  it("rejects an empty array and p outside 0-100", () => {
    expect(() => percentileOfSorted([], 50)).toThrow(/empty/);
    expect(() => percentileOfSorted([1], 101)).toThrow("percentileOfSorted: p must be a number from 0 to 100, got 101.");
    expect(() => percentileOfSorted([1], Number.NaN)).toThrow("got NaN");
  });
});

describe("summarizeLengths", () => {
  it("computes mean, population std, median and percentiles of unsorted lengths", () => {
    const s = summarizeLengths([9, 1, 5, 3, 7]);
    expect(s.count).toBe(5);
    expect(s.mean).toBe(5);
    // deviations −4, −2, 0, 2, 4: squares sum to 40, / 5 = 8
    expect(s.std).toBeCloseTo(Math.sqrt(8), 12);
    expect(s.min).toBe(1);
    expect(s.max).toBe(9);
    expect(s.median).toBe(5);
    expect(s.p25).toBe(3);
    expect(s.p75).toBe(7);
    // position 4 · 0.9 = 3.6 → 7 + 0.6 · 2
    expect(s.p90).toBeCloseTo(8.2, 12);
  });

  it("agrees with the percentile of the sorted values", () => {
    const lengths = Array.from({ length: 101 }, (_, i) => (i * 37) % 101);
    const s = summarizeLengths(lengths);
    expect(s.p95).toBe(95);
    expect(s.p99).toBe(99);
  });
});

describe("shareAtMost and maxlenCoverage", () => {
  const lengths = [3, 5, 8, 12];

  it("counts reviews no longer than maxlen, the boundary included", () => {
    expect(shareAtMost(lengths, 5)).toBe(0.5);
    expect(shareAtMost(lengths, 2)).toBe(0);
    expect(shareAtMost(lengths, 12)).toBe(1);
  });

  it("gives the share of tokens kept and of padding for each maxlen", () => {
    const [c5, c10] = maxlenCoverage(lengths, [5, 10]);
    // maxlen 5 keeps 3 + 5 + 5 + 5 = 18 of 28 tokens; padding 2 of 4 · 5 = 20 cells
    expect(c5).toEqual({ maxlen: 5, reviewsWhole: 0.5, tokensKept: 18 / 28, padding: 2 / 20 });
    // maxlen 10 keeps 3 + 5 + 8 + 10 = 26; padding 7 + 5 + 2 + 0 = 14 of 40
    expect(c10).toEqual({ maxlen: 10, reviewsWhole: 0.75, tokensKept: 26 / 28, padding: 14 / 40 });
  });

  it("rejects a maxlen that is not a positive integer", () => {
    expect(() => maxlenCoverage(lengths, [0])).toThrow("maxlenCoverage: every maxlen must be an integer ≥ 1, got 0.");
  });
});

describe("histogram", () => {
  it("puts each value in the bin [edge, next edge) and counts those beyond the last edge", () => {
    const h = histogram([0, 9, 10, 19.5, 25, 30, 31], 10, 30);
    expect(h.edges).toEqual([0, 10, 20, 30]);
    expect(h.counts).toEqual([2, 2, 1]);
    expect(h.above).toBe(2);
  });

  it("becomes bars centred on their bins, as wide as a bin", () => {
    const trace = histogramBarTrace("train", histogram([0, 9, 10, 19.5, 25], 10, 30));
    expect(trace).toMatchObject({ type: "bar", name: "train", x: [5, 15, 25], y: [2, 2, 1], width: 10 });
  });

  it("rounds the number of bins up when max is not a multiple of the width", () => {
    expect(histogram([24], 10, 25).edges).toEqual([0, 10, 20, 30]);
  });

  it("rejects negative values and non-positive widths", () => {
    expect(() => histogram([-1], 10, 30)).toThrow(/non-negative/);
    expect(() => histogram([1], 0, 30)).toThrow(/binWidth/);
  });
});

describe("boxSummary and boxPlotTrace", () => {
  it("gives quartiles and Tukey's whiskers, counting values beyond them", () => {
    // sorted 1..8 and 100: q1 = 3, q3 = 7 (positions 2 and 6), IQR 4, whiskers at −3 and 13
    const box = boxSummary([100, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(box).toEqual({ q1: 3, median: 5, q3: 7, mean: 136 / 9, lowerFence: 1, upperFence: 8, outliers: 1 });
  });

  it("becomes a plotly box with those numbers and no individual points", () => {
    const box = boxSummary([1, 2, 3, 4, 5]);
    expect(boxPlotTrace("train", box)).toMatchObject({ type: "box", orientation: "h", y: ["train"], q1: [2], median: [3], q3: [4], lowerfence: [1], upperfence: [5] });
  });
});

describe("word counts and rankings", () => {
  const counts = countWords(["the film was the best", "a film  the"], (text) => text.split(" ").filter((w) => w !== ""));

  it("counts every word the tokenizer gives, over all texts", () => {
    expect(Object.fromEntries(counts)).toEqual({ the: 3, film: 2, was: 1, best: 1, a: 1 });
  });

  it("adds the counts of several groups", () => {
    const merged = mergeCounts(counts, new Map([["the", 1], ["new", 4]]));
    expect(Object.fromEntries(merged)).toEqual({ the: 4, film: 2, was: 1, best: 1, a: 1, new: 4 });
    expect(counts.get("the")).toBe(3);
  });

  it("ranks by count, ties alphabetically", () => {
    expect(rankWords(counts).map((w) => w.word)).toEqual(["the", "film", "a", "best", "was"]);
    expect(topWords(counts, 3)).toEqual([
      { word: "the", count: 3 },
      { word: "film", count: 2 },
      { word: "a", count: 1 },
    ]);
    expect(topWords(counts, 0)).toEqual([]);
    expect(() => topWords(counts, 1.5)).toThrow("topWords: k must be an integer ≥ 0, got 1.5.");
  });

  it("gives the share of tokens the top words cover", () => {
    // 8 tokens: the top 1 covers 3, the top 2 cover 5, more words than exist cover all
    expect(tokenShareOfTopWords(counts, [0, 1, 2, 99])).toEqual([
      { top: 0, tokenShare: 0 },
      { top: 1, tokenShare: 3 / 8 },
      { top: 2, tokenShare: 5 / 8 },
      { top: 99, tokenShare: 1 },
    ]);
  });
});

describe("rankFrequency and logLogSlope (Zipf)", () => {
  // An exact Zipf vocabulary: the word of rank r occurs 1000 / r times (r = 1..1000, rounded down).
  const zipf = new Map(Array.from({ length: 1000 }, (_, i) => [`w${i + 1}`, Math.floor(1000 / (i + 1))]));

  it("samples log-spaced ranks from 1 to the last, each with its frequency", () => {
    const { ranks, frequencies } = rankFrequency(zipf, 4);
    // exp(ln(1000) · i / 3) for i = 0..3: 1, 10, 100, 1000
    expect(ranks).toEqual([1, 10, 100, 1000]);
    expect(frequencies).toEqual([1000, 100, 10, 1]);
  });

  it("drops ranks that round to the same integer", () => {
    const { ranks } = rankFrequency(new Map([["a", 2], ["b", 1]]), 10);
    expect(ranks).toEqual([1, 2]);
  });

  it("fits a slope of −1 to a power law y = c / x, and 2 to y = x²", () => {
    expect(logLogSlope([1, 10, 100, 1000], [1000, 100, 10, 1])).toBeCloseTo(-1, 12);
    expect(logLogSlope([1, 2, 3], [1, 4, 9])).toBeCloseTo(2, 12);
    expect(() => logLogSlope([1, 2], [0, 1])).toThrow(/positive/);
  });
});

describe("distinctiveWords", () => {
  it("scores the smoothed log ratio of per-token rates and keeps words seen at least minCount times", () => {
    const positive = new Map([["great", 9], ["the", 10], ["rare", 1]]);
    const negative = new Map([["awful", 9], ["the", 10]]);
    // V = 4 distinct words; totals 20 and 19
    const top = distinctiveWords(positive, negative, 2, 5);
    expect(top.map((w) => w.word)).toEqual(["great", "the"]);
    expect(top[0].logRatio).toBeCloseTo(Math.log(10 / 24) - Math.log(1 / 23), 12);
    expect(top[1].logRatio).toBeCloseTo(Math.log(11 / 24) - Math.log(11 / 23), 12);
    // swapping the groups gives the negative side's markers
    expect(distinctiveWords(negative, positive, 1, 5)[0]).toMatchObject({ word: "awful", countA: 9, countB: 0 });
  });
});
