import { describe, expect, it } from "vitest";
import { frameTable, tableHtml } from "../lib/display/tables";

describe("tableHtml", () => {
  it("writes a header row and one row per record, numbers right-aligned and formatted", () => {
    const html = tableHtml({ columns: ["split", "reviews", "mean"], rows: [["train", 25000, 234.75912]] }, { digits: 1 });
    expect(html).toContain("<thead><tr><th>split</th><th>reviews</th><th>mean</th></tr></thead>");
    expect(html).toContain('<tr><td>train</td><td style="text-align:right">25,000</td><td style="text-align:right">234.8</td></tr>');
  });

  it("shows a column of integers (up to rounding error) as integers", () => {
    const html = tableHtml({ columns: ["p95"], rows: [[597.0000000000001], [596.9999999999999], [1200]] }, { digits: 1 });
    expect(html.match(/>[^<]+<\/td>/g)).toEqual([">597</td>", ">597</td>", ">1,200</td>"]);
  });

  it("gives every number of a column with a fraction the same decimals, integers included", () => {
    const html = tableHtml({ columns: ["model", "accuracy"], rows: [["a", 87], ["b", 86.82], ["c", 597.0000000000001]] }, { digits: 2 });
    expect(html.match(/>[^<]+<\/td>/g)).toEqual([">a</td>", ">87.00</td>", ">b</td>", ">86.82</td>", ">c</td>", ">597.00</td>"]);
  });

  it("shows an index as a first header column, with an empty corner", () => {
    const html = tableHtml({ columns: ["n"], rows: [[1], [2]], index: ["neg", "pos"] });
    expect(html).toContain("<thead><tr><th></th><th>n</th></tr></thead>");
    expect(html).toContain('<tr><th>neg</th><td style="text-align:right">1</td></tr>');
  });

  it("escapes text and leaves missing values blank", () => {
    const html = tableHtml({ columns: ["<b>"], rows: [["a & <i>"], [null], [Number.NaN]] }, { caption: "x < y" });
    expect(html).toContain("<th>&lt;b&gt;</th>");
    expect(html).toContain("<td>a &amp; &lt;i&gt;</td>");
    expect(html).toContain("<caption>x &lt; y</caption>");
    expect(html.match(/<td[^>]*><\/td>/g)).toHaveLength(2);
  });

  it("rejects rows and indexes of the wrong length, naming the row", () => {
    expect(() => tableHtml({ columns: ["a", "b"], rows: [[1, 2], [3]] })).toThrow(/row 2 has 1 values for 2 columns/);
    expect(() => tableHtml({ columns: ["a"], rows: [[1]], index: [] })).toThrow(/one label per row/);
  });
});

describe("frameTable", () => {
  it("reads a danfojs DataFrame's columns, index and rows", async () => {
    const dfd = await import("danfojs-node");
    const frame = new dfd.DataFrame({ label: [0, 1, 1], length: [10, 20, 30] });
    const grouped = frame.groupby(["label"]).agg({ length: "mean" });
    expect(frameTable(grouped)).toEqual({ columns: ["label", "length_mean"], rows: [[0, 10], [1, 25]] });
    const described = frameTable(frame.describe());
    expect(described.index?.slice(0, 2)).toEqual(["count", "mean"]);
    expect(described.rows.slice(0, 2)).toEqual([[3, 3], [2 / 3, 20]]);
  }, 30_000);

  it("turns a Series into one column, and keeps an index other than 0, 1, 2, …", () => {
    expect(frameTable({ columns: ["length"], index: [0, 1], values: [4, 7] })).toEqual({ columns: ["length"], rows: [[4], [7]] });
    expect(frameTable({ columns: ["n"], index: [1, 0], values: [4, 7] })).toEqual({ columns: ["n"], rows: [[4], [7]], index: [1, 0] });
  });
});
