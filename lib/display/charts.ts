/**
 * Charts for the lessons, drawn by plotly.js without any network access
 * (lesson 1 draws the first ones).
 *
 * A chart is an HTML fragment: a div plus a script that draws into it. The
 * 10 MB plotly bundle is never stored in a notebook: the script loads it from
 * the installed package (node_modules/plotly.js-dist) through the Jupyter
 * server that serves the notebook, at `<base URL>files/<path>`. The kernel
 * knows the bundle's path relative to the notebook's folder (its working
 * directory); the page knows where that folder is on the server:
 * - classic Notebook 6 names the notebook in `<body data-notebook-path>`;
 * - JupyterLab 3/4 and Notebook 7 resolve every relative `src` attribute of an
 *   HTML output against the notebook's folder (rendermime's URL resolver), so
 *   the chart carries the relative path in a `src` attribute and reads back the
 *   resolved URL.
 * This works for any base URL and any server root that contains the course
 * folder. Where the bundle cannot be reached, the chart says so and how to fix it.
 *
 * Until its script runs (a notebook Jupyter does not trust, GitHub, nbviewer),
 * a chart shows what it holds in place of the plot: the static image that the
 * notebook runner renders (scripts/chart-images.ts), or a note saying how to draw it.
 *
 * `loadPlotly()` (first cell of every lesson) starts loading the bundle and
 * says once, at the top, when it cannot. The HTML export drops its output
 * (recognised by PLOTLY_BUNDLE_ATTRIBUTE) and puts the bundle on every page.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { Config, Data, Layout } from "plotly.js-dist";

/** Marks the output of `loadPlotly`, so tools (HTML export) can drop it where they provide plotly themselves (lesson 1). */
export const PLOTLY_BUNDLE_ATTRIBUTE = "data-imdb-course-plotly-bundle";

/** Absolute path of the plotly.js bundle installed with the course, served to notebooks by Jupyter and copied by the HTML export (lesson 1). */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist");
}

/** Path of the bundle relative to a notebook's folder, with "/" separators: what a chart asks the Jupyter server for (lesson 1). */
export function plotlyPathFrom(notebookDir: string = process.cwd(), bundlePath: string = plotlyBundlePath()): string {
  return path.relative(notebookDir, bundlePath).split(path.sep).join("/");
}

/** What a chart draws: plotly's traces, layout and config, as plotly.newPlot takes them. */
export interface ChartSpec {
  data: Data[];
  layout: Partial<Layout>;
  config: Partial<Config>;
}

export interface ChartOptions {
  /** Height in pixels (default 360). */
  height?: number;
  /** Element id; by default derived from the chart's content, so outputs are reproducible. */
  id?: string;
  /** The notebook's folder, from which the bundle's path is given (default: the kernel's working directory, which is the notebook's folder). */
  notebookDir?: string;
  /** A static image of the chart (a data: URL), shown where the chart's script does not run. */
  staticImage?: string;
}

/** Traces and layout with the course's defaults: the spec a chart draws and the runner renders to an image. */
export function chartSpec(traces: Data[], layout: Partial<Layout> = {}, height = 360): ChartSpec {
  return { data: traces, layout: { height, margin: { t: 40, r: 20, b: 50, l: 60 }, ...layout }, config: { responsive: true, displaylogo: false } };
}

/**
 * The HTML of one chart: a pure function of its traces and layout (tested
 * without a browser). What `showChart` displays (lesson 1); learning curves
 * and model comparisons are built on it.
 */
export function chartHtml(traces: Data[], layout: Partial<Layout> = {}, options: ChartOptions = {}): string {
  return chartSpecHtml(chartSpec(traces, layout, options.height), options);
}

