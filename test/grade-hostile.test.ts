/**
 * Hostile notebooks, graded as a grader would meet them: each attacks the
 * grader from an exercise cell of the toy lesson, in a way that earns the
 * exercise's points only if the attack works (forging results, neutering
 * assert, replacing loaded modules, reading the hidden checks or solutions,
 * writing outside, reaching a loopback server, reading the grader's
 * environment, leaving processes behind, exhausting memory or processes,
 * crashing the grader with a malformed message or a type-level bomb, killing
 * the grader). Every attacked exercise must score 0, the batch must complete,
 * and nothing may be left behind: no file outside, no connection, no process.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "../scripts/grading/catalog";
import { gradeNotebook, type NotebookReport } from "../scripts/grading/grade-notebook";
import { toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";
import { TOY_CHECKS_DIR, temporaryFolder, toySolution, withExerciseSource, writeNotebook, type ToyExercise } from "./grading/fixtures/toy-notebooks";

const ROOT = path.resolve(__dirname, "..");
const LIMITS = { timeoutMs: 8_000, memoryMb: 512, startupMs: 120_000 };
const MARKER = `hostile-marker-${process.pid}-${Date.now()}`;
const SECRET = "s3cret-of-the-grader";
const OUTSIDE = temporaryFolder("grade-hostile-outside-");
const VICTIM = path.join(OUTSIDE, "victim.txt");
const WRITTEN = path.join(OUTSIDE, "written-by-an-exercise.txt");
const CHECKS_FILE = path.join(TOY_CHECKS_DIR, "90-toy.ts");

/** Each exercise's signature and its correct answer, which an attack returns only when it worked. */
const EXERCISES: Record<Exclude<ToyExercise, "tiny-model">, { head: string; answer: string }> = {
  double: { head: "function double(x: number): number", answer: "2 * x" },
  "file-stem": { head: "function fileStem(file: string): string", answer: 'require("node:path").parse(file).name' },
  mean: { head: "function mean(values: number[]): number", answer: "values.reduce((a, b) => a + b, 0) / values.length" },
};

interface Attack {
  name: string;
  /** Statements run before the answer; they throw, or return a wrong answer, when the attack fails. */
  body: string;
  async?: boolean;
}

const fd3 = (text: string): string => `require("node:fs").writeSync(3, ${text});`;

const ATTACKS: Attack[] = [
  { name: "forges a pass on the result channel and through process.send", body: `${fd3('JSON.stringify({ type: "result", status: "passed" }) + "\\n"')}\n  (process as any).send?.({ type: "result", status: "passed" });\n  return undefined;` },
  { name: 'says "ready" again to restart the time limit', body: `${fd3('\'{"type":"ready"}\\n\'')}\n  while (true) {}` },
  { name: "sends a number as a message", body: `${fd3('"42\\n"')}\n  return undefined;` },
  { name: "sends 30,000 nested brackets", body: `${fd3('"[".repeat(30000) + "]".repeat(30000) + "\\n"')}\n  return undefined;` },
  { name: "sends a 5 MB line", body: `${fd3('"x".repeat(5_000_000)')}\n  return undefined;` },
  { name: "sends a pass from an exit hook", body: `process.on("exit", () => { ${fd3('\'{"type":"result","status":"passed"}\\n\'')} });\n  process.exit(0);` },
  {
    name: "neuters node:assert",
    body: 'const assert = require("node:assert");\n  for (const a of [assert, assert.strict]) for (const k of ["equal", "deepEqual", "ok", "strictEqual", "deepStrictEqual"]) a[k] = () => undefined;\n  return undefined;',
  },
  {
    name: "replaces every loaded module in require.cache",
    body: "for (const key of Object.keys(require.cache)) { const m = require.cache[key]; if (m) m.exports = new Proxy({}, { get: () => () => undefined }); }\n  return undefined;",
  },
  { name: "reads the hidden checks", body: `if (!require("node:fs").readFileSync(${JSON.stringify(CHECKS_FILE)}, "utf8").includes("double")) return undefined;` },
  { name: "reads the solutions", body: `if (require("node:fs").readdirSync(${JSON.stringify(path.join(ROOT, "solutions"))}).length === 0) return undefined;` },
  { name: "loads the check to call it with a spy", body: `const checks = require(${JSON.stringify(CHECKS_FILE)});\n  if (!checks) return undefined;` },
  {
    name: "writes and deletes files outside",
    body: `require("node:fs").writeFileSync(${JSON.stringify(WRITTEN)}, "x");\n  require("node:fs").rmSync(${JSON.stringify(VICTIM)});`,
  },
  { name: "reads the grader's environment", body: `if (process.env.HOSTILE_TEST_SECRET !== ${JSON.stringify(SECRET)}) throw new Error("no secret in " + JSON.stringify(process.env));` },
  {
    name: "leaves a detached process behind",
    body: `require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", ${JSON.stringify(MARKER)}], { detached: true, stdio: "ignore" }).unref();\n  return undefined;`,
  },
  {
    name: "starts a grandchild that eats memory",
    body: `require("node:child_process").spawn(process.execPath, ["-e", "const kept = []; for (;;) kept.push(Buffer.alloc(32 * 1024 * 1024, 1));", ${JSON.stringify(MARKER)}], { stdio: "ignore" });\n  while (true) {}`,
  },
  {
    name: "forks as many processes as it can",
    body: `for (let i = 0; i < 2000; i++) {\n    try { require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", ${JSON.stringify(MARKER)}], { detached: true, stdio: "ignore" }).on("error", () => undefined); } catch {}\n  }\n  while (true) {}`,
  },
  {
    name: "kills the grader's process",
    body: `for (const pid of [${process.pid}, process.ppid, -1]) { try { process.kill(pid, "SIGKILL"); } catch {} }\n  return undefined;`,
  },
  { name: "overflows the stack", body: "const down = (n: number): number => down(n + 1) + 1;\n  return down(0);" },
];

