/** What every benchmark reports next to its timings. */
import os from "node:os";

/** The 1, 5 and 15-minute load averages: timings on these shared 2-core machines mean little without them. */
export function loadAverage(separator = " / "): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(separator);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
