import { describe, expect, it } from "vitest";
import { buildNgramVocabulary, NgramLookup } from "../lib/models/ngrams/vocabulary";
import { extractNgrams } from "../lib/models/ngrams/extract";
import { ngramFeatures, inverseDocumentFrequencies } from "../lib/models/ngrams/features";
import { describeSparsity } from "../lib/models/ngrams/csr";
import type { CsrMatrix } from "../lib/models/ngrams/csr";
import { PairTable } from "../lib/models/ngrams/pair-table";
import { mulberry32 } from "../lib/util/random";

// Four tiny reviews used throughout; document frequencies worked out by hand:
// good 2, movie 3, not 2, bad 2, "good movie" 2, and 1 for "not good",
// "bad movie" (twice, but in one review), "movie bad", "not bad".
const REVIEWS = [
  ["good", "movie"],
  ["not", "good", "movie"],
  ["bad", "movie", "bad", "movie"],
  ["not", "bad"],
];

function rows(matrix: CsrMatrix): [number, number][][] {
  return Array.from({ length: matrix.rows }, (_, i) =>
    Array.from({ length: matrix.indptr[i + 1] - matrix.indptr[i] }, (_, k) => [matrix.indices[matrix.indptr[i] + k], matrix.values[matrix.indptr[i] + k]] as [number, number]),
  );
}

describe("extractNgrams", () => {
  it("lists unigrams then bigrams, in text order, repeats kept", () => {
    expect(extractNgrams(["not", "bad", "at", "all"], 2)).toEqual(["not", "bad", "at", "all", "not bad", "bad at", "at all"]);
    expect(extractNgrams(["so", "so", "so"], 2)).toEqual(["so", "so", "so", "so so", "so so"]);
  });

  it("never runs past either end of the review", () => {
    expect(extractNgrams(["great"], 2)).toEqual(["great"]);
    expect(extractNgrams([], 2)).toEqual([]);
    expect(extractNgrams(["a", "b"], 3)).toEqual(["a", "b", "a b"]);
    expect(extractNgrams(["a", "b", "c"], 3)).toEqual(["a", "b", "c", "a b", "b c", "a b c"]);
  });

  it("rejects an order below 1", () => {
    expect(() => extractNgrams(["a"], 0)).toThrow("extractNgrams: maxN must be an integer ≥ 1 (1 = unigrams, 2 = unigrams + bigrams), got 0.");
  });
});

describe("buildNgramVocabulary", () => {
  it("keeps n-grams in at least minDocumentCount reviews, counting a review once, in order of first appearance", () => {
    const vocabulary = buildNgramVocabulary(REVIEWS, { maxN: 2, minDocumentCount: 2 });
    expect(vocabulary.ngrams).toEqual(["good", "movie", "good movie", "not", "bad"]);
    expect(Array.from(vocabulary.documentCounts)).toEqual([2, 3, 2, 2, 2]);
    expect(vocabulary.documents).toBe(4);
    expect(vocabulary.lookup.column("good movie")).toBe(2);
    expect(vocabulary.lookup.column("bad movie")).toBe(-1);
    expect(vocabulary.lookup.column("unseen")).toBe(-1);
  });

  it("keeps everything with minDocumentCount 1", () => {
    const vocabulary = buildNgramVocabulary(REVIEWS, { maxN: 2, minDocumentCount: 1 });
    expect(vocabulary.ngrams).toEqual(["good", "movie", "good movie", "not", "not good", "bad", "bad movie", "movie bad", "not bad"]);
    expect(Array.from(vocabulary.documentCounts)).toEqual([2, 3, 2, 2, 1, 2, 1, 1, 1]);
  });

  it("with maxFeatures keeps the most frequent, ties going to the earlier seen", () => {
    const vocabulary = buildNgramVocabulary(REVIEWS, { maxN: 2, minDocumentCount: 1, maxFeatures: 3 });
    expect(vocabulary.ngrams).toEqual(["good", "movie", "good movie"]);
  });

  it("rejects meaningless pruning settings", () => {
    expect(() => buildNgramVocabulary(REVIEWS, { minDocumentCount: 0 })).toThrow(/minDocumentCount/);
    expect(() => buildNgramVocabulary(REVIEWS, { maxFeatures: 2.5 })).toThrow(/maxFeatures/);
  });

  it("agrees with a plain string-keyed count on random reviews (trigrams included)", () => {
    const random = mulberry32(7);
    const words = ["a", "b", "c", "d", "e", "f"];
    const documents = Array.from({ length: 60 }, () => Array.from({ length: Math.floor(random() * 12) }, () => words[Math.floor(random() * words.length)]));
    const documentFrequency = new Map<string, number>();
    for (const tokens of documents) for (const ngram of new Set(extractNgrams(tokens, 3))) documentFrequency.set(ngram, (documentFrequency.get(ngram) ?? 0) + 1);
    const expected = [...documentFrequency].filter(([, count]) => count >= 3);

    const vocabulary = buildNgramVocabulary(documents, { maxN: 3, minDocumentCount: 3 });
    expect(vocabulary.ngrams).toEqual(expected.map(([ngram]) => ngram));
    expect(Array.from(vocabulary.documentCounts)).toEqual(expected.map(([, count]) => count));

    const features = ngramFeatures(documents, vocabulary, "count");
    documents.forEach((tokens, i) => {
      const counts = new Map<number, number>();
      for (const ngram of extractNgrams(tokens, 3)) {
        const column = vocabulary.ngrams.indexOf(ngram);
        if (column >= 0) counts.set(column, (counts.get(column) ?? 0) + 1);
      }
      expect(rows(features)[i]).toEqual([...counts].sort((x, y) => x[0] - y[0]));
    });
  });
});

