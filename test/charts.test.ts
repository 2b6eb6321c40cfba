import path from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { chartHtml, chartSpec, chartSpecHtml, loadPlotlyHtml, parseChartHtml, PLOTLY_BUNDLE_ATTRIBUTE, plotlyBundlePath, plotlyPathFrom } from "../lib/display/charts";

const ROOT = path.resolve(__dirname, "..");
const NOTEBOOKS = path.join(ROOT, "notebooks");
const traces = [{ type: "bar" as const, x: ["neg", "pos"], y: [12500, 12500] }];

/** Just enough of a browser page for the charts' scripts: elements with attributes, a head, a body, a cookie. */
class FakeElement {
  attributes = new Map<string, string>();
  children: FakeElement[] = [];
  textContent = "";
  style: Record<string, string> = {};
  onload?: () => void;
  onerror?: () => void;
  constructor(readonly tagName: string, attributes: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(attributes)) this.attributes.set(name, value);
  }
  getAttribute(name: string) { return this.attributes.get(name) ?? null; }
  setAttribute(name: string, value: string) { this.attributes.set(name, value); }
  hasAttribute(name: string) { return this.attributes.has(name); }
  appendChild(child: FakeElement) { this.children.push(child); }
  querySelector(tag: string) { return this.children.find((c) => c.tagName === tag) ?? null; }
  set innerHTML(html: string) { this.children = []; this.textContent = html; }
  get src() { return this.getAttribute("src") ?? ""; }
  set src(value: string) { this.setAttribute("src", value); }
  matches(selector: string) {
    const match = /^(\w+)\.([\w-]+)(?:\[id="([^"]+)"\])?$/.exec(selector);
    if (!match) throw new Error(`the fake page does not understand the selector ${selector}`);
    const [, tag, className, id] = match;
    return this.tagName === tag && (this.getAttribute("class") ?? "").split(" ").includes(className) && (id === undefined || this.getAttribute("id") === id);
  }
}

interface Page {
  window: Record<string, unknown>;
  head: FakeElement;
  elements: FakeElement[];
  run(html: string): FakeElement;
}

