/**
 * Training with visible progress, and the curves that show over-fitting
 * (lesson 3 introduces both; lessons 2-5 use them).
 */
import type * as tf from "@tensorflow/tfjs";
import { chartHtml } from "../display/charts";

/** What one epoch of training produced. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  seconds: number;
}

export interface ProgressOptions {
  epochs: number;
  /** Batches per epoch, to show "batch 120/196". */
  batchesPerEpoch?: number;
  /** Minimum milliseconds between two updates of the progress line (default 500). */
  intervalMs?: number;
  /** Where progress lines go; by default an in-place notebook display, or the console outside a kernel. */
  write?: (line: string) => void;
}

export interface TrainingProgress {
  /** Pass as `callbacks` to model.fit(). */
  callbacks: tf.CustomCallbackArgs;
  /** One record per finished epoch. */
  history: EpochRecord[];
}

/**
 * Live progress for model.fit(): epoch, batch, running loss and accuracy, and
 * a record per epoch with its wall time. In a notebook the line updates in
 * place instead of printing thousands of lines. Pass `callbacks` to
 * model.fit or fitDataset (lessons 2-5).
 */
export function trainingProgress(options: ProgressOptions): TrainingProgress {
  const write = options.write ?? progressWriter();
  const interval = options.intervalMs ?? 500;
  const history: EpochRecord[] = [];
  const done: string[] = [];
  let epochStart = 0;
  let lastWrite = 0;
  const show = (current: string) => write([...done, current].join("\n"));

  const callbacks: tf.CustomCallbackArgs = {
    onEpochBegin: async (epoch) => {
      epochStart = Date.now();
      show(`epoch ${epoch + 1}/${options.epochs} …`);
    },
    onBatchEnd: async (batch, logs) => {
      const now = Date.now();
      if (now - lastWrite < interval) return;
      lastWrite = now;
      const of = options.batchesPerEpoch ? `/${options.batchesPerEpoch}` : "";
      show(`epoch ${history.length + 1}/${options.epochs} · batch ${batch + 1}${of} · loss ${fmt(logs?.loss)} · accuracy ${fmt(logs?.acc)} · ${((now - epochStart) / 1000).toFixed(0)} s`);
    },
    onEpochEnd: async (epoch, logs) => {
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: Number(logs?.loss),
        accuracy: Number(logs?.acc),
        seconds: (Date.now() - epochStart) / 1000,
      };
      if (logs?.val_loss !== undefined) record.valLoss = Number(logs.val_loss);
      if (logs?.val_acc !== undefined) record.valAccuracy = Number(logs.val_acc);
      history.push(record);
      done.push(formatEpoch(record, options.epochs));
      show("");
    },
  };
  return { callbacks, history };
}

/**
 * One finished epoch as the line `trainingProgress` keeps on screen (lesson 2):
 * "epoch 2/5 · 41.3 s · loss 0.2512 · accuracy 0.9001 · val_loss 0.3010 · val_accuracy 0.8790"
 */
export function formatEpoch(record: EpochRecord, epochs: number): string {
  const parts = [`epoch ${record.epoch}/${epochs}`, `${record.seconds.toFixed(1)} s`, `loss ${fmt(record.loss)}`, `accuracy ${fmt(record.accuracy)}`];
  if (record.valLoss !== undefined) parts.push(`val_loss ${fmt(record.valLoss)}`);
  if (record.valAccuracy !== undefined) parts.push(`val_accuracy ${fmt(record.valAccuracy)}`);
  return parts.join(" · ");
}

/**
 * Loss and accuracy per epoch, training against validation, side by side:
 * the chart where validation loss turning upwards shows over-fitting (lesson 3).
 */
export function learningCurvesHtml(history: EpochRecord[], title = "Learning curves"): string {
  const epochs = history.map((r) => r.epoch);
  const line = (name: string, y: (number | undefined)[], axis: "" | "2", dash: "solid" | "dot") => ({
    type: "scatter" as const,
    mode: "lines+markers" as const,
    name,
    x: epochs,
    y: y.map((v) => v ?? null),
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    line: { dash },
  });
  const traces = [
    line("training loss", history.map((r) => r.loss), "", "solid"),
    line("validation loss", history.map((r) => r.valLoss), "", "dot"),
    line("training accuracy", history.map((r) => r.accuracy), "2", "solid"),
    line("validation accuracy", history.map((r) => r.valAccuracy), "2", "dot"),
  ];
  return chartHtml(traces, {
    title: { text: title },
    grid: { rows: 1, columns: 2, pattern: "independent" },
    xaxis: { title: { text: "epoch" }, dtick: 1 },
    xaxis2: { title: { text: "epoch" }, dtick: 1 },
    yaxis: { title: { text: "binary cross-entropy" } },
    yaxis2: { title: { text: "accuracy" } },
  });
}

function fmt(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? value.toFixed(4) : "–";
}

function progressWriter(): (text: string) => void {
  try {
    // Inside a tslab kernel the display updates in place; elsewhere newDisplay() throws "Not ready".
    const display = (require("tslab") as typeof import("tslab")).newDisplay();
    display.text("");
    return (text) => display.text(text);
  } catch {
    let printed = 0;
    return (text) => {
      // Outside a notebook print finished epochs only, once each.
      const lines = text.split("\n").filter((l) => l.length > 0 && !l.includes("batch") && !l.endsWith("…"));
      for (const l of lines.slice(printed)) console.log(l);
      printed = Math.max(printed, lines.length);
    };
  }
}