/** The HTML of a chart from its spec (chartHtml's second half; the notebook runner re-renders charts with a static image through it). */
export function chartSpecHtml(spec: ChartSpec, options: Omit<ChartOptions, "height"> = {}): string {
  const json = scriptSafeJson(spec);
  const id = options.id ?? `chart-${createHash("sha1").update(JSON.stringify(spec)).digest("hex").slice(0, 12)}`;
  const height = typeof spec.layout.height === "number" ? spec.layout.height : 360;
  const src = plotlyPathFrom(options.notebookDir);
  const placeholder = options.staticImage
    ? `<img src="${options.staticImage}" alt="${escapeAttribute(chartTitle(spec))}" style="max-width:100%;height:auto">` +
      `<p style="font-size:smaller;color:#666">Static image of the chart. Run the cell (or trust the notebook) to draw it interactively.</p>`
    : `<p style="color:#666">Chart not drawn: Jupyter runs an output's script only in a notebook it trusts (one it ran itself, or after File → Trust Notebook). Run this cell to draw it.</p>`;
  const script =
    `(function () {\n${CHART_RUNTIME}\n` +
    `var spec = ${json};\n` +
    `claim(${JSON.stringify(`div.imdb-course-chart[id="${id}"]`)}, function (div) {\n` +
    `  whenPlotly(div, function (problem) {\n` +
    `    if (problem && div.querySelector("img") && !inJupyter()) return; // GitHub, nbviewer, nbconvert: the static image is the chart\n` +
    `    if (problem) { var note = document.createElement("p"); note.style.color = "#b00"; note.textContent = "This chart cannot be drawn: " + problem; div.appendChild(note); return; }\n` +
    `    div.innerHTML = ""; window.Plotly.newPlot(div, spec.data, spec.layout, spec.config);\n` +
    `  });\n` +
    `});\n` +
    `})();`;
  return `<div id="${id}" class="imdb-course-chart" ${bundleSource(src)} style="min-height:${height}px">${placeholder}</div>\n<script>${script}</script>`;
}

/** The spec and id of a chart in an output's HTML (this module's format, current or previous), or undefined when the HTML holds no chart. */
export function parseChartHtml(html: string): { id: string; spec: ChartSpec } | undefined {
  if (!html.includes('class="imdb-course-chart"')) return undefined;
  const id = /<div id="([^"]+)" class="imdb-course-chart"/.exec(html)?.[1];
  // Current format: the spec on a line of its own. Previous format: inline, before "function draw()", with "<!--" written "<\!--".
  const json = /^var spec = (.*);$/m.exec(html)?.[1] ?? /var spec = (.*?); function draw\(\)/.exec(html)?.[1]?.replace(/<\\!--/g, "<!--");
  if (id === undefined || json === undefined) return undefined;
  return { id, spec: JSON.parse(json) as ChartSpec };
}

/** The HTML `loadPlotly` displays: it starts loading the bundle and says, once per lesson, when it cannot (lesson 1). */
export function loadPlotlyHtml(notebookDir?: string): string {
  const src = plotlyPathFrom(notebookDir);
  const script =
    `(function () {\n${CHART_RUNTIME}\n` +
    `claim("div.imdb-course-plotly-status", function (status) {\n` +
    `  whenPlotly(status, function (problem) { if (problem) status.textContent = "Charts cannot be drawn: " + problem; });\n` +
    `});\n` +
    `})();`;
  return `<div class="imdb-course-plotly-status" ${PLOTLY_BUNDLE_ATTRIBUTE} ${bundleSource(src)} style="color:#b00"></div>\n<script>${script}</script>`;
}

/** Starts loading plotly from the Jupyter server, so that the lesson's charts draw as soon as they appear; run once at the top of a lesson (lesson 1). */
export function loadPlotly(): void {
  tslabDisplay().html(loadPlotlyHtml());
}

/** Displays a chart under the current notebook cell (lesson 1). */
export function showChart(traces: Data[], layout: Partial<Layout> = {}, options: ChartOptions = {}): void {
  tslabDisplay().html(chartHtml(traces, layout, options));
}

/**
 * The attributes that tell a chart's script where the bundle is: the path
 * relative to the notebook in `data-plotly-src`, and the same path in `src`,
 * which JupyterLab and Notebook 7 rewrite into the server's URL for it.
 */
function bundleSource(relativePath: string): string {
  const value = escapeAttribute(relativePath);
  return `data-plotly-src="${value}" src="${value}"`;
}

