/**
 * The course as a learner meets it: notebooks/ in step with solutions/, the
 * notebook runner, the open command, and a strict type check of lib/ and test/.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatNotebook, toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function notebookOf(sources: string[], metadata: Record<string, unknown>[] = []): Notebook {
  const cells = sources.map((source, i) => ({ cell_type: "code" as const, id: `c${i}`, metadata: metadata[i] ?? {}, source, outputs: [], execution_count: null }));
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "tslab" } }, cells };
}

function writeNotebook(dir: string, name: string, sources: string[] | Notebook): string {
  const file = path.join(dir, name);
  writeFileSync(file, formatNotebook(Array.isArray(sources) ? notebookOf(sources) : sources));
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("course setup", () => {
  it("keeps notebooks/ generated from solutions/", () => {
    const { status, output } = runScript("build-notebooks.ts", ["--check"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("type-checks lib/, test/ and scripts/ in strict mode", () => {
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", ROOT], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("runs the setup notebook with the project's tslab kernel and numbers its cells", () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "nb-out-"));
    const { status, output } = runScript("run-notebooks.ts", ["--out", out, path.join(ROOT, "solutions", "00-setup.ipynb")]);
    expect(output).toContain("OK");
    expect(status).toBe(0);
    const executed = JSON.parse(readFileSync(path.join(out, "00-setup.ipynb"), "utf8"));
    const code = executed.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    expect(code.map((c: { execution_count: number }) => c.execution_count)).toEqual(code.map((_: unknown, i: number) => i + 1));
    const text = JSON.stringify(code.flatMap((c: { outputs: unknown[] }) => c.outputs));
    expect(text).toMatch(/backend: (tensorflow|wasm|cpu)/);
    expect(text).toContain("[ [ 19, 22 ], [ 43, 50 ] ]");
  }, 120_000);

  it("names the cell and the message when a notebook has a type error or throws", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nb-bad-"));
    const typeError = writeNotebook(dir, "type-error.ipynb", ["const ok = 1;", 'const n: number = "text";', "console.log('unreached');"]);
    const thrown = writeNotebook(dir, "thrown.ipynb", ['throw new Error("the data folder is empty");']);
    const { status, output } = runScript("run-notebooks.ts", ["--out", path.join(dir, "out"), typeError, thrown]);
    expect(status).toBe(1);
    expect(output).toMatch(/FAIL .*type-error\.ipynb: cell \[2\]/);
    expect(output).toContain("Type 'string' is not assignable to type 'number'");
    expect(output).toMatch(/FAIL .*thrown\.ipynb: cell \[1\]/);
    expect(output).toContain("the data folder is empty");
  }, 120_000);

  it("runs a learner's copy: exercise checks must fail with the stub message, other cells must pass", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nb-learner-"));
    const solution = notebookOf(
      ["const a = 1;", "function double(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}", "console.log(double(2));", "console.log(a + 1);"],
      [{}, { nbgrader: { grade_id: "double", solution: true } }, { nbgrader: { grade_id: "double-check", grade: true } }],
    );
    const learnerCopy = writeNotebook(dir, "learner.ipynb", toLearnerNotebook(solution, "solution"));
    const solved = writeNotebook(dir, "solved.ipynb", solution);
    const { status, output } = runScript("run-notebooks.ts", ["--learner", "--out", path.join(dir, "out"), learnerCopy, solved]);
    expect(output).toMatch(/OK .*learner\.ipynb/);
    expect(output).toMatch(/FAIL .*solved\.ipynb: cell \[3\][\s\S]*not stubbed/);
    expect(status).toBe(1);
  }, 120_000);

  it("says how to install Jupyter when it is missing, instead of a stack trace", () => {
    const { status, output } = runScript("open-course.ts", [], { COURSE_PYTHON: "/nonexistent/python3" });
    expect(status).toBe(1);
    expect(output).toContain("Jupyter is not installed");
    expect(output).toContain("pip install jupyterlab");
    expect(output).not.toMatch(/\n\s+at /);
  });

  it("opens Jupyter with the tslab kernel registered", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [TSX, path.join(ROOT, "scripts", "open-course.ts"), "--no-browser", `--port=${port}`, "--ip=127.0.0.1"], { cwd: ROOT });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let log = "";
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/)\S*\?token=([0-9a-f]+)/.exec(log);
          if (match) resolve(`${match[1]}api/kernelspecs?token=${match[2]}`);
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.on("exit", () => reject(new Error(`Jupyter exited before serving:\n${log}`)));
      });
      const specs = (await (await fetch(url)).json()) as { kernelspecs: Record<string, { spec: { argv: string[] } }> };
      expect(specs.kernelspecs.tslab.spec.argv.join(" ")).toContain(path.join(ROOT, "node_modules", "tslab"));
    } finally {
      child.kill("SIGINT");
      child.kill("SIGTERM");
    }
  }, 60_000);
});