/** The loopback attack needs the server's port, known once it listens. */
function loopbackAttack(port: number): Attack {
  return {
    name: "connects to a server on the loopback address",
    async: true,
    body: `await new Promise((resolve, reject) => {\n    const socket = require("node:net").connect(${port}, "127.0.0.1", () => resolve(socket));\n    socket.on("error", reject);\n  });`,
  };
}

function cell(id: Exclude<ToyExercise, "tiny-model">, attack: Attack): string {
  const { head, answer } = EXERCISES[id];
  const asyncHead = attack.async ? `async ${head.replace(/: (\w+)$/, ": Promise<$1>")}` : head;
  return `${asyncHead} {\n  ${attack.body}\n  return ${answer};\n}`;
}

/** A fresh learner notebook (every exercise a stub) with up to three attacks in its exercise cells. */
function hostileNotebook(attacks: readonly Attack[]): Notebook {
  const ids = Object.keys(EXERCISES) as Array<Exclude<ToyExercise, "tiny-model">>;
  return attacks.reduce((notebook, attack, i) => withExerciseSource(notebook, ids[i], cell(ids[i], attack)), toLearnerNotebook(toySolution(), "toy"));
}

/** Processes anywhere on the machine whose command line carries the marker (started by an attack). */
function markedProcesses(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, "utf8").includes(MARKER);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const FOLDER = temporaryFolder("grade-hostile-");
let catalog: Catalog;
let server: net.Server;
let connections = 0;
const reports: Array<{ attacks: Attack[]; report: NotebookReport }> = [];

