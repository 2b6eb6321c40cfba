/**
 * `npm run grade`: its command line, the notebooks a folder yields, the
 * summary table, and the exit codes (0 whenever grading completed, 2 for a
 * bad command line).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findNotebooks, parseGradeArguments, UsageError } from "../scripts/grading/arguments";
import { loadCatalog } from "../scripts/grading/catalog";
import type { NotebookReport } from "../scripts/grading/grade-notebook";
import { formatNotebookReport, formatSummaryTable, type JsonReport } from "../scripts/grading/report";
import { DEFAULT_LIMITS } from "../scripts/grading/run-exercise";
import type { Notebook } from "../scripts/learner-notebook";
import { temporaryFolder, writeNotebook } from "./grading/fixtures/toy-notebooks";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

describe("parseGradeArguments", () => {
  it("reads paths and options, converting seconds to milliseconds", () => {
    expect(parseGradeArguments(["a.ipynb", "--json", "r.json", "--timeout", "5", "--memory", "512", "--jobs", "2", "--lesson", "3", "subs"])).toEqual({
      paths: ["a.ipynb", "subs"],
      json: "r.json",
      lesson: "3",
      limits: { ...DEFAULT_LIMITS, timeoutMs: 5000, memoryMb: 512 },
      jobs: 2,
    });
  });

  it("refuses unknown options, missing values, non-positive numbers and an empty list, saying what was wrong", () => {
    expect(() => parseGradeArguments(["--fast", "a.ipynb"])).toThrow(new UsageError("Unknown option --fast."));
    expect(() => parseGradeArguments(["a.ipynb", "--json"])).toThrow("--json needs a value.");
    expect(() => parseGradeArguments(["a.ipynb", "--timeout", "0"])).toThrow('--timeout needs a positive number, got "0".');
    expect(() => parseGradeArguments(["--jobs", "2"])).toThrow("Name at least one notebook or folder to grade.");
  });
});

describe("findNotebooks", () => {
  it("takes files as given and searches folders recursively in name order, skipping checkpoints", () => {
    const root = temporaryFolder("grade-find-");
    const bob = writeNotebook(path.join(root, "bob"), "03-mlp.ipynb", "{}");
    const alice = writeNotebook(path.join(root, "alice"), "03-mlp.ipynb", "{}");
    writeNotebook(path.join(root, "alice", ".ipynb_checkpoints"), "03-mlp-checkpoint.ipynb", "{}");
    writeNotebook(path.join(root, "alice"), "notes.txt", "");
    const single = writeNotebook(root, "single.ipynb", "{}");
    expect(findNotebooks([single, root])).toEqual([single, alice, bob, single]);
  });

  it("reports a missing path and a folder without notebooks as usage errors", () => {
    const empty = temporaryFolder("grade-find-empty-");
    expect(() => findNotebooks([path.join(empty, "nope.ipynb")])).toThrow(/nope\.ipynb does not exist\./);
    expect(() => findNotebooks([empty])).toThrow(/holds no \.ipynb notebook\./);
  });
});

function report(fields: Partial<NotebookReport> & Pick<NotebookReport, "file">): NotebookReport {
  return { notes: [], exercises: [], points: 0, maxPoints: 0, seconds: 1, ...fields };
}

describe("reports", () => {
  const graded = report({
    file: "/subs/alice/03-mlp.ipynb",
    lesson: { number: 3, slug: "03-mlp", title: "MLP" },
    points: 2,
    maxPoints: 5,
    seconds: 4.26,
    exercises: [
      { id: "flatten-size", status: "passed", points: 2, maxPoints: 2, notes: [], seconds: 1 },
      { id: "count-params", status: "failed", points: 0, maxPoints: 3, message: "countParams(...) should be 8, got 6\nsecond line", notes: ["its check cell was edited"], seconds: 1 },
    ],
  });
  const broken = report({ file: "/subs/bob/03-mlp.ipynb", problem: "not a notebook: the | file" });

  it("prints one line per exercise with points, and messages and notes indented below", () => {
    expect(formatNotebookReport(graded, "/subs")).toBe(
      [
        "alice/03-mlp.ipynb: lesson 3 (03-mlp), 2 / 5 points (4.3 s)",
        "  passed  flatten-size  2/2",
        "  failed  count-params  0/3",
        "      countParams(...) should be 8, got 6",
        "      second line",
        "      note: its check cell was edited",
      ].join("\n"),
    );
    expect(formatNotebookReport(broken, "/subs")).toBe("bob/03-mlp.ipynb: no lesson, 0 / 0 points (1.0 s)\n  NOT GRADED: not a notebook: the | file");
  });

  it("sums a folder of submissions in a Markdown table, escaping pipes in remarks", () => {
    expect(formatSummaryTable([graded, broken], "/subs").split("\n")).toEqual([
      "| notebook | lesson | points | passed | failed | error | seconds | remark |",
      "|---|---|---|---|---|---|---|---|",
      "| alice/03-mlp.ipynb | 3 | 2 / 5 | 1 | 1 | 0 | 4.3 |  |",
      "| bob/03-mlp.ipynb | - | 0 / 0 | 0 | 0 | 0 | 1.0 | not a notebook: the \\| file |",
      "| total (2 notebooks) | | 2 / 5 | | | | | |",
    ]);
  });
});

/** The processes whose parent is `parent`, read from /proc (no `ps` on a bare Debian image). */
function childProcesses(parent: number): Array<{ pid: number; command: string }> {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        // Fields after the command name, which is in parentheses: state, ppid, …
        const stat = readFileSync(`/proc/${name}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === parent ? [{ pid: Number(name), command: readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ") }] : [];
      } catch {
        return []; // the process ended while we looked
      }
    });
}

describe("npm run grade", () => {
  const run = (args: string[]) => spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "grade.ts"), ...args], { cwd: ROOT, encoding: "utf8" });

  it("exits 2 with the usage for a bad command line", () => {
    const result = run(["--bogus"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option --bogus.");
    expect(result.stderr).toContain("Usage: npm run grade");
  }, 60_000);

  it("exits 2 for a --lesson that has no exercises", () => {
    const folder = temporaryFolder("grade-cli-lesson-");
    writeNotebook(folder, "a.ipynb", "{}");
    const result = run(["--lesson", "99", folder]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--lesson 99 is not a lesson with exercises; use one of: /);
  }, 60_000);

  it("grades a folder to completion (exit 0) even when nothing in it can be graded, with a summary and a JSON report", () => {
    const folder = temporaryFolder("grade-cli-");
    writeNotebook(folder, "broken.ipynb", "{ not json");
    mkdirSync(path.join(folder, "carol"));
    writeNotebook(path.join(folder, "carol"), "notes.ipynb", JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    const json = path.join(folder, "report.json");
    const result = run([folder, "--json", json]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toContain("NOT GRADED: not a notebook: the file is not valid JSON");
    expect(result.stdout).toContain("| total (2 notebooks) | | 0 / 0 |");
    const written = JSON.parse(readFileSync(json, "utf8")) as JsonReport;
    expect(written.notebooks.map((n) => path.relative(folder, n.file))).toEqual(["broken.ipynb", path.join("carol", "notes.ipynb")]);
    expect(written.notebooks[1].problem).toMatch(/^not a lesson notebook of this course/);
  }, 120_000);

  it("stops the exercise still running when it is interrupted, and exits 130", async () => {
    // The first exercise of the first lesson, answered by a cell that never finishes loading.
    const lesson = loadCatalog().lessons.find((l) => l.checks)!;
    const [first] = lesson.exercises;
    const endless = ["while (true) {}", ...lesson.checks!.exercises[first.id].exports.map((name) => `function ${name}() {}`)].join("\n");
    const solution = JSON.parse(readFileSync(path.join(ROOT, "solutions", `${lesson.slug}.ipynb`), "utf8")) as Notebook;
    const cells = solution.cells.map((cell) => (cell.metadata.nbgrader?.grade_id === first.id ? { ...cell, source: endless } : cell));
    const file = writeNotebook(temporaryFolder("grade-cli-interrupt-"), `${lesson.slug}.ipynb`, { ...solution, cells });

    const grader = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(ROOT, "scripts", "grade.ts"), "--timeout", "600", file], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise<number | null>((resolve) => grader.on("exit", (code) => resolve(code)));
    let exercisePid: number | undefined;
    for (let waited = 0; exercisePid === undefined && waited < 60_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      exercisePid = childProcesses(grader.pid!).find((child) => child.command.includes(path.join("grading", "child.ts")))?.pid;
    }
    expect(exercisePid, "no exercise process started within 60 s").toBeDefined();
    grader.kill("SIGINT");
    expect(await exited).toBe(130);
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // A killed process lingers as a zombie until init reaps it, orphaned by the grader's exit.
    for (let waited = 0; alive(exercisePid!) && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(exercisePid!)).toBe(false);
  }, 120_000);
});
