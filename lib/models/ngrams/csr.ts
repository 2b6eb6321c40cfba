/**
 * Sparse matrices in CSR form (lesson 7, "Bag of n-grams").
 *
 * A review mentions a few hundred of the vocabulary's hundreds of thousands of
 * n-grams, so a dense 25,000 × 700,000 matrix (70 GB of float32) is out of the
 * question. CSR keeps only the non-zero entries, row after row.
 */

/**
 * Row `i` holds the entries `indptr[i] <= k < indptr[i + 1]`: column
 * `indices[k]`, value `values[k]`. Columns within a row are ascending.
 */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** How big and how empty a sparse matrix is (lesson 7). */
export interface Sparsity {
  rows: number;
  cols: number;
  nonZeros: number;
  /** Fraction of the rows × cols entries that are stored. */
  density: number;
  /** Mean stored entries per row (distinct n-grams per review). */
  meanPerRow: number;
  /** Bytes the CSR arrays take, against the bytes of the same matrix in dense float32. */
  bytes: number;
  denseBytes: number;
}

/** Size, density and memory of a CSR matrix, next to its dense equivalent (lesson 7). */
export function describeSparsity(matrix: CsrMatrix): Sparsity {
  const nonZeros = matrix.indptr[matrix.rows];
  const cells = matrix.rows * matrix.cols;
  return {
    rows: matrix.rows,
    cols: matrix.cols,
    nonZeros,
    density: cells === 0 ? 0 : nonZeros / cells,
    meanPerRow: matrix.rows === 0 ? 0 : nonZeros / matrix.rows,
    bytes: matrix.indptr.byteLength + matrix.indices.byteLength + matrix.values.byteLength,
    denseBytes: cells * Float32Array.BYTES_PER_ELEMENT,
  };
}

/** The rows `rows` of `matrix`, in that order, as a new CSR matrix (a mini-batch; lesson 7). */
export function selectRows(matrix: CsrMatrix, rows: ArrayLike<number>): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Number.isInteger(row) || row < 0 || row >= matrix.rows) {
      throw new RangeError(`selectRows: row ${row} does not exist; the matrix has rows 0..${matrix.rows - 1}.`);
    }
    indptr[i + 1] = indptr[i] + matrix.indptr[row + 1] - matrix.indptr[row];
  }
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  for (let i = 0; i < rows.length; i++) {
    const start = matrix.indptr[rows[i]];
    const end = matrix.indptr[rows[i] + 1];
    indices.set(matrix.indices.subarray(start, end), indptr[i]);
    values.set(matrix.values.subarray(start, end), indptr[i]);
  }
  return { rows: rows.length, cols: matrix.cols, indptr, indices, values };
}

/**
 * The matrix with column `j` multiplied by `scale[j]`: X · diag(scale).
 * This is how naive-Bayes ratios weight the n-gram features (lesson 7).
 */
export function scaleColumns(matrix: CsrMatrix, scale: ArrayLike<number>): CsrMatrix {
  if (scale.length !== matrix.cols) {
    throw new RangeError(`scaleColumns: got ${scale.length} scales for a matrix with ${matrix.cols} columns; pass one per column.`);
  }
  const values = new Float32Array(matrix.values.length);
  for (let k = 0; k < values.length; k++) values[k] = matrix.values[k] * scale[matrix.indices[k]];
  return { ...matrix, values };
}

/** X · w for a CSR matrix X and a dense vector w: one dot product per row (lesson 7). */
export function csrMatVec(matrix: CsrMatrix, vector: ArrayLike<number>): Float32Array {
  checkLength("csrMatVec", vector.length, matrix.cols, "columns");
  const out = new Float32Array(matrix.rows);
  const { indptr, indices, values } = matrix;
  for (let i = 0; i < matrix.rows; i++) {
    let sum = 0;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) sum += values[k] * vector[indices[k]];
    out[i] = sum;
  }
  return out;
}

/**
 * Xᵀ · v: each row's value scatter-added into the columns it touches. This is
 * the gradient of X · w with respect to w (lesson 7), in O(non-zeros) rather
 * than O(rows × cols).
 */
export function csrTransposeMatVec(matrix: CsrMatrix, vector: ArrayLike<number>): Float32Array {
  checkLength("csrTransposeMatVec", vector.length, matrix.rows, "rows");
  const sums = new Float64Array(matrix.cols);
  const { indptr, indices, values } = matrix;
  for (let i = 0; i < matrix.rows; i++) {
    const v = vector[i];
    if (v === 0) continue;
    for (let k = indptr[i]; k < indptr[i + 1]; k++) sums[indices[k]] += values[k] * v;
  }
  return new Float32Array(sums);
}

function checkLength(fn: string, got: number, expected: number, what: string): void {
  if (got !== expected) throw new RangeError(`${fn}: the vector has ${got} entries but the matrix has ${expected} ${what}; they must match.`);
}
