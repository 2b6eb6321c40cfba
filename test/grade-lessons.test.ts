/**
 * The real lessons through the grader: every lesson with exercises has checks
 * matching its solution notebook, every solution notebook gets full marks, and
 * every freshly generated learner notebook gets zero, each exercise reporting
 * its "not implemented yet" message. Grading times are printed per notebook.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, SOLUTIONS_DIR, type Catalog, type GradedLesson } from "../scripts/grading/catalog";
import { gradeNotebook, type NotebookReport } from "../scripts/grading/grade-notebook";
import { DEFAULT_LIMITS } from "../scripts/grading/run-exercise";
import { stubMessage, toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";
import { temporaryFolder, writeNotebook } from "./grading/fixtures/toy-notebooks";

/** Solution notebooks with at least one exercise cell, by file name (read now, so each gets its own test). */
const lessonFiles = readdirSync(SOLUTIONS_DIR)
  .filter((name) => name.endsWith(".ipynb"))
  .sort()
  .filter((name) => {
    const notebook = JSON.parse(readFileSync(path.join(SOLUTIONS_DIR, name), "utf8")) as Notebook;
    return notebook.cells.some((cell) => cell.metadata.nbgrader?.solution === true);
  });

const LEARNERS = temporaryFolder("grade-lessons-");
const OPTIONS = { limits: { ...DEFAULT_LIMITS, timeoutMs: 60_000 }, jobs: 2 };
const times: string[] = [];
let catalog: Catalog;

beforeAll(() => {
  catalog = loadCatalog();
}, 120_000);

afterAll(() => {
  if (times.length > 0) console.log(`grading time per notebook (load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}):\n${times.join("\n")}`);
});

function lessonOf(file: string): GradedLesson {
  const slug = path.basename(file, ".ipynb");
  const lesson = catalog.lessons.find((l) => l.slug === slug);
  if (!lesson) throw new Error(`solutions/${file} is not in the grader's catalog (its imdb_course.slug must be "${slug}")`);
  return lesson;
}

async function timedGrade(file: string, label: string): Promise<NotebookReport> {
  const report = await gradeNotebook(file, catalog, OPTIONS);
  times.push(`| ${label} | ${report.exercises.length} exercises | ${report.seconds.toFixed(1)} s |`);
  return report;
}

describe.runIf(lessonFiles.length > 0)("grading the course's lessons", () => {
  it.each(lessonFiles)("%s has checks for exactly its exercises", (file) => {
    expect(lessonOf(file).unavailable).toBeUndefined();
  });

  it.each(lessonFiles)("solutions/%s gets full marks", async (file) => {
    const report = await timedGrade(path.join(SOLUTIONS_DIR, file), `solutions/${file}`);
    const failures = report.exercises.filter((e) => e.status !== "passed").map((e) => `${e.id}: ${e.status}: ${e.message}`);
    expect(failures, report.problem).toEqual([]);
    expect(report.points).toBe(report.maxPoints);
    expect(report.maxPoints).toBeGreaterThan(0);
  }, 300_000);

  it.each(lessonFiles)("the learner's copy of %s gets zero, each exercise saying it is not implemented yet", async (file) => {
    const solution = JSON.parse(readFileSync(path.join(SOLUTIONS_DIR, file), "utf8")) as Notebook;
    const learnerFile = writeNotebook(LEARNERS, file, toLearnerNotebook(solution, file));
    const report = await timedGrade(learnerFile, `learner copy of ${file}`);
    expect(report.problem).toBeUndefined();
    expect(report.points).toBe(0);
    for (const e of report.exercises) {
      expect({ id: e.id, status: e.status, message: e.message }).toEqual({ id: e.id, status: "error", message: expect.stringContaining(stubMessage(e.id)) });
    }
    expect(report.exercises.map((e) => e.id)).toEqual(lessonOf(file).exercises.map((e) => e.id));
  }, 300_000);
});