/** A page; `run(html)` adds the output's first element (as the notebook would) and runs its script. */
function fakePage(options: { body?: Record<string, string>; cookie?: string; jupyterLab?: boolean; plotly?: unknown } = {}): Page {
  const head = new FakeElement("head");
  const elements: FakeElement[] = [];
  const document = {
    body: new FakeElement("body", options.body),
    head,
    cookie: options.cookie ?? "",
    createElement: (tag: string) => new FakeElement(tag),
    getElementById: (id: string) => (id === "jupyter-config-data" && options.jupyterLab ? new FakeElement("script") : null),
    querySelectorAll: (selector: string) => elements.filter((e) => e.matches(selector)),
  };
  const window: Record<string, unknown> = { Plotly: options.plotly };
  const context = vm.createContext({ window, document, setTimeout, encodeURIComponent });
  return {
    window,
    head,
    elements,
    run(html) {
      const [, tag, attributeText] = /^<(\w+)([^>]*)>/.exec(html) ?? [];
      const attributes = Object.fromEntries([...attributeText.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map(([, name, value]) => [name, (value ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&")]));
      const element = new FakeElement(tag, attributes);
      // The placeholder's static image, if any: the scripts only ask whether there is one.
      if (/^<div[^>]*><img /.test(html)) element.children.push(new FakeElement("img"));
      elements.push(element);
      for (const [, body] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) vm.runInContext(body, context);
      return element;
    },
  };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const BUNDLE_FROM_NOTEBOOKS = path.relative(NOTEBOOKS, plotlyBundlePath()).split(path.sep).join("/");

describe("where a chart loads plotly.js from", () => {
  it("gives the bundle's path relative to the notebook's folder, with / separators", () => {
    expect(plotlyPathFrom("/course/notebooks", "/course/node_modules/plotly.js-dist/plotly.js")).toBe("../node_modules/plotly.js-dist/plotly.js");
    expect(plotlyPathFrom("/course", "/course/node_modules/plotly.js-dist/plotly.js")).toBe("node_modules/plotly.js-dist/plotly.js");
  });

  it("classic notebook: joins the base URL, the notebook's folder and the relative path, with the XSRF cookie", async () => {
    const page = fakePage({ body: { "data-notebook-path": "my course/notebooks/01-exploring-reviews.ipynb", "data-base-url": "/user/ann/" }, cookie: "theme=dark; _xsrf=2|abc|def" });
    expect(BUNDLE_FROM_NOTEBOOKS).toBe("../node_modules/plotly.js-dist/plotly.js");
    page.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    await tick();
    expect(page.head.children.map((s) => s.src)).toEqual(["/user/ann/files/my%20course/node_modules/plotly.js-dist/plotly.js?_xsrf=2|abc|def"]);
  });

  it("JupyterLab and Notebook 7: waits for the output's URL resolver to rewrite src, then loads that URL", async () => {
    const page = fakePage({ jupyterLab: true });
    const div = page.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    expect(div.getAttribute("src")).toBe(BUNDLE_FROM_NOTEBOOKS);
    await tick(120);
    expect(page.head.children).toEqual([]);
    div.setAttribute("src", "/lab/files/node_modules/plotly.js-dist/plotly.js?_xsrf=x&1700000000");
    await tick(120);
    expect(page.head.children.map((s) => s.src)).toEqual(["/lab/files/node_modules/plotly.js-dist/plotly.js?_xsrf=x&1700000000"]);
  });

  it("loads the bundle once for every chart of the page, then draws each into its own div", async () => {
    const page = fakePage({ body: { "data-notebook-path": "notebooks/01.ipynb", "data-base-url": "/" } });
    const first = page.run(chartHtml(traces, { title: { text: "Labels" } }, { notebookDir: NOTEBOOKS, id: "a" }));
    const second = page.run(chartHtml([{ ...traces[0], y: [1, 2] }], {}, { notebookDir: NOTEBOOKS, id: "b", height: 300 }));
    await tick();
    expect(page.head.children).toHaveLength(1);
    const drawn: [FakeElement, unknown, { title?: { text: string }; height: number }][] = [];
    page.window.Plotly = { newPlot: (div: FakeElement, data: unknown, layout: { height: number }) => drawn.push([div, data, layout]) };
    page.head.children[0].onload?.();
    expect(drawn.map(([div]) => div)).toEqual([first, second]);
    expect(drawn[0][1]).toEqual(traces);
    expect(drawn[0][2].title?.text).toBe("Labels");
    expect(drawn[1][2].height).toBe(300);
  });

  it("draws at once where the page already has plotly (exported HTML)", async () => {
    const calls: unknown[] = [];
    const page = fakePage({ plotly: { newPlot: (div: unknown) => calls.push(div) } });
    const div = page.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    await tick();
    expect(calls).toEqual([div]);
    expect(page.head.children).toEqual([]);
  });

  it("says in the chart's place why it cannot draw and how to fix it", async () => {
    const notJupyter = fakePage();
    const lonely = notJupyter.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    await tick();
    expect(lonely.children.map((c) => c.textContent)).toEqual([expect.stringMatching(/cannot be drawn: this page has no plotly.js and is not served by Jupyter.*npm start/)]);

    const withImage = fakePage().run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS, staticImage: "data:image/png;base64,iVBORw0KGgo=" }));
    await tick();
    expect(withImage.children.map((c) => c.tagName), "a static image stands for the chart outside Jupyter, without a note").toEqual(["img"]);

    const rootedInNotebooks = fakePage({ body: { "data-notebook-path": "01.ipynb", "data-base-url": "/" } });
    const outside = rootedInNotebooks.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    await tick();
    expect(outside.children[0].textContent).toMatch(/outside the folder this Jupyter server serves: start Jupyter with `npm start` in the course folder/);

    const missing = fakePage({ body: { "data-notebook-path": "notebooks/01.ipynb", "data-base-url": "/" } });
    const unserved = missing.run(chartHtml(traces, {}, { notebookDir: NOTEBOOKS }));
    const status = missing.run(loadPlotlyHtml(NOTEBOOKS));
    await tick();
    missing.head.children[0].onerror?.();
    expect(missing.head.children).toHaveLength(1);
    expect(unserved.children[0].textContent).toBe(`This chart cannot be drawn: the Jupyter server did not serve plotly.js at /files/node_modules/plotly.js-dist/plotly.js: start Jupyter with \`npm start\` in the course folder (or from a folder above it), run \`npm ci\` there if node_modules/plotly.js-dist is missing, then run the notebook again.`);
    expect(status.textContent).toMatch(/^Charts cannot be drawn: the Jupyter server did not serve plotly.js/);
  });
});

describe("chart HTML", () => {
  it("shows a note, or the static image, where the script does not run", () => {
    expect(chartHtml(traces)).toMatch(/<div [^>]*class="imdb-course-chart"[^>]*><p [^>]*>Chart not drawn: .*Run this cell to draw it.<\/p><\/div>/);
    const withImage = chartHtml(traces, { title: { text: "Labels" } }, { staticImage: "data:image/png;base64,iVBORw0KGgo=" });
    expect(withImage).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="Chart: Labels"');
  });

  it("derives the same id from the same content, and a different one from other content", () => {
    const id = (html: string) => /id="([^"]+)"/.exec(html)?.[1];
    expect(id(chartHtml(traces))).toBe(id(chartHtml(traces)));
    expect(id(chartHtml(traces))).not.toBe(id(chartHtml([{ ...traces[0], y: [1, 2] }])));
  });

  it("keeps text that looks like a closing script tag or a comment from breaking the script", async () => {
    const html = chartHtml([{ type: "bar", x: ["</script><b>", "<!-- x"], y: [1, 2] }], {}, { id: "x" });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain("<!--");
    const calls: { x: string[] }[][] = [];
    fakePage({ plotly: { newPlot: (_: unknown, data: { x: string[] }[]) => calls.push(data) } }).run(html);
    await tick();
    expect(calls[0][0].x).toEqual(["</script><b>", "<!-- x"]);
  });

  it("gives back its spec and id, so the notebook runner can rebuild it with a static image", () => {
    const html = chartHtml(traces, { title: { text: "Labels" } }, { id: "labels", height: 300 });
    const parsed = parseChartHtml(html);
    expect(parsed).toEqual({ id: "labels", spec: chartSpec(traces, { title: { text: "Labels" } }, 300) });
    expect(chartSpecHtml(parsed!.spec, { id: parsed!.id })).toBe(html);
    expect(parseChartHtml("<table></table>")).toBeUndefined();
  });

  it("reads charts saved by the previous course version", () => {
    const previous = `<div id="chart-1" class="imdb-course-chart" style="height:360px"></div>\n<script>(function () { var spec = {"data":[{"type":"bar","x":["<\\!-- a"],"y":[1]}],"layout":{"height":360},"config":{}}; function draw() { window.Plotly.newPlot("chart-1", spec.data, spec.layout, spec.config); } if (window.Plotly) draw(); })();</script>`;
    expect(parseChartHtml(previous)).toEqual({ id: "chart-1", spec: { data: [{ type: "bar", x: ["<!-- a"], y: [1] }], layout: { height: 360 }, config: {} } });
  });

  it("marks loadPlotly's output for the HTML export, and no chart", () => {
    expect(loadPlotlyHtml()).toContain(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(chartHtml(traces)).not.toContain(PLOTLY_BUNDLE_ATTRIBUTE);
    expect(loadPlotlyHtml().length).toBeLessThan(5000);
  });
});
