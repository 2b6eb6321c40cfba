/**
 * Naive-Bayes log-count ratios (lesson 7, "Bag of n-grams"), as in Wang &
 * Manning (2012), "Baselines and bigrams" (NBSVM).
 */
import { numberOption } from "../../util/options";
import type { CsrMatrix } from "./csr";

/**
 * r_j = log((p_j / ‖p‖₁) / (q_j / ‖q‖₁)), where p = alpha + the sum of the
 * positive reviews' rows and q = alpha + the sum of the negative ones (lesson 7).
 * r_j > 0: n-gram j is more typical of positive reviews; < 0, of negative ones.
 * Scaling the features by r gives logistic regression a head start: naive
 * Bayes alone would classify with sign(r · x + log(positives / negatives)).
 */
export function nbLogCountRatio(features: CsrMatrix, labels: ArrayLike<number>, options: { alpha?: number } = {}): Float32Array {
  const alpha = numberOption("nbLogCountRatio", "alpha", options.alpha, { min: 0, exclusive: true }, 1, "the smoothing count; 1 is the usual choice");
  if (labels.length !== features.rows) {
    throw new RangeError(`nbLogCountRatio: ${labels.length} labels for ${features.rows} reviews; pass one label (0 or 1) per row.`);
  }
  const p = new Float64Array(features.cols).fill(alpha);
  const q = new Float64Array(features.cols).fill(alpha);
  let positives = 0;
  for (let i = 0; i < features.rows; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) throw new RangeError(`nbLogCountRatio: label ${i} is ${label}; labels must be 0 (negative) or 1 (positive).`);
    positives += label;
    const sums = label === 1 ? p : q;
    for (let k = features.indptr[i]; k < features.indptr[i + 1]; k++) sums[features.indices[k]] += features.values[k];
  }
  if (positives === 0 || positives === features.rows) {
    throw new RangeError("nbLogCountRatio needs both positive and negative reviews; these labels have only one class.");
  }
  const pTotal = p.reduce((a, b) => a + b, 0);
  const qTotal = q.reduce((a, b) => a + b, 0);
  return Float32Array.from(p, (pj, j) => Math.log(pj / pTotal / (q[j] / qTotal)));
}
