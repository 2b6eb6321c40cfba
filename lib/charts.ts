/**
 * Charts for the lessons, drawn by plotly.js without any network access
 * (lesson 1 draws the first ones).
 *
 * A chart is an HTML fragment: a div plus a script that draws into it once
 * Plotly is on the page. In a notebook, `loadPlotly()` puts the plotly bundle
 * on the page once (first cell of every lesson) and `showChart()` displays
 * each chart. In exported HTML the exporter loads the bundle from a file next
 * to the pages instead: both recognise the bundle's output by
 * PLOTLY_BUNDLE_ATTRIBUTE.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Config, Data, Layout } from "plotly.js-dist";

/** Marks the output that carries the plotly bundle, so tools (notebook runner, HTML export) can strip or replace it (lesson 1). */
export const PLOTLY_BUNDLE_ATTRIBUTE = "data-imdb-course-plotly-bundle";

/** Absolute path of the plotly.js bundle installed with the course, read by `loadPlotly` and the HTML export (lesson 1). */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist");
}

/**
 * HTML that defines `window.Plotly` and draws the charts that were waiting for it.
 * About 10 MB: it is shown once per notebook, never per chart. What
 * `loadPlotly` displays (lesson 1).
 */
export function plotlyBundleHtml(bundleSource: string = readFileSync(plotlyBundlePath(), "utf8")): string {
  const flush = "(window.__imdbCourseCharts || []).splice(0).forEach(function (draw) { draw(); });";
  return `<script ${PLOTLY_BUNDLE_ATTRIBUTE}>${escapeScript(bundleSource)}\n${flush}</script>`;
}

export interface ChartOptions {
  /** Height in pixels (default 360). */
  height?: number;
  /** Element id; by default derived from the chart's content, so outputs are reproducible. */
  id?: string;
}

/**
 * The HTML of one chart: a pure function of its traces and layout (tested
 * without a browser). What `showChart` displays (lesson 1); learning curves
 * and model comparisons are built on it.
 */
export function chartHtml(traces: Data[], layout: Partial<Layout> = {}, options: ChartOptions = {}): string {
  const height = options.height ?? 360;
  const config: Partial<Config> = { responsive: true, displaylogo: false };
  const spec = JSON.stringify({ data: traces, layout: { height, margin: { t: 40, r: 20, b: 50, l: 60 }, ...layout }, config });
  const id = options.id ?? `chart-${createHash("sha1").update(spec).digest("hex").slice(0, 12)}`;
  const script =
    `(function () { var spec = ${escapeScript(spec)};` +
    ` function draw() { window.Plotly.newPlot(${JSON.stringify(id)}, spec.data, spec.layout, spec.config); }` +
    ` if (window.Plotly) draw(); else (window.__imdbCourseCharts = window.__imdbCourseCharts || []).push(draw); })();`;
  return `<div id="${id}" class="imdb-course-chart" style="height:${height}px"></div>\n<script>${script}</script>`;
}

/** Puts plotly on the notebook's page; run once at the top of a lesson (lesson 1). */
export function loadPlotly(): void {
  tslabDisplay().html(plotlyBundleHtml());
}

/** Displays a chart under the current notebook cell (lesson 1). */
export function showChart(traces: Data[], layout: Partial<Layout> = {}, options: ChartOptions = {}): void {
  tslabDisplay().html(chartHtml(traces, layout, options));
}

// "</script>" inside a script element would end it early; "<\/" is the same string to JavaScript.
function escapeScript(source: string): string {
  return source.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

function tslabDisplay(): { html(s: string): void } {
  // Required lazily: tslab's display only works inside a running kernel.
  return (require("tslab") as typeof import("tslab")).display;
}
