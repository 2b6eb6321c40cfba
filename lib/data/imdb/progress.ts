/**
 * Progress of the slow first steps (download, cache build), as events that a
 * lesson can render itself, and a default that prints plain lines: `\r`
 * redraws do not work in notebook outputs, so lines are printed at most every
 * few seconds instead.
 */

export type ImdbProgress =
  | {
      kind: "download";
      file: string;
      receivedBytes: number;
      /** Undefined when the server does not say. */
      totalBytes: number | undefined;
      bytesPerSecond: number;
      done: boolean;
      /** The event as one line of text, ready to print. */
      message: string;
    }
  | {
      kind: "build";
      reviewsDone: number;
      /** Share of the archive read so far, 0 to 1. */
      fraction: number;
      done: boolean;
      message: string;
    };

export type ProgressListener = (event: ImdbProgress) => void;

const PRINT_INTERVAL_MS = 3000;

/**
 * A listener that prints `event.message` with `print` for the first event of
 * each step, then at most every 3 seconds, and always for the last one.
 */
export function throttledPrinter(print: (line: string) => void = (line) => console.log(line)): ProgressListener {
  let lastStep = "";
  let lastPrintedAt = 0;
  return (event) => {
    const step = event.kind === "download" ? `download ${event.file}` : "build";
    const now = Date.now();
    if (event.done || step !== lastStep || now - lastPrintedAt >= PRINT_INTERVAL_MS) {
      print(event.message);
      lastStep = step;
      lastPrintedAt = now;
    }
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

export function downloadMessage(file: string, receivedBytes: number, totalBytes: number | undefined, bytesPerSecond: number, done: boolean): string {
  const amount = totalBytes === undefined
    ? formatBytes(receivedBytes)
    : `${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)} (${((100 * receivedBytes) / Math.max(totalBytes, 1)).toFixed(1)}%)`;
  return `${done ? "Downloaded" : "Downloading"} ${file}: ${amount}, ${formatBytes(bytesPerSecond)}/s`;
}
