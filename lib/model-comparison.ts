/**
 * The course's saved models side by side: accuracy, training time, size
 * (lesson 6, "Your own review"; lesson 7 adds the bag of n-grams).
 */
import type { Data } from "plotly.js-dist";
import { chartHtml } from "./charts";
import type { SavedSentimentModelInfo } from "./predict";
import type { Table } from "./tables";

/**
 * Whole training time of a saved model in seconds: its `trainingSeconds`,
 * else epochs × seconds per epoch, else undefined (lesson 6).
 */
export function trainingSecondsOf(info: SavedSentimentModelInfo): number | undefined {
  const { trainingSeconds, epochs, secondsPerEpoch } = info.metrics;
  if (trainingSeconds !== undefined) return trainingSeconds;
  return epochs !== undefined && secondsPerEpoch !== undefined ? epochs * secondsPerEpoch : undefined;
}

/**
 * One row per saved model, in the order given (listSentimentModels sorts by
 * lesson): lesson, name, parameters, epochs, seconds per epoch, training
 * seconds, test accuracy in %, backend and scale it ran at (lesson 6). Show it
 * with `showTable(table, { digits: 2 })`; unknown figures stay empty.
 */
export function modelComparisonTable(models: readonly SavedSentimentModelInfo[]): Table {
  return {
    columns: ["lesson", "model", "parameters", "epochs", "s / epoch", "training s", "test accuracy %", "backend", "scale"],
    rows: models.map((info) => [
      info.lesson,
      info.name,
      info.metrics.parameters,
      info.metrics.epochs,
      info.metrics.secondsPerEpoch,
      trainingSecondsOf(info),
      info.metrics.testAccuracy === undefined ? undefined : 100 * info.metrics.testAccuracy,
      info.backend,
      info.scale,
    ]),
  };
}

/**
 * Three bar charts over the same models: test accuracy (%), whole training
 * time (s) and parameters (log axis: they span 10,000 to millions) (lesson 6).
 * A model without a figure has no bar in that chart. The accuracy axis starts
 * at 50%, what guessing reaches on balanced reviews.
 */
export function modelComparisonChartHtml(models: readonly SavedSentimentModelInfo[], title = "The models side by side"): string {
  const names = models.map((info) => info.name);
  const bar = (name: string, values: (number | undefined)[], axis: "" | "2" | "3", digits: number): Data => ({
    type: "bar",
    name,
    x: names,
    y: values.map((v) => v ?? null),
    text: values.map((v) => (v === undefined ? "" : v.toLocaleString("en-US", { maximumFractionDigits: digits }))),
    textposition: "auto",
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    showlegend: false,
  });
  const traces = [
    bar("test accuracy %", models.map((m) => (m.metrics.testAccuracy === undefined ? undefined : 100 * m.metrics.testAccuracy)), "", 2),
    bar("training seconds", models.map(trainingSecondsOf), "2", 0),
    bar("parameters", models.map((m) => m.metrics.parameters), "3", 0),
  ];
  return chartHtml(traces, {
    title: { text: title },
    grid: { rows: 1, columns: 3, pattern: "independent" },
    yaxis: { title: { text: "test accuracy (%)" }, range: [50, 100] },
    yaxis2: { title: { text: "training time (s)" } },
    yaxis3: { title: { text: "parameters" }, type: "log" },
    margin: { t: 60, r: 20, b: 110, l: 60 },
  }, { height: 420 });
}
