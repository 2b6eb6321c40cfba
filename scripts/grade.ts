/**
 * `npm run grade -- [options] NOTEBOOK.ipynb|FOLDER…` (options: see grading/arguments.ts)
 *
 * Grades learners' notebooks against the lessons' hidden checks (test/grading/)
 * and prints a report per notebook, then a summary table when there are several.
 * The learners' code runs in child processes with limits, but it is NOT
 * sandboxed: see "Grading" in README.md before grading untrusted submissions.
 */
import os from "node:os";
import { findNotebooks, parseGradeArguments, USAGE, UsageError, type GradeArguments } from "./grading/arguments";
import { loadCatalog } from "./grading/catalog";
import { gradeNotebook, matchesLesson, type NotebookReport } from "./grading/grade-notebook";
import { formatNotebookReport, formatSummaryTable, totals, writeJsonReport } from "./grading/report";
import { stopAllExercises } from "./grading/run-exercise";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  let args: GradeArguments;
  let notebooks: string[];
  try {
    args = parseGradeArguments(argv);
    notebooks = findNotebooks(args.paths);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const catalog = loadCatalog();
  if (args.lesson !== undefined && !catalog.lessons.some((l) => matchesLesson(l, args.lesson))) {
    const known = catalog.lessons.map((l) => `${l.number} (${l.slug})`).join(", ");
    console.error(`--lesson ${args.lesson} is not a lesson with exercises; use one of: ${known}.`);
    return 2;
  }
  const reports: NotebookReport[] = [];
  for (const file of notebooks) {
    const report = await gradeNotebook(file, catalog, { limits: args.limits, jobs: args.jobs, expectLesson: args.lesson });
    reports.push(report);
    console.log(`${formatNotebookReport(report)}\n`);
  }
  if (reports.length > 1) console.log(`${formatSummaryTable(reports)}\n`);
  const { points, maxPoints } = totals(reports);
  console.log(`total: ${points} / ${maxPoints} points over ${reports.length} notebook${reports.length === 1 ? "" : "s"}`);
  if (args.json) {
    writeJsonReport(args.json, reports, args.limits);
    console.log(`JSON report: ${args.json}`);
  }
  return 0;
}

// Exercise processes run in their own process groups (so a time limit can kill
// whatever they started); an interrupted grader must stop them itself.
process.on("exit", stopAllExercises);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    stopAllExercises();
    console.error(`Grading interrupted (${signal}); the exercises still running were stopped.`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Grading could not run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
