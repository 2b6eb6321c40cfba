/**
 * The course as a learner meets it: notebooks/ in step with solutions/, the
 * notebook runner, the open command, and a strict type check of lib/ and test/.
 */
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatNotebook, toLearnerNotebook, type Notebook } from "../scripts/learner-notebook";
import { describeProcesses, descendantsOf, killSurvivors, runLeavingNothingBehind, survivorsAfter, watchProcessTree } from "./process-tree";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
/** Node's arguments in `npm start`. */
const ARTIFACTS = path.resolve(__dirname, "artifacts");
const START_ARGS = ["--import", "tsx", "scripts/open-course.ts"];

/** Runs one of scripts/ to its end; a process it leaves running (a Jupyter kernel, say) fails the test. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return runLeavingNothingBehind(process.execPath, [TSX, path.join(ROOT, "scripts", script), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
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

/** Rejects after `ms`, so that a test stuck waiting still reaches its `finally` and kills what it started. */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`waited ${ms / 1000} s for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
  it("keeps notebooks/ generated from solutions/", async () => {
    const { status, output } = await runScript("build-notebooks.ts", ["--check"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  }, 60_000);

  it("type-checks lib/, test/ and scripts/ in strict mode", () => {
    const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", ROOT], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("runs the setup notebook with the project's tslab kernel and numbers its cells", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "nb-out-"));
    const { status, output } = await runScript("run-notebooks.ts", ["--out", out, path.join(ROOT, "solutions", "00-setup.ipynb")]);
    expect(output).toContain("OK");
    expect(status).toBe(0);
    const executed = JSON.parse(readFileSync(path.join(out, "00-setup.ipynb"), "utf8"));
    const code = executed.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    expect(code.map((c: { execution_count: number }) => c.execution_count)).toEqual(code.map((_: unknown, i: number) => i + 1));
    const text = JSON.stringify(code.flatMap((c: { outputs: unknown[] }) => c.outputs));
    expect(text).toMatch(/backend: (tensorflow|wasm|cpu)/);
    expect(text).toContain("[ [ 19, 22 ], [ 43, 50 ] ]");
  }, 120_000);

  it("names the cell and the message when a notebook has a type error or throws", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "nb-bad-"));
    const typeError = writeNotebook(dir, "type-error.ipynb", ["const ok = 1;", 'const n: number = "text";', "console.log('unreached');"]);
    const thrown = writeNotebook(dir, "thrown.ipynb", ['throw new Error("the data folder is empty");']);
    const { status, output } = await runScript("run-notebooks.ts", ["--out", path.join(dir, "out"), typeError, thrown]);
    expect(status).toBe(1);
    expect(output).toMatch(/FAIL .*type-error\.ipynb: cell \[2\]/);
    expect(output).toContain("Type 'string' is not assignable to type 'number'");
    expect(output).toMatch(/FAIL .*thrown\.ipynb: cell \[1\]/);
    expect(output).toContain("the data folder is empty");
  }, 120_000);

  it("runs a learner's copy: exercise checks must report their exercise as not solved yet, other cells must pass", async () => {
    // Inside the project, so that the notebook's kernel resolves "imdb-course" for check().
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = mkdtempSync(path.join(ARTIFACTS, "nb-learner-"));
    const solution = notebookOf(
      [
        'import { check } from "imdb-course";\nconst a = 1;',
        "function double(x: number): number {\n  // BEGIN SOLUTION\n  return 2 * x;\n  // END SOLUTION\n}",
        'await check("double", () => {\n  if (double(2) !== 4) throw new Error("double(2) should be 4");\n});',
        "console.log(a + 1);",
      ],
      [{}, { nbgrader: { grade_id: "double", solution: true } }, { nbgrader: { grade_id: "double-check", grade: true } }],
    );
    const learnerCopy = writeNotebook(dir, "learner.ipynb", toLearnerNotebook(solution, "solution"));
    const solved = writeNotebook(dir, "solved.ipynb", solution);
    const { status, output } = await runScript("run-notebooks.ts", ["--learner", "--out", path.join(dir, "out"), learnerCopy, solved]);
    rmSync(dir, { recursive: true, force: true });
    expect(output).toMatch(/OK .*learner\.ipynb/);
    expect(output).toMatch(/FAIL .*solved\.ipynb: cell \[3\][\s\S]*did not report its exercise as not solved yet/);
    expect(status).toBe(1);
  }, 120_000);

  it("says how to install Jupyter when it is missing, instead of a stack trace", async () => {
    const { status, output } = await runScript("open-course.ts", [], { COURSE_PYTHON: "/nonexistent/python3" });
    expect(status).toBe(1);
    expect(output).toContain("Jupyter is not installed");
    expect(output).toContain("pip install jupyterlab");
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("starts the launcher as one Node process, so the launcher itself receives the signals that stop `npm start`", () => {
    // tsx's own CLI would put a second Node process in between, which relays SIGINT and SIGTERM but dies on SIGHUP.
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${START_ARGS.join(" ")}`);
  });

  // The launcher gets each signal itself; npm passes SIGTERM to the `sh -c` it runs the script in, which dies and
  // orphans the launcher. (npm passes SIGINT to that shell too, but sh ignores it while it waits for a command, so a
  // SIGINT to npm's PID alone stops nothing; Ctrl-C at a terminal signals every process of the group.)
  const stopCases = [
    { via: "the launcher", signal: "SIGTERM" },
    { via: "the launcher", signal: "SIGINT" },
    { via: "the launcher", signal: "SIGHUP" },
    { via: "npm start", signal: "SIGTERM" },
  ] as const;
  it.each(stopCases)("opens Jupyter with the tslab kernel registered; $signal to $via stops Jupyter and its kernel", async ({ via, signal }) => {
    const port = await freePort();
    const jupyterArgs = ["--no-browser", `--port=${port}`, "--ip=127.0.0.1"];
    const launcher = via === "npm start"
      ? spawn("npm", ["start", "--silent", "--", ...jupyterArgs], { cwd: ROOT })
      : spawn(process.execPath, [...START_ARGS, ...jupyterArgs], { cwd: ROOT });
    const watcher = watchProcessTree(launcher.pid!);
    try {
      const { base, token } = await within(120_000, "Jupyter to serve", new Promise<{ base: string; token: string }>((resolve, reject) => {
        let log = "";
        const onData = (chunk: Buffer) => {
          log += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/)\S*\?token=([0-9a-f]+)/.exec(log);
          if (match) resolve({ base: match[1], token: match[2] });
        };
        launcher.stdout.on("data", onData);
        launcher.stderr.on("data", onData);
        launcher.on("exit", () => reject(new Error(`Jupyter exited before serving:\n${log}`)));
      }));
      const headers = { Authorization: `token ${token}` };
      const specs = (await (await fetch(`${base}api/kernelspecs`, { headers })).json()) as { kernelspecs: Record<string, { spec: { argv: string[] } }> };
      expect(specs.kernelspecs.tslab.spec.argv.join(" ")).toContain(path.join(ROOT, "node_modules", "tslab"));

      const started = await fetch(`${base}api/kernels`, { method: "POST", headers, body: JSON.stringify({ name: "tslab" }) });
      expect(started.status).toBe(201);
      const isKernel = (command: string) => command.includes(path.join("node_modules", "tslab")) && command.includes("kernel");
      const deadline = Date.now() + 30_000;
      while (!descendantsOf(launcher.pid!).some((p) => isKernel(p.command)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(descendantsOf(launcher.pid!).some((p) => isKernel(p.command)), "the tslab kernel process below the launcher").toBe(true);

      const exited = once(launcher, "exit");
      launcher.kill(signal);
      const [code] = await within(30_000, `the launcher to exit after ${signal}`, exited);
      // npm reports the signal it was stopped by; the launcher exits as Jupyter did.
      if (via === "the launcher") expect(code).toBe(0);
      const survivors = await survivorsAfter(watcher.stop(), 30_000);
      expect(survivors, `still running after ${signal}:\n${describeProcesses(survivors)}`).toEqual([]);
    } finally {
      launcher.kill("SIGKILL");
      killSurvivors(watcher.stop());
    }
  }, 240_000);
});
