import { describe, expect, it } from "vitest";
import vm from "node:vm";
import { chartHtml, plotlyBundleHtml, PLOTLY_BUNDLE_ATTRIBUTE } from "../lib/charts";

/** Runs every inline script of an HTML fragment in one fake window, in order. */
function runScripts(html: string, window: Record<string, unknown>): void {
  const context = vm.createContext({ window });
  for (const [, body] of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) vm.runInContext(body, context);
}

describe("chartHtml", () => {
  const traces = [{ type: "bar" as const, x: ["neg", "pos"], y: [12500, 12500] }];

  it("draws into its own div with the given traces and layout once Plotly exists", () => {
    const calls: unknown[][] = [];
    const html = chartHtml(traces, { title: { text: "Labels" } }, { id: "labels", height: 300 });
    expect(html).toContain('<div id="labels" class="imdb-course-chart" style="height:300px">');
    runScripts(html, { Plotly: { newPlot: (...args: unknown[]) => calls.push(args) } });
    expect(calls).toHaveLength(1);
    const [id, data, layout] = calls[0] as [string, unknown, { title: { text: string }; height: number }];
    expect(id).toBe("labels");
    expect(data).toEqual(traces);
    expect(layout.title.text).toBe("Labels");
    expect(layout.height).toBe(300);
  });

  it("waits for the bundle when it comes later, then draws every waiting chart", () => {
    const calls: string[] = [];
    const window: Record<string, unknown> = {};
    runScripts(chartHtml(traces, {}, { id: "a" }) + chartHtml(traces, {}, { id: "b" }), window);
    expect(calls).toEqual([]);
    const fakeBundle = "window.Plotly = { newPlot: function (id) { window.drawn.push(id); } };";
    window.drawn = calls;
    runScripts(plotlyBundleHtml(fakeBundle), window);
    expect(calls).toEqual(["a", "b"]);
  });

  it("derives the same id from the same content, and a different one from other content", () => {
    const id = (html: string) => /id="([^"]+)"/.exec(html)?.[1];
    expect(id(chartHtml(traces))).toBe(id(chartHtml(traces)));
    expect(id(chartHtml(traces))).not.toBe(id(chartHtml([{ ...traces[0], y: [1, 2] }])));
  });

  it("keeps text that looks like a closing script tag from ending the script", () => {
    const html = chartHtml([{ type: "bar", x: ["</script><b>"], y: [1] }], {}, { id: "x" });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const calls: unknown[][] = [];
    runScripts(html, { Plotly: { newPlot: (...args: unknown[]) => calls.push(args) } });
    expect((calls[0][1] as { x: string[] }[])[0].x[0]).toBe("</script><b>");
  });

  it("marks the bundle output so tools can find it", () => {
    expect(plotlyBundleHtml("var x;")).toMatch(new RegExp(`^<script ${PLOTLY_BUNDLE_ATTRIBUTE}>`));
  });
});
