/**
 * Grading one learner notebook: find which lesson it is, find each exercise's
 * cell (by id, wherever it moved), note tampered check cells, compile the cells
 * (in the bounded TypeScript worker), run each exercise's calls in its own
 * sandbox and judge the outputs with the lesson's checks, in this process.
 */
import ts from "typescript";
import { sourceText, type Notebook } from "../learner-notebook";
import { declaredLesson, fileLessonNumber, namesLesson, type LessonName } from "../lessons";
import type { Catalog, GradedLesson, LessonExercise } from "./catalog";
import { judge } from "./checks-api";
import { exerciseFileName, prepareExerciseModule, topLevelNames, type ExerciseModule } from "./compile";
import { compileNotebook, DEFAULT_COMPILE_LIMITS, type CompileLimits, type NotebookCompileResult } from "./compile-service";
import { cellsWithId, gradeId, readNotebookFile } from "./notebook-file";
import type { ExerciseStatus } from "./protocol";
import { DEFAULT_LIMITS, runExercise, type Limits } from "./run-exercise";
import { courseLibraryEntry } from "./course-library";
import { sharedSandbox, type SandboxSetup } from "./sandbox";
import { encode } from "./sandbox/wire";

export interface ExerciseReport {
  id: string;
  status: ExerciseStatus;
  points: number;
  maxPoints: number;
  /** For failures and errors: what went wrong, in words the learner can act on. */
  message?: string;
  notes: string[];
  seconds: number;
}

export interface NotebookReport {
  file: string;
  /** The lesson graded, when the notebook could be matched to one. */
  lesson?: LessonName;
  /** Set when the notebook could not be graded at all (and then scores 0). */
  problem?: string;
  notes: string[];
  exercises: ExerciseReport[];
  points: number;
  /** Points available (0 when the lesson is unknown). */
  maxPoints: number;
  seconds: number;
}

export interface GradeOptions {
  limits?: Limits;
  compileLimits?: CompileLimits;
  /** Where exercises run (default: the bubblewrap sandbox, probed once per process; refused where it cannot run). */
  sandbox?: SandboxSetup;
  /** Exercises graded at the same time (each in its own sandbox). */
  jobs?: number;
  /** The lesson every notebook is expected to be (number or slug); another lesson is reported, not graded. */
  expectLesson?: string;
}

export async function gradeNotebook(file: string, catalog: Catalog, options: GradeOptions = {}): Promise<NotebookReport> {
  const started = performance.now();
  const report = (fields: Omit<NotebookReport, "file" | "seconds">): NotebookReport => ({ file, ...fields, seconds: (performance.now() - started) / 1000 });

  // A submission for an expected lesson that cannot be graded still scores 0 out of that lesson's points.
  const wanted = options.expectLesson;
  const expected = wanted === undefined ? undefined : catalog.lessons.find((l) => namesLesson(wanted, l));
  const ungraded = (problem: string): NotebookReport =>
    report({ lesson: expected && lessonInfo(expected), problem, notes: [], exercises: [], points: 0, maxPoints: expected ? maxPointsOf(expected) : 0 });

  const { notebook, problem } = readNotebookFile(file);
  if (!notebook) return ungraded(problem);
  const identified = identifyLesson(notebook, file, catalog, options.expectLesson);
  if (!identified.lesson) return ungraded(identified.problem);
  const { lesson, notes } = identified;
  const maxPoints = maxPointsOf(lesson);
  if (!lesson.checks) {
    return report({ lesson: lessonInfo(lesson), problem: `cannot grade: ${lesson.unavailable}`, notes, exercises: [], points: 0, maxPoints });
  }
  const exercises = await gradeExercises(notebook, lesson, options);
  const points = exercises.reduce((sum, e) => sum + e.points, 0);
  return report({ lesson: lessonInfo(lesson), notes, exercises, points, maxPoints });
}

function lessonInfo(lesson: GradedLesson): LessonName {
  return { number: lesson.number, slug: lesson.slug, title: lesson.title };
}

function maxPointsOf(lesson: GradedLesson): number {
  return lesson.exercises.reduce((sum, e) => sum + e.points, 0);
}

type Identified = { lesson: GradedLesson; notes: string[]; problem?: undefined } | { lesson?: undefined; problem: string };

/**
 * The lesson a notebook holds: its `imdb_course` metadata, unless its exercise
 * ids say otherwise (cells pasted into another lesson's notebook), or its
 * exercise ids alone when the metadata is gone.
 */
function identifyLesson(notebook: Notebook, file: string, catalog: Catalog, expected?: string): Identified {
  const ids = new Set(notebook.cells.map(gradeId).filter((id): id is string => id !== undefined));
  const overlap = (lesson: GradedLesson): number => lesson.exercises.filter((e) => ids.has(e.id) || ids.has(`${e.id}-check`)).length;
  const meta = declaredLesson(notebook.metadata);
  const byMetadata = catalog.lessons.find((l) => (meta.slug !== undefined ? l.slug === meta.slug : l.number === meta.number));
  const byIds = [...catalog.lessons].sort((a, b) => overlap(b) - overlap(a)).find((l) => overlap(l) > 0);
  const notes: string[] = [];

  let lesson: GradedLesson | undefined;
  if (byMetadata && (overlap(byMetadata) > 0 || !byIds)) {
    lesson = byMetadata;
  } else if (byIds) {
    lesson = byIds;
    if (meta.slug !== undefined || meta.number !== undefined) {
      notes.push(`its metadata says lesson ${meta.slug ?? meta.number}, but its exercises are those of lesson ${byIds.number} (${byIds.slug}); graded as lesson ${byIds.number}`);
    }
  }
  if (!lesson) {
    if (meta.slug !== undefined || meta.number !== undefined) {
      return { problem: `lesson ${meta.slug ?? meta.number} has no exercises to grade (or is not a lesson of this course)` };
    }
    return { problem: "not a lesson notebook of this course: it has no imdb_course metadata and no cell carries a known exercise id" };
  }
  if (expected !== undefined && !namesLesson(expected, lesson)) {
    return { problem: `this notebook is lesson ${lesson.number} (${lesson.slug}), not the lesson being graded (${expected}); nothing graded` };
  }
  const namedLike = fileLessonNumber(file);
  if (Number.isFinite(namedLike) && namedLike !== lesson.number) {
    notes.push(`the file is named like lesson ${namedLike} but holds lesson ${lesson.number} (${lesson.slug}); graded as lesson ${lesson.number}`);
  }
  return { lesson, notes };
}

