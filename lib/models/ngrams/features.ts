/**
 * Reviews as sparse rows of n-gram features (lesson 7, "Bag of n-grams").
 */
import { choiceOption } from "../../util/options";
import type { CsrMatrix } from "./csr";
import type { NgramVocabulary } from "./vocabulary";

/**
 * What a feature's value says about its n-gram in one review:
 * - `binary`: 1 if present (what NBSVM uses: a fifth "great" adds little);
 * - `count`: how many times it occurs;
 * - `tfidf`: count × idf, idf = ln((1 + N) / (1 + df)) + 1 over the N training
 *   reviews (df = reviews containing it), then each row scaled to length 1 —
 *   scikit-learn's TfidfVectorizer defaults.
 */
export type FeatureWeighting = "binary" | "count" | "tfidf";

/** The allowed `FeatureWeighting` values, to validate options and list them in errors (lesson 7). */
export const FEATURE_WEIGHTINGS: readonly FeatureWeighting[] = ["binary", "count", "tfidf"];

/**
 * One CSR row per review, one column per vocabulary n-gram (lesson 7).
 * N-grams outside the vocabulary are ignored.
 */
export function ngramFeatures(documents: readonly (readonly string[])[], vocabulary: NgramVocabulary, weighting: FeatureWeighting = "binary"): CsrMatrix {
  choiceOption("ngramFeatures", "weighting", weighting, FEATURE_WEIGHTINGS, "binary");
  const idf = weighting === "tfidf" ? inverseDocumentFrequencies(vocabulary) : undefined;
  const indptr = new Int32Array(documents.length + 1);
  let indices = new Int32Array(1 << 16);
  let values = new Float32Array(1 << 16);
  // Occurrences of column j in the current review; reset after each review.
  const countOf = new Int32Array(vocabulary.ngrams.length);

  documents.forEach((tokens, d) => {
    const present: number[] = [];
    for (const j of vocabulary.lookup.columns(tokens, vocabulary.maxN)) {
      if (j < 0) continue;
      if (countOf[j]++ === 0) present.push(j);
    }
    const columns = Int32Array.from(present).sort();
    const start = indptr[d];
    if (start + columns.length > indices.length) {
      const capacity = Math.max(2 * indices.length, start + columns.length);
      indices = grown(indices, new Int32Array(capacity));
      values = grown(values, new Float32Array(capacity));
    }
    let squares = 0;
    columns.forEach((j, k) => {
      const value = weighting === "binary" ? 1 : weighting === "count" ? countOf[j] : countOf[j] * idf![j];
      indices[start + k] = j;
      values[start + k] = value;
      squares += value * value;
      countOf[j] = 0;
    });
    if (weighting === "tfidf" && squares > 0) {
      const norm = Math.sqrt(squares);
      for (let k = start; k < start + columns.length; k++) values[k] /= norm;
    }
    indptr[d + 1] = start + columns.length;
  });

  const nonZeros = indptr[documents.length];
  return { rows: documents.length, cols: vocabulary.ngrams.length, indptr, indices: indices.slice(0, nonZeros), values: values.slice(0, nonZeros) };
}

/** idf_j = ln((1 + N) / (1 + df_j)) + 1: rare n-grams count more, ones in every review still count (lesson 7). */
export function inverseDocumentFrequencies(vocabulary: NgramVocabulary): Float64Array {
  return Float64Array.from(vocabulary.documentCounts, (df) => Math.log((1 + vocabulary.documents) / (1 + df)) + 1);
}

function grown<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
