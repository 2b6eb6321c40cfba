/**
 * What the grader hands on beyond its printed report: a gradebook (CSV, one
 * row per notebook, one column per exercise, the total last, for an LMS) and
 * one feedback file per notebook (Markdown) with each exercise's outcome and
 * message. Messages are what the checks say to learners anyway; nothing else
 * of the checks (no hidden case, no expected value) is written.
 */
import path from "node:path";
import { writeFileAtomic } from "../../lib/util/files";
import type { Catalog } from "./catalog";
import type { NotebookReport } from "./grade-notebook";
import { displayPath } from "./report";

/**
 * The learner a notebook belongs to: the folder it sits in below the folder
 * that was graded (submissions/alice/03-mlp.ipynb → alice), else the file's
 * name (submissions/alice.ipynb → alice).
 */
export function learnerName(file: string, gradedPaths: readonly string[]): string {
  const resolved = path.resolve(file);
  for (const given of gradedPaths) {
    const relative = path.relative(path.resolve(given), resolved);
    if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) continue;
    const parts = relative.split(path.sep);
    if (parts.length > 1) return parts[0];
  }
  return path.basename(file, ".ipynb");
}

/** The exercise columns for the lessons in these reports: in course order, each lesson's exercises in its notebook's order. */
function exerciseColumns(reports: readonly NotebookReport[], catalog: Catalog): string[] {
  const slugs = new Set(reports.flatMap((r) => (r.lesson ? [r.lesson.slug] : [])));
  return catalog.lessons.filter((l) => slugs.has(l.slug)).flatMap((l) => l.exercises.map((e) => e.id));
}

/** A spreadsheet cell that cannot start a formula, quoted where CSV needs it. */
function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function gradebookCsv(reports: readonly NotebookReport[], catalog: Catalog, gradedPaths: readonly string[], relativeTo = process.cwd()): string {
  const columns = exerciseColumns(reports, catalog);
  const header = ["learner", "notebook", "lesson", ...columns, "total"];
  const rows = reports.map((r) => {
    const points = new Map(r.exercises.map((e) => [e.id, e.points]));
    const cells = columns.map((id) => (points.has(id) ? (points.get(id) as number) : r.lesson && catalog.lessons.find((l) => l.slug === r.lesson?.slug)?.exercises.some((e) => e.id === id) ? 0 : ""));
    return [learnerName(r.file, gradedPaths), displayPath(r.file, relativeTo), r.lesson?.number ?? "", ...cells, r.points];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\n") + "\n";
}

export function writeGradebook(file: string, csv: string): void {
  writeFileAtomic(file, [Buffer.from(csv)]);
}

/** The feedback file's name for a notebook: the learner, and the notebook when it is not named after the learner. */
export function feedbackFileName(report: NotebookReport, gradedPaths: readonly string[]): string {
  const learner = learnerName(report.file, gradedPaths);
  const stem = path.basename(report.file, ".ipynb");
  const name = stem === learner ? learner : `${learner}--${stem}`;
  return `${name.replace(/[^\w.-]/g, "_")}.md`;
}

export function feedbackMarkdown(report: NotebookReport): string {
  const lesson = report.lesson ? `Lesson ${report.lesson.number}: ${report.lesson.title}` : "No lesson recognised";
  const lines = [`# ${lesson}`, "", `Notebook: \`${path.basename(report.file)}\``, "", `**${report.points} / ${report.maxPoints} points**`, ""];
  if (report.problem) lines.push(`Not graded: ${report.problem}`, "");
  for (const note of report.notes) lines.push(`- Note: ${note}`);
  if (report.notes.length > 0) lines.push("");
  for (const e of report.exercises) {
    lines.push(`## ${e.id}: ${e.status} (${e.points} / ${e.maxPoints})`, "");
    if (e.message) lines.push("```text", e.message.replace(/```/g, "'''"), "```", "");
    for (const note of e.notes) lines.push(`- Note: ${note}`);
    if (e.notes.length > 0) lines.push("");
  }
  return lines.join("\n");
}

export function writeFeedback(dir: string, report: NotebookReport, gradedPaths: readonly string[]): string {
  const file = path.join(dir, feedbackFileName(report, gradedPaths));
  writeFileAtomic(file, [Buffer.from(feedbackMarkdown(report))]);
  return file;
}
