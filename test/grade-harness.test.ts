/**
 * The grading harness on a toy lesson (test/grading/fixtures/): full marks for
 * the solution, zero for the learner's copy, exactly one exercise's points when
 * one is solved, and every way a submission can go wrong reported for its
 * exercise only, with a message and never a stack trace.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "../scripts/grading/catalog";
import { gradeNotebook, type NotebookReport } from "../scripts/grading/grade-notebook";
import { toLearnerNotebook, stubMessage, type Notebook } from "../scripts/learner-notebook";
import { TOY_CHECKS_DIR, TOY_EXERCISES, temporaryFolder, toySolution, withExerciseSource, writeNotebook, type ToyExercise } from "./grading/fixtures/toy-notebooks";

const LIMITS = { timeoutMs: 20_000, memoryMb: 1024, startupMs: 60_000 };
const SUBMISSIONS = temporaryFolder("grade-harness-");
let catalog: Catalog;

beforeAll(() => {
  const solutions = temporaryFolder("grade-harness-solutions-");
  writeNotebook(solutions, "90-toy.ipynb", toySolution());
  catalog = loadCatalog({ solutions, checks: TOY_CHECKS_DIR });
});

async function grade(notebook: Notebook | string, name = "submission.ipynb", limits = LIMITS): Promise<NotebookReport> {
  return gradeNotebook(writeNotebook(SUBMISSIONS, name, notebook), catalog, { limits, jobs: 2 });
}

function exercise(report: NotebookReport, id: ToyExercise) {
  const found = report.exercises.find((e) => e.id === id);
  if (!found) throw new Error(`no report for ${id}: ${JSON.stringify(report)}`);
  return found;
}

const learner = (): Notebook => toLearnerNotebook(toySolution(), "toy");
const solvedSource = (id: ToyExercise): string => TOY_EXERCISES[id].source;
const TOTAL = Object.values(TOY_EXERCISES).reduce((sum, e) => sum + e.points, 0);

describe("grading the toy lesson", () => {
  it("gives the solution notebook full marks", async () => {
    const report = await grade(toySolution());
    expect(report.problem).toBeUndefined();
    expect(report.exercises.map((e) => [e.id, e.status, e.points])).toEqual([
      ["double", "passed", 1],
      ["file-stem", "passed", 2],
      ["mean", "passed", 3],
      ["tiny-model", "passed", 4],
    ]);
    expect([report.points, report.maxPoints]).toEqual([TOTAL, TOTAL]);
    expect(report.lesson?.slug).toBe("90-toy");
  }, 180_000);

  it("gives a fresh learner notebook zero, each exercise reporting its stub message and line", async () => {
    const report = await grade(learner());
    expect(report.points).toBe(0);
    for (const e of report.exercises) {
      expect(e.status).toBe("error");
      expect(e.message).toBe(`${stubMessage(e.id)} (exercise cell, line 2)`);
    }
  }, 180_000);

  it("gives a notebook with exactly one exercise solved exactly that exercise's points", async () => {
    const report = await grade(withExerciseSource(learner(), "file-stem", solvedSource("file-stem")));
    expect(report.points).toBe(TOY_EXERCISES["file-stem"].points);
    expect(report.exercises.filter((e) => e.status === "passed").map((e) => e.id)).toEqual(["file-stem"]);
  }, 180_000);

  it("stops an endless loop at the time limit and a process.exit(), and still grades the other exercise", async () => {
    let notebook = withExerciseSource(toySolution(), "double", "function double(x: number): number {\n  while (true) {}\n}");
    notebook = withExerciseSource(notebook, "mean", "function mean(values: number[]): number {\n  process.exit(0);\n}");
    const started = performance.now();
    const report = await grade(notebook, "loop.ipynb", { ...LIMITS, timeoutMs: 2000 });
    const seconds = (performance.now() - started) / 1000;
    expect(exercise(report, "double")).toMatchObject({ status: "error", points: 0, message: expect.stringMatching(/^stopped after 2 s/) });
    expect(exercise(report, "double").seconds).toBeLessThan(2 + 15);
    expect(exercise(report, "mean")).toMatchObject({ status: "error", message: expect.stringContaining("process.exit()") });
    expect(exercise(report, "file-stem")).toMatchObject({ status: "passed", points: 2 });
    expect(seconds).toBeLessThan(40);
  }, 180_000);

  it("reports a wrong answer as failed with the check's message, and syntax and type errors with their cell position", async () => {
    let notebook = withExerciseSource(toySolution(), "file-stem", "function fileStem(file: string): string {\n  return path.basename(file);\n}");
    notebook = withExerciseSource(notebook, "double", "function double(x: number): number {\n  return x *;\n}");
    notebook = withExerciseSource(notebook, "mean", "// my answer\nfunction mean(values: number[]): number {\n  return values.join(',');\n}");
    const report = await grade(notebook);
    // node:assert may append its own diff below the check's message.
    expect(exercise(report, "file-stem")).toMatchObject({ status: "failed", message: expect.stringMatching(/^fileStem\("\/reviews\/pos\/12_8.txt"\) should be "12_8", got "12_8.txt"($|\n)/) });
    expect(exercise(report, "double").message).toBe("syntax error at line 2, column 13 of the exercise cell: Expression expected.");
    expect(exercise(report, "mean").message).toBe("type error at line 3, column 3 of the exercise cell: Type 'string' is not assignable to type 'number'.");
    expect(report.points).toBe(TOY_EXERCISES["tiny-model"].points);
  }, 180_000);

  it("reports an error thrown by the learner's code with its line, one thrown while defining the cell, and a renamed function", async () => {
    let notebook = withExerciseSource(toySolution(), "mean", "function mean(values: number[]): number {\n  if (values.length > 0) {\n    throw new RangeError(`no mean for ${values}`);\n  }\n  return 0;\n}");
    notebook = withExerciseSource(notebook, "double", 'const factor = JSON.parse("two");\nfunction double(x: number): number {\n  return factor * x;\n}');
    notebook = withExerciseSource(notebook, "file-stem", "function stem(file: string): string {\n  return path.parse(file).name;\n}");
    const report = await grade(notebook);
    expect(exercise(report, "mean").message).toBe("RangeError: no mean for 1,2,6 (exercise cell, line 3)");
    expect(exercise(report, "double").message).toMatch(/^the exercise cell threw while it was being defined: SyntaxError: Unexpected token .* \(exercise cell, line 1\)$/);
    expect(exercise(report, "file-stem").message).toBe("the exercise cell does not define `fileStem` at its top level; keep the name the exercise gives");
    expect(report.points).toBe(TOY_EXERCISES["tiny-model"].points);
  }, 180_000);

  it("stops an exercise that exceeds the memory limit", async () => {
    const hog = "function double(x: number): number {\n  const kept: number[][] = [];\n  while (true) kept.push(new Array(1_000_000).fill(x));\n}";
    const report = await grade(withExerciseSource(toySolution(), "double", hog), "hog.ipynb", { ...LIMITS, memoryMb: 200 });
    expect(exercise(report, "double")).toMatchObject({ status: "error", message: expect.stringMatching(/memory/) });
    expect(report.points).toBe(TOTAL - TOY_EXERCISES.double.points);
  }, 180_000);
});

describe("grading a notebook the learner has rearranged", () => {
  it("finds moved cells by id, notes edited and deleted check cells and duplicates, accepts a repeated import", async () => {
    const solution = toySolution();
    const cells = [...solution.cells].reverse().filter((cell) => cell.metadata.nbgrader?.grade_id !== "mean-check");
    const edited = cells.map((cell) => {
      const id = cell.metadata.nbgrader?.grade_id;
      if (id === "double-check") return { ...cell, source: "console.log(double(21));" };
      if (id === "file-stem") return { ...cell, source: `import path from "node:path";\n${solvedSource("file-stem")}` };
      return cell;
    });
    const duplicate = { ...edited.find((c) => c.metadata.nbgrader?.grade_id === "mean")!, source: "function mean(values: number[]): number {\n  return values.length;\n}" };
    const report = await grade({ ...solution, cells: [duplicate, ...edited] }, "03-toy.ipynb");
    expect(report.points).toBe(TOTAL);
    expect(report.notes).toEqual(["the file is named like lesson 3 but holds lesson 90 (90-toy); graded as lesson 90"]);
    expect(exercise(report, "double").notes).toEqual(["its check cell (double-check) was edited; graded with the grader's own checks, not the notebook's"]);
    expect(exercise(report, "mean").notes).toEqual([
      "its check cell (mean-check) was deleted; graded with the grader's own checks",
      expect.stringMatching(/^2 code cells carry the id "mean"; graded the last one/),
    ]);
    expect(exercise(report, "file-stem").notes).toEqual([]);
  }, 180_000);

  it("grades an exercise whose cell lost its id by the function it defines, and reports a deleted one", async () => {
    const solution = toySolution();
    const cells = solution.cells
      .filter((cell) => cell.metadata.nbgrader?.grade_id !== "mean")
      .map((cell) => (cell.metadata.nbgrader?.grade_id === "double" ? { ...cell, metadata: {} } : cell));
    const report = await grade({ ...solution, cells });
    expect(exercise(report, "double")).toMatchObject({ status: "passed", notes: [expect.stringMatching(/^no cell has the exercise id "double" .*graded cell \d+, which defines `double`$/)] });
    expect(exercise(report, "mean")).toMatchObject({
      status: "error",
      message: 'exercise "mean" not found: no cell has that exercise id (metadata.nbgrader.grade_id) and no code cell defines `mean`; was the cell deleted?',
    });
    expect(report.points).toBe(TOTAL - TOY_EXERCISES.mean.points);
  }, 180_000);
});

describe("notebooks that cannot be graded", () => {
  it("reports a file that is not valid JSON, or JSON that is not a notebook", async () => {
    const invalid = await grade('{"cells": [', "broken.ipynb");
    expect(invalid.problem).toMatch(/^not a notebook: the file is not valid JSON \(.*\)\. Was it saved by Jupyter/);
    expect([invalid.points, invalid.maxPoints, invalid.exercises]).toEqual([0, 0, []]);
    expect((await grade("[1, 2]", "array.ipynb")).problem).toBe("not a notebook: the JSON is not an object with a `cells` list");
  });

  it("reports a notebook of no known lesson, and one of another lesson than the grader expects", async () => {
    const stranger: Notebook = { ...toySolution(), metadata: {}, cells: [{ cell_type: "code", metadata: {}, source: "1 + 1" }] };
    expect((await grade(stranger)).problem).toBe("not a lesson notebook of this course: it has no imdb_course metadata and no cell carries a known exercise id");
    const bare = JSON.stringify({ cells: [{ cell_type: "code", source: ["let x = 1;\n", "x"] }] });
    expect((await grade(bare)).problem).toBe("not a lesson notebook of this course: it has no imdb_course metadata and no cell carries a known exercise id");
    const setup: Notebook = { ...stranger, metadata: { imdb_course: { lesson: 0, slug: "00-setup" } } };
    expect((await grade(setup)).problem).toBe("lesson 00-setup has no exercises to grade (or is not a lesson of this course)");
    const file = writeNotebook(SUBMISSIONS, "other.ipynb", toySolution());
    const report = await gradeNotebook(file, catalog, { expectLesson: "3" });
    expect(report.problem).toBe("this notebook is lesson 90 (90-toy), not the lesson being graded (3); nothing graded");
    expect(report.points).toBe(0);
    const unreadable = await gradeNotebook(writeNotebook(SUBMISSIONS, "unreadable.ipynb", "nope"), catalog, { expectLesson: "90-toy" });
    expect([unreadable.lesson?.slug, unreadable.points, unreadable.maxPoints]).toEqual(["90-toy", 0, TOTAL]);
  });

  it("identifies a lesson by its exercise ids when the metadata says another lesson", async () => {
    const relabelled = { ...toySolution(), metadata: { imdb_course: { lesson: 4, slug: "04-conv1d" } } };
    const report = await grade(relabelled);
    expect(report.lesson?.slug).toBe("90-toy");
    expect(report.notes).toEqual(["its metadata says lesson 04-conv1d, but its exercises are those of lesson 90 (90-toy); graded as lesson 90"]);
  }, 180_000);

  it("says when a lesson has no checks yet instead of grading it", async () => {
    const solutions = temporaryFolder("grade-harness-nochecks-");
    writeNotebook(solutions, "90-toy.ipynb", toySolution());
    const withoutChecks = loadCatalog({ solutions, checks: temporaryFolder("grade-harness-empty-") });
    const report = await gradeNotebook(writeNotebook(SUBMISSIONS, "nochecks.ipynb", toySolution()), withoutChecks);
    expect(report.problem).toMatch(/^cannot grade: lesson 90 \(90-toy\) has no checks yet: .*90-toy\.ts is missing$/);
    expect([report.points, report.maxPoints]).toEqual([0, TOTAL]);
  });
});