beforeAll(async () => {
  const solutions = temporaryFolder("grade-hostile-solutions-");
  writeNotebook(solutions, "90-toy.ipynb", toySolution());
  catalog = loadCatalog({ solutions, checks: TOY_CHECKS_DIR });
  writeFileSync(VICTIM, "keep me");
  process.env.HOSTILE_TEST_SECRET = SECRET;
  server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(() => {
  server?.close();
  delete process.env.HOSTILE_TEST_SECRET;
});

describe("hostile notebooks", () => {
  it("score 0 on every attacked exercise, as a batch that completes", async () => {
    const port = (server.address() as net.AddressInfo).port;
    const attacks = [...ATTACKS, loopbackAttack(port)];
    const batches: Attack[][] = [];
    for (let i = 0; i < attacks.length; i += 3) batches.push(attacks.slice(i, i + 3));
    for (const [index, batch] of batches.entries()) {
      const file = writeNotebook(FOLDER, `hostile-${index}.ipynb`, hostileNotebook(batch));
      reports.push({ attacks: batch, report: await gradeNotebook(file, catalog, { limits: LIMITS, jobs: 2 }) });
    }
    expect(reports).toHaveLength(batches.length);
    const scored = reports.flatMap(({ attacks: batch, report }) =>
      batch.map((attack, i) => {
        const exercise = report.exercises[i];
        return { attack: attack.name, id: exercise?.id, status: exercise?.status, points: exercise?.points, message: exercise?.message };
      }),
    );
    for (const outcome of scored) {
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: expect.stringMatching(/^(failed|error)$/), points: 0 });
    }
    // The attacks that could only be stopped by the grader's limits say so.
    const message = (name: string): string => scored.find((s) => s.attack === name)?.message ?? "";
    expect(message('says "ready" again to restart the time limit')).toMatch(/"ready" twice/);
    expect(message("sends a 5 MB line")).toMatch(/longer than/);
    expect(message("starts a grandchild that eats memory")).toMatch(/memory|stopped after/);
    expect(message("reads the hidden checks")).toMatch(/ENOENT/);
    expect(message("reads the grader's environment")).toMatch(/no secret/);
  }, 900_000);

  it("leave no trace: no file outside, no connection, no process, the grader alive", async () => {
    expect(reports.length).toBeGreaterThan(0);
    expect(existsSync(WRITTEN)).toBe(false);
    expect(readFileSync(VICTIM, "utf8")).toBe("keep me");
    expect(connections).toBe(0);
    // Killed processes may linger as zombies for a moment until they are reaped.
    let survivors = markedProcesses();
    for (let waited = 0; survivors.length > 0 && waited < 5000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      survivors = markedProcesses();
    }
    expect(survivors).toEqual([]);
  }, 60_000);

  it("grade a notebook holding a type-level bomb as errors within the TypeScript step's limit, and the next notebook normally", async () => {
    const bomb = [
      "type Perm<T extends string, U extends string = T> = [T] extends [never] ? [] : T extends any ? [T, ...Perm<Exclude<U, T>>] : never;",
      'const everyOrder: Perm<"a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i"> = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];',
      "function double(x: number): number {\n  return 2 * x + everyOrder.length;\n}",
    ].join("\n");
    const compileLimits = { timeoutMs: 20_000, memoryMb: 1024 };
    const started = performance.now();
    const bombed = await gradeNotebook(writeNotebook(FOLDER, "bomb.ipynb", withExerciseSource(toySolution(), "double", bomb)), catalog, { limits: LIMITS, compileLimits });
    expect((performance.now() - started) / 1000).toBeLessThan(60);
    expect(bombed.points).toBe(0);
    for (const exercise of bombed.exercises) expect(exercise.message).toMatch(/^TypeScript's check of this notebook's exercise cells (did not finish within 20 s|ran out of memory)/);
    const next = await gradeNotebook(writeNotebook(FOLDER, "after-bomb.ipynb", toySolution()), catalog, { limits: LIMITS, jobs: 2 });
    expect(next.points).toBe(next.maxPoints);
  }, 300_000);

  it("refuse a model too large to rebuild in the grader's worker as an error", async () => {
    // Not a model at all: an object that looks like one to the sandbox's encoder, describing far more weights than memory holds.
    const layers = Array.from({ length: 60 }, (_, i) => ({ class_name: "Dense", config: { units: 4000, name: `d${i}`, ...(i === 0 ? { batch_input_shape: [null, 4000] } : {}) } }));
    const fake = [
      "function buildClassifier(inputSize: number): any {",
      `  const topology = ${JSON.stringify({ class_name: "Sequential", config: { name: "bomb", layers } })};`,
      "  return { layers: [], summary() {}, toJSON() { return topology; } };",
      "}",
    ].join("\n");
    const report = await gradeNotebook(writeNotebook(FOLDER, "model-bomb.ipynb", withExerciseSource(toySolution(), "tiny-model", fake)), catalog, { limits: LIMITS, jobs: 2 });
    const model = report.exercises.find((e) => e.id === "tiny-model");
    expect(model).toMatchObject({ status: "error", points: 0, message: expect.stringMatching(/too large|took more than/) });
  }, 300_000);
});
