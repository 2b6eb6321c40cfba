/**
 * `npm run grade`: its command line, the notebooks a folder yields, the
 * summary table, and the exit codes (0 whenever grading completed, 2 for a
 * bad command line).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../scripts/cli";
import { findNotebooks, parseGradeArguments } from "../scripts/grading/arguments";
import { loadCatalog } from "../scripts/grading/catalog";
import type { NotebookReport } from "../scripts/grading/grade-notebook";
import { feedbackFileName, feedbackMarkdown, gradebookCsv, learnerName } from "../scripts/grading/gradebook";
import { formatNotebookReport, formatSummaryTable, type JsonReport } from "../scripts/grading/report";
import { DEFAULT_LIMITS } from "../scripts/grading/run-exercise";
import { stubMessage, toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";
import { temporaryFolder, writeNotebook } from "./grading/fixtures/toy-notebooks";
import { describeProcesses, descendantsOf, survivorsAfter, treeRecords } from "./process-tree";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const run = (args: string[]) => spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", "grade.ts"), ...args], { cwd: ROOT, encoding: "utf8" });

describe("parseGradeArguments", () => {
  it("reads paths and options, converting seconds to milliseconds", () => {
    expect(parseGradeArguments(["a.ipynb", "--json", "r.json", "--timeout", "5", "--memory", "512", "--jobs", "2", "--lesson", "3", "subs"])).toEqual({
      paths: ["a.ipynb", "subs"],
      json: "r.json",
      lesson: "3",
      limits: { ...DEFAULT_LIMITS, timeoutMs: 5000, memoryMb: 512 },
      jobs: 2,
      sandbox: true,
    });
    expect(parseGradeArguments(["--csv", "g.csv", "--feedback", "fb", "--no-sandbox", "a.ipynb"])).toMatchObject({ csv: "g.csv", feedback: "fb", sandbox: false });
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

describe("npm run grade", () => {

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
    const endless = ["while (true) {}", ...lesson.checks!.exercises[first.id].exports.map((name) => `function ${name}(...args: any[]): any {}`)].join("\n");
    const solution = JSON.parse(readFileSync(path.join(ROOT, "solutions", `${lesson.slug}.ipynb`), "utf8")) as Notebook;
    const cells = solution.cells.map((cell) => (cell.metadata.nbgrader?.grade_id === first.id ? { ...cell, source: endless } : cell));
    const file = writeNotebook(temporaryFolder("grade-cli-interrupt-"), `${lesson.slug}.ipynb`, { ...solution, cells });

    const grader = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(ROOT, "scripts", "grade.ts"), "--timeout", "600", file], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    const exited = new Promise<number | null>((resolve) => grader.on("exit", (code) => resolve(code)));
    let exercisePid: number | undefined;
    for (let waited = 0; exercisePid === undefined && waited < 60_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      exercisePid = descendantsOf(grader.pid!).find((child) => child.command.includes("bwrap"))?.pid;
    }
    expect(exercisePid, "no sandbox started within 60 s").toBeDefined();
    // Give the sandbox time to start the learner's code (its own processes live below bwrap).
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const sandboxProcesses = treeRecords(exercisePid!);
    grader.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(describeProcesses(await survivorsAfter(sandboxProcesses, 10_000))).toBe("");
  }, 120_000);
});

describe("gradebook and feedback", () => {
  const lesson = { number: 3, slug: "03-mlp", title: "MLP" };
  const catalog = { lessons: [{ number: 3, slug: "03-mlp", title: "MLP", exercises: [{ id: "flatten-size", points: 2 }, { id: "count-params", points: 3 }], prelude: "", checksPath: "" }] };
  const alice = report({
    file: "/subs/alice/03-mlp.ipynb",
    lesson,
    points: 2,
    maxPoints: 5,
    exercises: [
      { id: "count-params", status: "failed", points: 0, maxPoints: 3, message: "countParams(4, 3) should be 15, got 12", notes: [], seconds: 1 },
      { id: "flatten-size", status: "passed", points: 2, maxPoints: 2, notes: [], seconds: 1 },
    ],
  });
  const bob = report({ file: "/subs/=bob, jr.ipynb", lesson, problem: "not a notebook", maxPoints: 5 });

  it("names the learner by the folder below the graded one, else by the file", () => {
    expect(learnerName("/subs/alice/03-mlp.ipynb", ["/subs"])).toBe("alice");
    expect(learnerName("/subs/alice/week3/03-mlp.ipynb", ["/subs"])).toBe("alice");
    expect(learnerName("/subs/bob.ipynb", ["/subs"])).toBe("bob");
    expect(learnerName("/elsewhere/carol.ipynb", ["/subs", "/elsewhere/carol.ipynb"])).toBe("carol");
  });

  it("writes one row per notebook, the lesson's exercises in its order, the total last, with no cell read as a formula", () => {
    expect(gradebookCsv([alice, bob], catalog, ["/subs"], "/subs").split("\n")).toEqual([
      "learner,notebook,lesson,flatten-size,count-params,total",
      "alice,alice/03-mlp.ipynb,3,2,0,2",
      `"'=bob, jr","'=bob, jr.ipynb",3,0,0,0`,
      "",
    ]);
  });

  it("writes feedback with each exercise's outcome and message, named after the learner", () => {
    expect(feedbackFileName(alice, ["/subs"])).toBe("alice--03-mlp.md");
    const text = feedbackMarkdown(alice);
    expect(text).toContain("**2 / 5 points**");
    expect(text).toContain("## count-params: failed (0 / 3)\n\n```text\ncountParams(4, 3) should be 15, got 12\n```");
    expect(text).toContain("## flatten-size: passed (2 / 2)");
  });
});

describe("npm run grade on a class", () => {
  it("grades a folder of learners with --jobs 2 into a gradebook, feedback files and a JSON report", () => {
    const folder = temporaryFolder("grade-cli-class-");
    const lesson = loadCatalog().lessons.find((l) => l.checks)!;
    const solution = JSON.parse(readFileSync(path.join(ROOT, "solutions", `${lesson.slug}.ipynb`), "utf8")) as Notebook;
    writeNotebook(path.join(folder, "alice"), `${lesson.slug}.ipynb`, solution);
    writeNotebook(folder, "bob.ipynb", toLearnerNotebook(solution, lesson.slug));
    const out = temporaryFolder("grade-cli-class-out-");
    const csv = path.join(out, "grades.csv");
    const result = run([folder, "--jobs", "2", "--csv", csv, "--feedback", path.join(out, "feedback"), "--json", path.join(out, "report.json")]);
    expect(result.status, result.stderr).toBe(0);
    const total = lesson.exercises.reduce((sum, e) => sum + e.points, 0);
    const [header, ...rows] = readFileSync(csv, "utf8").trim().split("\n");
    expect(header).toBe(["learner", "notebook", "lesson", ...lesson.exercises.map((e) => e.id), "total"].join(","));
    expect(rows.map((row) => [row.split(",")[0], row.split(",").at(-1)])).toEqual([
      ["alice", String(total)],
      ["bob", "0"],
    ]);
    expect(readdirSync(path.join(out, "feedback")).sort()).toEqual([`alice--${lesson.slug}.md`, "bob.md"]);
    expect(readFileSync(path.join(out, "feedback", "bob.md"), "utf8")).toContain(stubMessage(lesson.exercises[0].id));
  }, 300_000);

  it("says what --no-sandbox gives up", () => {
    const folder = temporaryFolder("grade-cli-nosandbox-");
    writeNotebook(folder, "broken.ipynb", "{ not json");
    const result = run(["--no-sandbox", folder]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("WARNING: --no-sandbox: the learners' code runs as you");
  }, 60_000);

  it("leaves the reports of the notebooks it finished when it is killed, and no sandbox behind", async () => {
    const folder = temporaryFolder("grade-cli-killed-");
    const lesson = loadCatalog().lessons.find((l) => l.checks)!;
    const solution = JSON.parse(readFileSync(path.join(ROOT, "solutions", `${lesson.slug}.ipynb`), "utf8")) as Notebook;
    const [first] = lesson.exercises;
    const endless = ["while (true) {}", ...lesson.checks!.exercises[first.id].exports.map((name) => `function ${name}(...args: any[]): any {}`)].join("\n");
    writeNotebook(folder, "1-finished.ipynb", solution);
    writeNotebook(folder, "2-endless.ipynb", { ...solution, cells: solution.cells.map((cell) => (cell.metadata.nbgrader?.grade_id === first.id ? { ...cell, source: endless } : cell)) });
    const json = path.join(folder, "report.json");
    const grader = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(ROOT, "scripts", "grade.ts"), "--timeout", "600", "--json", json, folder], { cwd: ROOT, stdio: "ignore" });
    const exited = new Promise<void>((resolve) => grader.on("exit", () => resolve()));
    let sandboxPid: number | undefined;
    for (let waited = 0; sandboxPid === undefined && waited < 240_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const started = descendantsOf(grader.pid!).find((child) => child.command.includes("bwrap"));
      if (started && existsSync(json)) sandboxPid = started.pid;
    }
    expect(sandboxPid, "the second notebook's sandbox did not start").toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const sandboxProcesses = treeRecords(sandboxPid!);
    grader.kill("SIGKILL");
    await exited;
    const written = JSON.parse(readFileSync(json, "utf8")) as JsonReport;
    expect(written.notebooks.map((n) => [path.basename(n.file), n.points])).toEqual([["1-finished.ipynb", written.maxPoints]]);
    expect(describeProcesses(await survivorsAfter(sandboxProcesses, 10_000))).toBe("");
  }, 300_000);
});

describe("grading/Dockerfile", () => {
  it("copies only files that exist and starts the grader", () => {
    const dockerfile = readFileSync(path.join(ROOT, "grading", "Dockerfile"), "utf8");
    const copied = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((match) => match[1].split(/\s+/));
    expect(copied.length).toBeGreaterThan(0);
    for (const source of copied) expect(existsSync(path.join(ROOT, source)), `COPY ${source}`).toBe(true);
    const entry = JSON.parse(/^ENTRYPOINT (.+)$/m.exec(dockerfile)![1]) as string[];
    expect(entry).toEqual(["node_modules/.bin/tsx", "scripts/grade.ts"]);
    expect(existsSync(path.join(ROOT, entry[0])) && existsSync(path.join(ROOT, entry[1]))).toBe(true);
    expect(dockerfile).toMatch(/apt-get install .*bubblewrap util-linux/);
  });
});
