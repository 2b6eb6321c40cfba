/**
 * tfjs' `model.summary()` printout as an HTML table on exported pages: tfjs
 * draws a rule under every layer and cuts the "Layer (type)" column at a
 * fixed width, which makes long summaries hard to read when presented
 * (instructor tooling for `npm run export`; no lesson teaches it).
 */
import { escapeHtml } from "./index-page";

/** A printed summary: a rule, the column header, a rule of "=", the layers, then the totals. */
const SUMMARY_BLOCK = /^_{20,}\n(Layer \(type\) .*)\n={20,}\n([\s\S]*?)\n={20,}\n((?:(?:Total|Trainable|Non-trainable) params: .*\n)+)_{20,}\n?/gm;

/** The text with each summary printout replaced by a table; undefined when there is none. */
export function summaryOutputs(text: string): ({ kind: "text"; text: string } | { kind: "html"; html: string })[] | undefined {
  const parts: ({ kind: "text"; text: string } | { kind: "html"; html: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(SUMMARY_BLOCK)) {
    const table = summaryTableHtml(match[1], match[2], match[3]);
    if (table === undefined) continue;
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "html", html: table });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

function summaryTableHtml(header: string, body: string, totals: string): string | undefined {
  const starts = [...header.matchAll(/(?:^|\s{2,})(\S(?:\S| (?! ))*)/g)].map((m) => m.index + m[0].length - m[1].length);
  const columns = starts.map((start, i) => header.slice(start, starts[i + 1]).trim());
  if (columns.length < 3 || columns[columns.length - 1] !== "Param #") return undefined;
  const rows: string[][] = [];
  for (const line of body.split("\n")) {
    if (/^_{20,}$/.test(line) || line.trim() === "") continue;
    const cells = starts.map((start, i) => line.slice(start, starts[i + 1]).trim());
    // A layer with several inputs continues on lines whose first column is empty.
    if (cells[0] === "" && rows.length > 0) rows[rows.length - 1] = rows[rows.length - 1].map((cell, i) => (cells[i] ? `${cell}\n${cells[i]}` : cell));
    else rows.push(cells);
  }
  const head = ["Layer", "Type", ...columns.slice(1)].map((c, i, all) => `<th${i === all.length - 1 ? ' style="text-align:right"' : ""}>${escapeHtml(c)}</th>`).join("");
  const bodyRows = rows.map((cells) => {
    const { name, type } = layerNameAndType(cells[0]);
    const values = [name, type, ...cells.slice(1)];
    return `<tr>${values.map((v, i) => (i === values.length - 1 ? `<td style="text-align:right">${escapeHtml(withThousands(v))}</td>` : `<td>${escapeHtml(v).replace(/\n/g, "<br>")}</td>`)).join("")}</tr>`;
  }).join("\n");
  const totalLines = totals.trim().split("\n").map((line) => escapeHtml(line.replace(/\d+/, withThousands))).join("<br>");
  return `<table class="imdb-course-summary">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${bodyRows}\n</tbody>\n</table>\n<p class="imdb-course-summary-totals">${totalLines}</p>`;
}

/**
 * Splits tfjs' "name (Type)" cell, which tfjs cuts at the column's width. A
 * cut type is recovered from a name tfjs generated ("dense_Dense1" holds
 * "Dense"); otherwise what is left is shown with "…".
 */
export function layerNameAndType(cell: string): { name: string; type: string } {
  const match = /^(\S+) \(([^)]*)(\)?)$/.exec(cell);
  if (match === null) return { name: cell, type: "" };
  const [, name, type, closed] = match;
  if (closed) return { name, type };
  const generated = /_([A-Z][A-Za-z0-9]*?)\d+$/.exec(name)?.[1];
  return { name, type: generated !== undefined && generated.startsWith(type) ? generated : `${type}…` };
}

function withThousands(value: string): string {
  return /^\d+$/.test(value) ? Number(value).toLocaleString("en-US") : value;
}
