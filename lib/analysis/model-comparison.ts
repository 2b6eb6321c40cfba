/**
 * The course's saved models side by side: accuracy, training time, size
 * (lesson 6, "Your own review"; lesson 7 adds the bag of n-grams).
 */
import type { Data } from "plotly.js-dist";
import { chartHtml } from "../display/charts";
import type { SavedSentimentModelInfo } from "../models/sentiment-model";
import type { Table } from "../display/tables";

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
 * Three charts over the same models (lesson 6; lesson 7 adds the bag of
 * n-grams): test accuracy (%) as dots on an axis from 50%, what guessing
 * reaches on balanced reviews, so that a few points of difference show;
 * whole training time (s) and parameters as bars from zero, so that a bar
 * twice as long is twice as much. A model without a figure has no mark in
 * that chart.
 */
export function modelComparisonChartHtml(models: readonly SavedSentimentModelInfo[], title = "The models side by side"): string {
  const names = models.map((info) => info.name);
  const accuracies = models.map((m) => (m.metrics.testAccuracy === undefined ? undefined : 100 * m.metrics.testAccuracy));
  const seconds = models.map(trainingSecondsOf);
  const parameters = models.map((m) => m.metrics.parameters);
  const common = (name: string, values: (number | undefined)[], axis: "" | "2" | "3", label: (v: number) => string) => ({
    name,
    x: names,
    y: values.map((v) => v ?? null),
    text: values.map((v) => (v === undefined ? "" : label(v))),
    cliponaxis: false,
    xaxis: `x${axis}`,
    yaxis: `y${axis}`,
    showlegend: false,
  });
  const traces: Data[] = [
    { ...common("test accuracy %", accuracies, "", (v) => v.toFixed(1)), type: "scatter", mode: "text+markers", marker: { size: 14 }, textposition: "top center" },
    { ...common("training seconds", seconds, "2", (v) => v.toLocaleString("en-US", { maximumFractionDigits: 0 })), type: "bar", textposition: "outside" },
    { ...common("parameters", parameters, "3", compactNumber), type: "bar", textposition: "outside" },
  ];
  // Room above the tallest bar for its label.
  const fromZero = (values: (number | undefined)[]): [number, number] => [0, 1.2 * Math.max(1, ...values.filter((v): v is number => v !== undefined))];
  const xaxis = { automargin: true, tickangle: -30 };
  return chartHtml(traces, {
    title: { text: title },
    grid: { rows: 1, columns: 3, pattern: "independent", xgap: 0.25 },
    xaxis, xaxis2: xaxis, xaxis3: xaxis,
    yaxis: { title: { text: "test accuracy (%), from 50 = guessing" }, range: [50, 100], automargin: true },
    yaxis2: { title: { text: "training time (s)" }, range: fromZero(seconds), automargin: true },
    yaxis3: { title: { text: "parameters" }, range: fromZero(parameters), tickformat: "~s", automargin: true },
    margin: { t: 70, r: 20, b: 40, l: 60 },
  }, { height: 440 });
}

/** 2,163,605 as "2.16M": three significant digits. */
function compactNumber(value: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 }).format(value);
}
