import { spawnSync } from "node:child_process";
import assert from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { notSolvedMessage } from "../lib/display/exercises";
import { learnerErrorText } from "../lib/display/kernel-errors";

const ROOT = path.resolve(__dirname, "..");

function errorWithStack(error: Error, frames: string[]): Error {
  error.stack = [`evalmachine.<anonymous>:31`, `    throw new Error("…");`, `    ^`, "", `${error.name}: ${error.message}`, ...frames].join("\n");
  return error;
}

const KERNEL_FRAMES = [
  "    at evalmachine.<anonymous>:5:22",
  "    at sigintHandlersWrap (node:vm:280:12)",
  "    at Script.runInThisContext (node:vm:135:14)",
  "    at Object.execute (/course/node_modules/tslab/dist/executor.js:160:38)",
  "    at async JupyterHandlerImpl.handleExecute (/course/node_modules/tslab/dist/jupyter.js:208:21)",
  "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
];

describe("learnerErrorText", () => {
  it("shows an unsolved exercise's stub as its message alone", () => {
    const stub = errorWithStack(new Error(notSolvedMessage("l6-count-unknown-words")), ["    at countUnknownWords (evalmachine.<anonymous>:4:11)", ...KERNEL_FRAMES]);
    expect(learnerErrorText(stub)).toBe('Error: Exercise "l6-count-unknown-words" is not implemented yet: replace this line with your code.');
  });

  it("keeps the frames of the learner's functions and the library, drops the kernel's and Node's source excerpt", () => {
    const error = errorWithStack(new RangeError("maxlen must be positive"), ["    at padSequences (/course/lib/dist/sequences.js:40:11)", "    at pad (evalmachine.<anonymous>:3:9)", ...KERNEL_FRAMES]);
    expect(learnerErrorText(error)).toBe("RangeError: maxlen must be positive\n    at padSequences (/course/lib/dist/sequences.js:40:11)\n    at pad (evalmachine.<anonymous>:3:9)");
  });

  it("gives an assertion's message without Node's actual/expected diff", () => {
    let text = "";
    try {
      assert.strictEqual(1 + 1, 3, "one plus one should be 3");
    } catch (error) {
      if (error instanceof Error) text = learnerErrorText(error);
    }
    expect(text.split("\n")[0]).toBe("AssertionError: one plus one should be 3");
  });
});

describe("errors in a running kernel", () => {
  const dir = mkdtempSync(path.join(ROOT, "test", "artifacts", "kernel-errors-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("show a stub called from a cell in one line, and a failed assertion in one line", () => {
    const cells = [
      `import { check } from "imdb-course";\nimport * as assert from "assert";\nfunction decodeByHand(): string {\n  throw new Error(${JSON.stringify(notSolvedMessage("l1-decode-by-hand"))});\n}`,
      "function first() { return decodeByHand(); }\nfirst();",
      'assert.strictEqual(1 + 1, 3, "one plus one should be 3");',
    ];
    const files = [1, 2].map((i) => {
      const file = path.join(dir, `error-${i}.ipynb`);
      const notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cells[0], cells[i]].map((source, n) => ({ cell_type: "code", id: `c${n}`, metadata: {}, source, outputs: [], execution_count: null })) };
      writeFileSync(file, JSON.stringify(notebook));
      return file;
    });
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "run-notebooks.ts"), ...files], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const shown = files.map((file) => JSON.parse(readFileSync(file, "utf8")).cells[1].outputs.map((o: { text: string | string[] }) => [o.text].flat().join("")).join(""));
    expect(shown).toEqual(['Error: Exercise "l1-decode-by-hand" is not implemented yet: replace this line with your code.\n', "AssertionError: one plus one should be 3\n"]);
  }, 180_000);
});
