/**
 * The pieces of an exported page on small hand-made cases: the notebook each
 * page is made from, model summaries as tables, the table of contents, the
 * offline check and the index page.
 */
import { describe, expect, it } from "vitest";
import { PLOTLY_BUNDLE_ATTRIBUTE, loadPlotlyHtml, chartHtml } from "../lib/display/charts";
import { indexHtml } from "../scripts/export/index-page";
import { layerNameAndType, summaryOutputs } from "../scripts/export/model-summary";
import { resourcesOutsideFolder } from "../scripts/export/offline-check";
import { hasOutputs, pageNotebook } from "../scripts/export/page-notebook";
import { sectionHeadings, withTableOfContents, TOC_PLACEHOLDER } from "../scripts/export/toc";
import { code, html, markdown, notebook, stdout } from "./fixtures/notebook-cells";

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
