/**
 * Describing the reviews before modelling them (lesson 1, "Exploring the
 * reviews"): how long they are, how many distinct words they use, how those
 * words are distributed, and how much of the data a `maxlen` keeps.
 *
 * Pure functions over plain arrays and maps, so each figure a lesson quotes
 * can be checked on a hand-computed case.
 */
import type { Data } from "plotly.js-dist";
import { requiredIntegerOption, requiredNumberOption } from "../util/options";

/**
 * The p-th percentile (0 ≤ p ≤ 100) of an ascending array, by numpy's default
 * rule (`np.percentile(a, p)`, "linear"): the value at position
 * (n − 1) · p / 100, interpolated linearly between its two neighbours
 * (lesson 1).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError("percentileOfSorted: the array is empty; a percentile needs at least one value.");
  requiredNumberOption("percentileOfSorted", "p", p, { min: 0, max: 100 });
  const position = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

export interface LengthSummary {
  count: number;
  mean: number;
  /** Population standard deviation (divides by n, numpy's default); danfojs' describe() divides by n − 1. */
  std: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** Mean, standard deviation, median and percentiles of review lengths (lesson 1). */
export function summarizeLengths(lengths: ArrayLike<number>): LengthSummary {
  if (lengths.length === 0) throw new RangeError("summarizeLengths: no lengths given; pass one length per review.");
  const sorted = Float64Array.from(lengths).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / sorted.length;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const at = (p: number) => percentileOfSorted(sorted, p);
  return {
    count: sorted.length,
    mean,
    std: Math.sqrt(squares / sorted.length),
    min: sorted[0],
    p25: at(25),
    median: at(50),
    p75: at(75),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1],
  };
}

/** Share (0-1) of sequences whose length is at most `maxlen`: those a `maxlen` keeps whole (lesson 1). */
export function shareAtMost(lengths: ArrayLike<number>, maxlen: number): number {
  if (lengths.length === 0) throw new RangeError("shareAtMost: no lengths given; pass one length per review.");
  let kept = 0;
  for (let i = 0; i < lengths.length; i++) if (lengths[i] <= maxlen) kept++;
  return kept / lengths.length;
}

export interface MaxlenCoverage {
  maxlen: number;
  /** Share of reviews no longer than maxlen (kept whole, nothing truncated). */
  reviewsWhole: number;
  /** Share of all tokens that survive truncation to maxlen. */
  tokensKept: number;
  /** Share of the padded [reviews × maxlen] matrix that is padding. */
  padding: number;
}

/**
 * What cutting or padding every review to `maxlen` tokens costs (lesson 1, to
 * justify the maxlen of lessons 3-5): a small maxlen truncates many reviews, a
 * large one fills the input with padding the model still has to process.
 */
export function maxlenCoverage(lengths: ArrayLike<number>, maxlens: readonly number[]): MaxlenCoverage[] {
  if (lengths.length === 0) throw new RangeError("maxlenCoverage: no lengths given; pass one length per review.");
  let total = 0;
  for (let i = 0; i < lengths.length; i++) total += lengths[i];
  return maxlens.map((maxlen) => {
    requiredIntegerOption("maxlenCoverage", "every maxlen", maxlen, 1, Infinity);
    let kept = 0;
    let pad = 0;
    for (let i = 0; i < lengths.length; i++) {
      kept += Math.min(lengths[i], maxlen);
      pad += Math.max(0, maxlen - lengths[i]);
    }
    return { maxlen, reviewsWhole: shareAtMost(lengths, maxlen), tokensKept: total === 0 ? 1 : kept / total, padding: pad / (lengths.length * maxlen) };
  });
}

export interface Histogram {
  /** Bin edges: bin i holds values v with edges[i] ≤ v < edges[i + 1]. */
  edges: number[];
  counts: number[];
  /** Values at or above the last edge, left out of the bins (the long tail). */
  above: number;
}

/**
 * Counts of values in bins of `binWidth` from 0 up to `max` (lesson 1): binned
 * here rather than by plotly, so a chart of 25,000 lengths carries a few dozen
 * numbers instead of 25,000.
 */
