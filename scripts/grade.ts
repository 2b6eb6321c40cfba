/**
 * `npm run grade -- [options] NOTEBOOK.ipynb|FOLDER…` (options: see grading/arguments.ts)
 *
 * Grades learners' notebooks against the lessons' hidden checks (test/grading/)
 * and prints a report per notebook as it finishes, then a summary table when
 * there are several. The learners' code runs in a bubblewrap sandbox that
 * only computes outputs; the checks judge them here (see "Untrusted code" in
 * README.md). The JSON report and the gradebook are rewritten after every
 * notebook, so an interrupted batch leaves the results it finished.
 */
import { onStop, runMain, UsageError } from "./cli";
import { findNotebooks, parseGradeArguments, USAGE } from "./grading/arguments";
import { loadCatalog } from "./grading/catalog";
import { stopCompileWorker } from "./grading/compile-service";
import { gradeNotebook, mapWithConcurrency, type NotebookReport } from "./grading/grade-notebook";
import { gradebookCsv, writeFeedback, writeGradebook } from "./grading/gradebook";
import { formatNotebookReport, formatSummaryTable, totals, writeJsonReport } from "./grading/report";
import { stopAllExercises } from "./grading/run-exercise";
import { namesLesson } from "./lessons";
import { prepareSandbox, releaseSandbox, SandboxUnavailable, type SandboxSetup } from "./grading/sandbox";

let sandbox: SandboxSetup | undefined;

async function main(argv: string[]): Promise<number> {
  const args = parseGradeArguments(argv);
  const notebooks = findNotebooks(args.paths);
  const catalog = loadCatalog();
  const { lesson } = args;
  if (lesson !== undefined && !catalog.lessons.some((l) => namesLesson(lesson, l))) {
    const known = catalog.lessons.map((l) => `${l.number} (${l.slug})`).join(", ");
    throw new UsageError(`--lesson ${lesson} is not a lesson with exercises; use one of: ${known}.`);
  }
  try {
    sandbox = prepareSandbox(args.sandbox);
  } catch (error) {
    if (!(error instanceof SandboxUnavailable)) throw error;
    console.error(`Grading refused: ${error.message}`);
    return 3;
  }
  for (const note of sandbox.notes) console.error(note);

  // Several notebooks at once, one exercise at a time each, keeps `jobs` sandboxes busy while the next notebook compiles.
  const parallelNotebooks = notebooks.length >= args.jobs;
  const finished: Array<NotebookReport | undefined> = new Array(notebooks.length);
  const done = (): NotebookReport[] => finished.filter((r): r is NotebookReport => r !== undefined);
  await mapWithConcurrency(notebooks, parallelNotebooks ? args.jobs : 1, async (file) => {
    const report = await gradeNotebook(file, catalog, { limits: args.limits, jobs: parallelNotebooks ? 1 : args.jobs, expectLesson: args.lesson, sandbox });
    finished[notebooks.indexOf(file)] = report;
    console.log(`${formatNotebookReport(report)}\n`);
    if (args.json) writeJsonReport(args.json, done(), args.limits);
    if (args.csv) writeGradebook(args.csv, gradebookCsv(done(), catalog, args.paths));
    if (args.feedback) writeFeedback(args.feedback, report, args.paths);
  });
  stopCompileWorker();
  const reports = done();
  if (reports.length > 1) console.log(`${formatSummaryTable(reports)}\n`);
  const { points, maxPoints } = totals(reports);
  console.log(`total: ${points} / ${maxPoints} points over ${reports.length} notebook${reports.length === 1 ? "" : "s"}`);
  if (args.json) console.log(`JSON report: ${args.json}`);
  if (args.csv) console.log(`gradebook: ${args.csv}`);
  if (args.feedback) console.log(`feedback files: ${args.feedback}/`);
  return 0;
}

function stopEverything(): void {
  stopAllExercises();
  stopCompileWorker();
  releaseSandbox(sandbox);
  sandbox = undefined;
}

// Sandboxes run in their own process groups (so a time limit can kill whatever
// they started); an interrupted grader must stop them itself.
process.on("exit", stopEverything);
onStop((signal) => {
  stopEverything();
  console.error(`Grading interrupted (${signal}); the exercises still running were stopped.`);
});

runMain(main, { usage: USAGE, failure: "Grading could not run" });
