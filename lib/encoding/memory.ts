/**
 * What a dense encoding costs in memory (lesson 2, "One-hot and multi-hot
 * encoding"): 25,000 reviews × 10,000 words of float32 is a billion bytes,
 * which is why the course encodes multi-hot vectors one batch at a time.
 */
import { choiceOption, requiredIntegerOption, requiredNumberOption } from "../util/options";

const BYTES_PER_VALUE = { float32: 4, int32: 4, bool: 1, float64: 8 } as const;

export type DenseDtype = keyof typeof BYTES_PER_VALUE;
const DENSE_DTYPES = Object.keys(BYTES_PER_VALUE) as DenseDtype[];

/** Bytes a dense rows × columns matrix of `dtype` needs: rows · columns · bytes per value (lesson 2). */
export function denseMatrixBytes(rows: number, columns: number, dtype: DenseDtype = "float32"): number {
  const where = "denseMatrixBytes";
  requiredIntegerOption(where, "rows", rows, 0, Number.MAX_SAFE_INTEGER);
  requiredIntegerOption(where, "columns", columns, 0, Number.MAX_SAFE_INTEGER);
  return rows * columns * BYTES_PER_VALUE[choiceOption(where, "dtype", dtype, DENSE_DTYPES, "float32")];
}

/**
 * A byte count in decimal units as storage is sold (1 GB = 10^9 bytes), with
 * the same amount in the binary unit of that order in brackets, as operating
 * systems often report it (1 GiB = 2^30 bytes): "1.00 GB (0.93 GiB)" (lesson 2).
 */
export function formatByteSize(bytes: number): string {
  requiredNumberOption("formatByteSize", "bytes", bytes, { min: 0 });
  if (bytes < 1000) return `${bytes} bytes`;
  const units = ["kB", "MB", "GB", "TB"];
  const binary = ["KiB", "MiB", "GiB", "TiB"];
  let decimalPower = 1;
  while (decimalPower < units.length && bytes >= 1000 ** (decimalPower + 1)) decimalPower++;
  const decimal = `${(bytes / 1000 ** decimalPower).toFixed(2)} ${units[decimalPower - 1]}`;
  return `${decimal} (${(bytes / 1024 ** decimalPower).toFixed(2)} ${binary[decimalPower - 1]})`;
}