describe("ngramFeatures", () => {
  const vocabulary = buildNgramVocabulary(REVIEWS, { maxN: 2, minDocumentCount: 2 }); // good, movie, "good movie", not, bad

  it("binary: one entry per distinct known n-gram, columns ascending", () => {
    const features = ngramFeatures(REVIEWS, vocabulary, "binary");
    expect(Array.from(features.indptr)).toEqual([0, 3, 7, 9, 11]);
    expect(rows(features)).toEqual([
      [[0, 1], [1, 1], [2, 1]],
      [[0, 1], [1, 1], [2, 1], [3, 1]],
      [[1, 1], [4, 1]],
      [[3, 1], [4, 1]],
    ]);
  });

  it("count: how many times each occurs", () => {
    expect(rows(ngramFeatures(REVIEWS, vocabulary, "count"))[2]).toEqual([[1, 2], [4, 2]]);
  });

  it("tfidf: count × (ln((1 + N) / (1 + df)) + 1), rows scaled to length 1", () => {
    const idfMovie = Math.log(5 / 4) + 1; // df 3 of N = 4
    const idfBad = Math.log(5 / 3) + 1; // df 2
    expect(Array.from(inverseDocumentFrequencies(vocabulary))).toEqual([idfBad, idfMovie, idfBad, idfBad, idfBad]);
    const norm = Math.hypot(2 * idfMovie, 2 * idfBad);
    const row = rows(ngramFeatures(REVIEWS, vocabulary, "tfidf"))[2];
    expect(row.map(([column]) => column)).toEqual([1, 4]);
    expect(row[0][1]).toBeCloseTo((2 * idfMovie) / norm, 6);
    expect(row[1][1]).toBeCloseTo((2 * idfBad) / norm, 6);
  });

  it("ignores n-grams outside the vocabulary and handles empty reviews", () => {
    const features = ngramFeatures([["never", "seen"], [], ["bad", "bad", "film"]], vocabulary, "count");
    expect(rows(features)).toEqual([[], [], [[4, 2]]]);
  });

  it("rejects an unknown weighting", () => {
    expect(() => ngramFeatures(REVIEWS, vocabulary, "log" as never)).toThrow('ngramFeatures: weighting must be one of "binary", "count", "tfidf", got "log".');
  });

  it("describes its size against the dense equivalent", () => {
    const sparsity = describeSparsity(ngramFeatures(REVIEWS, vocabulary));
    expect(sparsity).toMatchObject({ rows: 4, cols: 5, nonZeros: 11, density: 11 / 20, meanPerRow: 11 / 4, denseBytes: 80 });
    expect(sparsity.bytes).toBe(5 * 4 + 11 * 4 + 11 * 4);
  });
});

describe("NgramLookup", () => {
  // "c" is only the end of "b c" and "a b c": a node of the trie, but no column.
  const lookup = new NgramLookup(["a b c", "a", "b", "a b", "b c"]);

  it("finds each n-gram's column from its text, trigrams included", () => {
    expect(["a", "b", "a b", "b c", "a b c"].map((ngram) => lookup.column(ngram))).toEqual([1, 2, 3, 4, 0]);
    expect(["c", "b a", "a c", "a b c d", "x", "x y"].map((ngram) => lookup.column(ngram))).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it("finds the columns of a review's n-grams in extractNgrams order", () => {
    expect(Array.from(lookup.columns(["a", "b", "c"], 3))).toEqual([1, 2, -1, 3, 4, 0]);
  });

  it("rejects an n-gram listed twice, naming both columns", () => {
    expect(() => new NgramLookup(["a", "b", "a b", "b"])).toThrow('The vocabulary lists "b" twice (columns 1 and 3)');
  });
});

describe("PairTable", () => {
  it("stores and finds the same pairs as a Map, through many resizes", () => {
    const table = new PairTable(4);
    const reference = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const first = (i * 7919) % 3001;
      const second = (i * 104_729) % 2003;
      table.set(first, second, i);
      reference.set(`${first},${second}`, i);
    }
    expect(table.size).toBe(reference.size);
    const wrong = [...reference].filter(([key, value]) => {
      const [first, second] = key.split(",").map(Number);
      return table.get(first, second) !== value;
    });
    expect(wrong).toEqual([]);
    expect(table.get(3001, 0)).toBe(-1);
  });
});
