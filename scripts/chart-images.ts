/**
 * Static images for the charts of executed notebooks, so that a committed
 * notebook shows its charts where their scripts never run: a notebook Jupyter
 * does not trust, GitHub, nbviewer, `nbconvert --to html`.
 *
 * Each chart output (lib/display/charts.ts) is rebuilt from its spec with a PNG that
 * headless Chromium renders with the course's own plotly.js: inside the chart's
 * HTML (what every viewer shows first, sanitised or not) and as the output's
 * `image/png` (for viewers that show no HTML). The output of `loadPlotly` is
 * rebuilt too, so notebooks saved by an older course version lose the 10 MB
 * bundle they may carry.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { chartSpecHtml, loadPlotlyHtml, parseChartHtml, PLOTLY_BUNDLE_ATTRIBUTE, plotlyBundlePath, type ChartSpec } from "../lib/display/charts";
import { errorMessage } from "../lib/util/errors";
import { writeFileAtomic } from "../lib/util/files";
import { readNotebookFile } from "./grading/notebook-file";
import { formatNotebook } from "./learner-notebook";

/** Width of the static images in CSS pixels: about a notebook's output column. */
const IMAGE_WIDTH = 800;
const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export interface ChartRenderer {
  /** A PNG of the chart, as a data: URL. */
  png(spec: ChartSpec): Promise<string>;
  close(): Promise<void>;
}

/** A renderer on headless Chromium (`CHROMIUM` names its executable), or the sentence that says why there is none. */
export async function openChartRenderer(): Promise<ChartRenderer | string> {
  const executable = process.env.CHROMIUM ?? CHROMIUM_PATHS.find((file) => existsSync(file));
  if (executable === undefined || !existsSync(executable)) {
    return `no Chromium found (${process.env.CHROMIUM ?? CHROMIUM_PATHS.join(", ")}; set CHROMIUM=/path/to/chromium), so charts keep no static image and show only where the notebook is trusted`;
  }
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: executable,
      chromiumSandbox: false,
      args: ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
  } catch (error) {
    return `Chromium (${executable}) did not start (${errorMessage(error).split("\n")[0]}), so charts keep no static image`;
  }
  const page: Page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: plotlyBundlePath() });
  return {
    png: (spec) =>
      page.evaluate(
        ([figure, width]) => {
          const plotly = (globalThis as unknown as { Plotly: { toImage(figure: unknown, options: object): Promise<string> } }).Plotly;
          const height = (figure as { layout: { height?: number } }).layout.height ?? 360;
          return plotly.toImage(figure, { format: "png", width, height });
        },
        [{ data: spec.data, layout: spec.layout }, IMAGE_WIDTH] as const,
      ),
    close: () => browser.close(),
  };
}

interface Output {
  output_type?: string;
  data?: Record<string, unknown>;
}

/**
 * Rebuilds the chart outputs of one notebook file in place (with static images
 * when `renderer` gives one; it is asked only once a chart is found, since
 * starting Chromium takes seconds) and its `loadPlotly` output. Returns how
 * many charts it found and how many images it drew.
 */
export async function refreshChartOutputs(file: string, renderer: () => Promise<ChartRenderer | undefined>): Promise<{ charts: number; images: number }> {
  const { notebook, problem } = readNotebookFile(file);
  if (notebook === undefined) throw new Error(`${file}: ${problem}`);
  const notebookDir = path.dirname(path.resolve(file));
  let charts = 0;
  let images = 0;
  let changed = false;
  for (const cell of notebook.cells) {
    for (const output of (cell.outputs ?? []) as Output[]) {
      const raw = output.data?.["text/html"];
      if (raw === undefined) continue;
      const html = Array.isArray(raw) ? raw.join("") : String(raw);
      if (html.includes(PLOTLY_BUNDLE_ATTRIBUTE)) {
        output.data = { "text/html": lines(loadPlotlyHtml(notebookDir)) };
        changed = true;
        continue;
      }
      const chart = parseChartHtml(html);
      if (chart === undefined) continue;
      charts += 1;
      const drawer = await renderer();
      if (drawer === undefined) continue;
      const image = await drawer.png(chart.spec);
      images += 1;
      output.data = {
        ...output.data,
        "text/html": lines(chartSpecHtml(chart.spec, { id: chart.id, notebookDir, staticImage: image })),
        "image/png": image.replace(/^data:image\/png;base64,/, ""),
      };
      changed = true;
    }
  }
  if (changed) writeFileAtomic(file, [Buffer.from(formatNotebook(notebook))]);
  return { charts, images };
}

/** nbformat's way of storing multi-line text: one string per line, each keeping its newline. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}
