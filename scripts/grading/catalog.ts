/**
 * The lessons the grader knows: each solution notebook with exercises (their
 * ids, points and check cells, as the lesson's author wrote them) paired with
 * the lesson's checks file. A learner's notebook is never trusted for any of
 * this; it only supplies the answers.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { errorMessage } from "../../lib/util/errors";
import { PROJECT_ROOT } from "../jupyter-env";
import { sourceText } from "../learner-notebook";
import { declaredLesson, readLesson, type LessonName } from "../lessons";
import type { LessonChecks } from "./checks-api";
import { lessonImports } from "./compile";
import { cellsWithId, gradeId } from "./notebook-file";

// tsx's API is reachable only through package "exports", which the project's
// Node10 module resolution does not read for types.
const { require: tsxRequire } = require("tsx/cjs/api") as { require: (id: string, fromFile: string) => unknown };

export const SOLUTIONS_DIR = path.join(PROJECT_ROOT, "solutions");
const CHECKS_DIR = path.join(PROJECT_ROOT, "test", "grading");

export interface LessonExercise {
  id: string;
  points: number;
  /** The check cell's source in the solution notebook, to notice a learner's edits. */
  checkCellSource?: string;
}

/** A lesson the grader knows: its name, its exercises and its checks. */
export interface GradedLesson extends LessonName {
  exercises: LessonExercise[];
  /** The import declarations of the solution's code cells, put before each exercise cell when it is compiled. */
  prelude: string;
  checksPath: string;
  /** Loaded checks, or why this lesson cannot be graded (missing or inconsistent checks file). */
  checks?: LessonChecks;
  unavailable?: string;
}

export interface Catalog {
  lessons: GradedLesson[];
}

export interface CatalogDirs {
  solutions: string;
  checks: string;
}

/**
 * Reads every solution notebook that has exercises and loads its checks. A
 * problem with one lesson's files makes that lesson unavailable, not the grader.
 */
export function loadCatalog(dirs: CatalogDirs = { solutions: SOLUTIONS_DIR, checks: CHECKS_DIR }): Catalog {
  const lessons: GradedLesson[] = [];
  for (const name of readdirSync(dirs.solutions).filter((n) => n.endsWith(".ipynb")).sort()) {
    const file = path.join(dirs.solutions, name);
    const { notebook, number, slug, title } = readLesson(file);
    const exerciseCells = notebook.cells.filter((cell) => cell.metadata?.nbgrader?.solution === true && gradeId(cell) !== undefined);
    if (exerciseCells.length === 0) continue;
    const declared = declaredLesson(notebook.metadata);
    if (declared.number === undefined || declared.slug === undefined) {
      throw new Error(`The solution notebook ${file} has exercises but no imdb_course.lesson / imdb_course.slug metadata (see solutions/README.md).`);
    }
    const exercises = exerciseCells.map((cell): LessonExercise => {
      const id = gradeId(cell) as string;
      const points = cell.metadata.nbgrader?.points;
      if (typeof points !== "number" || points <= 0) throw new Error(`${file}: exercise "${id}" has no positive metadata.nbgrader.points.`);
      return { id, points, checkCellSource: cellsWithId(notebook, `${id}-check`)[0]?.source };
    });
    const lesson: GradedLesson = {
      number,
      slug,
      title,
      exercises,
      prelude: lessonImports(notebook.cells.filter((cell) => cell.cell_type === "code").map(sourceText)),
      checksPath: path.join(dirs.checks, `${slug}.ts`),
    };
    attachChecks(lesson);
    lessons.push(lesson);
  }
  return { lessons };
}

function attachChecks(lesson: GradedLesson): void {
  const label = `lesson ${lesson.number} (${lesson.slug})`;
  if (!existsSync(lesson.checksPath)) {
    lesson.unavailable = `${label} has no checks yet: ${path.relative(PROJECT_ROOT, lesson.checksPath)} is missing`;
    return;
  }
  let checks: LessonChecks;
  try {
    checks = importChecks(lesson.checksPath);
  } catch (error) {
    lesson.unavailable = `the checks of ${label} cannot be loaded: ${errorMessage(error)}`;
    return;
  }
  const solutionIds = lesson.exercises.map((e) => e.id);
  const checkIds = Object.keys(checks.exercises);
  const unchecked = solutionIds.filter((id) => !checkIds.includes(id));
  const unknown = checkIds.filter((id) => !solutionIds.includes(id));
  if (checks.slug !== lesson.slug) {
    lesson.unavailable = `${path.relative(PROJECT_ROOT, lesson.checksPath)} declares slug "${checks.slug}", not "${lesson.slug}"`;
  } else if (unchecked.length > 0 || unknown.length > 0) {
    const parts = [unchecked.length ? `no check for ${unchecked.join(", ")}` : "", unknown.length ? `checks for exercises the solution lacks: ${unknown.join(", ")}` : ""];
    lesson.unavailable = `the checks of ${label} do not match its solution notebook (${parts.filter(Boolean).join("; ")})`;
  } else {
    lesson.checks = checks;
  }
}

/**
 * Loads a checks file's default export through tsx, as the exercise processes
 * do, so it works whatever runs the grader (tsx, plain node, vitest).
 */
function importChecks(file: string): LessonChecks {
  const loaded = tsxRequire(file, __filename) as { default?: unknown };
  const value = loaded.default;
  if (!value || typeof value !== "object" || !("exercises" in value)) throw new Error(`${file} does not default-export a LessonChecks object`);
  return value as LessonChecks;
}
