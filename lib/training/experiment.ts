/**
 * Training runs side by side: the lessons train with a visible model.fit and
 * summarise each run in one row of a table (lessons 3-5).
 */
import type { EpochRecord } from "./progress";

/** Mean wall time of the epochs of a history, in seconds (lesson 3). */
export function meanSecondsPerEpoch(history: readonly EpochRecord[]): number {
  if (history.length === 0) throw new RangeError("meanSecondsPerEpoch: the history is empty; train at least one epoch first.");
  return history.reduce((sum, r) => sum + r.seconds, 0) / history.length;
}

/** One trained model in a comparison. */
export interface RunSummary {
  model: string;
  parameters: number;
  epochs: number;
  secondsPerEpoch: number;
  testAccuracy: number;
}

/** Runs side by side as a Markdown table: parameters, epochs, seconds per epoch, test accuracy in % (lessons 3-5). */
export function runsTableMarkdown(runs: readonly RunSummary[]): string {
  return [
    "| model | parameters | epochs | seconds per epoch | test accuracy |",
    "|---|---:|---:|---:|---:|",
    ...runs.map((r) =>
      `| ${r.model} | ${r.parameters.toLocaleString("en-US")} | ${r.epochs} | ${r.secondsPerEpoch.toFixed(1)} | ${(100 * r.testAccuracy).toFixed(2)}% |`,
    ),
  ].join("\n");
}