interface Located {
  exercise: LessonExercise;
  notes: string[];
  module?: ExerciseModule;
  problem?: string;
}

async function gradeExercises(notebook: Notebook, lesson: GradedLesson, options: GradeOptions): Promise<ExerciseReport[]> {
  const checks = lesson.checks as NonNullable<GradedLesson["checks"]>;
  const located = lesson.exercises.map((exercise): Located => {
    const notes = checkCellNotes(notebook, exercise);
    const exports = checks.exercises[exercise.id].exports;
    const found = findExerciseSource(notebook, exercise.id, exports);
    if (found.problem !== undefined) return { exercise, notes, problem: found.problem };
    notes.push(...found.notes);
    const prepared = prepareExerciseModule(lesson.prelude, found.source, exports, exerciseFileName(exercise.id));
    return prepared.module ? { exercise, notes, module: prepared.module } : { exercise, notes, problem: prepared.problem };
  });

  const modules = located.flatMap((l) => (l.module ? [l.module] : []));
  const compiled: NotebookCompileResult = modules.length > 0 ? await compileNotebook(modules, options.compileLimits ?? DEFAULT_COMPILE_LIMITS) : { results: new Map() };
  const limits = options.limits ?? DEFAULT_LIMITS;
  const sandbox = options.sandbox ?? sharedSandbox();

  return mapWithConcurrency(located, Math.max(1, options.jobs ?? 1), async ({ exercise, notes, module, problem }): Promise<ExerciseReport> => {
    const base = { id: exercise.id, maxPoints: exercise.points, notes };
    const compileResult = module ? compiled.results?.get(module.fileName) : undefined;
    const reason = problem ?? compiled.problem ?? compileResult?.problem;
    if (reason !== undefined || !module || !compileResult?.js) {
      return { ...base, status: "error", points: 0, message: reason ?? "the exercise cell could not be compiled", seconds: 0 };
    }
    const check = checks.exercises[exercise.id];
    const calls = await Promise.all(check.calls.map(async (c) => ({ fn: c.fn, args: await Promise.all(c.args.map((a) => encode(a))), argumentsAfter: c.argumentsAfter })));
    const job = { fileName: module.fileName, js: compileResult.js, cellLineOffset: module.cellLineOffset, libraryEntry: courseLibraryEntry(), calls };
    const outcome = await runExercise(sandbox, job, limits, exercise.id);
    const verdict = outcome.report ? await judge(check, outcome.report) : { status: "error" as const, message: outcome.error };
    return { ...base, status: verdict.status, points: verdict.status === "passed" ? exercise.points : 0, message: verdict.message, seconds: outcome.seconds };
  });
}

/** Notes about the exercise's check cell: deleted or edited by the learner (the grader's own checks decide either way). */
function checkCellNotes(notebook: Notebook, exercise: LessonExercise): string[] {
  const checkId = `${exercise.id}-check`;
  const cells = cellsWithId(notebook, checkId);
  if (exercise.checkCellSource === undefined) return [];
  if (cells.length === 0) return [`its check cell (${checkId}) was deleted; graded with the grader's own checks`];
  if (cells.every((c) => c.source.trim() !== exercise.checkCellSource?.trim())) {
    return [`its check cell (${checkId}) was edited; graded with the grader's own checks, not the notebook's`];
  }
  return [];
}

type FoundSource = { source: string; notes: string[]; problem?: undefined } | { problem: string };

/**
 * The exercise cell's source: the cell with the exercise id, wherever it is;
 * failing that (metadata lost by copying the code into a new cell), the code
 * cell that defines the exercise's names.
 */
function findExerciseSource(notebook: Notebook, id: string, exports: readonly string[]): FoundSource {
  const cells = cellsWithId(notebook, id).filter((c) => c.cell.cell_type === "code");
  if (cells.length > 0) {
    const last = cells[cells.length - 1];
    const notes = cells.length > 1 ? [`${cells.length} code cells carry the id "${id}"; graded the last one (cell ${last.position}), as running the notebook would define it last`] : [];
    return { source: last.source, notes };
  }
  if (cellsWithId(notebook, id).length > 0) return { problem: `the exercise cell "${id}" is no longer a code cell` };

  const defining = notebook.cells.flatMap((cell, index) => {
    if (cell.cell_type !== "code") return [];
    const source = sourceText(cell);
    const { declared } = topLevelNames(ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
    return exports.every((name) => declared.has(name)) ? [{ source, position: index + 1 }] : [];
  });
  const names = exports.map((n) => `\`${n}\``).join(", ");
  if (defining.length === 0) {
    return { problem: `exercise "${id}" not found: no cell has that exercise id (metadata.nbgrader.grade_id) and no code cell defines ${names}; was the cell deleted?` };
  }
  const chosen = defining[defining.length - 1];
  return { source: chosen.source, notes: [`no cell has the exercise id "${id}" (its metadata was lost); graded cell ${chosen.position}, which defines ${names}`] };
}

export async function mapWithConcurrency<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
