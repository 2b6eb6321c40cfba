/**
 * The grader's reports: a readable block per notebook, a Markdown summary
 * table for a folder of submissions, and the JSON file (`--json`).
 */
import path from "node:path";
import { writeFileAtomic } from "../../lib/util/files";
import type { NotebookReport } from "./grade-notebook";
import type { Limits } from "./run-exercise";

const STATUS_WIDTH = "passed".length;

/** The path relative to the working folder when it lies inside it, else absolute. */
export function displayPath(file: string, relativeTo: string): string {
  const relative = path.relative(relativeTo, file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

/** One notebook: a header with its score, notes, then one line per exercise (messages indented below). */
export function formatNotebookReport(report: NotebookReport, relativeTo = process.cwd()): string {
  const name = displayPath(report.file, relativeTo);
  const lesson = report.lesson ? `lesson ${report.lesson.number} (${report.lesson.slug})` : "no lesson";
  const lines = [`${name}: ${lesson}, ${report.points} / ${report.maxPoints} points (${report.seconds.toFixed(1)} s)`];
  if (report.problem) lines.push(`  NOT GRADED: ${report.problem}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  const idWidth = Math.max(0, ...report.exercises.map((e) => e.id.length));
  for (const e of report.exercises) {
    lines.push(`  ${e.status.padEnd(STATUS_WIDTH)}  ${e.id.padEnd(idWidth)}  ${e.points}/${e.maxPoints}`);
    if (e.message) lines.push(indent(e.message, "      "));
    for (const note of e.notes) lines.push(`      note: ${note}`);
  }
  return lines.join("\n");
}

function indent(text: string, prefix: string): string {
  return text.split("\n").map((line) => prefix + line).join("\n");
}

/** Points scored and points possible over several notebooks. */
export function totals(reports: readonly NotebookReport[]): { points: number; maxPoints: number } {
  return {
    points: reports.reduce((sum, r) => sum + r.points, 0),
    maxPoints: reports.reduce((sum, r) => sum + r.maxPoints, 0),
  };
}

/** A Markdown table with one row per notebook and a total, for grading a folder of submissions. */
export function formatSummaryTable(reports: readonly NotebookReport[], relativeTo = process.cwd()): string {
  const rows = reports.map((r) => {
    const count = (status: string): number => r.exercises.filter((e) => e.status === status).length;
    const lesson = r.lesson ? String(r.lesson.number) : "-";
    const remark = (r.problem ?? (r.notes.length > 0 ? `${r.notes.length} note(s)` : "")).replace(/\|/g, "\\|").replace(/\n/g, " ");
    return [displayPath(r.file, relativeTo), lesson, `${r.points} / ${r.maxPoints}`, count("passed"), count("failed"), count("error"), r.seconds.toFixed(1), remark];
  });
  const { points, maxPoints } = totals(reports);
  const header = ["notebook", "lesson", "points", "passed", "failed", "error", "seconds", "remark"];
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
    `| total (${reports.length} notebooks) | | ${points} / ${maxPoints} | | | | | |`,
  ].join("\n");
}

export interface JsonReport {
  limits: Limits;
  points: number;
  maxPoints: number;
  notebooks: NotebookReport[];
}

/** Writes the JSON report atomically (a temporary file renamed into place). */
export function writeJsonReport(file: string, reports: NotebookReport[], limits: Limits): void {
  const body: JsonReport = {
    limits,
    ...totals(reports),
    notebooks: reports,
  };
  writeFileAtomic(file, [Buffer.from(JSON.stringify(body, null, 2) + "\n")]);
}