export function histogram(values: ArrayLike<number>, binWidth: number, max: number): Histogram {
  requiredNumberOption("histogram", "binWidth", binWidth, { min: 0, exclusive: true });
  requiredNumberOption("histogram", "max", max, { min: 0, exclusive: true });
  const bins = Math.ceil(max / binWidth);
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * binWidth);
  const counts = new Array<number>(bins).fill(0);
  let above = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < 0) throw new RangeError(`histogram: values must be non-negative, got ${v} at position ${i}.`);
    if (v >= edges[bins]) above++;
    else counts[Math.min(bins - 1, Math.floor(v / binWidth))]++;
  }
  return { edges, counts, above };
}

/** A plotly bar trace of a histogram, one bar per bin drawn across its whole width (lesson 1). */
export function histogramBarTrace(name: string, hist: Histogram): Data {
  const width = hist.edges.length > 1 ? hist.edges[1] - hist.edges[0] : 1;
  return { type: "bar", name, x: hist.counts.map((_, i) => hist.edges[i] + width / 2), y: hist.counts, width, opacity: 0.6 } as Data;
}

export interface BoxSummary {
  q1: number;
  median: number;
  q3: number;
  mean: number;
  /** Smallest value at or above q1 − 1.5 · (q3 − q1) (Tukey's whisker). */
  lowerFence: number;
  /** Largest value at or below q3 + 1.5 · (q3 − q1). */
  upperFence: number;
  /** Values beyond the whiskers. */
  outliers: number;
}

/** The five numbers of a box plot, with Tukey's whiskers (lesson 1). */
export function boxSummary(values: ArrayLike<number>): BoxSummary {
  if (values.length === 0) throw new RangeError("boxSummary: no values given.");
  const sorted = Float64Array.from(values).sort();
  const q1 = percentileOfSorted(sorted, 25);
  const q3 = percentileOfSorted(sorted, 75);
  const low = q1 - 1.5 * (q3 - q1);
  const high = q3 + 1.5 * (q3 - q1);
  let lowerFence = Infinity;
  let upperFence = -Infinity;
  let outliers = 0;
  let sum = 0;
  for (const v of sorted) {
    sum += v;
    if (v < low || v > high) outliers++;
    else {
      lowerFence = Math.min(lowerFence, v);
      upperFence = Math.max(upperFence, v);
    }
  }
  return { q1, median: percentileOfSorted(sorted, 50), q3, mean: sum / sorted.length, lowerFence, upperFence, outliers };
}

/**
 * A horizontal plotly box drawn from precomputed statistics (lesson 1), so the
 * chart carries seven numbers rather than every review's length.
 */
export function boxPlotTrace(name: string, box: BoxSummary): Data {
  return {
    type: "box",
    orientation: "h",
    name,
    y: [name],
    q1: [box.q1],
    median: [box.median],
    q3: [box.q3],
    mean: [box.mean],
    lowerfence: [box.lowerFence],
    upperfence: [box.upperFence],
    boxpoints: false,
  } as Data;
}

/**
 * How often each word occurs over all the texts, split into words by
 * `tokenizer` (lesson 1; the course's is `tokenize`). One text is tokenized at
 * a time, so 50,000 reviews never exist as 11 million strings at once.
 */