/**
 * Runs in the browser (ES5, no imports), at the top of every chart's script:
 * - `inJupyter()`: whether a Jupyter notebook page (classic, or JupyterLab and Notebook 7) holds the output;
 * - `claim(selector, then)` calls `then(element)` with the first element that
 *   matches and no earlier script claimed, waiting while JupyterLab has not yet
 *   attached the output to the page;
 * - `whenPlotly(element, callback)` calls `callback(null)` once window.Plotly
 *   exists, or `callback(problem)` with a sentence saying why it cannot and what
 *   to do. One load per URL per page; charts that ask while it loads wait for it.
 */
const CHART_RUNTIME = `function inJupyter() {
  return document.body.hasAttribute("data-notebook-path") || document.getElementById("jupyter-config-data") !== null;
}
function claim(selector, then) {
  var tries = 0;
  (function look() {
    var found = document.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) {
      if (!found[i].hasAttribute("data-claimed")) { found[i].setAttribute("data-claimed", ""); return then(found[i]); }
    }
    if (++tries < 200) setTimeout(look, 50);
  })();
}
function whenPlotly(element, callback) {
  if (window.Plotly) return callback(null);
  var FIX = "start Jupyter with \`npm start\` in the course folder (or from a folder above it), run \`npm ci\` there if node_modules/plotly.js-dist is missing, then run the notebook again.";
  var relative = element.getAttribute("data-plotly-src");
  var body = document.body;
  if (body.hasAttribute("data-notebook-path") && body.hasAttribute("data-base-url")) {
    // Classic Notebook 6 names the notebook (relative to the server's root) on the page.
    var parts = body.getAttribute("data-notebook-path").split("/").slice(0, -1).concat(relative.split("/")), clean = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "..") {
        if (!clean.length) return callback("plotly.js (" + relative + " from this notebook) is outside the folder this Jupyter server serves: " + FIX);
        clean.pop();
      } else if (parts[i] && parts[i] !== ".") clean.push(encodeURIComponent(parts[i]));
    }
    var xsrf = /(?:^|;\\s*)_xsrf=([^;]*)/.exec(document.cookie);
    return load(body.getAttribute("data-base-url") + "files/" + clean.join("/") + (xsrf ? "?_xsrf=" + xsrf[1] : ""));
  }
  if (!inJupyter()) {
    return callback("this page has no plotly.js and is not served by Jupyter: open the notebook in Jupyter (\`npm start\` in the course folder) and run it.");
  }
  // JupyterLab 3/4 and Notebook 7 resolve relative src attributes of an output against the notebook's folder, just after it appears.
  var waited = 0;
  (function poll() {
    var src = element.getAttribute("src");
    if (src && src !== relative) return load(src);
    if ((waited += 50) > 10000) return callback("Jupyter did not resolve the address of plotly.js (" + relative + " from this notebook): " + FIX);
    setTimeout(poll, 50);
  })();
  function load(url) {
    var loads = window.__imdbCoursePlotlyLoads = window.__imdbCoursePlotlyLoads || {};
    var shown = url.split("?")[0];
    var entry = loads[shown];
    if (!entry) {
      entry = loads[shown] = { waiting: [] };
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { finish(window.Plotly ? null : shown + " is not plotly.js: " + FIX); };
      script.onerror = function () { finish("the Jupyter server did not serve plotly.js at " + shown + ": " + FIX); };
      document.head.appendChild(script);
    }
    if (entry.done) return callback(window.Plotly ? null : entry.problem);
    entry.waiting.push(callback);
    function finish(problem) {
      entry.done = true;
      entry.problem = problem;
      var waiting = entry.waiting.splice(0);
      for (var i = 0; i < waiting.length; i++) waiting[i](problem);
    }
  }
}`;

/** JSON that is also safe inside a <script> element: "<" never appears raw, so neither "</script>" nor "<!--" can end or confuse it. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function chartTitle(spec: ChartSpec): string {
  const title = spec.layout.title;
  const text = typeof title === "string" ? title : title?.text;
  return text ? `Chart: ${text}` : "Chart";
}

function tslabDisplay(): { html(s: string): void } {
  // Required lazily: tslab's display only works inside a running kernel.
  return (require("tslab") as typeof import("tslab")).display;
}
