import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { changedByLearner, GENERATED_KEY, keepLearnerCopy, learnerNotebookText } from "../scripts/learner-copies";
import { formatNotebook, stripSolutions, stubMessage, toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";

describe("stripSolutions", () => {
  it("replaces the region between the markers with a throwing stub at the same indentation", () => {
    const source = [
      "function double(x: number): number {",
      "  // BEGIN SOLUTION",
      "  const y = x * 2;",
      "  return y;",
      "  // END SOLUTION",
      "}",
    ].join("\n");
    expect(stripSolutions(source, "double")).toBe(
      ["function double(x: number): number {", `  throw new Error(${JSON.stringify(stubMessage("double"))});`, "}"].join("\n"),
    );
  });

  it("handles two regions in one cell and leaves code outside them alone", () => {
    const source = "const a = 1;\n// BEGIN SOLUTION\nlet b = 2;\n// END SOLUTION\nconst c = 3;\n// BEGIN SOLUTION\nb++;\n// END SOLUTION";
    const lines = stripSolutions(source, "ex").split("\n");
    expect(lines).toEqual(["const a = 1;", expect.stringContaining("throw new Error"), "const c = 3;", expect.stringContaining("throw new Error")]);
  });

  it("rejects unbalanced markers with a message naming the exercise", () => {
    expect(() => stripSolutions("// BEGIN SOLUTION\nx", "open")).toThrow(/"open".*never closed/);
    expect(() => stripSolutions("x\n// END SOLUTION", "closed")).toThrow(/"closed".*without a BEGIN/);
  });

  it("produces a stub whose message says the exercise is not implemented yet", () => {
    const stub = stripSolutions("// BEGIN SOLUTION\nreturn 1;\n// END SOLUTION", "my-ex");
    expect(() => new Function(stub)()).toThrow('Exercise "my-ex" is not implemented yet');
  });
});

describe("toLearnerNotebook", () => {
  const solution: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab" } },
    cells: [
      { cell_type: "markdown", id: "m1", metadata: {}, source: "# Title" },
      {
        cell_type: "code",
        id: "c1",
        metadata: { nbgrader: { grade_id: "ex1", solution: true }, execution: { t: 1 } },
        source: ["function f() {\n", "  // BEGIN SOLUTION\n", "  return 42;\n", "  // END SOLUTION\n", "}"],
        outputs: [{ output_type: "stream", name: "stdout", text: "42" }],
        execution_count: 3,
      },
    ],
  };

  it("stubs solutions, clears outputs and execution counts, keeps ids and exercise metadata", () => {
    const learner = toLearnerNotebook(solution, "test.ipynb");
    const code = learner.cells[1];
    expect(code.source).not.toContain("return 42");
    expect(code.source).toContain("throw new Error");
    expect(code.outputs).toEqual([]);
    expect(code.execution_count).toBeNull();
    expect(code.id).toBe("c1");
    expect(code.metadata.nbgrader?.grade_id).toBe("ex1");
    expect(code.metadata.execution).toBeUndefined();
    expect(learner.cells[0]).toEqual(solution.cells[0]);
    expect(solution.cells[1].outputs).toHaveLength(1);
  });

  it("refuses a solution region without an exercise id, and duplicate ids", () => {
    const noId: Notebook = { ...solution, cells: [{ ...solution.cells[1], metadata: {} }] };
    expect(() => toLearnerNotebook(noId, "x.ipynb")).toThrow(/x\.ipynb, cell 1: .*grade_id/);
    const twice: Notebook = { ...solution, cells: [solution.cells[1], solution.cells[1]] };
    expect(() => toLearnerNotebook(twice, "x.ipynb")).toThrow(/"ex1" is used twice/);
  });

  it("formats with sorted keys and a trailing newline, stable across runs", () => {
    const text = formatNotebook(toLearnerNotebook(solution, "t"));
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.indexOf('"cells"')).toBeLessThan(text.indexOf('"metadata"'));
    expect(formatNotebook(JSON.parse(text) as Notebook)).toBe(text);
  });
});

describe("a learner's copy in notebooks/", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "learner-copies-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const solution: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", id: "m", metadata: {}, source: "# Lesson" },
      { cell_type: "code", id: "e", metadata: { nbgrader: { grade_id: "double", solution: true } }, source: "function double(x: number) {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}", outputs: [], execution_count: null },
    ],
  };
  const generated = learnerNotebookText(solution, "solutions/01.ipynb");
  const write = (name: string, notebook: Notebook) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(notebook));
    return file;
  };

  it("records the hash of the sources it was generated with", () => {
    const parsed = JSON.parse(generated) as Notebook;
    expect(parsed.metadata[GENERATED_KEY]).toEqual({ sources_sha256: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(learnerNotebookText(solution, "solutions/01.ipynb")).toBe(generated);
  });

  it("tells a notebook as generated (saved again by Jupyter, with other metadata) from one the learner changed or ran", () => {
    const parsed = JSON.parse(generated) as Notebook;
    const resaved = { ...parsed, metadata: { ...parsed.metadata, language_info: { name: "typescript" } }, cells: parsed.cells.map((c) => ({ ...c, source: [c.source as string] })) };
    expect(changedByLearner(write("untouched.ipynb", resaved), generated)).toBe(false);
    const edited = { ...parsed, cells: parsed.cells.map((c, i) => (i === 1 ? { ...c, source: "function double(x: number) {\n  return x + x;\n}" } : c)) };
    expect(changedByLearner(write("edited.ipynb", edited), generated)).toBe(true);
    const ran = { ...parsed, cells: parsed.cells.map((c, i) => (i === 1 ? { ...c, outputs: [{ output_type: "stream", name: "stdout", text: "4" }] } : c)) };
    expect(changedByLearner(write("ran.ipynb", ran), generated)).toBe(true);
    const { [GENERATED_KEY]: _, ...withoutRecord } = parsed.metadata;
    expect(changedByLearner(write("older.ipynb", { ...parsed, metadata: withoutRecord }), generated)).toBe(false);
    expect(changedByLearner(write("older-edited.ipynb", { ...edited, metadata: withoutRecord }), generated)).toBe(true);
  });

  it("keeps the learner's notebook as .mine.ipynb, never over an earlier copy", () => {
    const first = write("02-lesson.ipynb", JSON.parse(generated) as Notebook);
    const mine = readFileSync(first, "utf8");
    expect(path.basename(keepLearnerCopy(first))).toBe("02-lesson.mine.ipynb");
    write("02-lesson.ipynb", JSON.parse(generated) as Notebook);
    expect(path.basename(keepLearnerCopy(first))).toBe("02-lesson.mine-2.ipynb");
    expect(existsSync(first)).toBe(false);
    expect(readFileSync(path.join(dir, "02-lesson.mine.ipynb"), "utf8")).toBe(mine);
    expect(readdirSync(dir).filter((n) => n.startsWith("02-"))).toEqual(["02-lesson.mine-2.ipynb", "02-lesson.mine.ipynb"]);
  });
});