export function countWords(texts: Iterable<string>, tokenizer: (text: string) => readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of tokenizer(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The word counts of several groups added together, e.g. positive and negative reviews (lesson 1). */
export function mergeCounts(...groups: ReadonlyMap<string, number>[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const counts of groups) for (const [word, count] of counts) merged.set(word, (merged.get(word) ?? 0) + count);
  return merged;
}

export interface WordCount {
  word: string;
  count: number;
}

/** Words sorted by decreasing count, ties in alphabetical (code unit) order: a stable ranking (lesson 1). */
export function rankWords(counts: ReadonlyMap<string, number>): WordCount[] {
  return [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** The k most frequent words, ties in alphabetical order (lesson 1). */
export function topWords(counts: ReadonlyMap<string, number>, k: number): WordCount[] {
  requiredIntegerOption("topWords", "k", k, 0, Infinity);
  return rankWords(counts).slice(0, k);
}

export interface RankFrequency {
  ranks: number[];
  frequencies: number[];
}

/**
 * Frequency against rank (1 = most frequent word) at about `points` ranks
 * spaced evenly on a log scale (lesson 1, Zipf's law): on log axes an even
 * spacing shows the whole curve with a few hundred points instead of every
 * word. Always includes rank 1 and the last rank.
 */
export function rankFrequency(counts: ReadonlyMap<string, number>, points = 200): RankFrequency {
  requiredIntegerOption("rankFrequency", "points", points, 2, Infinity);
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const ranks: number[] = [];
  const last = Math.log(Math.max(sorted.length, 1));
  for (let i = 0; i < points && sorted.length > 0; i++) {
    const rank = Math.round(Math.exp((last * i) / (points - 1)));
    if (rank !== ranks[ranks.length - 1]) ranks.push(rank);
  }
  return { ranks, frequencies: ranks.map((r) => sorted[r - 1]) };
}

/**
 * The least-squares slope of log(y) against log(x) (lesson 1): for word
 * frequencies against rank, Zipf's law predicts a slope near −1.
 */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) {
    throw new RangeError(`logLogSlope: needs two arrays of the same length ≥ 2, got lengths ${xs.length} and ${ys.length}.`);
  }
  const lx = xs.map((x) => Math.log(x));
  const ly = ys.map((y) => Math.log(y));
  if ([...lx, ...ly].some((v) => !Number.isFinite(v))) throw new RangeError("logLogSlope: every value must be positive.");
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < lx.length; i++) {
    sxy += (lx[i] - mx) * (ly[i] - my);
    sxx += (lx[i] - mx) ** 2;
  }
  if (sxx === 0) throw new RangeError("logLogSlope: every x is the same, so no slope is defined.");
  return sxy / sxx;
}

/**
 * Share of all tokens that are among the `top` most frequent words, for each
 * `top` (lesson 1): what a `numWords` cut keeps of the text (lessons 2-5 use
 * 5,000, 10,000 and 20,000 words).
 */
export function tokenShareOfTopWords(counts: ReadonlyMap<string, number>, tops: readonly number[]): { top: number; tokenShare: number }[] {
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const cumulative = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) cumulative[i + 1] = cumulative[i] + sorted[i];
  const total = cumulative[sorted.length];
  return tops.map((top) => {
    requiredIntegerOption("tokenShareOfTopWords", "every top", top, 0, Infinity);
    return { top, tokenShare: total === 0 ? 0 : cumulative[Math.min(top, sorted.length)] / total };
  });
}

export interface DistinctiveWord {
  word: string;
  /** Natural log of how much more often (per token) the word occurs in the first group than in the second. */
  logRatio: number;
  countA: number;
  countB: number;
}

/**
 * Words far more frequent in group A than in group B (lesson 1: which words
 * mark positive reviews, which negative). Score: the log ratio of the two
 * smoothed per-token rates, log((a + 1) / (A + V)) − log((b + 1) / (B + V)),
 * where a and b are the word's counts, A and B the groups' token totals and V
 * the number of distinct words in both (add-one smoothing keeps words absent
 * from one group finite). Words seen fewer than `minCount` times in both
 * groups together are left out: rare words have extreme but unreliable ratios.
 * Ties by word, alphabetically.
 */
export function distinctiveWords(countsA: ReadonlyMap<string, number>, countsB: ReadonlyMap<string, number>, k: number, minCount = 50): DistinctiveWord[] {
  requiredIntegerOption("distinctiveWords", "k", k, 0, Infinity);
  const words = new Set([...countsA.keys(), ...countsB.keys()]);
  const totalA = sum(countsA.values());
  const totalB = sum(countsB.values());
  const scored: DistinctiveWord[] = [];
  for (const word of words) {
    const countA = countsA.get(word) ?? 0;
    const countB = countsB.get(word) ?? 0;
    if (countA + countB < minCount) continue;
    const logRatio = Math.log((countA + 1) / (totalA + words.size)) - Math.log((countB + 1) / (totalB + words.size));
    scored.push({ word, logRatio, countA, countB });
  }
  scored.sort((x, y) => y.logRatio - x.logRatio || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
  return scored.slice(0, k);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
