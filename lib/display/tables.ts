/**
 * Tables in notebooks (lesson 1 shows the first ones): an HTML table built by
 * a pure function, from rows or from a danfojs DataFrame / Series.
 *
 * danfojs' own `print()` writes fixed-width text that wraps badly in a
 * notebook, and its `plot()`/HTML helpers need a browser; an HTML table is
 * rendered by Jupyter and by exported HTML alike.
 */
import { integerOption } from "../util/options";

export interface Table {
  columns: string[];
  rows: readonly (readonly unknown[])[];
  /** Row labels, shown as a first header column (a DataFrame's index). */
  index?: readonly (string | number)[];
}

export interface TableOptions {
  /** Decimals shown for numbers that are not integers (default 3). */
  digits?: number;
  caption?: string;
}

/** The columns, index and values of a danfojs DataFrame or Series: what `frameTable` reads. */
export interface FrameLike {
  columns: string[];
  index: (string | number)[];
  values: unknown[] | unknown[][];
}

/**
 * A danfojs DataFrame or Series as a Table (lesson 1). A Series becomes one
 * column named after it. A default index (0, 1, 2, … as after `groupby`)
 * numbers rows without saying anything, so it is left out; any other index
 * (e.g. describe()'s "count", "mean", …) becomes the first column.
 */
export function frameTable(frame: FrameLike): Table {
  const values = frame.values;
  const isSeries = values.length > 0 && !Array.isArray(values[0]);
  const rows = isSeries ? values.map((v) => [v]) : (values as unknown[][]);
  if (!isSeries && rows.some((row) => row.length !== frame.columns.length)) {
    throw new Error(`frameTable: a row has a different number of values than the ${frame.columns.length} columns; pass a danfojs DataFrame or Series.`);
  }
  const defaultIndex = frame.index.every((label, i) => label === i);
  return defaultIndex ? { columns: frame.columns.map(String), rows } : { columns: frame.columns.map(String), rows, index: frame.index };
}

/**
 * An HTML table (lesson 1): numbers right-aligned; a column whose numbers are
 * all integers (or within rounding error of one) shows them with thousands
 * separators ("25,000"), any other column shows every number with `digits`
 * decimals, so 87 stands as "87.00" among "86.82"; text escaped.
 */
export function tableHtml(table: Table, options: TableOptions = {}): string {
  const digits = integerOption("tableHtml", "digits", options.digits, 0, 20, 3);
  if (table.index !== undefined && table.index.length !== table.rows.length) {
    throw new Error(`tableHtml: the index has ${table.index.length} labels for ${table.rows.length} rows; give one label per row.`);
  }
  const wholeColumns = table.columns.map((_, c) => table.rows.every((row) => typeof row[c] !== "number" || isWhole(row[c] as number)));
  const cell = (tag: "td" | "th", value: unknown, whole: boolean) => {
    const align = typeof value === "number" ? ' style="text-align:right"' : "";
    return `<${tag}${align}>${escapeHtml(formatValue(value, whole ? 0 : digits))}</${tag}>`;
  };
  const head = [...(table.index ? [""] : []), ...table.columns].map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = table.rows
    .map((row, i) => {
      if (row.length !== table.columns.length) {
        throw new Error(`tableHtml: row ${i + 1} has ${row.length} values for ${table.columns.length} columns; give one value per column.`);
      }
      const label = table.index ? cell("th", table.index[i], true) : "";
      return `<tr>${label}${row.map((v, c) => cell("td", v, wholeColumns[c])).join("")}</tr>`;
    })
    .join("\n");
  const caption = options.caption === undefined ? "" : `<caption>${escapeHtml(options.caption)}</caption>\n`;
  return `<table>\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Displays a table (rows, or a danfojs DataFrame / Series) under the current notebook cell (lesson 1). */
export function showTable(table: Table | FrameLike, options: TableOptions = {}): void {
  const html = tableHtml("rows" in table ? table : frameTable(table), options);
  // Required lazily: tslab's display only works inside a running kernel.
  (require("tslab") as typeof import("tslab")).display.html(html);
}

function formatValue(value: unknown, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "";
    return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  return String(value);
}

/** 597.0000000000001 is an integer up to rounding. */
function isWhole(value: number): boolean {
  return Number.isNaN(value) || Math.abs(value - Math.round(value)) <= 1e-9 * Math.max(1, Math.abs(value));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
