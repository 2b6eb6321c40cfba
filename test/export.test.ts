/**
 * `npm run export`: a real export (solutions/00-setup plus a chart notebook
 * this test writes, both run by the exporter because they have no saved
 * outputs) opened in headless Chromium from file:// with the network off.
 * The pieces are tested on small cases in export-pages.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium, watchedOfflinePage } from "./headless-chromium";
import { runLeavingNothingBehind } from "./process-tree";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLOTLY_BUNDLE_ATTRIBUTE } from "../lib/display/charts";
import { COURSE_MODELS } from "../lib/models/registry";
import { code, markdown, notebook } from "./fixtures/notebook-cells";

// The setup notebook is real course material; what the pages must show is read from it.
const SETUP = JSON.parse(readFileSync(path.resolve(__dirname, "..", "solutions", "00-setup.ipynb"), "utf8")) as {
  metadata: { imdb_course: { title: string } };
  cells: { cell_type: string; source: string | string[] }[];
};
const SETUP_CODE_CELLS = SETUP.cells.filter((cell) => cell.cell_type === "code").length;
const SETUP_SECTIONS = SETUP.cells
  .filter((cell) => cell.cell_type === "markdown")
  .flatMap((cell) => [...(Array.isArray(cell.source) ? cell.source.join("") : cell.source).matchAll(/^## (.+)$/gm)].map((m) => m[1].replace(/`/g, "").trim()));
const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const ARTIFACTS = path.join(ROOT, "test", "artifacts");

// No saved models: the demo lists the lessons' models as not trained (test/demo.test.ts covers its predictions).
const NO_MODELS = mkdtempSync(path.join(os.tmpdir(), "export-no-models-"));
afterAll(() => rmSync(NO_MODELS, { recursive: true, force: true }));

/** Runs `npm run export`; the calling test fails when anything the export started (nbconvert, a kernel) outlives it. */
async function runExport(args: string[]): Promise<{ status: number | null; output: string; seconds: number }> {
  const started = performance.now();
  const result = await runLeavingNothingBehind(process.execPath, [TSX, path.join(ROOT, "scripts", "export.ts"), "--models", NO_MODELS, ...args], {
    cwd: ROOT,
    env: { ...process.env, COURSE_SCALE: "smoke" },
  });
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

// A lesson-like notebook with two charts, saved without outputs: the exporter has to run it.
const CHART_NOTEBOOK = notebook(
  [
    markdown("# Charts offline\n\nTwo charts drawn by the plotly bundle the export writes once."),
    code('import { loadPlotly, showChart } from "imdb-course";\n\nloadPlotly();\nconsole.log("plotly loaded");'),
    code('showChart([{ type: "bar", x: ["negative", "positive"], y: [12500, 12500] }], { title: { text: "Reviews per label" } });'),
    code('showChart([{ type: "scatter", mode: "lines", x: [1, 2, 3], y: [0.61, 0.79, 0.84] }], { title: { text: "Accuracy" } });\n6 * 7'),
    markdown("## Presenting\n\nA long line of code, a table with a text column and a model summary."),
    code(`const longLine = [${Array.from({ length: 60 }, (_, i) => `"word${i}"`).join(", ")}];\nconsole.log(longLine.length);`),
    code('import { showTable } from "imdb-course";\nshowTable({ columns: ["sentence", "probability"], rows: [["This movie was good.", 0.5], ["A long sentence to show which side text starts on.", 0.25]] });'),
    code('import * as tf from "@tensorflow/tfjs";\ntf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] }).summary();'),
  ].map((cell, i) => ({ ...cell, id: `cell-${i}` })),
  {
    kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" },
    imdb_course: { lesson: 98, slug: "98-charts-offline", title: "Charts offline" },
  },
);

interface PageReport {
  requests: string[];
  errors: string[];
  charts: { id: string; svgs: number; tracesWithPaths: number }[];
  codeCells: number;
  /** Links of the navigation bar at the bottom of the page. */
  bottomNav: string[];
  /** Links of the table of contents. */
  contents: string[];
  outputs: number;
  text: string;
}

describe.sequential("npm run export, opened in headless Chromium offline", () => {
  let scratch: string;
  let sources: string;
  let solutionsDir: string;
  let exported: Awaited<ReturnType<typeof runExport>>;
  let browser: Browser;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), "export-test-"));
    solutionsDir = path.join(scratch, "solutions");
    // Inside the project, so that the kernel resolves "imdb-course" from its node_modules.
    mkdirSync(ARTIFACTS, { recursive: true });
    sources = mkdtempSync(path.join(ARTIFACTS, "export-sources-"));
    const chartNotebook = path.join(sources, "98-charts-offline.ipynb");
    writeFileSync(chartNotebook, JSON.stringify(CHART_NOTEBOOK));
    exported = await runExport(["--solutions", "00", chartNotebook, "--out", solutionsDir]);
    browser = await launchChromium({ offline: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const folder of [scratch, sources]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function openPage(file: string, screenshot?: string): Promise<PageReport> {
    const { context, page, requests, errors } = await watchedOfflinePage(browser);
    // plotly.js is 10 MB: on a busy machine loading a page takes longer than playwright's default 30 s.
    context.setDefaultTimeout(120_000);
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    // Strings and locators run in the page: this project's TypeScript has no DOM types.
    await page.waitForFunction('[...document.querySelectorAll(".imdb-course-chart")].every((c) => c.querySelector(".main-svg"))', null, { timeout: 20_000 })
      .catch(() => undefined); // the report below says which chart stayed empty
    const charts = [];
    for (const chart of await page.locator(".imdb-course-chart").all()) {
      charts.push({
        id: (await chart.getAttribute("id")) ?? "",
        svgs: await chart.locator("svg.main-svg").count(),
        tracesWithPaths: await chart.locator(".trace").evaluateAll((traces) =>
          traces.filter((trace) => [...trace.querySelectorAll("path")].some((p) => (p.getAttribute("d") ?? "").length > 4)).length),
      });
    }
    const report = {
      charts,
      bottomNav: await page.locator("nav.imdb-course-nav.bottom a").allInnerTexts(),
      contents: await page.locator("nav.imdb-course-toc li a").allInnerTexts(),
      codeCells: await page.locator(".jp-CodeCell").count(), outputs: await page.locator(".jp-OutputArea-output").count(), text: await page.locator("body").innerText() };
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    await context.close();
    return { ...report, requests, errors };
  }

  it("writes a page per lesson, an index in course order, the demo, and plotly.js once", () => {
    expect(exported.status, exported.output).toBe(0);
    console.log(exported.output.split("\n").filter((line) => /^(Exported|Live demo)/.test(line)).join("\n"));
    expect(readdirSync(solutionsDir).sort()).toEqual([
      "00-setup.html", "98-charts-offline.html", "demo-models.js", "demo.html", "demo.js", "index.html", "jupyterlab.css", "plotly.js",
    ]);
    const index = readFileSync(path.join(solutionsDir, "index.html"), "utf8");
    expect([...index.matchAll(/<span class="number">(\d+)<\/span>\n<div>\n<h2><a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ["0", "00-setup.html", SETUP.metadata.imdb_course.title],
      ["98", "98-charts-offline.html", "Charts offline"],
    ]);
    expect(index).toContain("<p>Two charts drawn by the plotly bundle the export writes once.</p>");
    expect(index).toContain('<a href="demo.html">Live demo</a>');
    const demo = readFileSync(path.join(solutionsDir, "demo.html"), "utf8");
    expect([...demo.matchAll(/data-model="([^"]+)" data-status="missing"/g)].map((m) => m[1])).toEqual(COURSE_MODELS.map((m) => m.name));
    const page = readFileSync(path.join(solutionsDir, "98-charts-offline.html"), "utf8");
    const head = page.slice(0, page.indexOf("</head>"));
    expect(head).toContain('<script src="plotly.js"></script>');
    expect(page).not.toContain(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(page.length).toBeLessThan(100_000);
  });

  it("draws every chart, shows code and outputs, and loads nothing from outside the folder", async () => {
    const folderUrl = pathToFileURL(solutionsDir).href + "/";
    const chartsPage = await openPage(path.join(solutionsDir, "98-charts-offline.html"), path.join(ARTIFACTS, "export-charts-page.png"));
    expect(chartsPage.charts).toHaveLength(2);
    for (const chart of chartsPage.charts) {
      expect(chart.svgs, `chart ${chart.id} has no plot`).toBeGreaterThan(0);
      expect(chart.tracesWithPaths, `chart ${chart.id} draws no trace`).toBe(1);
    }
    expect(chartsPage.codeCells).toBe(6);
    expect(chartsPage.text).toContain("plotly loaded");
    expect(chartsPage.text).toContain("42");
    expect(chartsPage.contents).toEqual(["Presenting"]);
    expect(chartsPage.bottomNav).toEqual(["All lessons", "Live demo", "← " + SETUP.metadata.imdb_course.title]);

    const setupPage = await openPage(path.join(solutionsDir, "00-setup.html"), path.join(ARTIFACTS, "export-lesson-page.png"));
    expect(setupPage.codeCells).toBe(SETUP_CODE_CELLS);
    expect(setupPage.contents).toEqual(SETUP_SECTIONS);
    expect(setupPage.bottomNav).toEqual(["All lessons", "Live demo", "Charts offline →"]);
    expect(setupPage.outputs).toBeGreaterThanOrEqual(SETUP_CODE_CELLS);
    expect(setupPage.text).toMatch(/backend: (tensorflow|wasm|cpu)/);
    expect(setupPage.text.replace(/\s+/g, "")).toContain("[[19,22],[43,50]]");

    const indexPage = await openPage(path.join(solutionsDir, "index.html"), path.join(ARTIFACTS, "export-index.png"));
    for (const report of [chartsPage, setupPage, indexPage]) {
      expect(report.errors).toEqual([]);
      expect(report.requests.filter((url) => !url.startsWith(folderUrl))).toEqual([]);
    }
    expect(chartsPage.requests).toContain(`${folderUrl}plotly.js`);
  }, 180_000);

  it("wraps long code, left-aligns text columns, right-aligns numbers and shows model summaries as tables", async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 1000, height: 800 } });
    context.setDefaultTimeout(120_000);
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(solutionsDir, "98-charts-offline.html")).href);
    // Nothing wider than its box: no code or output cut off on the right.
    const cutOff = await page.locator(".jp-InputArea-editor pre, .jp-OutputArea-output pre").evaluateAll((blocks) =>
      blocks.filter((block) => block.scrollWidth > block.clientWidth + 1).map((block) => (block.textContent ?? "").slice(0, 60)));
    expect(cutOff).toEqual([]);
    expect(await page.locator(".jp-InputArea-editor pre", { hasText: "word59" }).evaluate((pre) => pre.getBoundingClientRect().height)).toBeGreaterThan(40);
    const alignment = async (text: string) => page.locator("td", { hasText: text }).first().evaluate((cell) =>
      // This project's TypeScript has no DOM types; the function runs in the page.
      (globalThis as unknown as { getComputedStyle(element: unknown): { textAlign: string } }).getComputedStyle(cell).textAlign);
    expect(await alignment("This movie was good.")).toBe("left");
    expect(await alignment("0.25")).toBe("right");
    const summary = page.locator("table.imdb-course-summary");
    expect(await summary.locator("tbody tr").allInnerTexts()).toEqual([expect.stringMatching(/^dense_Dense\d+\tDense\t\[\[null,3\]\]\t\[null,2\]\t8$/)]);
    expect(await page.locator(".jp-OutputArea-output pre", { hasText: "______" }).count()).toBe(0);
    await context.close();
  }, 180_000);

  it("exports learner pages without outputs, saying where to run them", async () => {
    const learnerDir = path.join(scratch, "learner");
    const result = await runExport(["00", "--out", learnerDir]);
    expect(result.status, result.output).toBe(0);
    const report = await openPage(path.join(learnerDir, "00-setup.html"));
    expect(report.codeCells).toBe(SETUP_CODE_CELLS);
    expect(report.text).toContain("tf.matMul");
    expect(report.text).toContain("exercise version of the lesson, shown without outputs: open notebooks/00-setup.ipynb");
    expect(report.outputs).toBe(0);
    expect(readFileSync(path.join(learnerDir, "index.html"), "utf8")).toContain("Exercises");
  }, 180_000);

  it("replaces a previous export but refuses a folder of other files", async () => {
    const again = await runExport(["00", "--out", path.join(scratch, "learner")]);
    expect(again.status, again.output).toBe(0);
    const foreign = path.join(scratch, "foreign");
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, "notes.txt"), "mine");
    const refused = await runExport(["00", "--out", foreign]);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain("already holds files that an export did not write");
    expect(readdirSync(foreign)).toEqual(["notes.txt"]);
  }, 180_000);

  it("says which lessons exist when a name is unknown, and why an unexecuted notebook could not be run", async () => {
    const unknown = await runExport(["--solutions", "99", "--out", path.join(scratch, "unknown")]);
    expect(unknown.status).toBe(1);
    expect(unknown.output).toMatch(/Unknown lesson "99"\. Lessons in .*solutions: 00-setup/);

    const broken = path.join(sources, "97-broken.ipynb");
    writeFileSync(broken, JSON.stringify(notebook([{ ...code('throw new Error("this lesson is broken");'), id: "c" }], CHART_NOTEBOOK.metadata)));
    const failed = await runExport(["--solutions", broken, "--out", path.join(scratch, "broken")]);
    expect(failed.status).toBe(1);
    expect(failed.output).toContain("this lesson is broken");
    expect(failed.output).toMatch(/97-broken\.ipynb has no saved outputs, and running it failed/);
    expect(existsSync(path.join(scratch, "broken"))).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.startsWith(".")), "staging folders left behind").toEqual([]);
  }, 180_000);
});
