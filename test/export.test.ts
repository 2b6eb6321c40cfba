/**
 * `npm run export`: the pieces on small hand-made cases, then a real export
 * (solutions/00-setup plus a chart notebook this test writes, both run by the
 * exporter because they have no saved outputs) opened in headless Chromium from
 * file:// with the network off.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium, watchedOfflinePage } from "./headless-chromium";
import { runLeavingNothingBehind } from "./process-tree";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLOTLY_BUNDLE_ATTRIBUTE, loadPlotlyHtml, chartHtml } from "../lib/display/charts";
import { COURSE_MODELS } from "../lib/models/predict";
import { indexHtml } from "../scripts/export/index-page";
import { lessonAims, lessonOf, lessonResult, resolveLessons } from "../scripts/lessons";
import { layerNameAndType, summaryOutputs } from "../scripts/export/model-summary";
import { resourcesOutsideFolder } from "../scripts/export/offline-check";
import { hasOutputs, pageNotebook } from "../scripts/export/page-notebook";
import { sectionHeadings, withTableOfContents, TOC_PLACEHOLDER } from "../scripts/export/toc";
import type { Notebook, NotebookCell } from "../scripts/learner-notebook";

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

function notebook(cells: NotebookCell[], metadata: Record<string, unknown> = {}): Notebook {
  return { cells, metadata, nbformat: 4, nbformat_minor: 5 };
}
const markdown = (source: string): NotebookCell => ({ cell_type: "markdown", source, metadata: {} });
const code = (source: string, outputs: unknown[] = []): NotebookCell => ({ cell_type: "code", source, metadata: {}, outputs, execution_count: outputs.length ? 1 : null });
const html = (text: string) => ({ output_type: "display_data", data: { "text/html": text }, metadata: {} });
const stdout = (text: string) => ({ output_type: "stream", name: "stdout", text });

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

describe("resolveLessons", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "export-lessons-"));
  for (const name of ["00-setup.ipynb", "01-exploring-reviews.ipynb", "10-extra.ipynb", "README.md"]) writeFileSync(path.join(dir, name), "{}");
  const elsewhere = path.join(dir, "elsewhere", "my-lesson.ipynb");
  mkdirSync(path.dirname(elsewhere));
  writeFileSync(elsewhere, "{}");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes every notebook of the folder, by file name, when no lesson is named", () => {
    expect(resolveLessons([], dir).map((f) => path.basename(f))).toEqual(["00-setup.ipynb", "01-exploring-reviews.ipynb", "10-extra.ipynb"]);
  });

  it("finds a lesson by number, name, file name or path, once each", () => {
    const found = resolveLessons(["01", "1", "10-extra", "00-setup.ipynb", elsewhere], dir);
    expect(found).toEqual([path.join(dir, "01-exploring-reviews.ipynb"), path.join(dir, "10-extra.ipynb"), path.join(dir, "00-setup.ipynb"), elsewhere]);
  });

  it("names the lessons there when a name is unknown", () => {
    expect(() => resolveLessons(["07"], dir)).toThrow(/Unknown lesson "07"\. Lessons in .*: 00-setup, 01-exploring-reviews, 10-extra\./);
    expect(() => resolveLessons(["setup"], dir)).toThrow(/Unknown lesson "setup"/);
  });
});

describe("lesson titles and order", () => {
  it("takes the title from metadata, else the first heading, else the file name", () => {
    const cells = [markdown("Some text\n\n## 1. Exploring the reviews ##\n\n# Later heading")];
    expect(lessonOf(notebook(cells, { imdb_course: { title: "Exploring the reviews" } }), "x.ipynb").title).toBe("Exploring the reviews");
    expect(lessonOf(notebook(cells), "x.ipynb").title).toBe("1. Exploring the reviews");
    expect(lessonOf(notebook([code("# not a heading")]), "dir/05-lstm.ipynb").title).toBe("05-lstm");
  });

  it("places a lesson by metadata, else by the file name's number, else last", () => {
    expect(lessonOf(notebook([], { imdb_course: { lesson: 3 } }), "07-x.ipynb").number).toBe(3);
    expect(lessonOf(notebook([]), "dir/07-x.ipynb").number).toBe(7);
    expect(lessonOf(notebook([]), "appendix.ipynb").number).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("pageNotebook", () => {
  const chart = chartHtml([{ type: "bar", x: ["a"], y: [1] }], {}, { id: "c1" });
  const executed = notebook([
    markdown("# Lesson"),
    code("loadPlotly()", [html(loadPlotlyHtml())]),
    code("showChart(…)", [html(`<p ${PLOTLY_BUNDLE_ATTRIBUTE}="omitted">left out</p>`), html(chart), stdout("42\n")]),
  ]);
  const context = { title: "Lesson", sourceName: "notebooks/01-x.ipynb", next: { href: "02-y.html", title: "Next one" } };

  it("keeps a solution's outputs except the inline plotly bundle and the note that it was left out", () => {
    const page = pageNotebook(executed, { ...context, version: "solution" });
    expect(page.cells[1].outputs).toEqual([]);
    expect(page.cells[2].outputs).toEqual([html(chart), stdout("42\n")]);
    expect(JSON.stringify(page)).not.toContain(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(page.metadata).toMatchObject({ title: "Lesson", imdb_course_export: { plotly: "plotly.js", next: { href: "02-y.html" }, previous: null, note: null } });
  });

  it("shows a learner page without outputs, with a note saying where to run it", () => {
    const page = pageNotebook(executed, { ...context, version: "learner" });
    expect(hasOutputs(page)).toBe(false);
    expect(page.cells.map((c) => c.source)).toEqual(executed.cells.map((c) => c.source));
    expect((page.metadata.imdb_course_export as { note: string }).note).toContain("notebooks/01-x.ipynb");
  });
});

describe("resourcesOutsideFolder", () => {
  const inFolder = (relative: string) => ["plotly.js", "img/a.png"].includes(relative);

  it("reports absolute URLs, files not in the folder and paths leaving it", () => {
    const page = [
      '<script src="https://cdn.example.org/require.js"></script>',
      "<link rel=stylesheet href=//fonts.example.org/f.css>",
      "<img src='img/missing.png'>",
      '<img srcset="img/a.png 1x, ../b.png 2x">',
      '<style>@import "http://x.org/a.css"; .a { background: url(file:///etc/b.png) }</style>',
      '<div style="background: url(&quot;https://x.org/c.png&quot;)"></div>',
    ].join("\n");
    expect(resourcesOutsideFolder(page, inFolder)).toEqual([
      "https://cdn.example.org/require.js",
      "//fonts.example.org/f.css",
      "img/missing.png",
      "../b.png",
      "file:///etc/b.png",
      "http://x.org/a.css",
      "https://x.org/c.png",
    ]);
  });

  it("accepts files in the folder, inline data, links followed only on a click, and tags quoted inside scripts", () => {
    const page = [
      '<script src="plotly.js"></script><img src="./img/a.png"><img src="data:image/png;base64,AAAA">',
      '<a href="https://ai.stanford.edu/~amaas/data/sentiment/">dataset</a>',
      `<script>var review = "<img src='https://x.org/y.png'>";</script>`,
    ].join("\n");
    expect(resourcesOutsideFolder(page, inFolder)).toEqual([]);
  });
});

describe("indexHtml", () => {
  it("presents each lesson with its number, escaped title, aims, models and result, and links the demo", () => {
    const page = indexHtml([
      { href: "00-setup.html", title: "0. Setup", number: 0, aims: ["Run this **first**."], trains: [] },
      { href: "01-a.html", title: "Words <& tags>", number: 1, aims: ["Reads `x < y`:", "- one\n- *two*"], trains: ["lstm: Embedding → LSTM"], result: "85.1% test accuracy" },
    ], "solution", { href: "demo.html" });
    expect([...page.matchAll(/<h2><a href="([^"]+)">([^<]*)<\/a><\/h2>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["00-setup.html", "0. Setup"],
      ["01-a.html", "Words &lt;&amp; tags&gt;"],
    ]);
    expect([...page.matchAll(/<span class="number">(\d+)<\/span>/g)].map((m) => m[1])).toEqual(["0", "1"]);
    expect(page).toContain("<p>Run this <strong>first</strong>.</p>");
    expect(page).toContain("<p>Reads <code>x &lt; y</code>:</p>\n<ul>\n<li>one</li>\n<li><em>two</em></li>\n</ul>");
    expect(page).toContain("<dt>Trains</dt><dd>lstm: Embedding → LSTM</dd><dt>Result</dt><dd class=\"result\">85.1% test accuracy</dd>");
    expect(page.match(/<dt>/g)).toHaveLength(2); // lesson 0 trains nothing and printed no result
    expect(page).toContain('<a href="demo.html">Live demo</a>');
  });
});

describe("lessonAims and lessonResult", () => {
  const first = markdown("# 3. Embeddings\n\nA review becomes a sequence.\n\n## Not this\n\nNor this.\n\nYou will train a network.");
  it("take the first paragraph, a list it introduces, and the paragraph saying what learners will do", () => {
    expect(lessonAims(notebook([first, markdown("You will not see this.")]))).toEqual(["A review becomes a sequence.", "You will train a network."]);
    expect(lessonAims(notebook([markdown("# 1. Data\n\nThis lesson looks at:\n\n- lengths\n- words\n\nMore.")]))).toEqual(["This lesson looks at:", "- lengths\n- words"]);
    expect(lessonAims(notebook([code("1")]))).toEqual([]);
  });

  it("take the first printed line that starts with \"Result: \", or nothing", () => {
    const printed = notebook([first, code("x", [stdout("epoch 1\n"), stdout("Result: 88.9% test accuracy (multi-hot MLP)\nbye\n")]), code("y", [stdout("Result: later\n")])]);
    expect(lessonResult(printed)).toBe("88.9% test accuracy (multi-hot MLP)");
    expect(lessonResult(notebook([code("x", [stdout("no Result: here\n"), html("<p>Result: html</p>")])]))).toBeUndefined();
  });
});

describe("model summaries", () => {
  // tfjs 4.22's printout of a Sequential model, as tslab saves it (one output per line, merged by pageNotebook).
  const SUMMARY = [
    "_".repeat(90),
    "Layer (type)                Input Shape               Output shape              Param #   ",
    "=".repeat(90),
    "embedding_Embedding1 (Embed [[null,500]]              [null,500,32]             160000    ",
    "_".repeat(90),
    "review_words (MyCustomLayer [[null,500,32]]           [null,16000]              0         ",
    "_".repeat(90),
    "dense_Dense2 (Dense)        [[null,250]]              [null,1]                  251       ",
    "=".repeat(90),
    "Total params: 160251",
    "Trainable params: 160251",
    "Non-trainable params: 0",
    "_".repeat(90),
    "",
  ].join("\n");

  it("become a table with full layer types where tfjs named the layer, and thousands separators", () => {
    const parts = summaryOutputs(`before\n${SUMMARY}after\n`)!;
    expect(parts.map((p) => p.kind)).toEqual(["text", "html", "text"]);
    expect(parts[0]).toEqual({ kind: "text", text: "before\n" });
    expect(parts[2]).toEqual({ kind: "text", text: "after\n" });
    const table = (parts[1] as { html: string }).html;
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]));
    expect(rows).toEqual([
      ["Layer", "Type", "Input Shape", "Output shape", "Param #"],
      ["embedding_Embedding1", "Embedding", "[[null,500]]", "[null,500,32]", "160,000"],
      ["review_words", "MyCustomLayer…", "[[null,500,32]]", "[null,16000]", "0"],
      ["dense_Dense2", "Dense", "[[null,250]]", "[null,1]", "251"],
    ]);
    expect(table).toContain("Total params: 160,251<br>Trainable params: 160,251<br>Non-trainable params: 0");
    expect(table).not.toContain("____");
  });

  it("leave other printed text alone", () => {
    expect(summaryOutputs("epoch 1: loss 0.5\n")).toBeUndefined();
    expect(layerNameAndType("flatten_Flatten1 (Flatten)")).toEqual({ name: "flatten_Flatten1", type: "Flatten" });
  });

  it("are shown as tables on solution pages, the page's prints to one stream merged", () => {
    const lines = SUMMARY.split(/(?<=\n)/).map(stdout);
    const page = pageNotebook(notebook([code("model.summary()", lines)]), { title: "t", sourceName: "s", version: "solution" });
    const outputs = page.cells[0].outputs as { output_type: string; data?: Record<string, string> }[];
    expect(outputs).toHaveLength(1);
    expect(outputs[0].data?.["text/html"]).toContain('<table class="imdb-course-summary">');
  });
});

describe("table of contents", () => {
  const page = `<body>${TOC_PLACEHOLDER}<h1 id="Lesson">Lesson<a class="anchor-link" href="#Lesson">&#182;</a></h1>
<h2 id="Words-&amp;-tags">Words &amp; <code>tags</code><a class="anchor-link" href="#Words-&amp;-tags">&#182;</a></h2><h3 id="x">x</h3><h2 id="Next">Next</h2></body>`;

  it("lists the page's sections by their ids", () => {
    expect(sectionHeadings(page)).toEqual([{ id: "Words-&amp;-tags", text: "Words & tags" }, { id: "Next", text: "Next" }]);
    const withToc = withTableOfContents(page, "p.html");
    expect(withToc).toContain('<li><a href="#Words-&amp;amp;-tags">Words &amp; tags</a></li>\n<li><a href="#Next">Next</a></li>');
    expect(() => withTableOfContents("<body></body>", "p.html")).toThrow(/p\.html has no place for its table of contents/);
  });
});

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
      "00-setup.html", "98-charts-offline.html", "demo-models.js", "demo.html", "demo.js", "index.html", "jupyterlab.css", "plotly.js", "tf.min.js",
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
